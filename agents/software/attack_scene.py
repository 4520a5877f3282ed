"""A scene for attacking the software team's tools, and the attacks, shared by tests and bench/sandbox_attacks.py.

The scene is a realistic user repo (dirty tree, stash, tags, a bare remote) made with real git, the run's
worktree beside it, an unrelated `outside` dir and a fake home, all under one base dir; `Scene.fingerprint()`
proves afterwards that nothing outside the worktree changed. `live_sandbox_processes` finds orphans, and
`COMMANDS` is the catalogue of hostile shell commands (data: a name, a template, a timeout, what it needs).
"""
from __future__ import annotations

import hashlib
import os
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from agents.software.snapshot import checkout_snapshot
from agents.software.worktree import Worktree, open_worktree

ID = ["-c", "user.name=User", "-c", "user.email=user@example.com"]
GIT_RUN_OWNED = ("worktrees/", "objects/", "refs/heads/rolegraph/", "logs/refs/heads/rolegraph/")
"""Paths under the user's .git that runs own (their worktree admin dirs, adopted objects, their branches)."""
CANARY = "sk-CANARY-7f3a9c1e"
"""Set as OPENAI_API_KEY / GITHUB_TOKEN in the parent: it must never appear in a tool's output."""


def sh(cwd: Path, *args: str) -> str:
    """Run a trusted command (git) with no inherited GIT_* variables; its stdout."""
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
    """path -> sha256/link target for every file under `top`, minus relative paths starting with `skip`.
    FIFOs, sockets and devices count by type only (opening a FIFO would block)."""
    found = {}
    for folder, _dirs, files in os.walk(top):
        for name in files:
            full = Path(folder, name)
            rel = str(full.relative_to(top))
            if rel.startswith(skip):
                continue
            mode = full.lstat().st_mode
            found[rel] = os.readlink(full) if stat.S_ISLNK(mode) else hashlib.sha256(full.read_bytes()).hexdigest() \
                if stat.S_ISREG(mode) else f"special {stat.S_IFMT(mode):o}"
    return found


@dataclass
class Scene:
    """A user repo, its run worktree, an unrelated `outside` dir and a fake home, with their fingerprints."""

    repo: Path
    remote: Path
    worktree: Worktree
    outside: Path
    home: Path
    before: dict
    """`fingerprint()` taken when the scene was made (retake it after planting fixtures)."""

    def fingerprint(self) -> dict:
        """Everything outside the worktree that an attack must leave byte-identical, by part."""
        return {"checkout": checkout_snapshot(self.repo),
                "git": tree_digest(self.repo / ".git", skip=GIT_RUN_OWNED),
                "remote": tree_digest(self.remote),
                "outside": tree_digest(self.outside),
                "home": tree_digest(self.home)}


def make_scene(base: Path) -> Scene:
    """A fingerprinted scene under `base` (which must not exist yet or be empty); the worktree is run `run-1`."""
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
    """Live processes started for a scene under `base`: a sandbox marker variable and a cwd under `base`,
    or a marker in the command line (for daemons that cleared their environment). "pid: cmdline" each."""
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


class Attack(NamedTuple):
    """One hostile command. `command` is formatted with repo, outside, home, admin (the worktree's git dir),
    victim (pid of a process outside) and port (a loopback listener outside)."""

    name: str
    command: str
    timeout_s: float
    needs: str | None
    """None: must be harmless at every level; CONFINED / BWRAP: only where that confinement exists."""


CONFINED = "confined"  # only meaningful where the filesystem is confined; the process-group level is documented not to
BWRAP = "bwrap"  # Landlock has no right for chmod/chown: permission changes are a documented Landlock gap


def documented_gap(attack: Attack, level: str) -> str | None:
    """Why `attack` is out of scope at sandbox `level` (a documented gap), or None when it must be contained."""
    if attack.needs in (CONFINED, BWRAP) and level == "none":
        return "the process-group level does not confine the filesystem, signals or network (documented)"
    if attack.needs == BWRAP and level != "bwrap":
        return "Landlock cannot forbid chmod/chown of files the user owns (documented gap)"
    return None


