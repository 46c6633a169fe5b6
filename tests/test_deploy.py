"""The JupyterHub deployment: configs agree, the student branch, the link, the load test's
arithmetic. The hub itself runs in `make loadtest` (CI: 3 students), not here."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import nbformat
import pytest
import yaml
from traitlets.config import Config

from tools import loadtest, student_branch

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy" / "jupyterhub"


def hub_config(monkeypatch, **env) -> Config:
    for name in ("ANATOMY_KIT_DIR", "ANATOMY_KIT_SHARED_DATA", "ANATOMY_KIT_MEM_LIMIT",
                 "ANATOMY_KIT_CPU_LIMIT", "ANATOMY_KIT_ADMINS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    c = Config()
    path = DEPLOY / "jupyterhub_config.py"
    exec(compile(path.read_text(), str(path), "exec"), {"get_config": lambda: c})
    return c


def z2jh() -> dict:
    return yaml.safe_load((DEPLOY / "z2jh-values.yaml").read_text())


def dockerfile_env() -> dict[str, str]:
    text = (DEPLOY / "Dockerfile").read_text().replace("\\\n", " ")
    env = {}
    for line in text.splitlines():
        if line.startswith("ENV "):
            env.update(re.findall(r"(\w+)=(\S+)", line))
    return env


def megabytes(size: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([KMG])", size).groups()
    return float(number) * {"K": 1e-3, "M": 1, "G": 1e3}[unit]


def test_single_machine_config_gives_students_the_kit_and_its_shared_store(monkeypatch):
    c = hub_config(monkeypatch)
    assert c.Spawner.cmd == ["/opt/anatomy-kit/.venv/bin/jupyterhub-singleuser"]
    assert c.Spawner.default_url == "/lab"
    assert c.Spawner.environment["ANATOMY_KIT_SHARED_DATA"] == "/srv/anatomy-kit/store"
    assert c.Spawner.environment["JUPYTER_CONFIG_PATH"] == "/opt/anatomy-kit/jupyter"
    assert c.JupyterHub.bind_url.startswith("http://127.0.0.1:")
    assert c.PAMAuthenticator.allowed_groups == {"students"}
    # kernels over Unix sockets: random TCP ports of many servers collide (make loadtest)
    assert "--KernelManager.transport=ipc" in c.Spawner.args


def test_single_machine_settings_come_from_the_environment(monkeypatch):
    c = hub_config(monkeypatch, ANATOMY_KIT_DIR="/srv/kit", ANATOMY_KIT_MEM_LIMIT="2G",
                   ANATOMY_KIT_CPU_LIMIT="0.5", ANATOMY_KIT_ADMINS="ann, bob")
    assert c.Spawner.cmd == ["/srv/kit/.venv/bin/jupyterhub-singleuser"]
    assert (c.Spawner.mem_limit, c.Spawner.cpu_limit) == ("2G", 0.5)
    assert c.Authenticator.admin_users == {"ann", "bob"}


def test_kubernetes_values_set_the_same_limits_as_the_single_machine(monkeypatch):
    c, values = hub_config(monkeypatch), z2jh()
    user = values["singleuser"]
    assert user["memory"]["limit"] == c.Spawner.mem_limit
    assert float(user["cpu"]["limit"]) == c.Spawner.cpu_limit
    assert megabytes(user["memory"]["guarantee"]) <= megabytes(user["memory"]["limit"])
    # the guarantee holds one student running a notebook, as measured (README)
    assert megabytes(user["memory"]["guarantee"]) >= 331 * 1.048576
    assert user["defaultUrl"] == c.Spawner.default_url
    kernel_culling = [a for a in c.Spawner.args if "MappingKernelManager" in a]
    assert values["hub"]["config"]["KubeSpawner"]["args"] == kernel_culling


def test_image_builds_the_store_once_where_the_values_point():
    env, values = dockerfile_env(), z2jh()
    store = values["singleuser"]["extraEnv"]["ANATOMY_KIT_SHARED_DATA"]
    assert env["ANATOMY_KIT_SHARED_DATA"] == store
    assert env["JUPYTER_CONFIG_PATH"] == values["singleuser"]["extraEnv"]["JUPYTER_CONFIG_PATH"]
    assert f"ANATOMY_KIT_DATA={store} make venv" in (DEPLOY / "Dockerfile").read_text()


def test_hub_packages_are_pinned_in_the_lock():
    pins = (ROOT / "requirements.lock").read_text()
    for name in ("jupyterhub", "nbgitpuller"):
        assert re.search(rf"^{name}==[\d.]+$", pins, re.M), name
    assert re.fullmatch(r"[\w-]+==[\d.]+", (DEPLOY / "requirements-hub.txt").read_text()
                        .strip().splitlines()[-1])


def test_student_branch_holds_the_student_copies_and_moves_only_on_change(tmp_path):
    repo = tmp_path / "kit.git"
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    first = student_branch.publish(repo)
    assert student_branch.publish(repo) == first  # nothing changed: no new commit
    names = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "--name-only", "student"],
                           capture_output=True, text=True, check=True).stdout.split()
    notebooks = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert names == sorted(["README.md", "docs/glossary.md"]
                           + [f"notebooks/{n}" for n in notebooks])
    text = subprocess.run(["git", "-C", str(repo), "show", f"student:notebooks/{notebooks[2]}"],
                          capture_output=True, text=True, check=True).stdout
    nb = nbformat.reads(text, as_version=4)
    tags = [t for cell in nb.cells for t in cell.metadata.get("tags", [])]
    assert "solution" not in tags and "instructor-notes" not in tags
    assert "your-work" in tags


def nbgitpuller_links(text: str) -> list[str]:
    return re.findall(r"https://[^\s`]*/hub/user-redirect/git-pull\?[^\s`)]+", text)


@pytest.mark.parametrize("readme", ["README.md", "deploy/jupyterhub/README.md"])
def test_the_class_link_pulls_the_student_branch_and_opens_notebook_00(readme):
    links = nbgitpuller_links((ROOT / readme).read_text())
    assert links, f"no nbgitpuller link in {readme}"
    for link in links:
        query = {k: v[0] for k, v in parse_qs(urlparse(link).query).items()}
        assert query["branch"] == student_branch.BRANCH
        repo_name = query["repo"].rstrip("/").split("/")[-1]  # nbgitpuller's folder
        assert query["urlpath"] == f"lab/tree/{repo_name}/notebooks/00_start_here.ipynb"


def test_readme_binder_link_names_no_placeholder_in_angle_brackets():
    text = (ROOT / "README.md").read_text()
    assert "<owner>" not in text and "<repo>" not in text
    assert "mybinder.org/v2/gh/" in text


def test_loadtest_runs_in_ci_but_not_in_make_test():
    make = (ROOT / "Makefile").read_text()
    test_recipe = make.split("\ntest: ", 1)[1].split("\n\n", 1)[0]
    assert "loadtest" not in test_recipe and "\nloadtest: venv" in make
    assert "make loadtest STUDENTS=3" in (ROOT / ".ci" / "run").read_text()


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 21)]
    assert loadtest.percentile(values, 95) == 19.0
    assert loadtest.percentile(values, 50) == 10.0
    assert loadtest.percentile([3.0], 95) == 3.0
    assert loadtest.percentile([], 50) is None


def test_loadtest_refuses_an_unbounded_class():
    with pytest.raises(SystemExit):
        loadtest.main(["--students", str(loadtest.MAX_STUDENTS + 1)])


def test_links_tool_builds_the_class_and_binder_links():
    from tools import links

    link = links.nbgitpuller_link("hub.example.edu/course", "jane-doe/occipital-kit")
    parts = urlparse(link)
    assert (parts.scheme, parts.netloc) == ("https", "hub.example.edu")
    assert parts.path == "/course/hub/user-redirect/git-pull"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query == {"repo": "https://github.com/jane-doe/occipital-kit",
                     "branch": student_branch.BRANCH,
                     "urlpath": "lab/tree/occipital-kit/notebooks/00_start_here.ipynb"}
    assert links.binder_link("jane-doe/occipital-kit.git") == (
        "https://mybinder.org/v2/gh/jane-doe/occipital-kit/HEAD"
        "?labpath=notebooks/00_start_here.ipynb")
    # the README's pattern is what the tool prints, placeholders aside
    readme = (ROOT / "README.md").read_text()
    pattern = links.nbgitpuller_link("HUB", "OWNER/REPO")
    assert pattern in readme and links.binder_link("OWNER/REPO") in readme
    assert "make links REPO=" in readme


@pytest.mark.parametrize("repo", ["occipital-kit", "https://github.com/a/b", "a/b/c", ""])
def test_links_tool_names_a_bad_repo(repo):
    from tools import links

    with pytest.raises(ValueError, match="owner/name") as err:
        links.binder_link(repo)
    assert repr(repo.strip()) in str(err.value)


def test_links_tool_names_a_bad_hub():
    from tools import links

    with pytest.raises(ValueError, match="'hub example'"):
        links.nbgitpuller_link("hub example", "jane-doe/occipital-kit")


def test_every_jupyterlab_of_the_kit_draws_every_cell():
    """JupyterLab's default windowing skips cells out of view, and a citation click then
    stops short of its entry (tests/test_citations.py). The kit's setting defaults turn
    that off, and every way the kit runs JupyterLab installs them: make venv (make lab,
    the JupyterHub image, the tests), Binder's postBuild and the JupyterLite site."""
    import json
    import sys

    src = ROOT / "jupyter" / "lab-settings" / "overrides.json"
    tracker = json.loads(src.read_text())["@jupyterlab/notebook-extension:tracker"]
    assert tracker["windowingMode"] == "defer"
    assert tracker["codeCellConfig"]["lineWrap"] is True  # a line is never cut at 1024 px
    makefile = (ROOT / "Makefile").read_text()
    assert ("install -D -m 644 jupyter/lab-settings/overrides.json "
            "$(VENV)/share/jupyter/lab/settings/overrides.json") in makefile
    post = (ROOT / "postBuild").read_text()
    assert "jupyter/lab-settings/overrides.json" in post
    assert "share/jupyter/lab/settings/overrides.json" in post
    lite = (ROOT / "tools" / "lite.py").read_text()
    assert '"jupyter" / "lab-settings" / "overrides.json"' in lite
    installed = Path(sys.prefix, "share", "jupyter", "lab", "settings", "overrides.json")
    assert installed.read_text() == src.read_text(), "run make venv"
