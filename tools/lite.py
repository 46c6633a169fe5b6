"""Build the JupyterLite site: the student notebooks, run by Python in the browser.

    python tools/lite.py                       build/lite/, Pyodide from its CDN
    python tools/lite.py --pyodide URL         Pyodide from URL (ending in pyodide.mjs)
    python tools/lite.py --pyodide PATH        a local Pyodide distribution (a folder or
                                               the release's .tar.bz2), copied into the
                                               site, for a room without network

``make lite`` runs it (``make lite PYODIDE_URL=...`` passes ``--pyodide``). The site holds

- the student notebooks (``make student``), each with one first cell that installs the
  kit into the browser's Python (``%pip install``, answered by the site's own wheels);
- the kit as a wheel built here, with its geometry store inside (``anatomy/_store/``,
  ``anatomy.store.bundle``), so nothing is built in the browser; its requirements are
  the run-time ones (``RUNTIME_REQUIRES``), all packages of Pyodide itself;
- jupyterquiz's wheel (the quiz cells import it), at the version of requirements.lock;
- the JupyterLab extensions the notebooks need (``EXTENSIONS``: plotly's renderer, RISE,
  the Pyodide kernel), without source maps. plotly's and RISE's come from the Python
  environment; jupyterlite-pyodide-kernel is installed apart, in ``TOOLS``, at the pins
  of ``TOOLS_LOCK`` (its extension breaks JupyterLab itself).

The site without the Pyodide runtime must stay under ``BUDGET_MB``. Pyodide (CPython
compiled to WebAssembly, with numpy, scipy, pandas and matplotlib) is not part of the
site unless ``--pyodide PATH`` copies it in: by default the browser fetches it from
``PYODIDE_CDN`` when the first kernel starts. The npm package ``pyodide`` holds only the
core runtime (no numpy or scipy wheels), which is not enough for the kit; a room without
network needs the full distribution of the same version (``PYODIDE_VERSION``).
"""

from __future__ import annotations

import argparse
import base64
import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from tools import classroom, nbtools  # noqa: E402

OUT = ROOT / "build" / "lite"
TOOLS = ROOT / "build" / "lite-tools"  # jupyterlite-pyodide-kernel, outside .venv
TOOLS_LOCK = ROOT / "requirements-lite.lock"
STUDENT = ROOT / "build" / "student"
BUDGET_MB = 40
PYODIDE_DIR = Path("static", "pyodide")  # where a copied-in Pyodide lives in the site
# the pure-Python packages the kit imports at run time (all in Pyodide's own lock; the
# build-time ones, pygeodesic, plotly and kaleido, are never imported with a store)
RUNTIME_REQUIRES = ("numpy", "scipy", "pandas", "matplotlib")
SHIPPED = ("jupyterquiz",)  # wheels the notebooks import, not in Pyodide (pins: the lock)
EXTENSIONS = ("jupyterlab-plotly", "jupyterlab-rise", "@jupyterlite/pyodide-kernel-extension")
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
PYODIDE_KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)",
                      "language": "python"}
INSTALL_TAG = "lite-install"
INSTALL_CELL = (
    "# JupyterLite: install the kit (with its stored geometry) and the quiz package into\n"
    "# this browser's Python, from this site. Run this cell first; it takes a few seconds.\n"
    "%pip install -q anatomy-kit jupyterquiz")


def kernel_tools() -> Path:
    """``TOOLS``: the pins of ``TOOLS_LOCK`` installed there by pip (again when the pins
    change), and put on sys.path. Not in .venv: the Pyodide kernel's JupyterLab
    extension breaks JupyterLab itself (see requirements-lite.lock)."""
    pins = [line for line in TOOLS_LOCK.read_text().splitlines()
            if line and not line.startswith("#")]
    stamp = TOOLS / ".pins"
    if not stamp.is_file() or stamp.read_text().split() != pins:
        if TOOLS.exists():
            shutil.rmtree(TOOLS)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                        "--disable-pip-version-check", "--target", str(TOOLS), *pins],
                       check=True)
        stamp.write_text("\n".join(pins) + "\n")
    if str(TOOLS) not in sys.path:
        sys.path.append(str(TOOLS))
    return TOOLS


def pyodide_version() -> str:
    """The Pyodide version the pinned jupyterlite-pyodide-kernel is made for."""
    kernel_tools()
    from jupyterlite_pyodide_kernel import constants

    return constants.PYODIDE_VERSION


def pyodide_cdn() -> str:
    kernel_tools()
    from jupyterlite_pyodide_kernel import constants

    return constants.PYODIDE_CDN_URL


# ------------------------------------------------------------------ the kit's wheel

def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"sha256={digest.decode()}"