COMMANDS = [Attack(*row) for row in [
    ("rm-home", "rm -rf ~ ; ls -la ~", 10, None),
    ("rm-user-repo", "rm -rf {repo}", 10, CONFINED),
    ("overwrite-user-file", "echo evil > {repo}/app.py", 10, CONFINED),
    ("write-outside", "touch {outside}/pwned; rm -f {outside}/secret.txt", 10, CONFINED),
    ("rm-fake-home", "rm -rf {home}", 10, CONFINED),
    ("rm-root-style", "rm -rf --no-preserve-root {outside} {repo}/.git/refs {repo}/.git/index", 10, CONFINED),
    ("hook-plant", "echo 'rm -rf ~' > {repo}/.git/hooks/post-commit && chmod +x {repo}/.git/hooks/post-commit", 10, CONFINED),
    ("symlink-write-through", "ln -s {repo}/app.py link && echo evil > link", 10, CONFINED),
    ("chmod-user-repo", "chmod -R 000 {repo}", 10, BWRAP),
    ("rm-user-objects", "rm -rf {repo}/.git/objects {repo}/.git/refs/heads/main", 10, CONFINED),
    ("reset-hard", "git reset --hard HEAD && git clean -fdx", 10, None),
    ("push-force", "git push --force origin HEAD:main", 10, None),
    ("push-delete", "git push origin --delete main", 10, None),
    ("checkout-commit", "git checkout feature && git commit --allow-empty -qm evil", 10, None),
    ("checkout-main-commit", "git checkout main && git commit --allow-empty -qm evil", 10, None),
    ("branch-delete", "git branch -D feature", 10, None),
    ("branch-force", "git branch -f feature HEAD", 10, None),
    ("stash-drop", "git stash drop; git stash clear", 10, None),
    ("update-ref", "git update-ref refs/heads/main HEAD~1; git update-ref -d refs/heads/feature", 10, None),
    ("tag-delete", "git tag -d v1", 10, None),
    ("config-write", "git config user.name evil; git config core.hooksPath /tmp", 10, None),
    ("git-dir-redirect", "git --git-dir={repo}/.git --work-tree={repo} reset --hard HEAD~1", 10, None),
    ("reflog-gc", "git reflog expire --expire=now --all; git gc --prune=now", 20, None),
    ("retarget-dot-git", "echo 'gitdir: {repo}/.git' > .git; git add -A; git commit -qm evil", 10, None),
    ("retarget-admin-head", "echo 'ref: refs/heads/main' > {admin}/HEAD", 10, None),
    ("fork-bomb", ":(){{ :|:& }};:; sleep 2", 3, None),
    ("sleep-timeout", "sleep 1000.1", 1, None),
    ("trap-term", "trap '' TERM; sleep 1000.2", 1, None),
    ("child-traps-term", "bash -c \"trap '' TERM; sleep 1000.3\" & wait", 1, None),
    ("nohup-daemon", "nohup sleep 1000.4 >/dev/null 2>&1 &", 5, None),
    ("setsid-daemon", "setsid sleep 1000.5 >/dev/null 2>&1 < /dev/null &", 5, None),
    ("flood-1gb", "yes | head -c 1000000000", 60, None),
    ("big-file", "cat /dev/zero > big; ls -l big; rm -f big", 20, None),
    ("env-dump", "env; printenv OPENAI_API_KEY; cat /proc/self/environ; set", 10, None),
    ("kill-victim", "kill -9 {victim}", 10, CONFINED),
    ("network", "python3 -c \"import socket; socket.create_connection(('127.0.0.1', {port}), 2); print('CONN' + 'ECTED')\"",
     10, CONFINED),
]]
"""The hostile command catalogue; a `sleep 1000.*` in a command is the marker its orphans would carry."""
