"""What a sandboxed command may write: its worktree and the git paths that worktree itself writes.

For a linked worktree (`<wt>/.git` is a file `gitdir: <common>/worktrees/<name>`) that is the admin dir
`worktrees/<name>/` and `refs/heads/rolegraph/` (+ its reflogs). The user's object store stays read-only:
commands write new objects to `worktrees/<name>/objects` (GIT_OBJECT_DIRECTORY, the user's store as an
alternate) and trusted code adopts them afterwards with verification (`adopt_run_objects`), so even
`rm -rf <repo>` cannot delete committed history. Everything else (other branches, the stash, config,
the user's index and HEAD, the worktree's `.git` file) stays read-only.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

BRANCH_PREFIX = "rolegraph"
DEVICES = ("/dev/null", "/dev/zero", "/dev/full", "/dev/tty")


@dataclass(frozen=True)
class SandboxPolicy:
    """Paths a command may write, and paths re-protected read-only beneath them."""

    writable: tuple[Path, ...]
    """Directories (or files) the command may create, change and delete entries in."""
    readonly: tuple[Path, ...] = ()
    """Paths kept visible and read-only even when a writable path contains them (bubblewrap only)."""
    devices: tuple[str, ...] = DEVICES
    """Device files writes may go to."""
    env: tuple[tuple[str, str], ...] = ()
    """Variables the command needs for this layout (where git writes new objects)."""


@dataclass(frozen=True)
class GitLayout:
    """Where a linked worktree's git data lives."""

    worktree: Path
    admin: Path
    common: Path


def git_layout(worktree: Path) -> GitLayout | None:
    """The linked-worktree layout of `worktree`, or None if its `.git` is not a `gitdir:` file."""
    dot_git = worktree / ".git"
    if not dot_git.is_file() or dot_git.is_symlink():
        return None
    text = dot_git.read_text(errors="replace").strip()
    if not text.startswith("gitdir:"):
        return None
    admin = (worktree / text[len("gitdir:"):].strip()).resolve()
    try:
        common = (admin / (admin / "commondir").read_text().strip()).resolve()
    except OSError:
        return None
    return GitLayout(worktree=worktree, admin=admin, common=common)


def _root_of(cwd: Path) -> Path:
    for candidate in (cwd, *cwd.parents):
        if (candidate / ".git").exists():
            return candidate
    return cwd


def policy_for(cwd: Path) -> SandboxPolicy:
    """Writable: the worktree containing `cwd` plus its own git paths; a plain directory is writable whole."""
    root = _root_of(cwd.resolve())
    layout = git_layout(root)
    if layout is None:
        return SandboxPolicy(writable=(cwd.resolve(),))
    common, store = layout.common, run_object_store(layout)
    store.mkdir(exist_ok=True)
    writable = (root, layout.admin, common / "refs" / "heads" / BRANCH_PREFIX,
                common / "logs" / "refs" / "heads" / BRANCH_PREFIX)
    env = (("GIT_OBJECT_DIRECTORY", str(store)), ("GIT_ALTERNATE_OBJECT_DIRECTORIES", str(common / "objects")))
    return SandboxPolicy(writable=tuple(p for p in writable if p.exists()), readonly=(common, root / ".git"), env=env)


def run_object_store(layout: GitLayout) -> Path:
    """Where sandboxed git writes new objects: inside the run's own admin dir, never the user's store."""
    return layout.admin / "objects"
