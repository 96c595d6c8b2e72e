#!/usr/bin/python3
"""Writes the PyTorch golden values that tensor-core's Java tests compare against.

Usage (from the repository root):  /usr/bin/python3 tensor-core/src/test/python/gen_tensor_fixtures.py

Outputs, under tensor-core/src/test/resources/fixtures/:
  tensor_ops.json  one case per op and per interesting variant (broadcasting, reductions over each dim, ...)
  chapter_step.json  the chapter's Linear-ReLU-Linear + mnist_loss forward/backward on one batch of 256

Every case holds its inputs (shape, float32 data, requiresGrad, and the random "domain" they were drawn
from, which GradCheckTest reuses to draw fresh inputs), the op name and arguments, the forward output,
a fixed random weight w shaped like the output, and the gradient of each input for loss = sum(out * w).

Reference values are computed by PyTorch in float64 from the float32 inputs and then rounded to float32,
so they are the correctly rounded answers rather than one float32 summation order. The script also runs
each case in float32 PyTorch and checks it against the reference with the Java tests' tolerance: that
proves a float32 implementation can meet the tolerance on this data (ill-conditioned data fails here).
Deterministic: each case's random numbers come from a generator seeded by the case name.
"""
import base64
import json
import math
import os
import zlib

import numpy as np
import torch
import torch.nn.functional as F

# The Java tests' tolerance (TensorAssert.java), per element of a tensor `want`:
#   |got - want| <= RTOL * |want| + FLOOR * max|want|
# The floor scales with the tensor's largest magnitude because an element near 0 that comes from
# cancellation (a dot product, a sum) carries the rounding error of the large terms that cancelled.
# Op cases: FLOOR = 1e-6 (PyTorch's float32 results stay below 1e-7 of the scale on these cases).
# Chapter: sums of 256 (batch) and 784 (pixels) mixed-sign products, FLOOR = 1e-5 (see build_chapter).
RTOL, FLOOR, CHAPTER_FLOOR = 1e-5, 1e-6, 1e-5
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'fixtures')


# ---------------------------------------------------------------------------------------------
# Input domains: the same names are implemented in Java (InputDomains.java) for the gradient check.

def draw(domain, shape, rng):
    n = int(np.prod(shape)) if shape else 1
    if domain == 'normal':          # N(0, 1)
        v = rng.standard_normal(n)
    elif domain == 'positive':      # U[0.5, 2): log, sqrt, pow with any exponent
        v = rng.uniform(0.5, 2.0, n)
    elif domain == 'nonzero':       # +-U[0.25, 2): denominators, relu/abs away from their kink
        v = rng.uniform(0.25, 2.0, n) * rng.choice([-1.0, 1.0], n)
    elif domain == 'distinct':      # distinct values >= 0.03 away from every multiple of 0.1 (kinks, clamp
        k = np.arange(n) - n // 2   # bounds) and >= 0.06 apart (no ties for max/argmax)
        v = rng.permutation((k + 0.5) * 0.1 + rng.uniform(-0.02, 0.02, n))
    elif domain == 'smallInts':     # integers in [-2, 2]: comparisons hit equality
        v = rng.integers(-2, 3, n).astype(np.float64)
    elif domain == 'mask':          # 0/1 conditions for where
        v = rng.integers(0, 2, n).astype(np.float64)
    elif domain == 'extreme':       # +-U[10, 60): saturating sigmoid/tanh (naive formulas give inf/inf = NaN)
        v = rng.uniform(10.0, 60.0, n) * rng.choice([-1.0, 1.0], n)
    else:
        raise ValueError('unknown domain ' + domain)
    return np.asarray(v, dtype=np.float32).reshape(shape)


# ---------------------------------------------------------------------------------------------
# The ops, by the names the Java OpCatalog uses. x: list of input tensors, a: the case's args dict.

def _keep(a):
    return a.get('keepDim', False)


