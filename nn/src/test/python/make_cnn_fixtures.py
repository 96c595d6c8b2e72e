#!/usr/bin/python3
"""Writes the nn module's PyTorch fixtures for the convolutional layers and fastai book chapter 13's CNN.

    /usr/bin/python3 nn/src/test/python/make_cnn_fixtures.py

writes into nn/src/test/resources/fixtures/:
  cnn_layers.json        Conv2d / BatchNorm1d / BatchNorm2d / pools: repr, state before and after the forward
                         (running stats), input, output, input and parameter gradients, in train or eval mode
  cnn_model.safetensors  the chapter's BatchNorm CNN state dict after three SGD steps (num_batches_tracked as I64)
  cnn_model.json         a batch, the model's outputs in eval and then train mode, the state after the train
                         forward and the parameter gradients of cross entropy in train mode
Needs only torch (the safetensors writer is make_fixtures.py's, by hand).
"""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import OUT, DTYPES, t, write_json, write_safetensors  # noqa: E402

DTYPES.setdefault("I64", (torch.int64, 8))
BUFFERS = ("running_mean", "running_var", "num_batches_tracked")


def state(model):
    return {k: t(v) for k, v in model.state_dict().items()}


def case(name, model, x, mode="train"):
    before = state(model)
    model.train(mode == "train")
    x = x.clone().requires_grad_(True)
    out = model(x)
    upstream = torch.randn(out.shape)
    (out * upstream).sum().backward()
    return {"name": name, "mode": mode, "repr": repr(model), "state": before, "stateAfter": state(model),
            "input": t(x), "upstream": t(upstream), "output": t(out), "inputGrad": t(x.grad),
            "paramGrads": {k: t(p.grad) for k, p in model.named_parameters()}}


def warmed(bn, shape):
    """A batch norm whose running stats moved away from 0 and 1 (two training batches)."""
    with torch.no_grad():
        for _ in range(2):
            bn(torch.randn(shape) * 3 + 2)
    return bn


def layers():
    torch.manual_seed(10)
    cases = [
        case("conv_default", nn.Conv2d(3, 4, 3), torch.randn(2, 3, 7, 6)),
        case("conv_stride2_pad1", nn.Conv2d(1, 4, 3, stride=2, padding=1), torch.randn(2, 1, 9, 9)),
        case("conv_ks5_no_bias", nn.Conv2d(2, 3, 5, stride=2, padding=2, bias=False), torch.randn(1, 2, 8, 8)),
        case("conv_groups_dilation", nn.Conv2d(4, 6, (3, 2), stride=(1, 2), padding=(2, 1), dilation=(2, 1),
                                               groups=2), torch.randn(2, 4, 7, 7)),
        case("bn2d_train", nn.BatchNorm2d(3), torch.randn(4, 3, 5, 5) * 2 + 1),
        case("bn2d_eval", warmed(nn.BatchNorm2d(3), (4, 3, 5, 5)), torch.randn(4, 3, 5, 5), "eval"),
        case("bn2d_no_affine", nn.BatchNorm2d(3, affine=False), torch.randn(2, 3, 4, 4)),
        case("bn2d_no_tracking_eval", nn.BatchNorm2d(3, track_running_stats=False), torch.randn(2, 3, 4, 4), "eval"),
        case("bn1d_train_2d", nn.BatchNorm1d(5), torch.randn(6, 5) * 3),
        case("bn1d_train_3d", nn.BatchNorm1d(4, eps=1e-3, momentum=0.3), torch.randn(3, 4, 6)),
        case("bn1d_eval", warmed(nn.BatchNorm1d(4), (8, 4)), torch.randn(5, 4), "eval"),
        case("maxpool2", nn.MaxPool2d(2), torch.randn(2, 3, 6, 7)),
        case("maxpool3_stride2_pad1", nn.MaxPool2d(3, stride=2, padding=1), torch.randn(1, 2, 7, 7)),
        case("avgpool2", nn.AvgPool2d(2), torch.randn(2, 3, 6, 7)),
        case("avgpool3_pad1_exclude", nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False),
             torch.randn(1, 2, 5, 5)),
        case("adaptive1", nn.AdaptiveAvgPool2d(1), torch.randn(2, 3, 5, 7)),
        case("adaptive2x3", nn.AdaptiveAvgPool2d((2, 3)), torch.randn(2, 3, 5, 7)),
    ]
    write_json("cnn_layers.json", {"cases": cases})


def conv(ni, nf, ks=3, act=True):
    """The book's chapter-13 BatchNorm conv block."""
    layers = [nn.Conv2d(ni, nf, stride=2, kernel_size=ks, padding=ks // 2)]
    if act:
        layers.append(nn.ReLU())
    layers.append(nn.BatchNorm2d(nf))
    return nn.Sequential(*layers)


def chapter_model():
    torch.manual_seed(11)
    model = nn.Sequential(conv(1, 8, ks=5), conv(8, 16), conv(16, 32), conv(32, 64), conv(64, 10, act=False),
                          nn.Flatten())
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(3):
        x = torch.randn(16, 1, 28, 28)
        y = torch.randint(0, 10, (16,))
        F.cross_entropy(model(x), y).backward()
        opt.step()
        opt.zero_grad()
    sd = model.state_dict()
    tensors = [(k, v, "I64" if v.dtype == torch.int64 else "F32") for k, v in sd.items()]
    write_safetensors(os.path.join(OUT, "cnn_model.safetensors"), tensors, {"format": "pt"})
    x = torch.randn(8, 1, 28, 28)
    y = torch.randint(0, 10, (8,))
    model.eval()
    with torch.no_grad():
        eval_out = model(x)
    model.train()
    train_out = model(x)
    F.cross_entropy(train_out, y).backward()
    write_json("cnn_model.json", {
        "repr": repr(model), "keys": list(sd.keys()),
        "dtypes": {k: str(v.dtype) for k, v in sd.items()},
        "input": t(x), "target": t(y.float()), "evalOutput": t(eval_out), "trainOutput": t(train_out),
        "buffersAfterTrain": {k: t(v) for k, v in model.state_dict().items() if k.split(".")[-1] in BUFFERS},
        "paramGrads": {k: t(p.grad) for k, p in model.named_parameters()}})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    layers()
    chapter_model()
    print("CNN fixtures written to", OUT)
