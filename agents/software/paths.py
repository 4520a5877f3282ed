"""Resolve a tool's path argument inside the worktree, refusing anything that could reach outside it.

Refused: NUL bytes, `..` or absolute paths leaving the root, symlinks (at any component, also for files
not yet created) resolving outside, anything under `.git` (the worktree's `.git` file too), and
device files, FIFOs and sockets, which could block a read or write to hardware.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from agents.core.errors import ToolError


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _touches_git(relative: str) -> bool:
    return any(part.lower() == ".git" for part in Path(relative).parts)


def resolve_tool_path(root: Path, path: str) -> Path:
    """The real path of `path` (relative to `root`, or absolute inside it); ToolError when it is refused."""
    if not isinstance(path, str) or "\0" in path:
        raise ToolError("refused: path contains a NUL byte")
    if not path.strip():
        raise ToolError("refused: empty path; use '.' for the worktree root")
    if any(len(part.encode()) > 255 for part in path.split("/")) or len(path.encode()) > 4000:
        raise ToolError("refused: a path component is longer than 255 bytes (or the path than 4000)")
    real_root = os.path.realpath(root)
    lexical = os.path.normpath(os.path.join(real_root, path))
    if not _inside(lexical, real_root):
        raise ToolError(f"refused: {path!r} is outside the worktree; use paths relative to its root")
    if _touches_git(os.path.relpath(lexical, real_root)):
        raise ToolError(f"refused: {path!r} is git's internal data; use the run's tools (git_diff) instead")
    real = os.path.realpath(lexical)
    if not _inside(real, real_root):
        raise ToolError(f"refused: {path!r} is a symlink (or under one) pointing outside the worktree")
    if _touches_git(os.path.relpath(real, real_root)):
        raise ToolError(f"refused: {path!r} resolves into git's internal data")
    try:
        mode = os.stat(real).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return Path(real)
    except OSError as exc:
        raise ToolError(f"refused: {path!r} cannot be used ({exc.strerror})") from None
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise ToolError(f"refused: {path!r} is a device, FIFO or socket, not a regular file")
    return Path(real)


def display(root: Path, path: Path) -> str:
    """`path` relative to the worktree root, as the model should name it."""
    relative = os.path.relpath(path, os.path.realpath(root))
    return "." if relative == "." else relative
