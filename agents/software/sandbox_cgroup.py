"""A throwaway pids cgroup per command: caps the process count (RLIMIT_NPROC does not bind root) and kills
every member at the end, including daemons that left the process group with `setsid`."""
from __future__ import annotations

import os
import signal
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

_CGROUP_ROOT = Path("/sys/fs/cgroup")


def _candidates() -> list[Path]:
    """Writable parents for a pids cgroup: the v1 pids hierarchy, or our own cgroup in a v2 hierarchy."""
    found = [_CGROUP_ROOT / "pids"]
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            if line.startswith("0::"):
                found.append(_CGROUP_ROOT / line[3:].lstrip("/"))
    except OSError:
        pass
    return found


@dataclass
class PidsCgroup:
    """One command's cgroup; `procs` is the file a process writes its pid into to join."""

    path: Path

    @property
    def procs(self) -> Path:
        return self.path / "cgroup.procs"

    @classmethod
    def create(cls, *, pids_max: int) -> PidsCgroup | None:
        """Make a cgroup limited to `pids_max` tasks, or None where no writable pids controller exists."""
        if os.environ.get("ROLEGRAPH_CGROUP", "auto") == "none":
            return None
        for parent in _candidates():
            if not (parent / "pids.max").exists() and not (parent / "cgroup.procs").exists():
                continue
            path = parent / f"rolegraph-{uuid.uuid4().hex[:12]}"
            try:
                path.mkdir()
            except OSError:
                continue
            try:
                (path / "pids.max").write_text(str(pids_max))
                return cls(path)
            except OSError:
                path.rmdir()
        return None

    def members(self) -> list[int]:
        """Pids currently in the cgroup."""
        try:
            return [int(p) for p in self.procs.read_text().split()]
        except (OSError, ValueError):
            return []

    def kill_all(self, *, deadline_s: float = 5.0) -> int:
        """Freeze forking (pids.max 0), SIGKILL every member until none is left, remove the cgroup."""
        killed, end = 0, time.monotonic() + deadline_s
        try:
            (self.path / "pids.max").write_text("0")
        except OSError:
            pass
        while time.monotonic() < end:
            pids = self.members()
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                    killed += 1
                except ProcessLookupError:
                    pass
            time.sleep(0.02)
        while True:
            try:
                self.path.rmdir()
                break
            except FileNotFoundError:
                break
            except OSError:
                if time.monotonic() > end:
                    break
                time.sleep(0.02)
        return killed
