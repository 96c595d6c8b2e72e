#!/usr/bin/python3
"""Writes the nn module's PyTorch fixtures, and checks safetensors files written by jfastai.

Generate (run from anywhere; needs only torch, no safetensors package):

    /usr/bin/python3 nn/src/test/python/make_fixtures.py

writes into nn/src/test/resources/fixtures/:
  layers.json, losses.json, init.json, optim.json   values and gradients from torch
  model.safetensors     a torch Sequential(Linear(4,3), ReLU(), Linear(3,2)) state dict, F32
  dtypes.safetensors    F16 / BF16 / F64 / scalar / empty tensors, expected values in safetensors.json

Check mode (the Java tests cannot run Python, so this is a documented manual step):

    . bin/env.sh && mvn -B -q -pl nn -am verify -Dtest=SafetensorsTest -Dsurefire.failIfNoSpecifiedTests=false
    /usr/bin/python3 nn/src/test/python/make_fixtures.py --check nn/target/python-check/model.safetensors

SafetensorsTest loads model.safetensors into a jfastai module and saves it back to
nn/target/python-check/model.safetensors. --check FILE parses FILE with the strict hand-written reader
below (the same rules the Java reader enforces), prints every tensor, and compares it with
model.safetensors: exit status 0 when names, shapes and values are identical, 1 otherwise.
"""
import json
import math
import os
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "fixtures"))

DTYPES = {"F64": (torch.float64, 8), "F32": (torch.float32, 4), "F16": (torch.float16, 2),
          "BF16": (torch.bfloat16, 2)}


def t(x):
    """A tensor as {"shape": [...], "data": [flat float32 values]}."""
    x = x.detach().to(torch.float32)
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).tolist()]}


def write_json(name, obj):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")


# ---------------------------------------------------------------- layers

def module_case(name, model, x):
    x = x.clone().requires_grad_(True)
    out = model(x)
    upstream = torch.randn(out.shape)
    (out * upstream).sum().backward()
    return {
        "name": name,
        "repr": repr(model),
        "state": {k: t(v) for k, v in model.state_dict().items()},
        "input": t(x),
        "upstream": t(upstream),
        "output": t(out),
        "inputGrad": t(x.grad),
        "paramGrads": {k: t(p.grad) for k, p in model.named_parameters()},
    }


def layers():
    torch.manual_seed(0)
    cases = [
        module_case("linear", nn.Linear(5, 3), torch.randn(4, 5)),
        module_case("linear_no_bias", nn.Linear(5, 3, bias=False), torch.randn(4, 5)),
        module_case("linear_3d_input", nn.Linear(5, 3), torch.randn(2, 3, 5)),
        module_case("mlp", nn.Sequential(nn.Linear(6, 5), nn.ReLU(), nn.Linear(5, 4), nn.Tanh(),
                                         nn.Linear(4, 2), nn.Sigmoid()), torch.randn(3, 6)),
        module_case("flatten_linear", nn.Sequential(nn.Flatten(), nn.Linear(12, 2)), torch.randn(2, 3, 4)),
        module_case("nested", nn.Sequential(nn.Linear(3, 4), nn.Sequential(nn.ReLU(), nn.Linear(4, 2))),
                    torch.randn(5, 3)),
    ]
    write_json("layers.json", {"cases": cases})


# ---------------------------------------------------------------- losses

def loss_case(name, fn, pred, target, **extra):
    pred = pred.clone().requires_grad_(True)
    value = fn(pred, target)
    value.backward()
    case = {"name": name, "pred": t(pred), "target": t(target), "value": t(value), "predGrad": t(pred.grad)}
    case.update(extra)
    return case


def op_case(name, fn, x, dim):
    x = x.clone().requires_grad_(True)
    out = fn(x, dim)
    upstream = torch.randn(out.shape)
    (out * upstream).sum().backward()
    return {"name": name, "dim": dim, "input": t(x), "upstream": t(upstream), "output": t(out),
            "inputGrad": t(x.grad)}


def mnist_loss(pred, target):
    pred = pred.sigmoid()
    return torch.where(target == 1, 1 - pred, pred).mean()