OPS = {
    'add': lambda x, a: x[0] + x[1],
    'sub': lambda x, a: x[0] - x[1],
    'mul': lambda x, a: x[0] * x[1],
    'div': lambda x, a: x[0] / x[1],
    'add_scalar': lambda x, a: x[0] + a['value'],
    'sub_scalar': lambda x, a: x[0] - a['value'],
    'mul_scalar': lambda x, a: x[0] * a['value'],
    'div_scalar': lambda x, a: x[0] / a['value'],
    'rsub_scalar': lambda x, a: a['value'] - x[0],
    'neg': lambda x, a: -x[0],
    'exp': lambda x, a: x[0].exp(),
    'log': lambda x, a: x[0].log(),
    'sigmoid': lambda x, a: x[0].sigmoid(),
    'relu': lambda x, a: x[0].relu(),
    'tanh': lambda x, a: x[0].tanh(),
    'sqrt': lambda x, a: x[0].sqrt(),
    'abs': lambda x, a: x[0].abs(),
    'softplus': lambda x, a: F.softplus(x[0]),
    'pow': lambda x, a: x[0].pow(a['exponent']),
    'clamp': lambda x, a: x[0].clamp(a['min'], a['max']),
    'clamp_min': lambda x, a: x[0].clamp(min=a['min']),
    'gt': lambda x, a: (x[0] > x[1]).to(x[0].dtype),
    'lt': lambda x, a: (x[0] < x[1]).to(x[0].dtype),
    'ge': lambda x, a: (x[0] >= x[1]).to(x[0].dtype),
    'le': lambda x, a: (x[0] <= x[1]).to(x[0].dtype),
    'eq': lambda x, a: (x[0] == x[1]).to(x[0].dtype),
    'gt_scalar': lambda x, a: (x[0] > a['value']).to(x[0].dtype),
    'lt_scalar': lambda x, a: (x[0] < a['value']).to(x[0].dtype),
    'ge_scalar': lambda x, a: (x[0] >= a['value']).to(x[0].dtype),
    'le_scalar': lambda x, a: (x[0] <= a['value']).to(x[0].dtype),
    'eq_scalar': lambda x, a: (x[0] == a['value']).to(x[0].dtype),
    'where': lambda x, a: torch.where(x[0] != 0, x[1], x[2]),
    'sum_all': lambda x, a: x[0].sum(),
    'mean_all': lambda x, a: x[0].mean(),
    'max_all': lambda x, a: x[0].max(),
    'sum_dim': lambda x, a: x[0].sum(a['dim'], keepdim=_keep(a)),
    'mean_dim': lambda x, a: x[0].mean(a['dim'], keepdim=_keep(a)),
    'max_dim': lambda x, a: x[0].max(a['dim'], keepdim=_keep(a)).values,
    'argmax': lambda x, a: x[0].argmax(a['dim']).to(x[0].dtype),
    'matmul': lambda x, a: x[0].matmul(x[1]),
    'matmul_bt': lambda x, a: x[0].matmul(x[1].t()),   # a @ b.t(): the transposed-operand kernels
    'matmul_at': lambda x, a: x[0].t().matmul(x[1]),   # a.t() @ b
    't_mul': lambda x, a: x[0].t() * x[1],             # elementwise on a transposed tensor
    't': lambda x, a: x[0].t(),
    'transpose': lambda x, a: x[0].transpose(a['dim0'], a['dim1']),
    'view': lambda x, a: x[0].view(*a['shape']),
    'reshape': lambda x, a: x[0].reshape(*a['shape']),
    'flatten': lambda x, a: x[0].flatten(),
    'flatten_range': lambda x, a: x[0].flatten(a['start'], a['end']),
    'unsqueeze': lambda x, a: x[0].unsqueeze(a['dim']),
    'squeeze': lambda x, a: x[0].squeeze(),
    'squeeze_dim': lambda x, a: x[0].squeeze(a['dim']),
    'cat': lambda x, a: torch.cat(x, a['dim']),
    'stack': lambda x, a: torch.stack(x, a['dim']),
    'narrow': lambda x, a: x[0].narrow(a['dim'], a['start'], a['length']),
    'get': lambda x, a: x[0][a['index']],
    'index_select': lambda x, a: x[0].index_select(a['dim'], torch.tensor(a['indices'])),
    'expand': lambda x, a: x[0].expand(*a['shape']),
    'linear': lambda x, a: F.linear(x[0], x[1], x[2] if len(x) == 3 else None),
    'arange_n': lambda x, a: torch.arange(a['n'], dtype=torch.float64),
    'arange_range': lambda x, a: torch.arange(a['start'], a['end'], a['step'], dtype=torch.float64),
    'mnist_loss': lambda x, a: mnist_loss(x[0], x[1]),
}


