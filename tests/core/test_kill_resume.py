"""A subprocess running a multi-step team is SIGKILLed mid-run and resumed by id through the CLI."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from agents.core import RunDir
from counting_team import build

SCRIPT = Path(__file__).resolve().parent / "counting_team.py"


def _steps(run: RunDir) -> int:
    return sum(1 for e in run.events() if e["kind"] == "step")


def test_sigkill_mid_run_then_resume_reaches_the_uninterrupted_state(runs_dir, cli_env):
    total = 40
    proc = subprocess.Popen([sys.executable, str(SCRIPT), "victim", str(total), "0.05"], env=cli_env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    run = RunDir("victim", runs_dir)
    deadline = time.monotonic() + 60
    while _steps(run) < 12 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    partial = build(total).state("victim")
    assert 0 < partial["n"] < total, "the kill must land mid-run"

    out = subprocess.run([sys.executable, "-m", "agents.cli", "resume", "victim"], env=cli_env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "victim: done" in out.stdout

    reference = build(total).run({"n": 0, "log": []}, run_id="reference")
    assert build(total).state("victim") == reference.state
    assert RunDir("victim", runs_dir).meta()["status"] == "done"
    assert (runs_dir / "victim" / "report.html").exists()


def test_a_second_process_on_the_same_run_is_refused_clearly(runs_dir, cli_env):
    first = subprocess.Popen([sys.executable, str(SCRIPT), "shared", "60", "0.05"], env=cli_env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    run = RunDir("shared", runs_dir)
    deadline = time.monotonic() + 60
    while _steps(run) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    second = subprocess.run([sys.executable, "-m", "agents.cli", "resume", "shared"], env=cli_env,
                            capture_output=True, text=True, timeout=120)
    first.kill()
    first.wait()
    assert second.returncode == 5
    assert f"already being driven by process {first.pid}" in second.stderr and second.stderr.count("\n") == 1
