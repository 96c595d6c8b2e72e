#!/usr/bin/env python3
"""Times torch.nn.functional.conv2d (oneDNN on the CPU) on ConvBenchmark's shapes, forward alone and forward plus
backward into input (but for a first layer), weight and bias, so the ratios come from one machine.

Usage: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/torch_conv.py [--threads 1 2]
           [--seconds 1.0] [--json]
Each call is timed on its own after a warm-up (every call takes 0.1 ms or more); printed are the median and the
minimum per call, in microseconds: on a machine shared with other jobs the minimum is the call that had a core to
itself, comparable with JMH's sample mode p0.00 (java -jar bench/target/benchmarks.jar ConvBenchmark -bm sample).
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F

# name: batch, in channels, image size, out channels, kernel, stride, padding (as ConvShape.java)
SHAPES = {
    'MNIST_1_8': (512, 1, 28, 8, 5, 2, 2),
    'MNIST_8_16': (512, 8, 14, 16, 3, 2, 1),
    'MNIST_16_32': (512, 16, 7, 32, 3, 2, 1),
    'MNIST_32_64': (512, 32, 4, 64, 3, 2, 1),
    'MNIST_64_10': (512, 64, 2, 10, 3, 2, 1),
    'SIMPLE_1_4': (64, 1, 28, 4, 3, 2, 1),
    'SIMPLE_4_8': (64, 4, 14, 8, 3, 2, 1),
    'SIMPLE_8_16': (64, 8, 7, 16, 3, 2, 1),
    'SIMPLE_16_32': (64, 16, 4, 32, 3, 2, 1),
    'SIMPLE_32_2': (64, 32, 2, 2, 3, 2, 1),
}


def time_call(fn, seconds):
    for _ in range(5):
        fn()
    samples, deadline = [], time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(samples) < 5:
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples), min(samples)


def fns(shape, g):
    n, c, size, oc, k, s, p = shape
    x = torch.randn(n, c, size, size, generator=g).requires_grad_(c > 1)
    w = torch.randn(oc, c, k, k, generator=g).requires_grad_()
    b = torch.randn(oc, generator=g).requires_grad_()
    grad = torch.randn_like(F.conv2d(x, w, b, stride=s, padding=p))

    def forward():
        with torch.no_grad():
            return F.conv2d(x, w, b, stride=s, padding=p)

    def forward_backward():
        F.conv2d(x, w, b, stride=s, padding=p).backward(grad)
        x.grad = w.grad = b.grad = None

    return forward, forward_backward


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--threads', type=int, nargs='+', default=[1, 2])
    ap.add_argument('--seconds', type=float, default=1.0)
    ap.add_argument('--json', action='store_true', help='print one JSON object per line')
    args = ap.parse_args()
    g = torch.Generator().manual_seed(0)
    print(f'# torch {torch.__version__}, mkldnn={torch.backends.mkldnn.is_available()}')
    for threads in args.threads:
        torch.set_num_threads(threads)
        for name, shape in SHAPES.items():
            forward, forward_backward = fns(shape, g)
            for what, fn in (('forward', forward), ('forwardBackward', forward_backward)):
                median, best = (t * 1e6 for t in time_call(fn, args.seconds))
                if args.json:
                    print(json.dumps({'shape': name, 'benchmark': what, 'threads': threads,
                                      'median_us': round(median, 1), 'min_us': round(best, 1)}))
                else:
                    print(f'{name:13s} {what:16s} threads={threads}  median {median:10.1f} us  min {best:10.1f} us')


if __name__ == '__main__':
    main()
