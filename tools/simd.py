"""Which of numpy's SIMD levels to switch off to make this machine compute like an older CPU.

``python tools/simd.py`` prints a value for ``NPY_DISABLE_CPU_FEATURES``: every SIMD
level numpy dispatches to on this machine except the oldest one (on an AVX-512 machine:
the AVX-512 levels, leaving AVX2), or that oldest one when it is the only one (an AVX2
machine then runs the baseline SSE paths). numpy's own report (``numpy.show_runtime()``,
"found") is read the same way; where it cannot be read on x86-64, ``X86_V3`` (AVX2).
Prints nothing where numpy found no level above its baseline (nothing to switch off).
"""

from __future__ import annotations

import platform

FALLBACK = "X86_V3"


def found_levels() -> list[str]:
    """SIMD levels above the baseline that numpy found on this machine, oldest first."""
    from numpy._core import _multiarray_umath as umath

    return [name for name in umath.__cpu_dispatch__ if umath.__cpu_features__.get(name)]


def to_disable() -> str:
    """The ``NPY_DISABLE_CPU_FEATURES`` value that switches off the newest levels."""
    try:
        found = found_levels()
    except (ImportError, AttributeError):
        return FALLBACK if platform.machine() in ("x86_64", "AMD64") else ""
    return " ".join(found[1:] if len(found) > 1 else found)


if __name__ == "__main__":
    print(to_disable())
