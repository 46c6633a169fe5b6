"""Compare notebook outputs from two runs: strictly on one machine, with tolerance across CPUs.

Two fresh runs on one machine must give the same bytes (``strict_differences``). A fresh
run on another CPU is compared with the committed outputs the way image-comparison suites
compare renders (``tolerant_differences``):

- PNG: decoded and compared by RMS difference of the RGB values (0-255), like
  ``matplotlib.testing.compare.calculate_rms``, and by the area of *blobs* of changed
  pixels: a pixel changed by more than ``PNG_LEVEL`` counts only if the 3 x 3 square
  around it changed too. Floating-point ties that land differently on another CPU flip
  single pixels and 1-px seams between triangles, and shift the 256-colour palette by a
  level or two; a moved label, a lost structure or a new colour changes solid areas.
  ``PNG_RMS``, ``PNG_LEVEL`` and ``PNG_BLOB_PX`` are the tolerances (see their comment).
- plotly JSON: typed arrays decoded, numbers equal to within one rounding step of the
  figure's coordinates (``10 ** -DECIMALS``), everything else exactly.
- text: equal token by token, numbers to within one unit of their last printed digit
  (a value on a rounding boundary may print as 22.4 on one CPU and 22.5 on another).

``python tools/nbcompare.py [notebook ...]`` runs each notebook once in a fresh kernel and
prints the differences from its committed outputs (exit 1 if any): the check CI repeats
with numpy's newest SIMD paths switched off (``NPY_DISABLE_CPU_FEATURES``).
"""

from __future__ import annotations

import base64
import copy
import io
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from anatomy.conventions import DECIMALS  # noqa: E402

# Tolerances, calibrated on real CPU noise: the kit's notebooks as they were before
# depth ties were broken by triangle index, run with numpy's AVX-512 and AVX2 paths
# switched off, against the same notebooks made with them (tests/data/cpu_noise/). That
# noise reached RMS 0.70 and blobs of 16 px. Deliberate breaks of a real figure (moving a
# label by 2 mm, dropping one landmark marker, recolouring the markers, removing the
# scale bar) give blobs of 32-156 px (tests/test_nbcompare.py holds both sides).
PNG_RMS = 1.0
PNG_LEVEL = 16  # a pixel has changed when a channel moved by more than this (of 255)
PNG_BLOB_PX = 24
JSON_ATOL = 1.01 * 10.0 ** -DECIMALS
PLOTLY = "application/vnd.plotly.v1+json"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


# ------------------------------------------------------------------ images

def decode_png(data: str | bytes) -> np.ndarray:
    """An (H, W, 3) uint8 array from PNG bytes or their base64 text (as notebooks store)."""
    from PIL import Image

    raw = base64.b64decode(data) if isinstance(data, str) else data
    with Image.open(io.BytesIO(raw)) as im:
        return np.asarray(im.convert("RGB"))


def png_difference(a: str | bytes, b: str | bytes) -> dict:
    """How much two PNGs differ: ``rms`` (0-255 scale), ``changed`` (pixels with a channel
    moved by more than ``PNG_LEVEL``), ``blob_px`` (changed pixels whose whole 3 x 3
    neighbourhood changed), ``size`` (equal or not)."""
    x, y = decode_png(a).astype(float), decode_png(b).astype(float)
    if x.shape != y.shape:
        return {"size": False, "rms": float("inf"), "changed": -1, "blob_px": -1}
    diff = np.abs(x - y).max(axis=2) > PNG_LEVEL
    core = diff.copy()
    h, w = diff.shape
    for dy in (-1, 0, 1):  # erosion by a 3 x 3 square: thin seams and lone pixels vanish
        for dx in (-1, 0, 1):
            shifted = np.zeros_like(diff)
            shifted[max(dy, 0):h + min(dy, 0), max(dx, 0):w + min(dx, 0)] = \
                diff[max(-dy, 0):h + min(-dy, 0), max(-dx, 0):w + min(-dx, 0)]
            core &= shifted
    return {"size": True, "rms": float(np.sqrt(np.mean((x - y) ** 2))),
            "changed": int(diff.sum()), "blob_px": int(core.sum())}


def png_close(a, b, rms: float = PNG_RMS, blob_px: int = PNG_BLOB_PX) -> tuple[bool, dict]:
    """(within tolerance, the measures of ``png_difference``)."""
    d = png_difference(a, b)
    return d["size"] and d["rms"] <= rms and d["blob_px"] <= blob_px, d


# ------------------------------------------------------------------ plotly JSON and text