def mnist_loss(pred, targ):
    p = pred.sigmoid()
    return torch.where(targ == 1, 1 - p, p).mean()


# ---------------------------------------------------------------------------------------------

def f32(v):
    """A float32 value as its shortest round-trip decimal string."""
    s = repr(np.float32(v))
    return s[:-2] if s.endswith('.0') and 'e' not in s else s


def tensor_json(t):
    t = t.detach().to(torch.float32)
    return {'shape': list(t.shape), 'data': Raw('[' + ','.join(f32(v) for v in t.reshape(-1).tolist()) + ']')}


class Raw(str):
    """Pre-formatted JSON text (float32 lists), spliced in verbatim."""


def dumps(obj):
    if isinstance(obj, Raw):
        return str(obj)
    if isinstance(obj, dict):
        return '{' + ','.join(json.dumps(k) + ':' + dumps(v) for k, v in obj.items()) + '}'
    if isinstance(obj, (list, tuple)):
        return '[' + ','.join(dumps(v) for v in obj) + ']'
    if isinstance(obj, float):
        return f32(obj)
    return json.dumps(obj)


def rng_for(name):
    return np.random.default_rng(zlib.crc32(name.encode()))


def close(got, want, rtol=RTOL, floor=FLOOR):
    scale = want.abs().max().item() if want.numel() else 0.0
    return bool(((got - want).abs() <= rtol * want.abs() + floor * scale).all())


def run(op, args, arrays, grads_wanted, dtype, w):
    xs = [torch.tensor(a, dtype=dtype).requires_grad_(g) for a, g in zip(arrays, grads_wanted)]
    out = OPS[op](xs, args)
    grads = []
    if out.requires_grad:
        out.backward(w.to(dtype))
        grads = [x.grad for x in xs]
    return out.detach(), grads


CASES = []


def case(name, op, inputs=(), **args):
    """inputs: (shape, domain, requiresGrad) triples; args: the op's arguments."""
    assert op in OPS, op
    assert name not in {c['name'] for c in CASES}, 'duplicate case name ' + name
    rng = rng_for(name)
    arrays = [draw(d, tuple(s), rng) for s, d, _ in inputs]
    needs = [g for _, _, g in inputs]
    probe = OPS[op]([torch.tensor(a, dtype=torch.float64) for a in arrays], args)
    w = torch.tensor(rng.standard_normal(tuple(probe.shape)).astype(np.float32))
    out64, grads64 = run(op, args, arrays, needs, torch.float64, w)
    out32, grads32 = run(op, args, arrays, needs, torch.float32, w)
    # The tolerance must be reachable by float32 arithmetic: check PyTorch's own float32 result.
    assert close(out32.double(), out64.float().double()), 'float32 torch misses tolerance on ' + name
    for g32, g64 in zip(grads32, grads64):
        if g64 is not None:
            assert close(g32.double(), g64.float().double()), 'float32 torch grad misses tolerance on ' + name
    CASES.append({
        'name': name, 'op': op, 'args': args,
        'inputs': [dict(tensor_json(torch.tensor(a)), requiresGrad=g, domain=d)
                   for a, (_, d, g) in zip(arrays, inputs)],
        'output': tensor_json(out64),
        'weight': tensor_json(w),
        'grads': [tensor_json(g) if g is not None else None for g in grads64] if grads64 else [None] * len(arrays),
    })