def losses():
    torch.manual_seed(1)
    logits = torch.randn(5, 4) * 3
    logits[2] = torch.tensor([1000.0, -1000.0, 999.0, 0.0])  # stability: naive exp overflows
    labels = torch.tensor([3.0, 0.0, 2.0, 1.0, 3.0])
    bce_x = torch.tensor([-50.0, -3.0, -0.5, 0.0, 0.0, 0.7, 4.0, 1000.0, -1000.0])
    bce_t = torch.tensor([0.0, 1.0, 0.3, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0])
    cases = [
        loss_case("mnist_loss", mnist_loss, torch.randn(6, 1), torch.tensor([[1.], [0.], [1.], [1.], [0.], [0.]])),
        loss_case("mse", F.mse_loss, torch.randn(4, 3), torch.randn(4, 3)),
        loss_case("l1", F.l1_loss, torch.randn(4, 3), torch.randn(4, 3)),
        loss_case("bce_with_logits", F.binary_cross_entropy_with_logits, bce_x, bce_t),
        loss_case("bce_with_logits_2d", F.binary_cross_entropy_with_logits, torch.randn(3, 2) * 4,
                  torch.tensor([[1., 0.], [0., 0.], [1., 1.]])),
        loss_case("cross_entropy", lambda p, y: F.cross_entropy(p, y.long()), logits, labels),
        loss_case("nll", lambda p, y: F.nll_loss(p, y.long()), F.log_softmax(torch.randn(5, 4), 1), labels),
    ]
    x = torch.randn(2, 3, 4) * 2
    x[1, 2] = torch.tensor([500.0, -500.0, 499.0, 0.0])
    ops = []
    for dim in (0, 1, 2, -1):
        ops.append(op_case("log_softmax", lambda a, d: F.log_softmax(a, d), x, dim))
        ops.append(op_case("softmax", lambda a, d: F.softmax(a, d), x, dim))
    write_json("losses.json", {"losses": cases, "ops": ops})


# ---------------------------------------------------------------- init

def fans(shape):
    w = torch.empty(shape)
    return nn.init._calculate_fan_in_and_fan_out(w)


def init():
    cases = []
    for shape in ([30, 784], [10, 30], [8, 4, 3, 3]):
        fan_in, fan_out = fans(shape)
        a5 = math.sqrt(5)
        g5 = nn.init.calculate_gain("leaky_relu", a5)
        cases.append({
            "shape": shape, "fanIn": fan_in, "fanOut": fan_out,
            # (kind, parameters, the bound of a uniform or the std of a normal)
            "kaimingUniformA5FanIn": g5 * math.sqrt(3.0 / fan_in),
            "kaimingUniformA0FanOut": nn.init.calculate_gain("leaky_relu", 0) * math.sqrt(3.0 / fan_out),
            "kaimingNormalA0FanIn": nn.init.calculate_gain("leaky_relu", 0) / math.sqrt(fan_in),
            "xavierUniformGain1": math.sqrt(6.0 / (fan_in + fan_out)),
            "xavierNormalGain2": 2.0 * math.sqrt(2.0 / (fan_in + fan_out)),
            "linearBiasBound": 1.0 / math.sqrt(fan_in),
        })
    write_json("init.json", {"cases": cases})


# ---------------------------------------------------------------- optimizers

def make_optimizer(kind, groups, h):
    if kind in ("sgd", "basic"):
        return torch.optim.SGD(groups, lr=h["lr"], momentum=h.get("mom", 0.0), dampening=h.get("dampening", 0.0),
                               weight_decay=h.get("wd", 0.0), nesterov=h.get("nesterov", False))
    cls = torch.optim.Adam if kind == "adam" else torch.optim.AdamW
    return cls(groups, lr=h["lr"], betas=(h["mom"], h["sqrMom"]), eps=h["eps"], weight_decay=h["wd"])


def optim_case(name, kind, hypers, init_params, grads, lrs=None, moms=None, group1=None):
    params = [p.clone().requires_grad_(True) for p in init_params]
    if group1 is None:
        groups = [{"params": params}]
    elif group1 == "skip_wd":  # the last parameter without weight decay, as fastai's do_wd=False
        groups = [{"params": params[:-1]}, {"params": params[-1:], "weight_decay": 0.0}]
    else:  # second group holds the last parameter, with its own hyper-parameters
        groups = [{"params": params[:-1]}, dict(group1, params=params[-1:])]
        if "mom" in group1:
            groups[1]["momentum"] = groups[1].pop("mom")
    opt = make_optimizer(kind, groups, hypers)
    steps = []
    for s, step_grads in enumerate(grads):
        for g in opt.param_groups:
            if lrs is not None:
                g["lr"] = lrs[s]
            if moms is not None:
                if kind in ("adam", "adamw"):
                    g["betas"] = (moms[s], g["betas"][1])
                else:
                    g["momentum"] = moms[s]
        for p, g in zip(params, step_grads):
            p.grad = g.clone()
        opt.step()
        steps.append([t(p) for p in params])
    names = {"momentum_buffer": "momentum_buffer", "exp_avg": "exp_avg", "exp_avg_sq": "exp_avg_sq", "step": "step"}
    state = {}
    for i, p in enumerate(params):
        for k, v in opt.state[p].items():
            if v is None:  # SGD keeps momentum_buffer=None while momentum is 0
                continue
            state["param.%d.%s" % (i, names[k])] = t(torch.as_tensor(v, dtype=torch.float32))
    case = {"name": name, "kind": kind, "hypers": hypers, "steps": steps, "state": state}
    if lrs is not None:
        case["lrs"] = lrs
    if moms is not None:
        case["moms"] = moms
    if group1 == "skip_wd":
        case["skipWeightDecayLast"] = True
    elif group1 is not None:
        case["group1"] = group1
    return case


