#!/usr/bin/env python3
"""Prints ms and GFLOP/s per shape from a JMH JSON result (-rf json) beside bench/torch_matmul.py --json lines.

Usage: /usr/bin/python3 bench/gemm_table.py JMH.json [TORCH.jsonl]
"""
import json
import sys

# JMH @Param name -> torch_matmul.py shape name and (m, n, k).
SHAPES = {
    "FWD_X_WT": ("fwd_x_wT", (256, 30, 784)),
    "BWD_DX_NN": ("bwd_dX_NN", (256, 784, 30)),
    "BWD_DW_TN": ("bwd_dW_TN", (30, 784, 256)),
    "SQUARE_1024": ("square_1024", (1024, 1024, 1024)),
}
STEPS = {"trainStep": "train_step", "validate": "validate"}


def main():
    jmh = json.load(open(sys.argv[1]))
    torch = {}
    if len(sys.argv) > 2:
        for line in open(sys.argv[2]):
            if line.startswith("{"):
                r = json.loads(line)
                torch[(r["shape"], r["threads"])] = r["ms"]
    print(f"{'benchmark':34s} {'shape':12s} {'ms':>9s} {'GFLOP/s':>8s} {'torch 1t ms':>11s} {'torch 2t ms':>11s}"
          f" {'vs 1t':>6s} {'vs 2t':>6s}")
    for r in jmh:
        name = r["benchmark"].rsplit(".", 2)
        bench = ".".join(name[-2:])
        ms = r["primaryMetric"]["score"] / 1000.0  # benchmarks report us/op
        shape = r.get("params", {}).get("shape")
        if shape in SHAPES:
            torch_name, (m, n, k) = SHAPES[shape]
            gflops = f"{2.0 * m * n * k / ms / 1e6:8.1f}"
        else:
            torch_name, gflops, shape = STEPS.get(name[-1]), f"{'':8s}", name[-1]
        t1, t2 = torch.get((torch_name, 1)), torch.get((torch_name, 2))
        ratio = lambda t: f"{t / ms:6.2f}" if t else f"{'':6s}"  # >1: jfastai faster
        fmt = lambda t: f"{t:11.4f}" if t else f"{'':11s}"
        print(f"{bench:34s} {shape:12s} {ms:9.4f} {gflops} {fmt(t1)} {fmt(t2)} {ratio(t1)} {ratio(t2)}")
    print("vs = PyTorch time / jfastai time (above 1: jfastai is faster)")


if __name__ == "__main__":
    main()