def build_cases():
    N, P, Z, D = 'normal', 'positive', 'nonzero', 'distinct'
    # Broadcasting layouts for binary ops: (suffix, shape a, shape b).
    layouts = [('same', [3, 4], [3, 4]), ('row', [3, 4], [4]), ('outer', [3, 1], [1, 4]),
               ('3d_col', [2, 3, 4], [3, 1]), ('left_small', [4], [2, 3, 4]),
               ('scalar_rhs', [3, 4], []), ('scalar_lhs', [], [2, 3]), ('rank0', [], [])]
    for op in ('add', 'sub', 'mul', 'div'):
        for suffix, sa, sb in layouts:
            case(f'{op}_{suffix}', op, [(sa, N, True), (sb, Z if op == 'div' else N, True)])
        case(f'{op}_one_side_grad', op, [([3, 4], N, False), ([4], Z if op == 'div' else N, True)])
    # Sizes that are not multiples of a vector width, large enough for blocked/parallel paths.
    case('add_large_row', 'add', [([17, 33], N, True), ([33], N, True)])
    case('mul_large_col', 'mul', [([17, 33], N, True), ([17, 1], N, True)])
    case('div_large', 'div', [([300], N, True), ([300], Z, True)])
    for op, v in (('add_scalar', 2.5), ('sub_scalar', -1.5), ('mul_scalar', 3.0), ('div_scalar', -4.0),
                  ('rsub_scalar', 1.0)):
        case(op, op, [([3, 4], N, True)], value=v)
        case(op + '_rank0', op, [([], N, True)], value=v)
    case('mul_scalar_large', 'mul_scalar', [([300], N, True)], value=0.1)

    for op, dom in (('neg', N), ('exp', N), ('log', P), ('sigmoid', N), ('relu', Z), ('tanh', N),
                    ('sqrt', P), ('abs', Z), ('softplus', N)):
        case(op, op, [([3, 4], dom, True)])
        case(op + '_rank0', op, [([], dom, True)])
        case(op + '_large', op, [([300], dom, True)])
    case('relu_distinct', 'relu', [([7, 9], D, True)])
    for e in (2.0, 3.0, 0.5, -1.0, 1.5):
        case(f'pow_{e:g}', 'pow', [([3, 4], P, True)], exponent=e)
    case('pow_2_negative_base', 'pow', [([3, 4], N, True)], exponent=2.0)  # (a - b).pow(2) in MSE
    case('pow_3_negative_base', 'pow', [([3, 4], N, True)], exponent=3.0)
    case('pow_large', 'pow', [([300], P, True)], exponent=1.5)
    case('clamp', 'clamp', [([5, 6], D, True)], min=-0.5, max=0.5)
    case('clamp_min', 'clamp_min', [([5, 6], D, True)], min=0.2)
    case('clamp_min_zero', 'clamp_min', [([5, 6], D, True)], min=0.0)
    # PyTorch's conventions exactly at the kinks (smallInts hit 0 and the bounds): relu'(0) = 0, abs'(0) = 0,
    # clamp passes the gradient where x equals a bound. Not differentiable there: parity only, no gradient check.
    case('relu_at_zero', 'relu', [([4, 5], 'smallInts', True)])
    case('abs_at_zero', 'abs', [([4, 5], 'smallInts', True)])
    case('clamp_at_bounds', 'clamp', [([4, 5], 'smallInts', True)], min=-1.0, max=1.0)
    case('clamp_min_at_bound', 'clamp_min', [([4, 5], 'smallInts', True)], min=0.0)
    for op in ('sigmoid', 'tanh', 'softplus'):
        case(op + '_extreme', op, [([40], 'extreme', False)])  # forward only: float32 s * (1 - s) cancels

    for op in ('gt', 'lt', 'ge', 'le', 'eq'):
        case(op, op, [([3, 4], 'smallInts', False), ([4], 'smallInts', False)])
        case(op + '_scalar', op + '_scalar', [([3, 4], 'smallInts', False)], value=0.0)
    case('eq_scalar_one', 'eq_scalar', [([6, 1], 'mask', False)], value=1.0)
    case('gt_outer', 'gt', [([3, 1], N, False), ([1, 4], N, False)])

    case('where', 'where', [([3, 4], 'mask', False), ([3, 4], N, True), ([3, 4], N, True)])
    case('where_broadcast', 'where', [([3, 1], 'mask', False), ([1, 4], N, True), ([], N, True)])
    case('where_broadcast_b', 'where', [([3, 4], 'mask', False), ([3, 4], N, True), ([4], N, True)])
    case('where_rank0_cond', 'where', [([], 'mask', False), ([2, 3], N, True), ([2, 3], N, True)])
    case('mnist_loss', 'mnist_loss', [([6, 1], N, True), ([6, 1], 'mask', False)])

    # Reductions: over all, and over each dim with keepDim absent/false/true.
    case('sum_all', 'sum_all', [([2, 3, 4], N, True)])
    case('sum_all_1d', 'sum_all', [([5], N, True)])
    case('sum_all_rank0', 'sum_all', [([], N, True)])
    case('sum_all_large', 'sum_all', [([17, 33], N, True)])
    case('mean_all', 'mean_all', [([2, 3, 4], N, True)])
    case('mean_all_large', 'mean_all', [([17, 33], N, True)])
    case('max_all', 'max_all', [([2, 3, 4], D, True)])
    for op in ('sum_dim', 'mean_dim', 'max_dim'):
        dom = D if op == 'max_dim' else N
        for dim in (0, 1, 2):
            case(f'{op}{dim}', op, [([2, 3, 4], dom, True)], dim=dim)
            case(f'{op}{dim}_keepdim_false', op, [([2, 3, 4], dom, True)], dim=dim, keepDim=False)
            case(f'{op}{dim}_keepdim', op, [([2, 3, 4], dom, True)], dim=dim, keepDim=True)
        case(f'{op}_neg1', op, [([2, 3, 4], dom, True)], dim=-1)
        case(f'{op}_2d_dim0', op, [([3, 4], dom, True)], dim=0)
        case(f'{op}_2d_dim1_keepdim', op, [([3, 4], dom, True)], dim=1, keepDim=True)
        case(f'{op}_1d', op, [([5], dom, True)], dim=0)
        case(f'{op}_large_dim0', op, [([17, 33], dom, True)], dim=0)
        case(f'{op}_large_dim1', op, [([17, 33], dom, True)], dim=1)
    for dim in (0, 1, 2, -1):
        case(f'argmax{dim}', 'argmax', [([2, 3, 4], D, False)], dim=dim)
    # Ties: argmax and max(dim) pick the first maximal index (documented by PyTorch), max() over all
    # spreads the gradient evenly over the tied maxima. Parity only (not differentiable at ties).
    case('argmax_ties', 'argmax', [([4, 5], 'smallInts', False)], dim=1)
    case('max_dim_ties', 'max_dim', [([4, 5], 'smallInts', True)], dim=1)
    case('max_dim0_ties', 'max_dim', [([5, 4], 'smallInts', True)], dim=0, keepDim=True)
    case('max_all_ties', 'max_all', [([3, 4], 'smallInts', True)])
    case('argmax_2d_dim1', 'argmax', [([5, 3], D, False)], dim=1)

    # Linear algebra.
    case('matmul_2d', 'matmul', [([3, 4], N, True), ([4, 5], N, True)])
    case('matmul_2d_odd', 'matmul', [([19, 53], N, True), ([53, 21], N, True)])
    case('matmul_2d_wide', 'matmul', [([24, 130], N, True), ([130, 17], N, True)])
    case('matmul_batched', 'matmul', [([2, 3, 4], N, True), ([2, 4, 5], N, True)])
    case('matmul_batched_broadcast', 'matmul', [([1, 3, 4], N, True), ([2, 4, 5], N, True)])
    case('matmul_3d_2d', 'matmul', [([2, 3, 4], N, True), ([4, 5], N, True)])
    case('matmul_2d_3d', 'matmul', [([3, 4], N, True), ([2, 4, 5], N, True)])
    case('matmul_1d_1d', 'matmul', [([4], N, True), ([4], N, True)])
    case('matmul_2d_1d', 'matmul', [([3, 4], N, True), ([4], N, True)])
    case('matmul_1d_2d', 'matmul', [([4], N, True), ([4, 5], N, True)])
    case('matmul_3d_1d', 'matmul', [([2, 3, 4], N, True), ([4], N, True)])
    case('matmul_1d_3d', 'matmul', [([4], N, True), ([2, 4, 5], N, True)])
    case('matmul_outer', 'matmul', [([3, 1], N, True), ([1, 4], N, True)])
    case('matmul_one_side_grad', 'matmul', [([3, 4], N, False), ([4, 5], N, True)])
    case('matmul_bt', 'matmul_bt', [([5, 7], N, True), ([3, 7], N, True)])
    case('matmul_bt_odd', 'matmul_bt', [([19, 53], N, True), ([21, 53], N, True)])
    case('matmul_at', 'matmul_at', [([7, 5], N, True), ([7, 3], N, True)])
    case('matmul_at_odd', 'matmul_at', [([53, 19], N, True), ([53, 21], N, True)])
    case('linear', 'linear', [([5, 4], N, True), ([3, 4], N, True), ([3], N, True)])
    case('linear_no_bias', 'linear', [([5, 4], N, True), ([3, 4], N, True)])
    case('linear_odd', 'linear', [([19, 53], N, True), ([21, 53], N, True), ([21], N, True)])
    case('linear_3d_input', 'linear', [([2, 5, 4], N, True), ([3, 4], N, True), ([3], N, True)])
    case('linear_1d_input', 'linear', [([4], N, True), ([3, 4], N, True), ([3], N, True)])
    case('linear_frozen_input', 'linear', [([5, 4], N, False), ([3, 4], N, True), ([3], N, True)])

    # Shape ops.
    case('t', 't', [([3, 4], N, True)])
    case('t_mul', 't_mul', [([3, 4], N, True), ([4, 3], N, True)])
    case('transpose01', 'transpose', [([2, 3, 4], N, True)], dim0=0, dim1=1)
    case('transpose02', 'transpose', [([2, 3, 4], N, True)], dim0=0, dim1=2)
    case('transpose_neg', 'transpose', [([2, 3, 4], N, True)], dim0=-1, dim1=-2)
    case('view', 'view', [([2, 3, 4], N, True)], shape=[6, 4])
    case('view_infer', 'view', [([2, 3, 4], N, True)], shape=[4, -1])
    case('view_to_1d', 'view', [([3, 4], N, True)], shape=[-1])
    case('reshape', 'reshape', [([2, 3, 4], N, True)], shape=[3, 8])
    case('reshape_infer', 'reshape', [([2, 3, 4], N, True)], shape=[-1, 2, 2])
    case('flatten', 'flatten', [([2, 3, 4], N, True)])
    case('flatten_1_2', 'flatten_range', [([2, 3, 4], N, True)], start=1, end=2)
    case('flatten_0_1', 'flatten_range', [([2, 3, 4], N, True)], start=0, end=1)
    case('flatten_neg', 'flatten_range', [([2, 3, 4, 2], N, True)], start=1, end=-1)
    case('unsqueeze0', 'unsqueeze', [([3, 4], N, True)], dim=0)
    case('unsqueeze1', 'unsqueeze', [([3, 4], N, True)], dim=1)
    case('unsqueeze_neg', 'unsqueeze', [([3, 4], N, True)], dim=-1)
    case('squeeze', 'squeeze', [([1, 3, 1, 4], N, True)])
    case('squeeze_dim', 'squeeze_dim', [([3, 1, 4], N, True)], dim=1)
    case('squeeze_to_rank0', 'squeeze', [([1, 1], N, True)])
    case('unsqueeze_rank0', 'unsqueeze', [([], N, True)], dim=0)
    case('flatten_rank0', 'flatten', [([], N, True)])
    case('squeeze_dim_noop', 'squeeze_dim', [([3, 4], N, True)], dim=0)
    case('cat_dim0', 'cat', [([2, 3], N, True), ([4, 3], N, True)], dim=0)
    case('cat_dim1', 'cat', [([2, 3], N, True), ([2, 5], N, True), ([2, 1], N, True)], dim=1)
    case('cat_3d_dim1', 'cat', [([2, 1, 4], N, True), ([2, 3, 4], N, False)], dim=1)
    case('stack_dim0', 'stack', [([3, 4], N, True), ([3, 4], N, True)], dim=0)
    case('stack_dim1', 'stack', [([3, 4], N, True), ([3, 4], N, True), ([3, 4], N, True)], dim=1)
    case('stack_dim2', 'stack', [([3, 4], N, True), ([3, 4], N, True)], dim=2)
    case('stack_1d', 'stack', [([4], N, True), ([4], N, True)], dim=0)
    case('narrow_dim0', 'narrow', [([5, 4], N, True)], dim=0, start=1, length=3)
    case('narrow_dim1', 'narrow', [([5, 4], N, True)], dim=1, start=2, length=2)
    case('narrow_3d_dim1', 'narrow', [([2, 5, 3], N, True)], dim=1, start=1, length=2)
    case('get_2d', 'get', [([4, 3], N, True)], index=2)
    case('get_3d', 'get', [([2, 3, 4], N, True)], index=1)
    case('get_1d', 'get', [([5], N, True)], index=3)
    case('index_select_dim0', 'index_select', [([4, 3], N, True)], dim=0, indices=[2, 0, 2])
    case('index_select_dim1', 'index_select', [([4, 3], N, True)], dim=1, indices=[1, 1, 0, 2])
    case('index_select_3d_dim2', 'index_select', [([2, 3, 4], N, True)], dim=2, indices=[3, 0])
    case('expand_col', 'expand', [([3, 1], N, True)], shape=[3, 4])
    case('expand_row', 'expand', [([1, 4], N, True)], shape=[3, 4])
    case('expand_new_dims', 'expand', [([4], N, True)], shape=[2, 3, 4])
    case('expand_keep_minus1', 'expand', [([3, 1], N, True)], shape=[-1, 4])
    case('expand_rank0', 'expand', [([], N, True)], shape=[2, 3])

    # Creation.
    case('arange_n', 'arange_n', n=5)
    case('arange_range', 'arange_range', start=-1.0, end=1.0, step=0.25)
    case('arange_tenths', 'arange_range', start=0.0, end=1.0, step=float(np.float32(0.1)))


