import sqlite3

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


def test_a_worker_that_cannot_switch_to_wal_still_gets_a_store(tmp_path):
    """Parallel eval workers share memory.sqlite. Switching it to WAL needs the file to itself and SQLite refuses
    it while another connection reads (at once when two switch together): that must not be fatal (807c057)."""
    path = tmp_path / "m.sqlite"
    MemoryStore(path).close()
    old = sqlite3.connect(path)
    old.execute("PRAGMA journal_mode=DELETE").fetchone()  # as a file from before WAL
    old.close()
    reader = sqlite3.connect(path)
    reader.execute("BEGIN")
    reader.execute("SELECT * FROM memories").fetchall()
    store = MemoryStore(path)  # waits out the busy timeout, then keeps the rollback journal
    reader.rollback()
    assert store.add("workflow", "k", "t") == 1 and store.search("workflow", "k")[0].key == "k"
