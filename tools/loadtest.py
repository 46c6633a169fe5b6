"""Load test: a whole class on a real local JupyterHub, running notebook 02 at once.

    python tools/loadtest.py                 # 20 students (make loadtest)
    python tools/loadtest.py --students 3    # what CI runs

It starts JupyterHub (from the lock) and configurable-http-proxy (npm, package-lock.json)
on 127.0.0.1 only, with ``deploy/jupyterhub/jupyterhub_config.py`` loaded as is (its
settings from its environment variables: this checkout's ``.venv``, a shared read-only
copy of the geometry store) and only the log-in (JupyterHub's dummy authenticator), the
spawner (local processes, one home folder per student, as root here) and the ports
replaced. Then N simulated students at once, each in its own HTTP session:

1. log in through the login form, then ask the hub for a token and start a server
   through the REST API (time: login to server ready);
2. follow the class's nbgitpuller link: the student branch (``tools/student_branch.py``)
   of a temporary clone of this repository is pulled into the home folder;
3. open notebook 02 (a session and kernel through the REST API) and run every code cell
   over the kernel's websocket, one after the other as Run All does (times: login to
   first output, login to last cell). A cell tagged 'raises-exception' may raise (the
   student copies have none now); any other error is a failure. A first, hidden
   request checks that the kernel uses the hub's shared geometry store.

Every student's server and kernel stay up until the whole class has run, as in a lesson.
A sampler reads the resident memory (RSS) of every process the hub started, by student,
twice a second. The report gives p50 and p95 of each time, the peak memory per student
(kernel, server, both) and the failures, prints it and writes ``build/loadtest/N.json``.

Bounded: at most 60 students, ``--timeout`` seconds in all (each step has its own
timeout too). Everything started is stopped: the hub gets SIGTERM (it stops the servers
and the proxy), then every process seen under it is killed by PID, also on a failure or
Ctrl-C. Exit status 1 when a student failed or the p95 of Run All is over ``--max-p95``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode

import aiohttp
import psutil

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: tools/ is a package of the repo root
    sys.path.insert(0, str(ROOT))
from tools import student_branch  # noqa: E402

HUB_CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
CHP = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
BIN = Path(sys.prefix) / "bin"
NOTEBOOK = "notebooks/02_pain_referral_hot_spots.ipynb"
REPO_NAME = "occipital-neuralgia-kit"  # nbgitpuller clones into a folder of this name
MAX_STUDENTS = 60
STEP_TIMEOUT = 300  # seconds, for any one step of one student
TIMES = ("ready", "first_output", "last_cell")
RECONNECTS = 2  # kernel websocket reconnections allowed before the first cell


# ------------------------------------------------------------------------ set-up

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_proxy() -> Path:
    """configurable-http-proxy from npm (package-lock.json), installed by npm ci."""
    if not CHP.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is needed once to install configurable-http-proxy "
                               "(install Node.js 18+), then run the command again.")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=ROOT,
                       check=True)
    return CHP


def shared_store(dest: Path) -> Path:
    """The hub's shared geometry store: built once, read-only to the students."""
    from anatomy import store

    found = store.find()
    if found is None:  # no store for these sources: build one (as the README says)
        subprocess.run([sys.executable, str(ROOT / "tools" / "build_store.py"), "--dest",
                        str(dest)], check=True)
    else:
        dest.mkdir(parents=True)
        shutil.copy2(found, dest / found.name)
    for f in dest.iterdir():
        f.chmod(0o444)
    return dest


def student_repo(work: Path) -> str:
    """A clone of this repository with its student branch: what the class pulls."""
    repo = work / "git" / REPO_NAME
    subprocess.run(["git", "clone", "-q", "--bare", str(ROOT), str(repo)], check=True)
    student_branch.publish(repo)
    return repo.as_uri()


def hub_config(work: Path) -> Path:
    """The deployed config, with only log-in, spawner and ports replaced; its own settings
    (kit folder, store folder, address) come from the environment, see ``hub_env``."""
    path = work / "loadtest_config.py"
    # homes directly in the short work folder: a kernel's Unix socket path,
    # HOME/.local/share/jupyter/runtime/kernel-UUID-ipc-N, must stay under 108 bytes
    root_flag = ["--allow-root"] if os.geteuid() == 0 else []
    path.write_text(f"""
load_subconfig({str(HUB_CONFIG)!r})
c = get_config()
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{str(ensure_proxy())!r}]
c.ConfigurableHTTPProxy.auth_token = {secrets.token_hex(16)!r}
c.JupyterHub.db_url = "sqlite:///{work / 'hub.sqlite'}"
c.JupyterHub.cookie_secret = bytes.fromhex({secrets.token_hex(32)!r})
c.JupyterHub.pid_file = {str(work / 'hub.pid')!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(work)!r} + "/{{username}}"
c.Spawner.args = c.Spawner.args + {root_flag!r}
""")
    return path