def package_files() -> list[tuple[str, bytes]]:
    """(path in the wheel, bytes) of the kit's modules and data, and its geometry store."""
    from anatomy import store

    src = store.PACKAGE_DIR
    files = [(p.relative_to(src.parent).as_posix(), p.read_bytes())
             for p in sorted(src.rglob("*"))
             if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
             and store.PACKAGED_DIR not in p.parents]
    with tempfile.TemporaryDirectory() as tmp:
        store.bundle(Path(tmp))  # raises, naming the build command, when there is none
        files += [(f"anatomy/_store/{p.name}", p.read_bytes()) for p in sorted(Path(tmp).iterdir())]
    return files


def build_wheel(dest: Path) -> Path:
    """The kit as a pure-Python wheel (byte-identical for the same sources) in ``dest``."""
    project = _project()
    name, version = project["name"], project["version"]
    dist = f"{name.replace('-', '_')}-{version}"
    metadata = "\n".join(
        ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
         f"Summary: {project['description']}", f"Requires-Python: {project['requires-python']}",
         *[f"Requires-Dist: {r}" for r in RUNTIME_REQUIRES]]) + "\n"
    wheel_info = ("Wheel-Version: 1.0\nGenerator: tools/lite.py\nRoot-Is-Purelib: true\n"
                  "Tag: py3-none-any\n")
    files = package_files() + [(f"{dist}.dist-info/METADATA", metadata.encode()),
                               (f"{dist}.dist-info/WHEEL", wheel_info.encode())]
    record = "".join(f"{n},{_record_hash(d)},{len(d)}\n" for n, d in files)
    record += f"{dist}.dist-info/RECORD,,\n"
    files.append((f"{dist}.dist-info/RECORD", record.encode()))
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in files:
            info = zipfile.ZipInfo(n, FIXED_DATE)
            info.external_attr = 0o644 << 16
            z.writestr(info, d, zipfile.ZIP_DEFLATED)
    return path


def shipped_wheels(dest: Path) -> list[Path]:
    """The ``SHIPPED`` packages' wheels at the lock's versions (pip download from PyPI at
    build time, kept in ``dest`` so a rebuild needs no network)."""
    from tools.write_environment import lock_pins

    pins, wheels = lock_pins(), []
    for name in SHIPPED:
        version = pins[name]
        found = [p for p in dest.glob("*.whl")
                 if p.name.lower().startswith(f"{name}-{version}-")]
        if not found:
            subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                            "--only-binary", ":all:", "-d", str(dest), f"{name}=={version}"],
                           check=True)
            found = [p for p in dest.glob("*.whl")
                     if p.name.lower().startswith(f"{name}-{version}-")]
        if not found or not found[0].name.endswith("py3-none-any.whl"):
            raise RuntimeError(f"no pure-Python wheel of {name}=={version} in {dest}: "
                               f"{[p.name for p in dest.glob('*.whl')]}")
        wheels.append(found[0])
    return wheels


# ------------------------------------------------------------------ notebooks

def lite_notebook(nb):
    """A student notebook with the install cell first (before the first code cell), for
    the Pyodide kernel (JupyterLite would otherwise switch the kernel on opening and mark
    the notebook changed)."""
    nb = copy.deepcopy(nb)
    nb.metadata["kernelspec"] = dict(PYODIDE_KERNELSPEC)
    cell = {"cell_type": "code", "execution_count": None, "id": "lite-install",
            "metadata": {"tags": [INSTALL_TAG], "slideshow": {"slide_type": "skip"}},
            "outputs": [], "source": INSTALL_CELL}
    first = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    nb.cells.insert(first, nbformat.from_dict(cell))
    return nb


def write_contents(dest: Path, student: Path = STUDENT) -> list[Path]:
    """The student notebooks (built when missing or older than their source) for the site."""
    sources = classroom.notebooks()
    built = [student / s.name for s in sources]
    if not all(b.exists() and b.stat().st_mtime >= s.stat().st_mtime
               for b, s in zip(built, sources)):
        classroom.build_student(student)
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for path in built:
        # multi-line strings stay strings: JupyterLite hands the file's JSON to the page
        # as it is, and its table of contents fails on a markdown output stored as a
        # list of lines (JupyterLab's server joins them when it reads a notebook)
        nb = nbformat.from_dict(nbtools.js_numbers(lite_notebook(classroom._read(path))))
        text = nbformat.writes(nb, split_lines=False)
        (dest / path.name).write_text(text + "\n", encoding="utf-8")
        written.append(dest / path.name)
    return written


# ------------------------------------------------------------------ the site

def extension_dirs() -> list[Path]:
    """The labextension folders of ``EXTENSIONS``, in this Python environment or in
    ``TOOLS`` (the Pyodide kernel's)."""
    bases = [Path(sys.prefix, "share", "jupyter", "labextensions"),
             kernel_tools() / "share" / "jupyter" / "labextensions"]
    dirs = [next((b / name for b in bases if (b / name).is_dir()), bases[0] / name)
            for name in EXTENSIONS]
    missing = [str(d) for d in dirs if not (d / "package.json").is_file()]
    if missing:
        raise FileNotFoundError(f"labextensions missing (run `make venv`): {missing}")
    return dirs


