#!/usr/bin/env python3
"""Prints the medians of the runs compare-lib.sh's `round` made: jfastai with the JVM's defaults and with the
launcher options beside PyTorch's faster thread count (by median train_s), with PyTorch / jfastai for each (above 1:
jfastai is faster, or smaller); then the same medians per host mode, from the core-to-core round trip measured
around each run (bench/README.md, "Two host modes"). Usage: compare_table.py OUT ROUNDS THREADS FIELD..."""
import json
import statistics
import sys

# Round trips below this (ns) mean the two vCPUs shared a cache; ~70 and ~330 ns were the two modes measured.
NEAR_NS = 200


def host_mode(run):
    """near or far when the round trip before and after the run agree, else switched (or unknown)."""
    trips = run.get("c2c_ns")
    if not trips:
        return "unknown"
    if max(trips) < NEAR_NS:
        return "near"
    return "far" if min(trips) >= NEAR_NS else "switched"


def print_by_mode(runs, best, fields):
    names = ("jfastai-default", "jfastai-launcher", best)
    counts = "; ".join(f"{n} " + ", ".join(f"{m} {sum(host_mode(r) == m for r in runs[n])}"
                                           for m in ("near", "far", "switched")) for n in names)
    print(f"host mode (core-to-core round trip before and after each run, near: both < {NEAR_NS} ns): {counts}")
    for mode in ("near", "far"):
        of_mode = {n: [r for r in runs[n] if host_mode(r) == mode] for n in names}
        if not any(of_mode.values()):
            continue
        print(f"  {mode} runs only (medians; '-' where a program had none):")
        for field in fields:
            values = [statistics.median(r[field] for r in of_mode[n])
                      if of_mode[n] and all(field in r for r in of_mode[n]) else None for n in names]
            t = values[2]
            cells = [f"{v:12.3f}" if v is not None else f"{'-':>12}" for v in values]
            ratios = [f"{t / v:11.2f}x" if t is not None and v else f"{'-':>12}" for v in values[:2]]
            print(f"  {field:<20}" + "".join(cells) + "".join(ratios))


def main(out, rounds, threads, fields):
    names = ("jfastai-default", "jfastai-launcher", "pytorch-1", "pytorch-2")
    runs = {n: [json.loads(line) for line in open(f"{out}/{n}.jsonl")] for n in names}

    def median(name, field):
        values = [r[field] for r in runs[name] if field in r]
        return statistics.median(values) if values else None

    best = min(("pytorch-1", "pytorch-2"), key=lambda n: median(n, "train_s"))
    print(f"{rounds} alternating rounds; jfastai {threads} threads; PyTorch's best: {best}; medians")
    print(f"{'figure':<22}{'default JVM':>12}{'launcher':>12}{'PyTorch':>12}{'ratio dflt':>12}{'ratio lnch':>12}")
    for field in fields:
        d, l, t = median("jfastai-default", field), median("jfastai-launcher", field), median(best, field)
        cells = [f"{v:12.3f}" if v is not None else f"{'-':>12}" for v in (d, l, t)]
        ratios = [f"{t / v:11.2f}x" if t is not None and v else f"{'-':>12}" for v in (d, l)]
        print(f"{field:<22}" + "".join(cells) + "".join(ratios))
    pairs = zip(runs["jfastai-default"], runs[best])
    each = sorted(t["train_s"] / j["train_s"] for j, t in pairs)
    print(f"{'  each round':<22}" + " ".join(f"{r:.2f}x" for r in each) + "  (train_s, PyTorch / default JVM)")
    print(f"{'final_acc':<22}" + "".join(f"{runs[n][-1]['final_acc']:>12}"
                                         for n in ("jfastai-default", "jfastai-launcher", best)))
    print_by_mode(runs, best, fields)
    print("impl: " + runs["jfastai-default"][-1]["impl"] + " vs " + runs[best][-1].get("impl", "pytorch"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
