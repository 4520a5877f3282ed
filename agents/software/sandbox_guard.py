"""Best-effort refusal of git commands that reach beyond the run's branch, for the unconfined level only.

Without bubblewrap or Landlock nothing in the kernel protects the user's refs and stash, so commands that
name git operations on shared state are refused before they run. It is a tripwire for honest mistakes by a
model, not a security boundary: `sh -c "$(echo Z2l0... | base64 -d)"` walks past it.
"""
from __future__ import annotations

import re
import shlex

from agents.core.errors import ToolError

_ALWAYS = {"push", "stash", "update-ref", "symbolic-ref", "gc", "prune", "worktree", "filter-branch",
           "replace", "config", "remote", "fetch", "pull", "checkout", "switch", "reflog", "update-index",
           "pack-refs", "repack", "notes", "clone", "init", "submodule"}
_FLAGGED = {"branch": {"-d", "-D", "-m", "-M", "-c", "-C", "-f", "--delete", "--move", "--copy", "--force"},
            "tag": {"-d", "--delete", "-f", "--force"}}
_GLOBAL_REDIRECTS = ("-C", "--git-dir", "--work-tree", "--namespace")
_SPLIT = re.compile(r"&&|\|\||[;|&\n()`]|\$\(")


def _git_calls(command: str) -> list[list[str]]:
    calls = []
    for part in _SPLIT.split(command):
        try:
            words = shlex.split(part)
        except ValueError:
            words = part.split()
        while words and ("=" in words[0] and not words[0].startswith("-") or words[0] in ("env", "command", "exec")):
            if words[0].split("=")[0].startswith("GIT_"):
                raise ToolError(f"refused: setting {words[0].split('=')[0]} redirects git outside the worktree")
            words = words[1:]
        if words and words[0].rsplit("/", 1)[-1] == "git":
            calls.append(words[1:])
    return calls


_DOT_GIT = re.compile(r"(^|[\s/'\"=:])\.git(?![\w.-])")


def refuse_dangerous_git(command: str) -> None:
    """Raise ToolError if `command` runs git on other branches, the stash, remotes or another repository,
    or names a `.git` path (which could retarget the worktree at the user's repository)."""
    if _DOT_GIT.search(command):
        raise ToolError("refused: commands may not touch `.git` paths at this sandbox level; use git commands")
    for args in _git_calls(command):
        while args and args[0].startswith("-"):
            if args[0].split("=")[0] in _GLOBAL_REDIRECTS:
                raise ToolError(f"refused: `git {args[0]}` points git outside the worktree")
            args = args[2:] if args[0] == "-c" else args[1:]
        if not args:
            continue
        sub, rest = args[0], set(args[1:])
        if sub in _ALWAYS or rest & _FLAGGED.get(sub, set()):
            raise ToolError(f"refused: `git {sub}` can change shared repository state (branches, stash, "
                            "remotes); this sandbox level cannot confine it. Use file tools and commit via the team.")
