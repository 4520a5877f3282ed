"""What a sandboxed command may write: its worktree and the git paths that worktree itself writes.

For a linked worktree (`<wt>/.git` is a file `gitdir: <common>/worktrees/<name>`) that is the admin dir
`worktrees/<name>/`, `objects/` and `refs/heads/rolegraph/` (+ its reflogs). Everything else in the
common dir (other branches, the stash, packed-refs, config, the user's index and HEAD) stays read-only, and so do
the `.git` file and existing object packs, which a writable parent would otherwise expose.
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
    common = layout.common
    writable = (root, layout.admin, common / "objects", common / "refs" / "heads" / BRANCH_PREFIX,
                common / "logs" / "refs" / "heads" / BRANCH_PREFIX)
    readonly = (common, root / ".git", common / "objects" / "pack", common / "objects" / "info")
    return SandboxPolicy(writable=tuple(p for p in writable if p.exists()), readonly=readonly)