# ---------------------------------------------------------------------------------------------
# The chapter: mnist_loss(Linear(784,30) -> ReLU -> Linear(30,1)) on one batch of 256.

CHAPTER_LR = 0.1
# ReLU's kink: a hidden pre-activation within float32 rounding of 0 (about 1e-6 here) could take the other
# branch in another implementation and change w1's gradient row; seeds are tried in order until none is this close.
CHAPTER_MIN_ABS_PRE = 2e-5


def chapter_forward(x, y, w1, b1, w2, b2):
    pre = F.linear(x, w1, b1)
    return mnist_loss(F.linear(pre.relu(), w2, b2), y), pre


def chapter_run(arrays, dtype):
    x, y, w1, b1, w2, b2 = [torch.tensor(a, dtype=dtype) for a in arrays]
    params = [w1, b1, w2, b2]
    for p in params:
        p.requires_grad_(True)
    loss, pre = chapter_forward(x, y, *params)
    loss.backward()
    grads = [p.grad.clone() for p in params]
    with torch.no_grad():  # the chapter's BasicOptim.step: p -= p.grad * lr
        for p in params:
            p -= p.grad * CHAPTER_LR
        loss_after, _ = chapter_forward(x, y, *params)
    return loss.detach(), grads, loss_after, pre.detach()


