"""Run one process tree with a deadline: incremental clipped output, then no survivor.

The child starts its own session; on timeout the whole group gets SIGTERM, then SIGKILL after a grace
period. After the command ends, whatever it left behind (background jobs, `setsid` daemons) is killed
through the pids cgroup when there is one, and by a sweep for the marker variable in /proc/*/environ.
"""
from __future__ import annotations

import os
import selectors
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from agents.software.sandbox_cgroup import PidsCgroup
from agents.software.sandbox_output import StreamClipper

MARKER_VAR = "ROLEGRAPH_SANDBOX_RUN"
_DRAIN_AFTER_EXIT_S = 0.3


@dataclass
class RawRun:
    """What happened to the process tree, before it is dressed as a CommandResult."""

    exit_code: int
    output: StreamClipper
    timed_out: bool


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _group_alive(pgid: int) -> bool:
    """Whether a live (non-zombie) process is in the group; zombies wait on a reaper we do not control."""
    try:
        os.killpg(pgid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != b"Z":
            return True
    return False


def _kill_group(proc: subprocess.Popen, *, deadline_s: float = 5.0) -> None:
    """SIGKILL the group until it is empty: a fork bomb may add members while the first signal lands.
    The leader is reaped on the way, since a zombie still counts as a member."""
    end = time.monotonic() + deadline_s
    _signal_group(proc.pid, signal.SIGKILL)
    while (proc.poll() is None or _group_alive(proc.pid)) and time.monotonic() < end:
        _signal_group(proc.pid, signal.SIGKILL)
        time.sleep(0.005)


def sweep_marker(token: str) -> int:
    """SIGKILL every process whose environment carries `MARKER_VAR=token`; returns how many."""
    needle, killed = f"{MARKER_VAR}={token}".encode(), 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                os.kill(int(entry.name), signal.SIGKILL)
                killed += 1
        except (OSError, ValueError):
            continue
    return killed


def _pump(fd: int, sel: selectors.BaseSelector, out: StreamClipper, wait_s: float) -> bool:
    """Read what is available within `wait_s`; False at end of stream."""
    if not sel.select(max(wait_s, 0)):
        return True
    while True:
        try:
            chunk = os.read(fd, 1 << 16)
        except BlockingIOError:
            return True
        if not chunk:
            return False
        out.feed(chunk)


def execute(argv: list[str], *, env: dict[str, str], cwd: Path, timeout_s: float, max_output: int,
            grace_s: float, cgroup: PidsCgroup | None, token: str) -> RawRun:
    """Run `argv` until it exits or `timeout_s` passes; afterwards no process of the tree survives."""
    out = StreamClipper(limit=max_output)
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=env, cwd=cwd, start_new_session=True, close_fds=True)
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    os.set_blocking(fd, False)
    sel = selectors.DefaultSelector()
    sel.register(fd, selectors.EVENT_READ)
    deadline, open_, timed_out, exited_at = time.monotonic() + timeout_s, True, False, None
    try:
        while True:
            now = time.monotonic()
            if exited_at is None and proc.poll() is not None:
                exited_at = now
            if exited_at is not None and (not open_ or now - exited_at > _DRAIN_AFTER_EXIT_S):
                break
            if now >= deadline:
                timed_out = True
                break
            if open_:
                open_ = _pump(fd, sel, out, min(deadline - now, 0.05))
            else:
                time.sleep(min(deadline - now, 0.01))
        if timed_out:
            _signal_group(proc.pid, signal.SIGTERM)
            end = time.monotonic() + grace_s
            while open_ and time.monotonic() < end and _group_alive(proc.pid):
                open_ = _pump(fd, sel, out, 0.05)
        _kill_group(proc)
        proc.kill() if proc.poll() is None else None
        proc.wait()
        if cgroup is not None:
            cgroup.kill_all()
        sweep_marker(token)
        while open_:
            open_ = _pump(fd, sel, out, 0.05) and _group_alive(proc.pid)
    finally:
        sel.close()
        proc.stdout.close()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    code = proc.returncode
    return RawRun(exit_code=128 - code if code < 0 else code, output=out, timed_out=timed_out)
