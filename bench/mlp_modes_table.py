#!/usr/bin/env python3
"""Prints bench/compare-mlp-modes.sh's runs as one table per host mode: per size the median ms of jfastai and of
PyTorch's faster thread count, and PyTorch / jfastai. A run counts for a mode when the core-to-core round trip
before and after it agree (compare_table.host_mode). Usage: mlp_modes_table.py RUNS.jsonl"""
import collections
import json
import statistics
import sys

from compare_table import host_mode


def main(path):
    runs = [json.loads(line) for line in open(path)]
    sizes = list(dict.fromkeys(r["size"] for r in runs))
    for mode in ("near", "far"):
        ms = collections.defaultdict(list)
        for r in runs:
            if host_mode(r) == mode:
                ms[(r["size"], r["impl"])].append(r["ms"])
        if not ms:
            continue
        print(f"{mode} mode (runs per cell in brackets)")
        print(f"{'size':>10} {'jfastai ms':>14} {'PyTorch ms':>16} {'PyTorch/jfastai':>16}")
        for size in sizes:
            j = ms.get((size, "jfastai"))
            torch = [(statistics.median(ms[(size, f"pytorch-{t}")]), t, len(ms[(size, f"pytorch-{t}")]))
                     for t in (1, 2) if ms.get((size, f"pytorch-{t}"))]
            jc = f"{statistics.median(j):9.3f} ({len(j)})" if j else f"{'-':>14}"
            if torch:
                t, thr, n = min(torch)
                tc = f"{t:9.3f} {thr}t ({n})"
            else:
                tc = f"{'-':>16}"
            ratio = f"{min(torch)[0] / statistics.median(j):15.2f}x" if j and torch else f"{'-':>16}"
            print(f"{size:>10} {jc:>14} {tc:>16} {ratio}")
    switched = sum(host_mode(r) in ("switched", "unknown") for r in runs)
    print(f"({switched} of {len(runs)} runs saw the mode switch and count for neither)")


if __name__ == "__main__":
    main(sys.argv[1])
