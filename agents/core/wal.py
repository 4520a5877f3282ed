"""The project's SQLite files (checkpoints, memory) open one way: WAL journal with synchronous=NORMAL, so commits
survive a killed process without an fsync each, and readers in other processes do not block the writer."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def connect_wal(path: Path | str) -> sqlite3.Connection:
    """Open `path` in WAL mode; raises sqlite3.DatabaseError at once when the file is not a usable database."""
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("PRAGMA schema_version").fetchone()
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn
