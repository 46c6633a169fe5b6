"""Three-valued (Kleene) building blocks of the criteria checker: unknown stays unknown."""

from __future__ import annotations

from dataclasses import dataclass

__all__: list[str] = []  # internals of the package: nothing public of its own


@dataclass(frozen=True)
class _Check:
    text: str
    ok: bool | None
    missing: tuple[str, ...] = ()


def _has(f: dict, key: str, want: object = True, label: str = "") -> _Check:
    if key not in f:
        return _Check(f"{label or key}: {key} missing", None, (key,))
    return _Check(f"{label or key}: {key}={f[key]!r}", f[key] == want)


def _among(f: dict, key: str, options, label: str) -> _Check:
    if key not in f:
        return _Check(f"{label}: {key} missing", None, (key,))
    return _Check(f"{label}: {key}={f[key]!r} (needs {'/'.join(options)})", f[key] in options)


def _between(f: dict, key: str, low: float, high: float, label: str = "") -> _Check:
    if key not in f:
        return _Check(f"{label or key}: {key} missing", None, (key,))
    v = f[key]
    return _Check(f"{label or key}: {key}={v:g} (needs {low:g} to {high:g})", low <= v <= high)


def _custom(text: str, ok: bool | None, missing: tuple[str, ...] = ()) -> _Check:
    return _Check(text + (f": {', '.join(missing)} missing" if ok is None else ""), ok, missing)


def _judge(checks: list[_Check], need: int | None = None) -> tuple[bool | None, str, tuple]:
    """Kleene logic: at least ``need`` of the checks (all of them if need is None)."""
    need = len(checks) if need is None else need
    yes = sum(c.ok is True for c in checks)
    unknown = [c for c in checks if c.ok is None]
    ok = True if yes >= need else False if yes + len(unknown) < need else None
    mark = {True: "yes", False: "no", None: "?"}
    listed = "; ".join(f"{c.text} [{mark[c.ok]}]" for c in checks)
    scope = "all of" if need == len(checks) else f"at least {need} of {len(checks)}"
    reason = listed if len(checks) == 1 else f"needs {scope}, {yes} met: {listed}"
    missing = tuple(k for c in unknown for k in c.missing)
    return ok, reason, missing if ok is None else ()


def _and(a: bool | None, b: bool | None) -> bool | None:
    return False if a is False or b is False else None if a is None or b is None else True


def _or(a: bool | None, b: bool | None) -> bool | None:
    return True if a is True or b is True else None if a is None or b is None else False


def _not(a: bool | None) -> bool | None:
    return None if a is None else not a


