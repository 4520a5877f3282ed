"""Long-term memory in SQLite with FTS5: MP5's successful workflows and ChatDev-style experiences, across runs."""
from __future__ import annotations

import json
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from agents.core.errors import CheckpointError


class Memory(BaseModel):
    """One remembered thing: `kind` (e.g. "workflow", "experience"), a searchable `key` and text, JSON `data`."""

    id: int
    kind: str
    key: str
    text: str
    data: Any
    uses: int = 0
    created: float = 0.0


class MemoryStore:
    """A small FTS5-indexed table. Writes are idempotent per (kind, key, text) so a re-run node adds nothing."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._db.executescript("""
                CREATE TABLE IF NOT EXISTS memories (id INTEGER PRIMARY KEY, kind TEXT, key TEXT, text TEXT,
                    data TEXT, uses INTEGER DEFAULT 0, created REAL, UNIQUE(kind, key, text));
                CREATE VIRTUAL TABLE IF NOT EXISTS memories_fts USING fts5(key, text, content='memories',
                    content_rowid='id');
                CREATE TRIGGER IF NOT EXISTS memories_ai AFTER INSERT ON memories BEGIN
                    INSERT INTO memories_fts(rowid, key, text) VALUES (new.id, new.key, new.text); END;
                CREATE TRIGGER IF NOT EXISTS memories_ad AFTER DELETE ON memories BEGIN
                    INSERT INTO memories_fts(memories_fts, rowid, key, text) VALUES('delete', old.id, old.key, old.text);
                END;""")
        except sqlite3.DatabaseError as exc:
            raise CheckpointError(f"memory database {self.path} is unusable ({exc}): move it aside") from None
        self._write_ahead()

    def _write_ahead(self) -> None:
        """WAL + synchronous=NORMAL, as the checkpointer: a commit no longer waits for fsync (an `add` took 1-20 ms
        with the rollback journal here, with the disk idle or busy: up to half the agent loop's own time in a
        500-step episode).
        Switching needs the file to itself: SQLite refuses it while another connection reads, and at once (no busy
        wait) when parallel eval workers switch together, which made the first attempt (807c057) fail runs with
        'database is locked'. So a refused switch is not fatal: this connection keeps the rollback journal and
        full syncs (the file is WAL for all once one switches), and the schema is created before, in any case."""
        try:
            mode = self._db.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != "wal" and self._db.execute("PRAGMA journal_mode=WAL").fetchone()[0] != "wal":
                return
            self._db.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.OperationalError:
            return

    def add(self, kind: str, key: str, text: str, data: Any = None) -> int:
        """Store (or find the identical) memory; returns its id."""
        with self._db:
            self._db.execute("INSERT OR IGNORE INTO memories (kind, key, text, data, created) VALUES (?,?,?,?,?)",
                             (kind, key, text, json.dumps(data, default=str), time.time()))
            row = self._db.execute("SELECT id FROM memories WHERE kind=? AND key=? AND text=?",
                                   (kind, key, text)).fetchone()
        return int(row[0])

    def search(self, kind: str, query: str, *, k: int = 2) -> list[Memory]:
        """Top-k memories of `kind` by BM25 over key and text; exact key matches first."""
        terms = " OR ".join(f'"{t}"' for t in re.findall(r"\w+", query.lower()))
        if not terms:
            return []
        rows = self._db.execute(
            "SELECT m.id, m.kind, m.key, m.text, m.data, m.uses, m.created FROM memories_fts f "
            "JOIN memories m ON m.id = f.rowid WHERE memories_fts MATCH ? AND m.kind = ? "
            "ORDER BY (m.key = ?) DESC, bm25(memories_fts), m.uses DESC, m.id LIMIT ?",
            (terms, kind, query, k)).fetchall()
        return [self._row(r) for r in rows]

    def mark_used(self, memory_id: int) -> None:
        with self._db:
            self._db.execute("UPDATE memories SET uses = uses + 1 WHERE id = ?", (memory_id,))

    def list(self, kind: str | None = None) -> list[Memory]:
        sql = "SELECT id, kind, key, text, data, uses, created FROM memories"
        rows = self._db.execute(sql + (" WHERE kind = ? ORDER BY id" if kind else " ORDER BY id"),
                                (kind,) if kind else ()).fetchall()
        return [self._row(r) for r in rows]

    def get(self, memory_id: int) -> Memory | None:
        row = self._db.execute("SELECT id, kind, key, text, data, uses, created FROM memories WHERE id = ?",
                               (memory_id,)).fetchone()
        return self._row(row) if row else None

    def forget(self, memory_id: int) -> bool:
        with self._db:
            return self._db.execute("DELETE FROM memories WHERE id = ?", (memory_id,)).rowcount > 0

    def close(self) -> None:
        self._db.close()

    @staticmethod
    def _row(row: tuple) -> Memory:
        return Memory(id=row[0], kind=row[1], key=row[2], text=row[3], data=json.loads(row[4]), uses=row[5],
                      created=row[6])
