#!/usr/bin/env python3
"""Times PyTorch on the jfastai JMH benchmarks' work (GemmBenchmark shapes, TrainingStepBenchmark's step),
so ratios come from one machine.

Usage: /usr/bin/python3 bench/torch_matmul.py [--threads 1 2] [--seconds 1.0] [--json]
Each figure is the median over repeated timed batches after a warm-up, per single call.
"""
import argparse
import ctypes
import ctypes.util
import json
import statistics
import time

import torch

# name, op, (m, n, k): FLOPs = 2*m*n*k; operands laid out like the jfastai call that the name describes.
SHAPES = [
    ("fwd_x_wT", lambda a, b: a @ b.t(), (256, 30, 784), lambda g: (torch.randn(256, 784, generator=g), torch.randn(30, 784, generator=g))),
    ("bwd_dX_NN", lambda a, b: a @ b, (256, 784, 30), lambda g: (torch.randn(256, 30, generator=g), torch.randn(30, 784, generator=g))),
    ("bwd_dW_TN", lambda a, b: a.t() @ b, (30, 784, 256), lambda g: (torch.randn(256, 30, generator=g), torch.randn(256, 784, generator=g))),
    ("square_1024", lambda a, b: a @ b, (1024, 1024, 1024), lambda g: (torch.randn(1024, 1024, generator=g), torch.randn(1024, 1024, generator=g))),
]


def chapter_step_fns(g):
    """The chapter's training step and validation forward on one batch of 256, as TrainingStepBenchmark."""
    from torch import nn
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(28 * 28, 30), nn.ReLU(), nn.Linear(30, 1))
    x = torch.rand(256, 28 * 28, generator=g)
    y = (torch.rand(256, 1, generator=g) > 0.5).float()
    params = list(net.parameters())

    def train_step(_a, _b):
        pred = net(x).sigmoid()
        loss = torch.where(y == 1, 1 - pred, pred).mean()
        loss.backward()
        for p in params:
            p.data -= p.grad.data * 0.1
            p.grad = None
        return loss

    def validate(_a, _b):
        with torch.no_grad():
            return ((net(x).sigmoid() > 0.5) == y).float().mean()

    return train_step, validate


def set_threads(threads):
    """torch.set_num_threads does not reach Debian's OpenBLAS (pthread build), which runs the matmuls: set both."""
    torch.set_num_threads(threads)
    for name in ("libopenblas.so.0", ctypes.util.find_library("openblas")):
        try:
            ctypes.CDLL(name).openblas_set_num_threads(threads)
            return "openblas"
        except (OSError, AttributeError, TypeError):
            continue
    return "torch only"


def time_call(fn, a, b, seconds):
    out = fn(a, b)
    for _ in range(3):
        fn(a, b)
    # Size a batch to about 50 ms, then take the median of batches.
    reps, t0 = 1, time.perf_counter()
    fn(a, b)
    single = max(time.perf_counter() - t0, 1e-7)
    reps = max(1, int(0.05 / single))
    samples, deadline = [], time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(samples) < 5:
        t0 = time.perf_counter()
        for _ in range(reps):
            fn(a, b)
        samples.append((time.perf_counter() - t0) / reps)
    del out
    return statistics.median(samples)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--seconds", type=float, default=1.0)
    ap.add_argument("--json", action="store_true", help="print one JSON object per line")
    args = ap.parse_args()
    g = torch.Generator().manual_seed(0)
    print(f"# torch {torch.__version__}, {torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, 'cpu') else ''}")
    for threads in args.threads:
        how = set_threads(threads)
        if not args.json:
            print(f"# threads={threads} ({how})")
        for name, fn, (m, n, k), make in SHAPES:
            a, b = make(g)
            s = time_call(fn, a, b, args.seconds)
            gflops = 2.0 * m * n * k / s / 1e9
            if args.json:
                print(json.dumps({"shape": name, "m": m, "n": n, "k": k, "threads": threads,
                                  "ms": round(s * 1e3, 4), "gflops": round(gflops, 2)}))
            else:
                print(f"{name:12s} m={m:5d} n={n:5d} k={k:5d} threads={threads}  {s * 1e3:9.4f} ms  {gflops:7.1f} GFLOP/s")
        for name, fn in zip(("train_step", "validate"), chapter_step_fns(g)):
            s = time_call(fn, None, None, args.seconds)
            if args.json:
                print(json.dumps({"shape": name, "threads": threads, "ms": round(s * 1e3, 4)}))
            else:
                print(f"{name:12s} batch 256, Linear(784,30)-ReLU-Linear(30,1)  threads={threads}  {s * 1e3:9.4f} ms")


if __name__ == "__main__":
    main()
