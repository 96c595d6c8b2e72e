#!/usr/bin/python3
"""Writes the PyTorch golden values of the CNN ops (conv2d, pools, batch norm) for tensor-core's Java tests.

Usage (from the repository root):  /usr/bin/python3 tensor-core/src/test/python/gen_conv_fixtures.py

Output: tensor-core/src/test/resources/fixtures/conv_ops.json, in tensor_ops.json's format (see
gen_tensor_fixtures.py, whose case builder, input domains and tolerance check this script reuses), so
TensorParityTest and GradCheckTest sweep these cases too; plus "runningStats": for every training-mode
batch_norm case, the running mean and variance after PyTorch's in-place update.
Odd shapes on purpose: kernels 1/3/5/7, strides 1/2/3, padding 0..3, dilation 1/2, groups 1/2/depthwise,
1x1 images, batch 1, channel counts that are not a multiple of a vector width, with and without bias.
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_tensor_fixtures as base  # noqa: E402


def conv2d(x, a):
    return F.conv2d(x[0], x[1], x[2] if len(x) > 2 else None, stride=a['stride'], padding=a['padding'],
                    dilation=a['dilation'], groups=a['groups'])


def batch_norm(x, a):
    # inputs: x, running mean, running var, then weight and bias when affine; the stats are updated in place,
    # so each call gets copies (the running-stats check below reads PyTorch's update separately).
    weight, bias = (x[3], x[4]) if len(x) > 3 else (None, None)
    return F.batch_norm(x[0], x[1].detach().clone(), x[2].detach().clone(), weight, bias,
                        training=a['training'], momentum=a['momentum'], eps=a['eps'])


base.OPS.update({
    'conv2d': conv2d,
    'max_pool2d': lambda x, a: F.max_pool2d(x[0], a['kernel'], a['stride'], a['padding']),
    'avg_pool2d': lambda x, a: F.avg_pool2d(x[0], a['kernel'], a['stride'], a['padding'],
                                            count_include_pad=a['countIncludePad']),
    'adaptive_avg_pool2d': lambda x, a: F.adaptive_avg_pool2d(x[0], a['output']),
    'batch_norm': batch_norm,
})

N, P, D, I = 'normal', 'positive', 'distinct', 'smallInts'


def conv(name, x, w, bias=True, stride=1, padding=0, dilation=1, groups=1, input_grad=True):
    def pair(v):
        return list(v) if isinstance(v, (list, tuple)) else [v, v]
    inputs = [(x, N, input_grad), (w, N, True)] + ([([w[0]], N, True)] if bias else [])
    base.case('conv2d_' + name, 'conv2d', inputs, stride=pair(stride), padding=pair(padding),
              dilation=pair(dilation), groups=groups)


def build_conv():
    conv('k1', [2, 3, 5, 5], [4, 3, 1, 1])
    conv('k3_p1_nobias', [2, 3, 6, 7], [5, 3, 3, 3], bias=False, padding=1)
    conv('k5_s2_p2_batch1', [1, 1, 9, 9], [3, 1, 5, 5], stride=2, padding=2)
    conv('k7_s3_p3', [2, 2, 11, 10], [3, 2, 7, 7], stride=3, padding=3)
    conv('k3_s3_p0', [2, 3, 10, 10], [2, 3, 3, 3], stride=3)
    conv('k3_d2', [2, 3, 9, 9], [4, 3, 3, 3], dilation=2, padding=1)
    conv('asymmetric', [2, 3, 7, 8], [4, 3, 3, 2], stride=[2, 1], padding=[1, 0], dilation=[1, 2])
    conv('groups2', [2, 4, 6, 6], [6, 2, 3, 3], padding=1, groups=2)
    conv('depthwise', [2, 5, 7, 7], [5, 1, 3, 3], padding=1, groups=5, bias=False)
    conv('depthwise_x2_s2', [2, 3, 8, 8], [6, 1, 3, 3], stride=2, padding=1, groups=3)
    conv('image1x1_p1', [3, 6, 1, 1], [4, 6, 3, 3], padding=1)
    conv('image1x1_k1', [3, 6, 1, 1], [4, 6, 1, 1], bias=False)
    conv('c17_p2', [2, 17, 5, 5], [9, 17, 3, 3], padding=2)
    conv('p3_larger_output', [1, 2, 4, 4], [2, 2, 3, 3], padding=3)
    conv('chapter_first', [3, 1, 28, 28], [8, 1, 5, 5], stride=2, padding=2, input_grad=False)
    conv('chapter_s2_p1', [3, 8, 14, 14], [16, 8, 3, 3], stride=2, padding=1)


def pool(op, name, x, kernel, stride=None, padding=0, domain=D, **extra):
    def pair(v):
        return list(v) if isinstance(v, (list, tuple)) else [v, v]
    base.case(f'{op}_{name}', op, [(x, domain, True)], kernel=pair(kernel),
              stride=pair(kernel if stride is None else stride), padding=pair(padding), **extra)


def build_pools():
    pool('max_pool2d', 'k2', [2, 3, 6, 6], 2)
    pool('max_pool2d', 'k3_s2_p1', [2, 3, 7, 7], 3, 2, 1)
    pool('max_pool2d', 'asymmetric', [2, 2, 5, 7], [2, 3], [1, 2], [1, 1])
    pool('max_pool2d', 'ties_overlapping', [2, 2, 5, 5], 2, 1, domain=I)
    pool('max_pool2d', 'image1x1', [3, 2, 1, 1], 1)
    pool('max_pool2d', 'c17_odd', [1, 17, 5, 5], 2)
    for cip in (True, False):
        pool('avg_pool2d', 'k2' + ('' if cip else '_exclude_pad'), [2, 3, 6, 5], 2, countIncludePad=cip)
        pool('avg_pool2d', 'k3_s2_p1' + ('' if cip else '_exclude_pad'), [2, 3, 7, 7], 3, 2, 1,
             countIncludePad=cip)
    pool('avg_pool2d', 'asymmetric', [2, 2, 5, 7], [3, 2], [2, 1], [1, 0], countIncludePad=True)
    for name, x, out in (('to1', [2, 3, 7, 7], [1, 1]), ('7_to_3', [2, 3, 7, 7], [3, 3]),
                         ('5x6_to_2x4', [2, 2, 5, 6], [2, 4]), ('3_to_5', [1, 2, 3, 3], [5, 5]),
                         ('image1x1', [2, 3, 1, 1], [1, 1])):
        base.case('adaptive_avg_pool2d_' + name, 'adaptive_avg_pool2d', [(x, N, True)], output=out)


RUNNING = {}


def bn(name, x, training, affine=True, momentum=0.1, eps=1e-5):
    c = x[1]
    inputs = [(x, N, True), ([c], N, False), ([c], P, False)] + ([([c], N, True), ([c], N, True)] if affine else [])
    full = 'batch_norm_' + name
    base.case(full, 'batch_norm', inputs, training=training, momentum=momentum, eps=eps)
    if training:
        data = base.CASES[-1]['inputs']
        arrays = [torch.tensor([float(v) for v in d['data'][1:-1].split(',')], dtype=torch.float64).reshape(d['shape'])
                  for d in data]
        mean, var = arrays[1].clone(), arrays[2].clone()
        F.batch_norm(arrays[0], mean, var, None, None, training=True, momentum=momentum, eps=eps)
        RUNNING[full] = {'mean': base.tensor_json(mean), 'var': base.tensor_json(var)}


def build_batch_norm():
    bn('train_2d', [8, 5], True)
    bn('train_3d', [4, 3, 6], True)
    bn('train_4d', [4, 3, 5, 5], True)
    bn('train_4d_no_affine', [3, 4, 3, 3], True, affine=False)
    bn('train_c17_batch1', [1, 17, 3, 4], True)
    bn('train_momentum_eps', [4, 3, 2, 2], True, momentum=0.3, eps=1e-3)
    bn('eval_2d', [6, 5], False)
    bn('eval_4d', [2, 3, 4, 4], False)
    bn('eval_4d_no_affine', [2, 3, 2, 3], False, affine=False)


def main():
    torch.set_num_threads(1)
    build_conv()
    build_pools()
    build_batch_norm()
    doc = {
        'generator': 'tensor-core/src/test/python/gen_conv_fixtures.py',
        'torch': torch.__version__,
        'reference': 'float64 PyTorch on the float32 inputs, rounded to float32',
        'tolerance': {'rtol': base.RTOL, 'floor': base.FLOOR, 'rule': '|got-want| <= rtol*|want| + floor*max|want|'},
        'loss': 'sum(out * weight); grads[i] is d loss / d inputs[i], null where the input needs none',
        'cases': base.CASES,
        'runningStats': RUNNING,
    }
    path = os.path.join(base.OUT_DIR, 'conv_ops.json')
    base.write_atomically(path, '{' + ',\n'.join(json.dumps(k) + ':' + (base.dumps(v) if k != 'cases' else
                          '[\n' + ',\n'.join(base.dumps(c) for c in v) + '\n]') for k, v in doc.items()) + '}')
    print(f'{len(base.CASES)} cases written to {os.path.normpath(path)}')


if __name__ == '__main__':
    main()
