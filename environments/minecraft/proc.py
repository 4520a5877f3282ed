"""Node child processes that never outlive Python: own process group, JSON lines read with timeouts,
killed on close() and at interpreter exit."""
from __future__ import annotations

import atexit
import collections
import json
import os
import queue
import signal
import subprocess
import threading
import weakref
from pathlib import Path
from typing import Any

_LIVE: "weakref.WeakSet[NodeProcess]" = weakref.WeakSet()
SPAWNED: list[int] = []
"""Process ids of every node process started here (tests assert none outlives its owner)."""


def pid_alive(pid: int) -> bool:
    """True if `pid` runs and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False


class NodeProcess:
    """`node script args...` with stdin/stdout pipes; stdout JSON lines go to a queue, other lines are kept
    (last 50) for error messages; stderr is kept the same way."""

    def __init__(self, node: str, script: Path, *args: str, max_heap_mb: int = 1024) -> None:
        self.script = script.name
        self.proc = subprocess.Popen(
            [node, f"--max-old-space-size={max_heap_mb}", str(script), *args], cwd=script.parent,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, bufsize=1, start_new_session=True)
        self.lines: queue.Queue[dict[str, Any]] = queue.Queue()
        self.log: collections.deque[str] = collections.deque(maxlen=50)
        self._write_lock = threading.Lock()
        threading.Thread(target=self._read, args=(self.proc.stdout, True), daemon=True).start()
        threading.Thread(target=self._read, args=(self.proc.stderr, False), daemon=True).start()
        _LIVE.add(self)
        SPAWNED.append(self.proc.pid)

    def _read(self, stream, parse: bool) -> None:
        for line in stream:
            line = line.strip()
            if parse and line.startswith("{"):
                try:
                    self.lines.put(json.loads(line))
                    continue
                except json.JSONDecodeError:
                    pass
            if line:
                self.log.append(line)
        if parse:
            self.lines.put({"event": "exit"})

    def send(self, obj: dict[str, Any]) -> None:
        with self._write_lock:
            self.proc.stdin.write(json.dumps(obj) + "\n")
            self.proc.stdin.flush()

    def next_line(self, timeout: float) -> dict[str, Any] | None:
        """The next JSON line, or None after `timeout` seconds."""
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            return None

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def tail(self, n: int = 3) -> str:
        return " | ".join(list(self.log)[-n:])

    def kill(self, grace: float = 2.0) -> None:
        """Close stdin (the script exits on EOF), then SIGTERM and SIGKILL the whole process group."""
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=grace / 2)
            except (OSError, subprocess.TimeoutExpired, ValueError):
                pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.proc.pid, sig)
            except (ProcessLookupError, PermissionError):
                break
            try:
                self.proc.wait(timeout=grace / 2)
                break
            except subprocess.TimeoutExpired:
                continue
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                stream.close()
            except (OSError, ValueError):
                pass
        _LIVE.discard(self)


@atexit.register
def _kill_all() -> None:
    for process in list(_LIVE):
        process.kill(grace=0.5)