def optim():
    torch.manual_seed(2)
    init_params = [torch.randn(3, 4), torch.randn(4)]
    grads = [[torch.randn(3, 4), torch.randn(4)] for _ in range(5)]
    adam_defaults = {"lr": 1e-3, "mom": 0.9, "sqrMom": 0.999, "eps": 1e-8, "wd": 0.0}
    cases = [
        optim_case("basic", "basic", {"lr": 0.1}, init_params, grads),
        optim_case("sgd", "sgd", {"lr": 0.1}, init_params, grads),
        optim_case("sgd_momentum", "sgd", {"lr": 0.1, "mom": 0.9}, init_params, grads),
        optim_case("sgd_dampening_wd", "sgd", {"lr": 0.05, "mom": 0.9, "dampening": 0.1, "wd": 0.01},
                   init_params, grads),
        optim_case("sgd_nesterov_wd", "sgd", {"lr": 0.05, "mom": 0.8, "wd": 0.1, "nesterov": True},
                   init_params, grads),
        optim_case("sgd_scheduled", "sgd", {"lr": 0.1, "mom": 0.9}, init_params, grads,
                   lrs=[0.1, 0.2, 0.3, 0.2, 0.05], moms=[0.95, 0.9, 0.85, 0.9, 0.95]),
        optim_case("sgd_two_groups", "sgd", {"lr": 0.1}, init_params, grads, group1={"lr": 0.01, "mom": 0.9}),
        optim_case("adam", "adam", adam_defaults, init_params, grads),
        optim_case("adam_wd", "adam", {"lr": 0.01, "mom": 0.8, "sqrMom": 0.9, "eps": 1e-6, "wd": 0.1},
                   init_params, grads),
        optim_case("adam_scheduled", "adam", dict(adam_defaults, lr=0.01), init_params, grads,
                   lrs=[0.001, 0.004, 0.01, 0.006, 0.002], moms=[0.95, 0.9, 0.85, 0.9, 0.95]),
        optim_case("adamw", "adamw", dict(adam_defaults, lr=0.01, wd=0.01), init_params, grads),
        optim_case("adamw_wd", "adamw", {"lr": 0.05, "mom": 0.85, "sqrMom": 0.99, "eps": 1e-5, "wd": 0.3},
                   init_params, grads),
        optim_case("fastai_adam_skip_wd_scheduled", "adamw",
                   {"lr": 0.01, "mom": 0.9, "sqrMom": 0.99, "eps": 1e-5, "wd": 0.3}, init_params, grads,
                   lrs=[0.001, 0.004, 0.01, 0.006, 0.002], moms=[0.95, 0.9, 0.85, 0.9, 0.95], group1="skip_wd"),
        optim_case("sgd_skip_wd", "sgd", {"lr": 0.05, "mom": 0.9, "wd": 0.1}, init_params, grads, group1="skip_wd"),
    ]
    write_json("optim.json", {"initial": [t(p) for p in init_params],
                              "grads": [[t(g) for g in step] for step in grads], "cases": cases})


# ---------------------------------------------------------------- safetensors, by hand

def tensor_bytes(x, dtype):
    x = x.detach().to(DTYPES[dtype][0]).contiguous()
    if dtype == "BF16":  # numpy has no bfloat16: take its bit pattern
        return x.view(torch.int16).numpy().astype("<i2").tobytes()
    return x.numpy().astype(x.numpy().dtype.newbyteorder("<")).tobytes()


def write_safetensors(path, tensors, metadata=None):
    """tensors: list of (name, tensor, dtype). Layout as the reference writer: compact JSON, space-padded to 8."""
    header, chunks, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, x, dtype in tensors:
        b = tensor_bytes(x, dtype)
        header[name] = {"dtype": dtype, "shape": list(x.shape), "data_offsets": [offset, offset + len(b)]}
        chunks.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in chunks:
            f.write(b)


