"""The bubblewrap command line: read-only root, private /tmp, no network, a pid namespace, no capabilities,
and read-write binds only for the worktree and the git paths a worktree legitimately writes."""
from __future__ import annotations

import shutil
from pathlib import Path

TMP_SIZE = 512 * 1024 * 1024
_SECRET_HOME_ENTRIES = (".ssh", ".aws", ".gnupg", ".netrc", ".git-credentials", ".docker", ".kube",
                        ".config/gcloud", ".config/gh", ".pypirc", ".npmrc")


def bwrap_path() -> str | None:
    """The bwrap executable, or None when bubblewrap is not installed."""
    return shutil.which("bwrap")


def _mask_secrets(home: Path) -> list[str]:
    """Hide well-known credential files under the real home behind empty mounts."""
    args: list[str] = []
    for name in _SECRET_HOME_ENTRIES:
        entry = home / name
        if entry.is_dir() and not entry.is_symlink():
            args += ["--tmpfs", str(entry)]
        elif entry.is_file() and not entry.is_symlink():
            args += ["--ro-bind", "/dev/null", str(entry)]
    return args


def bwrap_argv(*, binds: list[tuple[Path, bool]], cwd: Path, home: Path | None) -> list[str]:
    """bwrap arguments (ending in `--`) for a command confined as described in the module docstring.

    `binds` are (path, writable) pairs mounted shallowest first, so a read-only bind of the git common dir
    can carry writable subdirs, which can in turn carry read-only files (the worktree's `.git` file).
    """
    exe = bwrap_path()
    if exe is None:
        raise FileNotFoundError("bwrap is not installed")
    args = [exe, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
            "--size", str(TMP_SIZE), "--tmpfs", "/tmp", "--dir", "/tmp/home",
            "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--die-with-parent", "--cap-drop", "ALL", "--hostname", "rolegraph-sandbox"]
    if home is not None:
        args += _mask_secrets(home)
    for path, writable in sorted(binds, key=lambda bind: len(bind[0].parts)):
        if path.exists():
            args += ["--bind" if writable else "--ro-bind", str(path), str(path)]
    return args + ["--chdir", str(cwd), "--"]
