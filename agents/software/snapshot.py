"""A fingerprint of a user's checkout, to prove (in tests and benchmarks) that a run left it byte-identical.

Read-only by construction: it hashes files and reads refs through plumbing that never refreshes the index
(`git status` would rewrite .git/index and so change what it measures).
"""
from __future__ import annotations

import hashlib
import os
import stat
import subprocess
from pathlib import Path


def _git(repo: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | {"GIT_OPTIONAL_LOCKS": "0"}
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env)
    return proc.stdout.strip() if proc.returncode == 0 else f"<error {proc.returncode}>"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(repo: Path) -> dict[str, str]:
    """Every working-tree entry (tracked, untracked, ignored; .git excluded): path -> "mode sha256"."""
    found: dict[str, str] = {".": f"dir {oct(repo.stat().st_mode)}"}
    for folder, dirs, files in os.walk(repo):
        dirs[:] = [d for d in dirs if not (Path(folder) == repo and d == ".git")]
        for name in dirs + files:
            full = Path(folder, name)
            info = full.lstat()
            relative = str(full.relative_to(repo))
            if stat.S_ISLNK(info.st_mode):
                found[relative] = f"link {os.readlink(full)}"
            elif stat.S_ISREG(info.st_mode):
                found[relative] = f"{oct(info.st_mode)} {_sha256(full)}"
            elif stat.S_ISDIR(info.st_mode):
                found[relative] = f"dir {oct(info.st_mode)}"
    return found


def checkout_snapshot(repo: Path) -> dict:
    """HEAD, index bytes hash, all refs, stash list and every working-tree file of `repo`, as a comparable dict.

    The runs' own `rolegraph/*` branches are left out: they are the runs' work, not the user's.
    """
    repo = Path(repo).resolve()
    git_dir = Path(_git(repo, "rev-parse", "--path-format=absolute", "--git-dir"))
    index = git_dir / "index"
    return {
        "head": _git(repo, "rev-parse", "HEAD"),
        "head_ref": _git(repo, "symbolic-ref", "-q", "HEAD"),
        "index_sha256": _sha256(index) if index.is_file() else None,
        "refs": [line for line in _git(repo, "for-each-ref", "--format=%(refname) %(objectname)").splitlines()
                 if not line.startswith("refs/heads/rolegraph/")],
        "stash": _git(repo, "stash", "list", "--format=%gd %H %gs").splitlines(),
        "files": _files(repo),
    }
