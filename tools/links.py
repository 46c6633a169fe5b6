"""The links an instructor hands out: Binder, and a JupyterHub's nbgitpuller link.

    python tools/links.py --repo OWNER/NAME [--hub HUB]     # or: make links REPO=... HUB=...
    python tools/links.py                                    # the repo from `git remote origin`

Both links name the GitHub repository the kit is published at, which a clone does not
know until it has a remote. Writing them by hand means URL-encoding a URL inside a URL;
this tool builds them, so the README can show the pattern and the instructor gets a link
that works.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
FIRST_NOTEBOOK = "notebooks/00_start_here.ipynb"
STUDENT_BRANCH = "student"  # tools/student_branch.py publishes the student copies there
_REPO_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]+$")
_HUB_RE = re.compile(r"^(https?://)?[A-Za-z0-9.-]+(:\d+)?(/[A-Za-z0-9._~/-]*)?$")


def check_repo(repo: str) -> str:
    """A GitHub ``owner/name``, checked.

    Parameters
    ----------
    repo : str
        ``owner/name`` as GitHub spells it (a trailing ``.git`` is dropped).

    Returns
    -------
    str
        The ``owner/name`` string.

    Raises
    ------
    ValueError
        If ``repo`` is not of the form ``owner/name``.
    """
    repo = repo.strip().removesuffix(".git")
    if not _REPO_RE.match(repo):
        raise ValueError(f"repo {repo!r} is not a GitHub 'owner/name' (for example "
                         "'jane-doe/occipital-kit')")
    return repo


def repo_from_git(root: Path = ROOT) -> str | None:
    """The ``owner/name`` of the ``origin`` remote when it is on GitHub, else ``None``.

    Parameters
    ----------
    root : pathlib.Path
        A folder inside the git repository.

    Returns
    -------
    str or None
        ``owner/name``, or ``None`` when there is no ``origin`` or it is not GitHub.
    """
    out = subprocess.run(["git", "-C", str(root), "remote", "get-url", "origin"],
                         capture_output=True, text=True)
    m = re.search(r"github\.com[:/]([^/]+/[^/]+?)(?:\.git)?/?$", out.stdout.strip())
    return m.group(1) if out.returncode == 0 and m else None


def binder_link(repo: str, ref: str = "HEAD") -> str:
    """The mybinder.org link that opens notebook 00 in JupyterLab.

    Parameters
    ----------
    repo : str
        GitHub ``owner/name``.
    ref : str, default "HEAD"
        Branch, tag or commit Binder builds (``environment.yml`` and ``postBuild``
        live on ``main``).

    Returns
    -------
    str
        The link.
    """
    repo = check_repo(repo)
    return f"https://mybinder.org/v2/gh/{repo}/{quote(ref, safe='')}?labpath={FIRST_NOTEBOOK}"


def nbgitpuller_link(hub: str, repo: str, branch: str = STUDENT_BRANCH) -> str:
    """The JupyterHub link that pulls the student branch and opens notebook 00.

    nbgitpuller clones ``branch`` into ``~/<name>`` on first use, and on later clicks
    merges the new version with the student's own edits.

    Parameters
    ----------
    hub : str
        The hub's address (``hub.example.edu``, or with ``https://`` and a path prefix).
    repo : str
        GitHub ``owner/name``.
    branch : str, default "student"
        The branch to pull.

    Returns
    -------
    str
        The link.

    Raises
    ------
    ValueError
        If ``hub`` is not a host name with an optional scheme, port and path.
    """
    repo = check_repo(repo)
    if not _HUB_RE.match(hub.strip()):
        raise ValueError(f"hub {hub!r} is not a host name such as 'hub.example.edu' or "
                         "'https://hub.example.edu/prefix'")
    base = hub.strip().rstrip("/")
    if not base.startswith(("http://", "https://")):
        base = "https://" + base
    name = repo.split("/")[1]
    query = urlencode({"repo": f"https://github.com/{repo}", "branch": branch,
                       "urlpath": f"lab/tree/{name}/{FIRST_NOTEBOOK}"}, quote_via=quote,
                      safe="")
    return f"{base}/hub/user-redirect/git-pull?{query}"


def main(argv: list[str] | None = None) -> int:
    """Print the links for ``--repo`` (or the ``origin`` remote) and ``--hub``.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit status: 0, or 2 when no repository is known.
    """
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", help="GitHub owner/name (default: the origin remote)")
    ap.add_argument("--hub", help="the JupyterHub's address, for the nbgitpuller link")
    args = ap.parse_args(argv)
    repo = args.repo or repo_from_git()
    if not repo:
        print("No GitHub remote named 'origin': give the published repository, e.g. "
              "make links REPO=jane-doe/occipital-kit HUB=hub.example.edu", file=sys.stderr)
        return 2
    print(f"Binder:     {binder_link(repo)}")
    if args.hub:
        print(f"JupyterHub: {nbgitpuller_link(args.hub, repo)}")
    else:
        print("JupyterHub: give HUB=<your hub's address> for the nbgitpuller link")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
