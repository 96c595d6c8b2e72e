#!/usr/bin/python3
"""Writes the callbacks module's test fixtures into ../resources/fixtures (run with the system python, which has torch).

- one_cycle.json: fastai's fit_one_cycle lr and momentum at every training batch, computed the way fastai does
  (pct_train grows by 1/(n_iter*n_epoch) per batch; combine_scheds on float32 cumulative shares; SchedCos pieces).
- lr_suggestions.json: fastai's lr_find window and its minimum / steep / valley suggestions on synthetic curves,
  with torch float32 tensors as fastai uses, and the sweep's lr schedule.
- grad_clip.json: torch.nn.utils.clip_grad_norm_ on fixed gradients.
- progress_script.json + progress_fastai.txt + progress_plain.txt: a scripted 3-epoch run (per-batch losses,
  per-epoch metric) and the tables fastai's ProgressCallback / the chapter print for it (fastprogress's layout).
"""
import json, math
from decimal import Decimal, ROUND_HALF_UP, ROUND_HALF_EVEN
from pathlib import Path
import numpy as np
import torch

OUT = Path(__file__).resolve().parent.parent / 'resources' / 'fixtures'
OUT.mkdir(parents=True, exist_ok=True)
f32 = lambda x: float(np.float32(x))


def write(name, obj):
    (OUT / name).write_text(json.dumps(obj, indent=1) + '\n')


# ---- one cycle ----------------------------------------------------------------------------------------------
def sched_cos(start, end):
    return lambda pos: start + (1 + math.cos(math.pi * (1 - pos))) * (end - start) / 2


def combine(pcts, scheds):
    bounds = torch.cumsum(torch.tensor([0.] + pcts), 0)  # float32, as fastai's tensor([0] + L(pcts))
    last = len(bounds) - 2
    def at(pos):
        idx = min(int((pos >= bounds).nonzero().max()), last)
        local = (pos - bounds[idx]) / (bounds[idx + 1] - bounds[idx])
        return scheds[idx](local.item())
    return at


def one_cycle(n_epoch, n_iter, lr_max, div=25., div_final=1e5, pct_start=0.25, moms=(0.95, 0.85, 0.95)):
    lr = combine([pct_start, 1 - pct_start], [sched_cos(lr_max / div, lr_max), sched_cos(lr_max, lr_max / div_final)])
    mom = combine([pct_start, 1 - pct_start], [sched_cos(moms[0], moms[1]), sched_cos(moms[1], moms[2])])
    pct, lrs, ms = 0., [], []
    for _ in range(n_epoch * n_iter):
        lrs.append(lr(pct)); ms.append(mom(pct))
        pct += 1. / (n_iter * n_epoch)
    return {'nEpoch': n_epoch, 'nIter': n_iter, 'lrMax': lr_max, 'lr': lrs, 'mom': ms}


write('one_cycle.json', [one_cycle(3, 4, 0.01), one_cycle(5, 3, 0.1)])


