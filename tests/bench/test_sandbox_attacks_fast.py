"""Fast run of bench/sandbox_attacks.py at the strongest sandbox level, and a check that its judge is not blind."""
import importlib.util
import subprocess
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "sandbox_attacks.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_sandbox_attacks", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_nothing_escapes_the_strongest_level(capsys):
    started = time.monotonic()
    figures = _bench().main(["--examples", "15"])
    elapsed = time.monotonic() - started
    lines = capsys.readouterr().out.splitlines()
    assert figures["attacks"] >= 50
    assert (figures["escapes"], figures["user_tree_changed"], figures["orphans"]) == (0, 0, 0), \
        [line for line in lines if " contained " not in line]
    assert elapsed < 60


def test_the_judge_counts_escapes_changes_and_orphans(tmp_path, monkeypatch):
    """Calls that write outside, leak the canary, edit the user's checkout or leave a marked process are counted."""
    bench = _bench()
    monkeypatch.setenv("HOME", str(tmp_path))
    arena = bench.Arena(tmp_path / "arena", "none", "424242")
    try:
        arena.attack("write-outside", lambda: (arena.scene.outside / "pwned").write_text("x") and "")
        arena.attack("leak", lambda: f"key={bench.CANARY}")
        arena.attack("edit-user-file", lambda: (arena.scene.repo / "app.py").write_text("evil") and "")
        orphan = subprocess.Popen(["sleep", "1000.4242429"])
        arena.attack("orphan", lambda: "")
        assert orphan.wait(timeout=5) != 0
    finally:
        arena.close()
    assert arena.figures == {"attacks": 4, "escapes": 3, "user_tree_changed": 1, "orphans": 1}