def lite_config(pyodide: str | None) -> dict:
    """jupyter-lite.json of the site: the Pyodide kernel's settings."""
    settings: dict = {"disablePyPIFallback": True}  # piplite answers from the site only
    if pyodide and re.match(r"^https?://", pyodide):
        if not pyodide.endswith("pyodide.mjs"):
            raise ValueError(f"--pyodide URL must end in pyodide.mjs, got {pyodide!r}")
        settings["pyodideUrl"] = pyodide
    return {"jupyter-lite-schema-version": 0, "jupyter-config-data": {
        "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": settings},
        "disabledExtensions": []}}


def site_size(out: Path) -> int:
    """Bytes of the site without a copied-in Pyodide runtime."""
    skip = out / PYODIDE_DIR
    return sum(p.stat().st_size for p in out.rglob("*")
               if p.is_file() and skip not in p.parents)


def build(out: Path = OUT, pyodide: str | None = None) -> Path:
    """Build the site into ``out``; returns ``out``. See the module docstring."""
    cache = ROOT / "build" / "lite-cache"
    local = None  # a local Pyodide distribution to copy in
    if pyodide and not re.match(r"^https?://", pyodide):
        local = Path(pyodide).resolve()
        if local.is_dir() and not (local / "pyodide.mjs").is_file():
            raise FileNotFoundError(f"--pyodide: {local} holds no pyodide.mjs")
        if not local.is_dir() and not local.name.endswith(".tar.bz2"):
            raise FileNotFoundError(f"--pyodide: {pyodide!r} is neither a folder nor a "
                                    ".tar.bz2 Pyodide distribution")
    lite_config(pyodide)  # checks a URL
    with tempfile.TemporaryDirectory() as tmp:
        lite_dir = Path(tmp)
        write_contents(lite_dir / "contents")
        wheels = [build_wheel(lite_dir / "wheels"), *shipped_wheels(cache / "wheels")]
        (lite_dir / "jupyter-lite.json").write_text(json.dumps(lite_config(pyodide), indent=2))
        # the kit's JupyterLab setting defaults, as make lab has them (jupyter/README.md)
        shutil.copy(ROOT / "jupyter" / "lab-settings" / "overrides.json", lite_dir)
        (lite_dir / "jupyter_lite_config.json").write_text(json.dumps({"LiteBuildConfig": {
            "ignore_sys_prefix": ["federated_extensions"],
            "federated_extensions": [str(d) for d in extension_dirs()]}}, indent=2))
        args = []
        if local is not None and local.is_dir():
            shutil.copytree(local, lite_dir / PYODIDE_DIR)
        elif local is not None:
            args += ["--pyodide", str(local)]
        if out.exists():
            shutil.rmtree(out)
        cmd = [str(Path(sys.executable).with_name("jupyter")), "lite", "build",
               "--lite-dir", str(lite_dir), "--contents", str(lite_dir / "contents"),
               "--output-dir", str(out.resolve()), "--no-sourcemaps",
               "--no-unused-shared-packages", "--apps", "lab", "--apps", "notebooks",
               *[a for w in wheels for a in ("--piplite-wheels", str(w))], *args]
        env = {**os.environ, "JUPYTERLITE_NO_JUPYTERLAB_SERVER": "1",
               "PYTHONPATH": os.pathsep.join(
                   p for p in (os.environ.get("PYTHONPATH"), str(kernel_tools())) if p)}
        env.pop("JUPYTERLITE_PYODIDE_URL", None)
        subprocess.run(cmd, check=True, cwd=lite_dir, env=env,
                       stdout=None if "-v" in sys.argv else subprocess.DEVNULL)
    maps = [str(p.relative_to(out)) for p in out.rglob("*.map")]
    if maps:
        raise RuntimeError(f"source maps left in the site: {maps[:5]}")
    size = site_size(out)
    if size > BUDGET_MB * 2**20:
        raise RuntimeError(f"{out} is {size / 2**20:.1f} MB without Pyodide, over the "
                           f"{BUDGET_MB} MB budget")
    print(f"lite: {out} ({size / 2**20:.1f} MB without the Pyodide runtime; "
          f"Pyodide {pyodide_version()} from {pyodide or pyodide_cdn()})")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyodide", default=os.environ.get("PYODIDE_URL") or None,
                        help="URL of pyodide.mjs, or a local Pyodide folder or .tar.bz2")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("-v", action="store_true", help="show jupyter lite's output")
    args = parser.parse_args(argv)
    build(args.out, args.pyodide)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
