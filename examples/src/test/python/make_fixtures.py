#!/usr/bin/env python3
"""Writes the examples module's JSON fixtures from PyTorch / Python (run from anywhere; needs torch):

- chapter_loop.json: the chapter's train_model and BasicLearner bookkeeping on a small problem: initial weights of
  a Linear-ReLU-Linear net, the data, and after each epoch the validation accuracy (validate_epoch: mean of batch
  accuracies, rounded to 4), the mean training loss, and the final weights.
- pyformat.json: Python's repr(round(x, digits)) for numbers the examples print.
"""
import json
from pathlib import Path

import torch
from torch import nn

OUT = Path(__file__).resolve().parents[1] / 'resources' / 'fixtures'


def mnist_loss(pred, targ):
    pred = pred.sigmoid()
    return torch.where(targ == 1, 1 - pred, pred).mean()


def batch_accuracy(xb, yb):
    preds = xb.sigmoid()
    correct = (preds > 0.5) == yb
    return correct.float().mean()


def batches(x, y, bs):
    return [(x[i:i + bs], y[i:i + bs]) for i in range(0, len(x), bs)]


def chapter_loop():
    torch.manual_seed(0)
    n_in, n_hidden, bs, lr, epochs = 20, 8, 16, 2.0, 4
    w_true = torch.randn(n_in)
    train_x = torch.rand(100, n_in)
    valid_x = torch.rand(40, n_in)
    label = lambda x: ((x - 0.5) @ w_true > 0).float().unsqueeze(1)
    train_y, valid_y = label(train_x), label(valid_x)
    net = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, 1))
    init = {k: v.tolist() for k, v in net.state_dict().items()}
    params = list(net.parameters())
    dl, valid_dl = batches(train_x, train_y, bs), batches(valid_x, valid_y, bs)
    accs, losses = [], []
    for _ in range(epochs):
        batch_losses = []
        for xb, yb in dl:
            loss = mnist_loss(net(xb), yb)
            loss.backward()
            batch_losses.append(loss.item())
            with torch.no_grad():
                for p in params:
                    p -= p.grad * lr
                    p.grad = None
        with torch.no_grad():
            accs.append(round(torch.stack([batch_accuracy(net(xb), yb) for xb, yb in valid_dl]).mean().item(), 4))
        losses.append(sum(batch_losses) / len(batch_losses))
    return {
        'n_in': n_in, 'n_hidden': n_hidden, 'bs': bs, 'lr': lr, 'epochs': epochs,
        'train_x': train_x.tolist(), 'train_y': train_y.squeeze(1).tolist(),
        'valid_x': valid_x.tolist(), 'valid_y': valid_y.squeeze(1).tolist(),
        'init': init, 'accuracies': accs, 'train_losses': losses,
        'final': {k: v.tolist() for k, v in net.state_dict().items()},
    }


def pyformat():
    xs = [0.5, 0.50005, 0.98245, 0.98255, 0.9834000015258789, 1.0, 0.0, 0.1, 0.00012, 0.000149, 0.123456789,
          2.5, 0.99995, 12.3456, 0.30000001192092896, 0.10000000149011612, 0.0156]
    return [{'x': x, 'digits': d, 'round': round(x, d), 'repr': repr(round(x, d))} for x in xs for d in (2, 3, 4)]


if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / 'chapter_loop.json').write_text(json.dumps(chapter_loop()) + '\n')
    (OUT / 'pyformat.json').write_text(json.dumps(pyformat(), indent=1) + '\n')
    print('wrote', OUT)
