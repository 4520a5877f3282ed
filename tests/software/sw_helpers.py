"""Helpers for the software-layer tests: a realistic user repo (dirty tree, stash, tags, a bare remote) made
with real git under tmp_path, a run worktree beside it, and probes for damage and orphan processes."""
from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from agents.software.sandbox import LEVELS, available_levels
from agents.software.snapshot import checkout_snapshot
from agents.software.worktree import Worktree, open_worktree

ID = ["-c", "user.name=User", "-c", "user.email=user@example.com"]


def sh(cwd: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(args, cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


def make_user_repo(base: Path) -> Path:
    """main with 2 commits, branch `feature`, tag v1, a stash entry, staged + unstaged + untracked + ignored files,
    and a bare remote `origin` holding main."""
    repo = base / "user-repo"
    repo.mkdir(parents=True)
    sh(repo, "git", "init", "-q", "-b", "main")
    (repo / "app.py").write_text("print('v1')\n")
    (repo / ".gitignore").write_text("*.log\n")
    sh(repo, "git", "add", ".")
    sh(repo, "git", *ID, "commit", "-qm", "first")
    sh(repo, "git", "tag", "v1")
    (repo / "app.py").write_text("print('v2')\n")
    sh(repo, "git", *ID, "commit", "-qam", "second")
    sh(repo, "git", "branch", "feature", "HEAD~1")
    (repo / "app.py").write_text("print('stashed work')\n")
    sh(repo, "git", *ID, "stash", "push", "-q", "-m", "precious stash")
    (repo / "staged.py").write_text("staged = True\n")
    sh(repo, "git", "add", "staged.py")
    (repo / "app.py").write_text("print('unstaged edit')\n")
    (repo / "notes.txt").write_text("untracked notes\n")
    (repo / "debug.log").write_text("ignored log\n")
    remote = base / "remote.git"
    sh(base, "git", "init", "-q", "--bare", str(remote))
    sh(repo, "git", "remote", "add", "origin", str(remote))
    sh(repo, "git", "push", "-q", "origin", "main")
    return repo


def tree_digest(top: Path, *, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """path -> sha256/link target for every file under `top`, minus relative paths starting with `skip`."""
    found = {}
    for folder, _dirs, files in os.walk(top):
        for name in files:
            full = Path(folder, name)
            rel = str(full.relative_to(top))
            if rel.startswith(skip):
                continue
            found[rel] = os.readlink(full) if full.is_symlink() else hashlib.sha256(full.read_bytes()).hexdigest()
    return found


GIT_RUN_OWNED = ("worktrees/", "objects/", "refs/heads/rolegraph/", "logs/refs/heads/rolegraph/")


@dataclass
class Scene:
    """A user repo, its run worktree, an unrelated `outside` dir and a fake home, with their fingerprints."""

    repo: Path
    remote: Path
    worktree: Worktree
    outside: Path
    home: Path
    before: dict

    def fingerprint(self) -> dict:
        return {"checkout": checkout_snapshot(self.repo),
                "git": tree_digest(self.repo / ".git", skip=GIT_RUN_OWNED),
                "remote": tree_digest(self.remote),
                "outside": tree_digest(self.outside),
                "home": tree_digest(self.home)}


def make_scene(base: Path) -> Scene:
    repo = make_user_repo(base)
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("outside secret\n")
    home = base / "home"
    home.mkdir()
    (home / "keep.txt").write_text("home file\n")
    wt = open_worktree(repo, "run-1", root=base / "worktrees")
    scene = Scene(repo=repo, remote=base / "remote.git", worktree=wt, outside=outside, home=home, before={})
    scene.before = scene.fingerprint()
    return scene


def live_sandbox_processes(base: Path, markers: tuple[str, ...] = ("1000.",)) -> list[str]:
    """Live processes started for a test under `base`: a sandbox marker variable and a cwd under `base`,
    or a marker in the command line (for daemons that cleared their environment)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            sandboxed = b"ROLEGRAPH_SANDBOX_RUN=" in (entry / "environ").read_bytes()
            cwd = os.readlink(entry / "cwd")
            zombie = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
        except OSError:
            continue
        if not zombie and ((sandboxed and cwd.startswith(str(base))) or any(m in cmdline for m in markers)):
            alive.append(f"{entry.name}: {cmdline}")
    return alive


def level_params() -> list:
    """Every isolation level, skipped with the reason where this machine lacks it."""
    here = available_levels()
    return [pytest.param(key, id=key, marks=[] if key in here else
                         pytest.mark.skip(reason=f"{LEVELS[key]} unavailable here (install bubblewrap / kernel Landlock)"))
            for key in LEVELS]
