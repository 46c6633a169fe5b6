"""Publish the student copies of the notebooks as a git branch that nbgitpuller can pull.

    python tools/student_branch.py                 # branch `student` in this repository
    python tools/student_branch.py --repo DIR      # ... in another repository (bare or not)
    git push origin student                        # then publish it

A JupyterHub class pulls notebooks with nbgitpuller, which clones one branch of a git
repository. The student copies (``tools/classroom.py student``: solutions, answers and
instructor notes dropped; a blank cell for the student's own code stays) are generated
and not kept on ``main``, so this tool commits them to a branch of their own, laid out as
on ``main`` (``notebooks/``, and ``docs/glossary.md`` that the notebooks link to).

The commit is made with git plumbing in a temporary index: the working tree, the index and
the checked-out branch are not touched. A new commit is made only when the content changed;
its parent is the branch's previous commit, so ``git pull`` (and nbgitpuller, which merges
a student's own edits with the new version) moves forward without a force push.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: tools/ is a package of the repo root
    sys.path.insert(0, str(ROOT))
from tools import classroom  # noqa: E402

BRANCH = "student"
EXTRA_FILES = ("docs/glossary.md",)  # linked from the notebooks as ../docs/glossary.md
README = """# Student copies of the occipital neuralgia teaching kit

Generated from `{source}` by `tools/student_branch.py`: do not edit here. Each code
exercise has a blank cell for your own code (`my_... = ...`); the solutions stay with the
instructor versions on the main branch. Checkers that give a verdict wait until you set
`reveal = True` in their cell.

Open `notebooks/00_start_here.ipynb` first. The kit (`import anatomy`) is installed on
the hub, so the notebooks run as they are.
"""


def git(repo: Path, *args: str, env: dict | None = None, check: bool = True) -> str:
    out = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                         env=env, check=False)
    if check and out.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed in {repo}: {out.stderr.strip()}")
    return out.stdout.strip()


def files() -> dict[str, bytes]:
    """{path in the branch: content}: student notebooks, linked docs, a README."""
    with tempfile.TemporaryDirectory(prefix="student-branch-") as tmp:
        written = classroom.build_student(Path(tmp))
        content = {f"notebooks/{p.name}": p.read_bytes() for p in written}
    for name in EXTRA_FILES:
        content[name] = (ROOT / name).read_bytes()
    source = git(ROOT, "rev-parse", "--short", "HEAD", check=False) or "the kit"
    content["README.md"] = README.format(source=source).encode()
    return content


def publish(repo: Path = ROOT, branch: str = BRANCH) -> str:
    """Commit the student copies to ``branch`` of ``repo``; returns the branch's commit."""
    content = files()
    with tempfile.TemporaryDirectory(prefix="student-index-") as tmp:
        env = dict(os.environ, GIT_INDEX_FILE=str(Path(tmp, "index")))
        for key, value in (("NAME", "anatomy-kit student_branch"),
                           ("EMAIL", "student-branch@localhost")):
            if not git(repo, "config", f"user.{key.lower()}", check=False):
                env.setdefault(f"GIT_AUTHOR_{key}", value)
                env.setdefault(f"GIT_COMMITTER_{key}", value)
        git(repo, "read-tree", "--empty", env=env)
        for path, data in sorted(content.items()):
            blob = Path(tmp, "blob")
            blob.write_bytes(data)
            sha = git(repo, "hash-object", "-w", str(blob), env=env)
            git(repo, "update-index", "--add", "--cacheinfo", f"100644,{sha},{path}", env=env)
        tree = git(repo, "write-tree", env=env)
        parent = git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}",
                     check=False)
        if parent and git(repo, "rev-parse", f"{parent}^{{tree}}") == tree:
            return parent  # nothing changed
        args = ["commit-tree", tree, "-m", "Student copies of the notebooks "
                "(tools/student_branch.py)"] + (["-p", parent] if parent else [])
        commit = git(repo, *args, env=env)
        git(repo, "update-ref", f"refs/heads/{branch}", commit, *([parent] if parent else []))
    return commit


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, default=ROOT, help="repository (default: this)")
    parser.add_argument("--branch", default=BRANCH, help=f"branch (default: {BRANCH})")
    args = parser.parse_args(argv)
    commit = publish(args.repo, args.branch)
    print(f"{args.branch} -> {commit[:12]} in {args.repo}; publish with "
          f"`git push origin {args.branch}`")


if __name__ == "__main__":
    main()
