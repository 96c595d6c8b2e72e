#!/usr/bin/env python3
"""PyTorch twin of MlpStepBenchmark: one training step of Linear(784,h)-ReLU-Linear(h,10), cross entropy, SGD
step and zero_grad, for the same (batch, hidden) sizes. Prints a table of ms per step (1 and 2 threads), or with
--json one JSON line per size and thread count.

Usage: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/torch_mlp_step.py [--threads 1 2]
       [--seconds 1.0] [--sizes 64x30 ...] [--json]
(unset those two so OpenBLAS picks its AVX-512 kernels; see bench/README.md).
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn
from torch.nn import functional as F

from torch_matmul import set_threads

SIZES = [(64, 30), (256, 30), (256, 256), (1024, 1024), (4096, 1024), (256, 4096)]


def step_fn(batch, hidden):
    g = torch.Generator().manual_seed(0)
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(28 * 28, hidden), nn.ReLU(), nn.Linear(hidden, 10))
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    x = torch.rand(batch, 28 * 28, generator=g)
    y = torch.arange(batch) % 10

    def step():
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
        return loss

    return step


def time_step(step, seconds):
    for _ in range(3):
        step()
    samples, deadline = [], time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(samples) < 5:
        t0 = time.perf_counter()
        step()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--seconds", type=float, default=1.0)
    ap.add_argument("--sizes", nargs="+", metavar="BATCHxHIDDEN", help="a subset of the sizes (default: all)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    sizes = [tuple(map(int, s.split("x"))) for s in args.sizes] if args.sizes else SIZES
    rows = {}
    for threads in args.threads:
        set_threads(threads)
        for batch, hidden in sizes:
            ms = 1000 * time_step(step_fn(batch, hidden), args.seconds)
            rows[(batch, hidden, threads)] = ms
            if args.json:
                print(json.dumps({"batch": batch, "hidden": hidden, "threads": threads, "ms": round(ms, 4)}),
                      flush=True)
    if not args.json:
        print("batch  hidden  " + "  ".join(f"{t} thr ms" for t in args.threads))
        for batch, hidden in sizes:
            print(f"{batch:5d}  {hidden:6d}  " + "  ".join(f"{rows[(batch, hidden, t)]:8.3f}" for t in args.threads))


if __name__ == "__main__":
    main()
