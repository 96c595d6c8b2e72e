#!/usr/bin/env python3
"""Prints ConvBenchmark (JMH sample mode, -rf json) beside bench/torch_conv.py --json: per shape and benchmark the
minimum and median microseconds of each, and PyTorch / jfastai (above 1: jfastai is faster).

Usage: /usr/bin/python3 bench/conv_table.py JMH.json TORCH.jsonl
"""
import json
import sys


def main():
    jmh, torch_lines = sys.argv[1], sys.argv[2]
    ours = {}
    for r in json.load(open(jmh)):
        name = r['benchmark'].rsplit('.', 1)[1]
        pct = r['primaryMetric']['scorePercentiles']
        ours[(r['params']['shape'], name)] = (pct['0.0'], pct['50.0'])
    best_torch = {}
    for line in open(torch_lines):
        if line.startswith('#'):
            continue
        t = json.loads(line)
        key = (t['shape'], t['benchmark'])
        cur = best_torch.get(key)
        if cur is None or t['min_us'] < cur[0]:
            best_torch[key] = (t['min_us'], t['median_us'], t['threads'])
    print(f"{'shape':13s} {'benchmark':16s} {'jfastai min':>11s} {'median':>9s} {'torch min':>10s} {'median':>9s} "
          f"{'thr':>3s} {'ratio min':>9s} {'ratio med':>9s}")
    for key, (jmin, jmed) in ours.items():
        if key not in best_torch:
            continue
        tmin, tmed, thr = best_torch[key]
        print(f"{key[0]:13s} {key[1]:16s} {jmin:11.0f} {jmed:9.0f} {tmin:10.0f} {tmed:9.0f} {thr:3d} "
              f"{tmin / jmin:9.2f} {tmed / jmed:9.2f}")


if __name__ == '__main__':
    main()