def hub_env(port: int, store_dir: Path) -> dict[str, str]:
    """The settings jupyterhub_config.py reads: this checkout, the shared store, 127.0.0.1."""
    if not (ROOT / ".venv" / "bin" / "jupyterhub-singleuser").exists():
        raise RuntimeError(f"{ROOT / '.venv'} has no jupyterhub: run `make venv` first")
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTERHUB_")}
    env.update(ANATOMY_KIT_DIR=str(ROOT), ANATOMY_KIT_SHARED_DATA=str(store_dir),
               ANATOMY_KIT_HUB_URL=f"http://127.0.0.1:{port}")
    return env


# ------------------------------------------------------------------------ memory

class Sampler(threading.Thread):
    """RSS of the hub's descendants by student, twice a second; remembers every PID."""

    def __init__(self, hub: psutil.Process):
        super().__init__(daemon=True)
        self.hub, self.stop = hub, threading.Event()
        self.seen: dict[int, float] = {}  # pid: create_time, to kill only our processes
        self.owner: dict[int, tuple[str, str]] = {}  # pid: (student, kind)
        self.peak: dict[str, dict[str, int]] = {}  # student: {kernel, server, total}
        self.peak_all = 0  # bytes, every process of the hub together
        self.cpu: dict[int, tuple[str, float]] = {}  # pid: (student, CPU seconds so far)

    def kind(self, p: psutil.Process) -> tuple[str, str] | None:
        if p.pid not in self.owner:
            cmd = " ".join(p.cmdline())
            user = p.environ().get("JUPYTERHUB_USER")
            if user is None:
                return None
            self.owner[p.pid] = (user, "kernel" if "ipykernel" in cmd else "server")
        return self.owner[p.pid]

    def sample(self) -> None:
        total, by_user = 0, {}
        try:
            procs = [self.hub, *self.hub.children(recursive=True)]
        except psutil.Error:
            return
        for p in procs:
            try:
                self.seen.setdefault(p.pid, p.create_time())
                rss = p.memory_info().rss
                who = self.kind(p) if p is not self.hub else None
            except psutil.Error:
                continue
            total += rss
            if who:
                with contextlib.suppress(psutil.Error):
                    times = p.cpu_times()
                    self.cpu[p.pid] = (who[0], times.user + times.system)
                user = by_user.setdefault(who[0], {"kernel": 0, "server": 0})
                user[who[1]] += rss
        self.peak_all = max(self.peak_all, total)
        for user, now in by_user.items():
            peak = self.peak.setdefault(user, {"kernel": 0, "server": 0, "total": 0})
            peak["kernel"] = max(peak["kernel"], now["kernel"])
            peak["server"] = max(peak["server"], now["server"])
            peak["total"] = max(peak["total"], now["kernel"] + now["server"])

    def run(self) -> None:
        while not self.stop.wait(0.5):
            self.sample()


def stop_all(hub: subprocess.Popen, sampler: Sampler | None) -> None:
    """SIGTERM to the hub (it stops servers and proxy), then kill what is left, by PID."""
    if sampler is not None:
        sampler.sample()
        sampler.stop.set()
    if hub.poll() is None:
        hub.send_signal(signal.SIGTERM)
        try:
            hub.wait(30)
        except subprocess.TimeoutExpired:
            hub.kill()
            hub.wait(10)
    for pid, created in (sampler.seen.items() if sampler else []):
        with contextlib.suppress(psutil.Error):
            p = psutil.Process(pid)
            if p.create_time() == created:  # the same process, not a reused PID
                p.kill()


# ------------------------------------------------------------------------ one student

def message(msg_type: str, content: dict, session: str) -> dict:
    return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session,
                       "username": "loadtest", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell"}


async def wait_for(what: str, check, timeout: float = STEP_TIMEOUT, every: float = 0.25):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        result = await check()
        if result:
            return result
        await asyncio.sleep(every)
    raise TimeoutError(f"{what}: not done after {timeout:.0f} s")