def chapter_data(seed):
    torch.manual_seed(seed)
    x_int = torch.randint(0, 256, (256, 784), dtype=torch.uint8)
    y = torch.randint(0, 2, (256, 1)).to(torch.float32)
    l1, l2 = torch.nn.Linear(784, 30), torch.nn.Linear(30, 1)  # PyTorch's default init
    x = x_int.to(torch.float32) / 255  # float32 division, as the Java test does
    return x_int, y, [a.detach().numpy() for a in (x, y, l1.weight, l1.bias, l2.weight, l2.bias)]


def build_chapter():
    for seed in range(100):
        x_int, y, arrays = chapter_data(seed)
        loss64, grads64, after64, pre64 = chapter_run(arrays, torch.float64)
        min_abs_pre = pre64.abs().min().item()
        if min_abs_pre > CHAPTER_MIN_ABS_PRE:
            break
    else:
        raise AssertionError('no seed keeps the hidden pre-activations away from 0')
    loss32, grads32, after32, _ = chapter_run(arrays, torch.float32)
    # A float32 implementation must meet the chapter tolerance; PyTorch's own float32 run is ~2e-7 of the
    # scale off for w1 (a less careful summation order, e.g. sequential over the batch, is several times worse).
    for name, got, want in zip(('loss', 'lossAfterStep', 'w1', 'b1', 'w2', 'b2'),
                               [loss32, after32] + grads32, [loss64, after64] + grads64):
        assert close(got.double(), want.float().double(), floor=CHAPTER_FLOOR), 'float32 torch misses ' + name
    report = {'loss': rel_err(loss32, loss64), 'lossAfterStep': rel_err(after32, after64)}
    for name, g32, g64 in zip(('w1', 'b1', 'w2', 'b2'), grads32, grads64):
        report[name] = rel_err(g32, g64)
    print('chapter: float32 torch vs float64 reference, max |err| / max |ref| per tensor:', report)
    names = ('w1', 'b1', 'w2', 'b2')
    return {
        'seed': seed,
        'lr': CHAPTER_LR,
        'xBytesBase64': base64.b64encode(x_int.numpy().tobytes()).decode(),
        'xShape': [256, 784],
        'xScale': 'x = byte / 255f (float32 division)',
        'y': tensor_json(y),
        'params': {n: tensor_json(torch.tensor(a)) for n, a in zip(names, arrays[2:])},
        'loss': loss64.item(),
        'grads': {n: tensor_json(g) for n, g in zip(names, grads64)},
        'lossAfterStep': after64.item(),
        'minAbsHiddenPreActivation': min_abs_pre,
        'float32TorchError': report,
        'tolerance': {'rtol': RTOL, 'floor': CHAPTER_FLOOR, 'rule': '|got-want| <= rtol*|want| + floor*max|want|'},
    }