# ---- lr finder suggestions ----------------------------------------------------------------------------------
def window(lrs, losses, num_it):
    lrs, losses = torch.tensor(lrs[num_it // 10:-5]), torch.tensor(losses[num_it // 10:-5])
    nan = torch.nonzero(torch.isnan(losses.view(-1)))
    if len(nan) > 0:
        lrs, losses = lrs[:int(nan.min())], losses[:int(nan.min())]
    return lrs, losses


def minimum(lrs, losses):
    return lrs[losses.argmin()].item() / 10


def steep(lrs, losses):
    slopes = (losses[1:] - losses[:-1]) / (lrs[1:].log() - lrs[:-1].log())
    return lrs[slopes.argmin()].item()


def valley(lrs, losses):
    # the longest strictly decreasing run (dynamic programming); its start is taken when its end first takes the lead
    n = len(losses)
    run = [1] * n
    end = start = 0
    for i in range(1, n):
        for j in range(i):
            if losses[i] < losses[j] and run[i] < run[j] + 1:
                run[i] = run[j] + 1
            if run[end] < run[i]:
                end, start = i, i - run[i]
    third = (end - start) / 3
    return float(lrs[start + int(third) + int(third / 2)])


def sweep_lrs(start, end, num_it, n):
    return [start * (end / start) ** (i / num_it) for i in range(n)]


rng = np.random.default_rng(6)
curves = []
for name, n, nan_at in [('full', 100, None), ('diverged', 63, None), ('with_nan', 90, 70), ('short', 20, None), ('too_short', 12, None)]:
    lrs = [f32(v) for v in sweep_lrs(1e-7, 10, 100, n)]
    x = np.log10(np.array(lrs))
    loss = 0.7 - 0.5 / (1 + np.exp(-(x + 3) * 2)) + 0.02 * rng.standard_normal(n) + np.where(x > -1, (x + 1) ** 2, 0)
    loss = [f32(v) for v in loss]
    if nan_at is not None:
        loss[nan_at:] = [float('nan')] * (n - nan_at)
    wl, ws = window(lrs, loss, 100)
    suggest = lambda f, least: f(wl, ws) if len(ws) >= least else None  # fastai fails here; we give NaN
    curves.append({'name': name, 'numIt': 100, 'lrs': lrs,
                   'losses': [None if math.isnan(v) else v for v in loss],
                   'window': [100 // 10, 100 // 10 + len(ws)],
                   'minimum': suggest(minimum, 1), 'steep': suggest(steep, 2), 'valley': suggest(valley, 1)})
write('lr_suggestions.json', {'schedule': {'startLr': 1e-7, 'endLr': 10, 'numIt': 100,
                                           'lrs': sweep_lrs(1e-7, 10, 100, 100)},
                              'curves': curves})


# ---- gradient clipping --------------------------------------------------------------------------------------
torch.manual_seed(0)
cases = []
for scale, max_norm in [(1.0, 1.0), (0.05, 1.0), (3.0, 0.5)]:
    params = [torch.zeros(s, requires_grad=True) for s in [(3, 4), (4,), (2, 3)]]
    grads = [torch.randn(p.shape) * scale for p in params]
    for p, g in zip(params, grads):
        p.grad = g.clone()
    total = torch.nn.utils.clip_grad_norm_(params, max_norm)
    cases.append({'maxNorm': max_norm, 'shapes': [list(p.shape) for p in params],
                  'grads': [g.flatten().tolist() for g in grads],
                  'clipped': [p.grad.flatten().tolist() for p in params], 'totalNorm': float(total)})
write('grad_clip.json', cases)


# ---- progress tables ----------------------------------------------------------------------------------------
train = [[0.6931, 0.6512, 0.6207], [0.5813, 0.5521, 0.5302], [0.4987, 0.4811, 0.4702]]
valid = [[0.6623, 0.6419], [0.5611, 0.5489], [0.4904, 0.4866]]
acc = [0.5123, 0.7341, 0.8422]
script = {'train': train, 'valid': valid, 'accuracy': acc}
write('progress_script.json', script)


def fixed(x, d):
    up = Decimal(x).quantize(Decimal(1).scaleb(-d), ROUND_HALF_UP)
    even = Decimal(x).quantize(Decimal(1).scaleb(-d), ROUND_HALF_EVEN)
    assert up == even, f'{x} is a rounding tie at {d} decimals; pick another value'
    return f'{x:.{d}f}'


names = ['epoch', 'train_loss', 'valid_loss', 'accuracy', 'time']
padded = [n + ' ' * (8 - len(n)) if len(n) < 8 else n for n in names]
fastai_lines, plain_lines = ['  '.join(padded)], ['Epoch\tTrain Loss\taccuracy']
beta, raw, count = 0.98, 0., 0
for e in range(3):
    for l in train[e]:
        count += 1
        raw = beta * raw + (1 - beta) * f32(l)
    smooth = raw / (1 - beta ** count)
    vloss = sum(f32(v) * 2 for v in valid[e]) / (2 * len(valid[e]))  # batches of 2 rows, weighted as fastai's AvgLoss
    mean_train = sum(f32(v) * 2 for v in train[e]) / (2 * len(train[e]))
    cells = [str(e), fixed(smooth, 6), fixed(vloss, 6), fixed(acc[e], 6), '00:00']
    fastai_lines.append(''.join(c + ' ' * (2 + len(n) - len(c)) for c, n in zip(cells, padded)))
    plain_lines.append('\t'.join([str(e), fixed(mean_train, 4), fixed(acc[e], 4)]))
(OUT / 'progress_fastai.txt').write_text('\n'.join(fastai_lines) + '\n')
(OUT / 'progress_plain.txt').write_text('\n'.join(plain_lines) + '\n')
print('fixtures written to', OUT)