async def run_cell(ws, code: str, session: str) -> tuple[float | None, list[str], str]:
    """Execute one cell; returns (time of its first output or None, errors, printed text)."""
    msg = message("execute_request", {"code": code, "silent": False, "store_history": True,
                                      "user_expressions": {}, "allow_stdin": False,
                                      "stop_on_error": False}, session)
    await ws.send_json(msg)
    first, errors, text = None, [], ""
    while True:
        try:
            reply = await asyncio.wait_for(ws.receive(), STEP_TIMEOUT)
        except TimeoutError:
            raise TimeoutError(f"no message from the kernel for {STEP_TIMEOUT} s") from None
        if reply.type != aiohttp.WSMsgType.TEXT:
            raise ConnectionError(f"kernel websocket closed ({reply.type.name})")
        m = json.loads(reply.data)
        if m.get("parent_header", {}).get("msg_id") != msg["header"]["msg_id"]:
            continue
        kind = m["header"]["msg_type"]
        if kind in ("stream", "display_data", "execute_result", "error") and first is None:
            first = time.monotonic()
        if kind == "stream":
            text += m["content"]["text"]
        if kind == "error":
            errors.append(f"{m['content']['ename']}: {m['content']['evalue']}"[:200])
        if kind == "status" and m["content"]["execution_state"] == "idle":
            return first, errors, text


STORE_PROBE = "from anatomy import store as _s; print(_s.find())"


async def student(name: str, hub: str, repo: str, store_dir: Path, class_done: asyncio.Event,
                  result: dict) -> None:
    t0 = time.monotonic()
    jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1
    timeout = aiohttp.ClientTimeout(total=STEP_TIMEOUT)
    async with aiohttp.ClientSession(cookie_jar=jar, timeout=timeout) as s:
        result["step"] = "login"
        page = await (await s.get(f"{hub}/hub/login")).text()
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
        r = await s.post(f"{hub}/hub/login", allow_redirects=False,
                         data={"username": name, "password": "class", "_xsrf": xsrf})
        if r.status != 302:
            raise RuntimeError(f"login answered {r.status}")
        # the hub sets a new XSRF cookie for the logged-in session: API calls made with
        # the session cookie send it back as a header, as JupyterHub's own pages do
        xsrf = next(c.value for c in jar if c.key == "_xsrf")
        r = await s.post(f"{hub}/hub/api/users/{name}/tokens", headers={"X-XSRFToken": xsrf},
                         json={"note": "loadtest", "expires_in": 3600})
        r.raise_for_status()
        auth = {"Authorization": f"token {(await r.json())['token']}"}

        result["step"] = "server start"
        r = await s.post(f"{hub}/hub/api/users/{name}/server", headers=auth)
        if r.status not in (201, 202):
            raise RuntimeError(f"server start answered {r.status}: {await r.text()}")

        async def ready():
            user = await (await s.get(f"{hub}/hub/api/users/{name}", headers=auth)).json()
            server = user.get("servers", {}).get("", {})
            return server if server.get("ready") else None

        await wait_for("server ready", ready)
        result["ready"] = time.monotonic() - t0
        base = f"{hub}/user/{name}"

        result["step"] = "nbgitpuller"
        query = urlencode({"repo": repo, "branch": student_branch.BRANCH,
                           "urlpath": f"lab/tree/{REPO_NAME}/{NOTEBOOK}"})
        r = await s.get(f"{hub}/hub/user-redirect/git-pull?{query}", headers=auth)
        if r.status != 200 or "nbgitpuller" not in (await r.text()).lower():
            raise RuntimeError(f"the nbgitpuller link answered {r.status} at {r.url}")
        r = await s.get(f"{base}/git-pull/api?{query}", headers=auth)
        events = [json.loads(line[5:]) async for line in r.content
                  if line.startswith(b"data:")]
        if not events or events[-1].get("phase") != "finished":
            raise RuntimeError(f"nbgitpuller did not finish: {events[-3:]}")

        result["step"] = "open notebook"
        path = f"{REPO_NAME}/{NOTEBOOK}"
        r = await s.get(f"{base}/api/contents/{quote(path)}?content=1", headers=auth)
        r.raise_for_status()
        cells = [c for c in (await r.json())["content"]["cells"] if c["cell_type"] == "code"]
        r = await s.post(f"{base}/api/sessions", headers=auth, json={
            "path": path, "name": Path(path).name, "type": "notebook",
            "kernel": {"name": "python3"}})
        r.raise_for_status()
        kernel = (await r.json())["kernel"]["id"]
        session = uuid.uuid4().hex
        ws_url = f"{base}/api/kernels/{kernel}/channels?session_id={session}"
        result["step"], result["reconnects"] = "store probe", 0
        for attempt in range(1, RECONNECTS + 2):
            # the server closes the websocket of a kernel that has not answered within its
            # kernel_info_timeout (60 s), which happens when a crowd starts at once on few
            # cores; JupyterLab then reconnects, and so does a simulated student (counted)
            ws = await s.ws_connect(ws_url.replace("http", "ws", 1), headers=auth,
                                    max_msg_size=0)
            try:
                _, errors, text = await run_cell(ws, STORE_PROBE, session)
                break
            except ConnectionError:
                await ws.close()
                if attempt > RECONNECTS:
                    raise
                result["reconnects"] += 1
                await asyncio.sleep(2)
        async with ws:
            if errors or Path(text.strip()).parent != store_dir:
                raise RuntimeError(f"the kernel does not use the shared store {store_dir}: "
                                   f"{errors or text.strip()}")
            result["step"] = "run all"
            result["expected_errors"], result["errors"] = 0, []
            for i, cell in enumerate(cells):
                first, errors, _ = await run_cell(ws, "".join(cell["source"]), session)
                if first is not None and "first_output" not in result:
                    result["first_output"] = first - t0
                expected = "raises-exception" in cell.get("metadata", {}).get("tags", [])
                if errors and expected:
                    result["expected_errors"] += 1
                elif errors:
                    result["errors"].append(f"cell {i}: {errors[0]}")
            result["last_cell"] = time.monotonic() - t0
            result["cells"] = len(cells)
        if result["errors"]:
            raise RuntimeError("; ".join(result["errors"]))
        result["step"] = "done"
        await class_done.wait()  # everyone's kernel stays up until the class has run
        await s.delete(f"{hub}/hub/api/users/{name}/server", headers=auth)


