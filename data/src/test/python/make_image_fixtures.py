#!/usr/bin/env python3
"""Writes src/test/resources/fixtures/pil_images.json: small PNGs saved by PIL, with what PIL reads back.

Each case holds the PNG bytes (base64), np.array(Image.open(png)) (the chapter's tensor(Image.open(o))), and
np.array(Image.open(png).convert('L')) (PIL's RGB->gray). Run from the module folder: python3 src/test/python/make_image_fixtures.py
"""
import base64, io, json
from pathlib import Path
import numpy as np
from PIL import Image

rng = np.random.default_rng(4)
cases = []

def add(name, img, **save):
    buf = io.BytesIO(); img.save(buf, format='PNG', **save)
    back = Image.open(io.BytesIO(buf.getvalue()))
    cases.append({'name': name, 'png': base64.b64encode(buf.getvalue()).decode(),
                  'array': np.array(back).astype(int).flatten().tolist(), 'shape': list(np.array(back).shape),
                  'gray': np.array(back.convert('L')).astype(int).flatten().tolist()})

digit = np.zeros((28, 28), np.uint8); digit[6:22, 9:19] = rng.integers(0, 256, (16, 10))
add('gray28', Image.fromarray(digit, 'L'))
add('gray28_optimized', Image.fromarray(digit, 'L'), optimize=True)
add('gray_noise_13x17', Image.fromarray(rng.integers(0, 256, (13, 17), dtype=np.uint8), 'L'))
add('gray_1x1', Image.fromarray(np.array([[200]], np.uint8), 'L'))
add('rgb_9x6', Image.fromarray(rng.integers(0, 256, (9, 6, 3), dtype=np.uint8), 'RGB'))
ramp = np.stack(np.meshgrid(np.arange(16) * 17, np.arange(16) * 17), -1)
add('rgb_ramp_16x16', Image.fromarray(np.concatenate([ramp, 255 - ramp[..., :1]], -1).astype(np.uint8), 'RGB'))
add('rgba_5x4', Image.fromarray(rng.integers(0, 256, (5, 4, 4), dtype=np.uint8), 'RGBA'))
add('la_3x7', Image.fromarray(rng.integers(0, 256, (3, 7, 2), dtype=np.uint8), 'LA'))

out = Path(__file__).resolve().parents[1] / 'resources' / 'fixtures' / 'pil_images.json'
out.write_text(json.dumps({'generator': 'make_image_fixtures.py', 'cases': cases}, indent=1) + '\n')
print('wrote', out, len(cases), 'cases')
