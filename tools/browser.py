"""Headless Chromium and a throwaway JupyterLab server, shared by tests and the benchmark.

Chromium comes from Debian (`apt-get install chromium`); playwright drives it with the
flags that render plotly's WebGL here. JupyterLab binds to 127.0.0.1 with a random token
and a private config folder, so nothing of the user's set-up leaks into a run.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader",
         "--use-angle=swiftshader", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def notebook_copy(root: Path, dest: Path) -> Path:
    """Copy root/notebooks into dest/notebooks and return dest.

    Serve JupyterLab from the copy: JupyterLab autosaves an open notebook, re-serialising
    its JSON, and a test must never rewrite the committed notebooks.
    """
    shutil.copytree(root / "notebooks", dest / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return dest


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jupyterlab(root: Path, home: Path, *extra: str, timeout_s: float = 60) -> Iterator[
        tuple[str, str]]:
    """Run JupyterLab on ``root``; yield (base URL, token); stop it afterwards.

    Raises RuntimeError if the server does not answer within ``timeout_s``.
    """
    token, port = secrets.token_hex(16), free_port()
    # the kit's own Jupyter configuration, as `make lab` and the JupyterHub image add it
    # (jupyter/: the news pop-up off, the pre-save hook that keeps notebooks unchanged)
    kit = str(Path(__file__).resolve().parents[1] / "jupyter")
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTER_CONFIG_PATH": os.pathsep.join(
               p for p in (kit, os.environ.get("JUPYTER_CONFIG_PATH", "")) if p)}
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
           f"--port={port}", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={root}", "--ServerApp.open_browser=False",
           "--LabApp.news_url=",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", *extra]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"JupyterLab did not start within {timeout_s:g} s") from None
                time.sleep(0.5)
        yield base, token
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen, grace_s: float = 20) -> None:
    """Stop a server we started: SIGTERM, then SIGKILL if it has not exited within
    ``grace_s`` (under load JupyterLab took over 20 s to shut its kernels down, and the
    test that used it failed on the wait)."""
    proc.terminate()
    try:
        proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=grace_s)


@contextlib.contextmanager
def static_server(root: Path, timeout_s: float = 20) -> Iterator[str]:
    """Serve the folder ``root`` over HTTP on 127.0.0.1 (Python's http.server, as the
    README tells a class to do); yield its base URL; stop it afterwards."""
    port = free_port()
    cmd = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
           "--directory", str(root)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                urllib.request.urlopen(f"{base}/", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"http.server did not start within {timeout_s:g} s") from None
                time.sleep(0.2)
        yield base
    finally:
        _stop(proc)