def read_safetensors(path):
    """Strict reader: returns ({name: float32 tensor}, metadata) or raises ValueError naming the fault."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        raise ValueError("%s: %d bytes, shorter than the 8-byte header length" % (path, len(raw)))
    (n,) = struct.unpack("<Q", raw[:8])
    if n > 100_000_000:
        raise ValueError("%s: header of %d bytes exceeds 100 MB" % (path, n))
    if 8 + n > len(raw):
        raise ValueError("%s: header of %d bytes is longer than the file (%d bytes)" % (path, n, len(raw)))

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError("%s: duplicate key in header" % path)
        return dict(pairs)

    header = json.loads(raw[8:8 + n].decode("utf-8"), object_pairs_hook=no_duplicates)
    metadata = header.pop("__metadata__", None)
    data = raw[8 + n:]
    entries = sorted(header.items(), key=lambda kv: kv[1]["data_offsets"])
    pos = 0
    out = {}
    for name, e in entries:
        dtype, shape, (begin, end) = e["dtype"], e["shape"], e["data_offsets"]
        if dtype not in DTYPES:
            raise ValueError("%s: tensor %s has unknown dtype %s" % (path, name, dtype))
        if begin != pos:
            raise ValueError("%s: tensor %s starts at %d, expected %d (gap or overlap)" % (path, name, begin, pos))
        if end > len(data) or end < begin:
            raise ValueError("%s: tensor %s offsets [%d, %d] outside data of %d bytes" % (path, name, begin, end,
                                                                                          len(data)))
        if math.prod(shape) * DTYPES[dtype][1] != end - begin:
            raise ValueError("%s: tensor %s shape %s does not match %d bytes" % (path, name, shape, end - begin))
        chunk = bytearray(data[begin:end])
        if dtype == "BF16":
            x = torch.frombuffer(chunk, dtype=torch.int16).view(torch.bfloat16) if chunk else torch.empty(0)
        else:
            x = torch.frombuffer(chunk, dtype=DTYPES[dtype][0]) if chunk else torch.empty(0)
        out[name] = x.to(torch.float32).reshape(shape)
        pos = end
    if pos != len(data):
        raise ValueError("%s: %d trailing bytes after the last tensor" % (path, len(data) - pos))
    return out, metadata


def safetensors_fixtures():
    torch.manual_seed(3)
    model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
    sd = model.state_dict()
    write_safetensors(os.path.join(OUT, "model.safetensors"), [(k, v, "F32") for k, v in sd.items()],
                      {"format": "pt"})
    x = torch.randn(3, 4)
    special = {
        "f16": (torch.randn(2, 3), "F16"),
        "bf16": (torch.tensor([1.0, -2.5, 3.140625, 1e30, -1e-30]), "BF16"),
        "f64": (torch.randn(2, 2, dtype=torch.float64) / 3, "F64"),
        "scalar": (torch.tensor(7.25), "F32"),
        "empty": (torch.empty(0, 3), "F32"),
    }
    write_safetensors(os.path.join(OUT, "dtypes.safetensors"), [(k, v, d) for k, (v, d) in special.items()],
                      {"source": "make_fixtures.py", "note": "mixed dtypes"})
    expected = {k: t(v.to(DTYPES[d][0]).to(torch.float32)) for k, (v, d) in special.items()}
    write_json("safetensors.json", {
        "model": {"keys": list(sd.keys()), "repr": repr(model), "input": t(x), "output": t(model(x)),
                  "state": {k: t(v) for k, v in sd.items()}},
        "dtypes": {"metadata": {"source": "make_fixtures.py", "note": "mixed dtypes"}, "tensors": expected},
    })


def check(path):
    got, metadata = read_safetensors(path)
    want, _ = read_safetensors(os.path.join(OUT, "model.safetensors"))
    ok = True
    for name, x in got.items():
        print("%-10s %-12s first values %s" % (name, list(x.shape), x.reshape(-1)[:4].tolist()))
    print("metadata:", metadata)
    if list(got) != list(want) and sorted(got) != sorted(want):
        print("MISMATCH: names %s, expected %s" % (sorted(got), sorted(want)))
        ok = False
    for name, x in want.items():
        if name in got and (got[name].shape != x.shape or not torch.equal(got[name], x)):
            print("MISMATCH: tensor %s differs from model.safetensors" % name)
            ok = False
    print("OK: %s matches model.safetensors" % path if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        sys.exit(check(sys.argv[2]))
    if len(sys.argv) != 1:
        sys.exit(__doc__)
    os.makedirs(OUT, exist_ok=True)
    layers()
    losses()
    init()
    optim()
    safetensors_fixtures()
    print("fixtures written to", OUT)
