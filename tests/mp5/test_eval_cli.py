"""`rolegraph eval crafter` end to end: a process pool and a local Ray instance give the same figures."""
import json
import subprocess
import sys

import pytest


def _eval(tmp_path, env, *extra):
    out_json = tmp_path / f"eval{len(extra)}.json"
    out = subprocess.run([sys.executable, "-m", "agents.cli", "eval", "crafter", "--episodes", "2", "--seed-start",
                          "11", "--length", "150", "--workers", "2", "--json", str(out_json), *extra], env=env,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    return json.loads(out_json.read_text()), out.stdout


def test_eval_prints_the_table_and_writes_the_figures(tmp_path, cli_env):
    figures, stdout = _eval(tmp_path, cli_env)
    assert figures["episodes"] == 2 and figures["seeds"] == [11, 12]
    assert set(figures) >= {"score", "success_rates", "episodes", "mean_reward", "seconds"}
    assert figures["success_rates"]["collect_wood"] == 100.0 and "Crafter score" in stdout


def test_ray_path_matches_the_process_pool(tmp_path, cli_env):
    pytest.importorskip("ray", reason="Ray is in the test extra; pip install -e '.[test]'")
    pool, _ = _eval(tmp_path, cli_env)
    ray, _ = _eval(tmp_path, cli_env, "--ray", "local")
    assert ray["success_rates"] == pool["success_rates"] and ray["score"] == pool["score"]