def rel_err(a32, a64):
    return (a32.double() - a64).abs().max().item() / max(a64.abs().max().item(), 1e-30)


def write_atomically(path, text):
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        f.write(text)
        f.write('\n')
    os.replace(tmp, path)


def main():
    torch.set_num_threads(1)
    os.makedirs(OUT_DIR, exist_ok=True)
    build_cases()
    ops = {
        'generator': 'tensor-core/src/test/python/gen_tensor_fixtures.py',
        'torch': torch.__version__,
        'reference': 'float64 PyTorch on the float32 inputs, rounded to float32',
        'tolerance': {'rtol': RTOL, 'floor': FLOOR, 'rule': '|got-want| <= rtol*|want| + floor*max|want|'},
        'loss': 'sum(out * weight); grads[i] is d loss / d inputs[i], null where the input needs none',
        'cases': CASES,
    }
    write_atomically(os.path.join(OUT_DIR, 'tensor_ops.json'),
                     '{' + ',\n'.join(json.dumps(k) + ':' + (dumps(v) if k != 'cases' else
                     '[\n' + ',\n'.join(dumps(c) for c in v) + '\n]') for k, v in ops.items()) + '}')
    write_atomically(os.path.join(OUT_DIR, 'chapter_step.json'), dumps(build_chapter()))
    print(f'{len(CASES)} op cases written to {os.path.normpath(OUT_DIR)}')


if __name__ == '__main__':
    main()
