#!/usr/bin/env python3
"""Times the chapter's loading of MNIST_SAMPLE's 14,434 PNGs with PyTorch + PIL (the reference for jfastai).

Usage: time_pil_load.py MNIST_SAMPLE_DIR [--repeat 5]
Loads like chapter 4 (and ../shared/bench/seed_loop_torch.py): train folders sorted, each image through
tensor(np.array(Image.open(o))), stacked, .float()/255, then cat and view(-1, 784) for train and valid.
Prints one JSON line: each repeat's seconds and their median.
"""
import argparse, json, statistics, time
from pathlib import Path
import numpy as np, torch
from PIL import Image

p = argparse.ArgumentParser()
p.add_argument('path'); p.add_argument('--repeat', type=int, default=5); p.add_argument('--threads', type=int, default=1)
a = p.parse_args()
torch.set_num_threads(a.threads)
path = Path(a.path)

def stack(folder):
    files = sorted(folder.iterdir())
    return torch.stack([torch.tensor(np.array(Image.open(o))) for o in files]).float() / 255

def load():
    threes, sevens = stack(path/'train'/'3'), stack(path/'train'/'7')
    v3, v7 = stack(path/'valid'/'3'), stack(path/'valid'/'7')
    train_x = torch.cat([threes, sevens]).view(-1, 28*28)
    valid_x = torch.cat([v3, v7]).view(-1, 28*28)
    return train_x, valid_x

times = []
for _ in range(a.repeat):
    t0 = time.perf_counter()
    train_x, valid_x = load()
    times.append(round(time.perf_counter() - t0, 4))
assert tuple(train_x.shape) == (12396, 784) and tuple(valid_x.shape) == (2038, 784)
print(json.dumps({'impl': 'pytorch-' + torch.__version__ + '+PIL', 'images': len(train_x) + len(valid_x),
                  'load_s': times, 'median_s': statistics.median(times)}))