def _decoded(obj):
    """JSON with plotly's typed arrays ({"dtype", "bdata"}) decoded to nested lists."""
    if isinstance(obj, dict):
        if "bdata" in obj and "dtype" in obj:
            a = np.frombuffer(base64.b64decode(obj["bdata"]), dtype=obj["dtype"])
            if "shape" in obj:
                a = a.reshape([int(n) for n in str(obj["shape"]).split(",")])
            return a.tolist()
        return {k: _decoded(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_decoded(v) for v in obj]
    return obj


def json_differences(a, b, atol: float = JSON_ATOL, where: str = "") -> list[str]:
    """Paths where two JSON values differ (numbers by more than ``atol``)."""
    a, b = _decoded(a), _decoded(b)
    out: list[str] = []

    def walk(x, y, path):
        if isinstance(x, bool) or isinstance(y, bool) or not (
                isinstance(x, (int, float)) and isinstance(y, (int, float))):
            if isinstance(x, dict) and isinstance(y, dict):
                if set(x) != set(y):
                    out.append(f"{path}: keys {sorted(set(x) ^ set(y))}")
                for k in sorted(set(x) & set(y)):
                    walk(x[k], y[k], f"{path}.{k}")
            elif isinstance(x, list) and isinstance(y, list):
                if len(x) != len(y):
                    out.append(f"{path}: length {len(x)} != {len(y)}")
                else:
                    for i, (p, q) in enumerate(zip(x, y)):
                        walk(p, q, f"{path}[{i}]")
            elif x != y:
                out.append(f"{path}: {str(x)[:60]!r} != {str(y)[:60]!r}")
        elif abs(x - y) > atol:
            out.append(f"{path}: {x} != {y}")

    walk(a, b, where)
    return out


def _decimals(token: str) -> int:
    mantissa = token.lower().split("e")[0]
    return len(mantissa.split(".")[1]) if "." in mantissa else 0


def text_close(a: str, b: str) -> bool:
    """Equal text, numbers to within one unit of their last printed digit."""
    if a == b:
        return True
    parts_a, parts_b = NUMBER.split(a), NUMBER.split(b)
    nums_a, nums_b = NUMBER.findall(a), NUMBER.findall(b)
    if parts_a != parts_b or len(nums_a) != len(nums_b):
        return False
    for p, q in zip(nums_a, nums_b):
        step = 10.0 ** -max(_decimals(p), _decimals(q))
        if "e" in p.lower() or "e" in q.lower():
            step = abs(float(p)) * 1e-6
        if abs(float(p) - float(q)) > step * 1.0001:
            return False
    return True


# ------------------------------------------------------------------ notebooks

def code_outputs(nb) -> list[list[dict]]:
    """Each code cell's outputs without execution counts."""
    return [[{k: v for k, v in o.items() if k != "execution_count"} for o in cell.outputs]
            for cell in nb.cells if cell.cell_type == "code"]


def strict_differences(a, b) -> list[str]:
    """Code cells whose outputs differ at all (two runs on one machine)."""
    return [f"code cell {k + 1} differs" for k, (x, y) in
            enumerate(zip(code_outputs(a), code_outputs(b))) if x != y]


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def output_differences(x: dict, y: dict, where: str) -> list[str]:
    """Differences between two outputs of one cell, with the tolerances above."""
    if x.get("output_type") != y.get("output_type"):
        return [f"{where}: output type {x.get('output_type')} != {y.get('output_type')}"]
    if "text" in x or "text" in y:
        return [] if text_close(_text(x.get("text", "")), _text(y.get("text", ""))) else [
            f"{where}: stream text differs"]
    dx, dy = x.get("data", {}), y.get("data", {})
    if set(dx) != set(dy):
        return [f"{where}: mime types {sorted(set(dx) ^ set(dy))}"]
    out = []
    for mime in sorted(dx):
        if mime == "image/png":
            ok, d = png_close(dx[mime], dy[mime])
            if not ok:
                out.append(f"{where}: PNG differs (RMS {d['rms']:.2f}, changed "
                           f"{d['changed']} px, in blobs {d['blob_px']} px)")
        elif mime == PLOTLY or mime.endswith("json"):
            diffs = json_differences(dx[mime], dy[mime])
            out += [f"{where}: {mime} {d}" for d in diffs[:5]]
        elif not text_close(_text(dx[mime]), _text(dy[mime])):
            out.append(f"{where}: {mime} differs")
    if json_differences(x.get("metadata", {}), y.get("metadata", {})):
        out.append(f"{where}: output metadata differs")
    return out


def tolerant_differences(committed, fresh) -> list[str]:
    """Differences between committed and fresh outputs beyond floating-point noise."""
    out = []
    a, b = code_outputs(committed), code_outputs(fresh)
    if len(a) != len(b):
        return [f"{len(a)} code cells != {len(b)}"]
    for k, (xs, ys) in enumerate(zip(a, b)):
        if len(xs) != len(ys):
            out.append(f"code cell {k + 1}: {len(xs)} outputs != {len(ys)}")
            continue
        for i, (x, y) in enumerate(zip(xs, ys)):
            out += output_differences(x, y, f"code cell {k + 1} output {i + 1}")
    return out


def fresh_run(path: Path):
    """(committed notebook, the same notebook run once in a fresh kernel)."""
    import nbformat

    from tools.nbtools import execute

    committed = nbformat.read(path, as_version=4)
    fresh = copy.deepcopy(committed)
    for cell in fresh.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    return committed, execute(fresh, path.parent, timeout=300)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    failed = 0
    for path in paths:
        diffs = tolerant_differences(*fresh_run(path))
        print(f"{path.name}: " + ("matches the committed outputs" if not diffs else
                                  f"{len(diffs)} differences"))
        for d in diffs[:20]:
            print(f"  {d}")
        failed += bool(diffs)
    print(f"{len(paths) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
