"""The pinned lock and environment.yml agree; the set-up files say what README says."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = {"jupyterlab", "matplotlib", "plotly", "nbval"}


def lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert "==" in line, f"unpinned line in requirements.lock: {line!r}"
            name, version = line.split("==")
            pins[name.lower().replace("-", "_")] = version
    return pins


def env_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    deps = env["dependencies"]
    assert "python=3.11" in deps and "pip" in deps
    pip = next(d["pip"] for d in deps if isinstance(d, dict))
    pins = {}
    for spec in pip:
        name, version = spec.split("==")
        pins[name.lower().replace("-", "_")] = version
    return pins


def test_lock_pins_every_package_exactly():
    pins = lock()
    assert len(pins) > 80  # transitive dependencies included
    assert REQUIRED <= set(pins)


def test_environment_yml_names_the_same_versions_as_the_lock():
    locked, env = lock(), env_pins()
    assert REQUIRED <= set(env)
    drift = {n: (v, locked.get(n)) for n, v in env.items() if locked.get(n) != v}
    assert not drift, f"environment.yml and requirements.lock drift: {drift}"


def test_readme_gives_students_make_lab_and_developers_make_test():
    text = (ROOT / "README.md").read_text()
    blocks = [b.strip() for b in re.findall(r"```(?:bash|sh)?\n(.*?)```", text, re.S)]
    assert blocks[0] == "make lab", "the first command a student sees"
    development = text.split("## Development", 1)[1]
    assert re.search(r"```(?:bash|sh)?\n(.*?)```", development, re.S).group(1).strip() == (
        "make test")


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "apt-get update" in ci and "chromium" in ci and "make test" in ci
