"""Run a shell command for a role: confined to a worktree, with a deadline, clipped output and limits.

Isolation levels, strongest first (`ROLEGRAPH_SANDBOX=bwrap|landlock|none` forces one):
- "bubblewrap (no network)": read-only root, private /tmp, no network, own pid namespace, no capabilities;
  writable: the worktree and the git paths the run owns (see sandbox_policy). The user's repo is read-only.
- "landlock": kernel-enforced write allowlist (same paths), no TCP, no signals outside; host pid space.
- "process-group only": rlimits, process-group kill and a guard refusing git commands that could touch
  other branches or the stash. It does not stop `rm` outside the worktree: a warning, not a jail.
Every level: environment rebuilt from an allowlist, pids cgroup where writable, no process survives.

Known gaps: Landlock cannot forbid chmod/chown (a command may change permissions, not contents, of the
user's files); at the process-group level a non-root user's command can read the parent's
/proc/<pid>/environ; all runs share `refs/heads/rolegraph/`, so a command can move other runs' branches.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from agents.core.errors import ToolError
from agents.software import sandbox_exec
from agents.software.sandbox_bwrap import bwrap_argv, bwrap_path
from agents.software.sandbox_cgroup import PidsCgroup
from agents.software.sandbox_guard import refuse_dangerous_git
from agents.software.sandbox_policy import SandboxPolicy, policy_for
from agents.software.sandbox_proc import MARKER_VAR, execute

LEVELS = {"bwrap": "bubblewrap (no network)", "landlock": "landlock", "none": "process-group only"}
_ENV_ALLOW = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "USER", "LOGNAME", "VIRTUAL_ENV")
_SECRET_WORDS = ("KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "AUTH", "COOKIE")


@dataclass(frozen=True)
class Limits:
    """Resource limits applied to every command (rlimits are per process, pids_max per command)."""

    address_space: int = 8 * 1024**3
    """Bytes of virtual memory per process (RLIMIT_AS)."""
    file_size: int = 256 * 1024**2
    """Largest file a command may write (RLIMIT_FSIZE)."""
    cpu_seconds: int = 600
    """CPU seconds per process (RLIMIT_CPU); wall time is bounded by the timeout."""
    processes: int = 256
    """Tasks per command: pids cgroup, plus RLIMIT_NPROC (which the kernel does not enforce for root)."""


@dataclass(frozen=True)
class CommandResult:
    """The outcome of one command; `output` is stdout+stderr interleaved, clipped head+tail."""

    exit_code: int
    output: str
    timed_out: bool
    clipped_bytes: int
    isolation: str
    notes: list[str] = field(default_factory=list)


def available_levels() -> list[str]:
    """The level keys that can run on this machine, strongest first."""
    levels = ["bwrap"] if bwrap_path() else []
    if sandbox_exec.landlock_abi() >= 1:
        levels.append("landlock")
    return levels + ["none"]


def _level_key() -> str:
    forced = os.environ.get("ROLEGRAPH_SANDBOX", "").strip().lower()
    if forced:
        if forced not in LEVELS:
            raise ToolError(f"ROLEGRAPH_SANDBOX={forced!r} is not one of {', '.join(LEVELS)}")
        if forced not in available_levels():
            raise ToolError(f"ROLEGRAPH_SANDBOX={forced} is not available on this machine")
        return forced
    return available_levels()[0]


def isolation_level() -> str:
    """Human-readable isolation in force, e.g. "bubblewrap (no network)", for `rolegraph team --help`."""
    return LEVELS[_level_key()]


def safe_env(*, home: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The command's environment, rebuilt from an allowlist; anything named like a secret is dropped."""
    env = {k: os.environ[k] for k in _ENV_ALLOW if k in os.environ} | (extra or {})
    env = {k: v for k, v in env.items() if k.startswith(("GIT_AUTHOR_", "GIT_COMMITTER_"))
           or not any(word in k.upper() for word in _SECRET_WORDS)}
    env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
    return env | dict(HOME=home, TMPDIR=home, TERM="dumb", LANG=env.get("LANG", "C.UTF-8"), GIT_TERMINAL_PROMPT="0",
               GIT_CONFIG_COUNT="2", GIT_CONFIG_KEY_0="gc.auto", GIT_CONFIG_VALUE_0="0",
               GIT_CONFIG_KEY_1="maintenance.auto", GIT_CONFIG_VALUE_1="false", PYTHONDONTWRITEBYTECODE="1")


def _visible_tools() -> list[tuple[Path, bool]]:
    """Interpreter and PATH dirs under /tmp stay visible (read-only) despite the private /tmp."""
    dirs = {Path(sys.prefix)} | {Path(p).parent for p in os.environ.get("PATH", "").split(":") if p}
    return [(d, False) for d in dirs if d.is_absolute() and d.parts[1:2] == ("tmp",) and len(d.parts) > 2]


def _nproc_limit(processes: int) -> int:
    """RLIMIT_NPROC counts every task of the uid, so a non-root user gets `processes` on top of theirs."""
    uid = os.geteuid()
    if uid == 0:
        return processes
    tasks = 0
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and entry.stat().st_uid == uid:
                tasks += len(os.listdir(entry / "task"))
        except OSError:
            continue
    return tasks + processes


def _launch(spec: dict) -> list[str]:
    return [sys.executable, "-I", "-S", sandbox_exec.__file__, json.dumps(spec)]


def run_command(command: str, *, cwd: Path, timeout_s: float = 60, max_output: int = 20_000,
                policy: SandboxPolicy | None = None, limits: Limits = Limits(),
                extra_env: dict[str, str] | None = None, grace_s: float = 1.0) -> CommandResult:
    """Run `command` with `bash -c` in `cwd` under the strongest isolation available (see module doc).

    `policy` says what may be written; by default it is derived from `cwd` (a git worktree or a plain dir).
    """
    key, cwd = _level_key(), cwd.resolve()
    policy = policy or policy_for(cwd)
    if key == "none":
        refuse_dangerous_git(command)
    token = uuid.uuid4().hex
    host_home = tempfile.mkdtemp(prefix="rolegraph-home-")
    cgroup = PidsCgroup.create(pids_max=limits.processes)
    home = "/tmp/home" if key == "bwrap" else host_home
    env = safe_env(home=home, extra={**(extra_env or {}), **dict(policy.env), MARKER_VAR: token})
    argv = ["bash", "-c", command]
    if key == "bwrap":
        binds = _visible_tools() + [(p, True) for p in policy.writable] + [(p, False) for p in policy.readonly]
        argv = bwrap_argv(binds=binds, cwd=cwd, home=Path.home()) + argv
    rlimits = {"as": limits.address_space, "fsize": limits.file_size, "cpu": limits.cpu_seconds,
               "nproc": _nproc_limit(limits.processes), "core": 0}
    spec = {"argv": argv, "rlimits": rlimits, "drop_caps": key != "bwrap",
            "cgroup_procs": str(cgroup.procs) if cgroup else None,
            "landlock": [*map(str, policy.writable), host_home, *policy.devices] if key == "landlock" else None}
    try:
        raw = execute(_launch(spec), env=env, cwd=cwd, timeout_s=timeout_s, max_output=max_output,
                      grace_s=grace_s, cgroup=cgroup, token=token)
    finally:
        shutil.rmtree(host_home, ignore_errors=True)
    notes = [] if cgroup else ["no pids cgroup: process count bounded by RLIMIT_NPROC and the timeout only"]
    return CommandResult(exit_code=raw.exit_code, output=raw.output.text(), timed_out=raw.timed_out,
                         clipped_bytes=raw.output.clipped, isolation=LEVELS[key], notes=notes)
