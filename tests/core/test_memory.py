import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agents.core.errors import CheckpointError
from agents.core.memory import MemoryStore


def test_search_ranks_exact_key_first_and_survives_reopen(tmp_path):
    store = MemoryStore(tmp_path / "m.sqlite")
    store.add("workflow", "collect wood", "find tree then collect wood", {"steps": ["find", "collect"]})
    store.add("workflow", "collect stone", "find stone then collect stone with pickaxe", {"steps": ["x"]})
    store.add("experience", "collect wood", "unrelated kind", None)
    store.close()
    store = MemoryStore(tmp_path / "m.sqlite")
    hits = store.search("workflow", "collect stone", k=2)
    assert [h.key for h in hits] == ["collect stone", "collect wood"]
    assert hits[0].data == {"steps": ["x"]}
    assert all(h.kind == "workflow" for h in store.search("workflow", "wood"))


def test_adding_the_same_memory_twice_is_idempotent(tmp_path):
    store = MemoryStore(tmp_path / "m.sqlite")
    a = store.add("workflow", "k", "t", [1])
    assert store.add("workflow", "k", "t", [1]) == a and len(store.list()) == 1
    store.mark_used(a)
    assert store.get(a).uses == 1
    assert store.forget(a) and store.search("workflow", "k") == [] and not store.forget(a)


def test_corrupt_memory_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "m.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CheckpointError, match="memory database"):
        MemoryStore(bad)


_OPEN_TOGETHER = """
import sys, time
from agents.core.memory import MemoryStore
start, folder, worker = float(sys.argv[1]), sys.argv[2], sys.argv[3]
for i in range(6):
    while time.time() < start + 0.25 * i:
        pass
    store = MemoryStore(f"{folder}/m{i}.sqlite")
    store.add("workflow", worker, "t")
    print(store._db.execute("PRAGMA journal_mode").fetchone()[0])
"""


def test_workers_opening_a_fresh_file_together_all_get_a_store(tmp_path):
    """Parallel eval workers share memory.sqlite: switching a fresh file to WAL before its schema failed with
    'database is locked' for one of two workers about a third of the time (807c057)."""
    root = str(Path(__file__).resolve().parent.parent.parent)
    start = time.time() + 2.0
    procs = [subprocess.Popen([sys.executable, "-c", _OPEN_TOGETHER, str(start), str(tmp_path), str(w)], cwd=root,
                              env={**os.environ, "PYTHONPATH": root}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for w in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outs]
    for i in range(6):
        assert len(MemoryStore(tmp_path / f"m{i}.sqlite").list()) == 3
    assert "wal" in "".join(out for out, _ in outs)