async def run_class(n: int, hub: str, repo: str, store_dir: Path, deadline: float) -> list:
    results = [{"name": f"student{i + 1:02d}"} for i in range(n)]
    class_done = asyncio.Event()

    async def one(r):
        try:
            await student(r["name"], hub, repo, store_dir, class_done, r)
        except Exception as e:  # a failure of this student; the others go on
            r["failure"] = f"{r.get('step')}: {type(e).__name__}: {e}"[:300]

    tasks = [asyncio.create_task(one(r)) for r in results]

    async def watch():  # open the barrier once every student has run (or failed)
        while not all(r.get("step") == "done" or "failure" in r for r in results):
            await asyncio.sleep(0.5)
        class_done.set()

    watcher = asyncio.create_task(watch())
    try:
        await asyncio.wait_for(asyncio.gather(*tasks), max(deadline - time.monotonic(), 1))
    except TimeoutError:
        for r in results:
            r.setdefault("failure", f"{r.get('step')}: over the load test's time limit")
    finally:
        watcher.cancel()
    return results


# ------------------------------------------------------------------------ report

def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (p95 of 20 values is the 19th smallest)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * q / 100) - 1)]


def report(results: list[dict], sampler: Sampler, n: int, wall: float) -> dict:
    ok = [r for r in results if "failure" not in r]
    summary = {"students": n, "failures": len(results) - len(ok), "wall_s": round(wall, 1),
               "cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 1e9, 1)}
    for key in TIMES:
        values = [r[key] for r in ok if key in r]
        summary[key] = {"p50_s": percentile(values, 50), "p95_s": percentile(values, 95)}
    peaks = [sampler.peak.get(r["name"], {}) for r in results]
    for kind in ("kernel", "server", "total"):
        values = [p.get(kind, 0) / 2**20 for p in peaks if p.get(kind)]
        summary[f"peak_{kind}_mib"] = {"max": round(max(values, default=0)),
                                       "p50": round(percentile(values, 50) or 0)}
    cpu = {}
    for user, seconds in sampler.cpu.values():
        cpu[user] = cpu.get(user, 0) + seconds
    summary["cpu_s_per_student"] = {"max": round(max(cpu.values(), default=0), 1),
                                    "p50": round(percentile(list(cpu.values()), 50) or 0, 1)}
    summary["reconnects"] = sum(r.get("reconnects", 0) for r in results)
    summary["load_average_1min_at_end"] = round(os.getloadavg()[0], 1)
    summary["peak_all_processes_mib"] = round(sampler.peak_all / 2**20)
    summary["failed"] = {r["name"]: r["failure"] for r in results if "failure" in r}
    summary["students_detail"] = results

    print(f"\nload test: {n} students, {summary['failures']} failures, {wall:.0f} s in all "
          f"({summary['cpus']} CPUs, {summary['memory_gb']} GB)")
    print(f"{'time from login to':24} {'p50 (s)':>8} {'p95 (s)':>8}")
    for key, label in zip(TIMES, ("server ready", "first output", "last cell (Run All)")):
        p50, p95 = summary[key]["p50_s"], summary[key]["p95_s"]
        print(f"{label:24} {p50 or float('nan'):8.1f} {p95 or float('nan'):8.1f}")
    for kind, label in (("kernel", "kernel"), ("server", "single-user server"),
                        ("total", "student (both)")):
        m = summary[f"peak_{kind}_mib"]
        print(f"peak RSS per {label:19} max {m['max']:5d} MiB, median {m['p50']:5d} MiB")
    print(f"kernel websocket reconnections (kernel slow to answer): {summary['reconnects']}")
    print(f"peak RSS of the hub and everything it started: "
          f"{summary['peak_all_processes_mib']} MiB")
    print(f"CPU time per student (server and kernel): median "
          f"{summary['cpu_s_per_student']['p50']} s, max {summary['cpu_s_per_student']['max']} s;"
          f" machine load average (1 min) at the end: {summary['load_average_1min_at_end']}")
    for name, why in summary["failed"].items():
        print(f"FAILED {name}: {why}")
    return summary


# ------------------------------------------------------------------------ main

def interrupted(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", "-n", type=int, default=20,
                        help=f"students at once (1-{MAX_STUDENTS}; default 20)")
    parser.add_argument("--timeout", type=float, default=900,
                        help="seconds for the whole class (default 900)")
    parser.add_argument("--max-p95", type=float, default=90,
                        help="fail when the p95 of login to last cell is over this (s)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder and logs")
    args = parser.parse_args(argv)
    if not 1 <= args.students <= MAX_STUDENTS:
        parser.error(f"--students {args.students}: choose 1 to {MAX_STUDENTS}")

    # SIGTERM (e.g. from CI) unwinds like Ctrl-C, so the finally below always runs
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even where it was ignored
    work = Path(tempfile.mkdtemp(prefix="hub-", dir="/tmp"))
    hub = sampler = None
    failed = True  # until the class has run: the work folder and its logs are kept
    log = (work / "hub.log").open("w")
    try:
        start = time.monotonic()
        port = free_port()
        store_dir = shared_store(work / "shared-store")
        repo = student_repo(work)
        hub = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(hub_config(work))],
                               cwd=work, stdout=log, stderr=subprocess.STDOUT,
                               env=hub_env(port, store_dir),
                               start_new_session=True)
        sampler = Sampler(psutil.Process(hub.pid))
        sampler.start()
        url = f"http://127.0.0.1:{port}"

        async def go():
            async with aiohttp.ClientSession() as s:
                async def up():
                    with contextlib.suppress(aiohttp.ClientError):
                        async with s.get(f"{url}/hub/api/") as r:
                            return r.status == 200
                    if hub.poll() is not None:
                        raise RuntimeError(f"JupyterHub exited; see {work / 'hub.log'}")
                await wait_for("JupyterHub up", up, timeout=60)
            return await run_class(args.students, url, repo, store_dir,
                                   start + args.timeout)

        results = asyncio.run(go())
        for r in results:
            r.pop("step", None)
        summary = report(results, sampler, args.students, time.monotonic() - start)
        out = ROOT / "build" / "loadtest"
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{args.students}.json").write_text(json.dumps(summary, indent=1) + "\n")
        p95 = summary["last_cell"]["p95_s"]
        slow = p95 is not None and p95 > args.max_p95
        if slow:
            print(f"p95 of Run All {p95:.1f} s is over {args.max_p95:.0f} s")
        failed = bool(summary["failures"])
        return 1 if failed or slow else 0
    finally:
        if hub is not None:
            stop_all(hub, sampler)
        log.close()
        if args.keep or failed or (hub is not None and hub.returncode not in (0, -15, None)):
            print(f"work folder kept (hub.log, the students' homes): {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("load test interrupted: everything it started is stopped", file=sys.stderr)
        sys.exit(130)
