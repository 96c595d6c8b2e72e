#!/usr/bin/env python3
"""Prints MlpStepBenchmark (JMH JSON) beside bench/torch_mlp_step.py --json: ms per step and PyTorch / jfastai,
PyTorch taking the faster of its thread counts for each size. Usage: mlp_table.py JMH.json TORCH.jsonl"""
import json
import sys


def main(jmh_path, torch_path):
    jfastai = {}
    for r in json.load(open(jmh_path)):
        if r["benchmark"].endswith("MlpStepBenchmark.trainStep"):
            batch, hidden = map(int, r["params"]["size"].split("x"))
            jfastai[(batch, hidden)] = r["primaryMetric"]["score"]  # ms/op
    torch_best = {}
    for line in open(torch_path):
        r = json.loads(line)
        key = (r["batch"], r["hidden"])
        if key not in torch_best or r["ms"] < torch_best[key][0]:
            torch_best[key] = (r["ms"], r["threads"])
    print(f"{'batch':>5} {'hidden':>6} {'jfastai ms':>11} {'PyTorch ms':>11} {'(thr)':>5} {'PyTorch/jfastai':>16}")
    for key in sorted(jfastai, key=lambda k: (k[0] * k[1], k)):
        j = jfastai[key]
        t, thr = torch_best.get(key, (float("nan"), 0))
        print(f"{key[0]:5d} {key[1]:6d} {j:11.3f} {t:11.3f} {thr:5d} {t / j:15.2f}x")


if __name__ == "__main__":
    main(*sys.argv[1:3])
