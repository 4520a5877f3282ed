"""The `rolegraph` command as a user meets it: help, runs, report, resume, models check, clear one-line errors."""
import subprocess
import sys

import pytest

from agents.testing import FakeOpenAIServer, Fault
from counting_team import build


def rolegraph(*args, env, timeout=120):
    return subprocess.run([sys.executable, "-m", "agents.cli", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def test_help_lists_the_commands(cli_env):
    out = rolegraph("--help", env=cli_env)
    assert out.returncode == 0
    for command in ("run", "runs", "resume", "report", "models"):
        assert command in out.stdout


def test_runs_report_and_resume_of_an_existing_run(cli_env, runs_dir, monkeypatch):
    build(total=3).run({"n": 0, "log": []}, run_id="listed")
    build(total=9, max_steps=2).run({"n": 0, "log": []}, run_id="budgeted")
    out = rolegraph("runs", env=cli_env)
    assert out.returncode == 0 and "listed" in out.stdout and "max_steps" in out.stdout
    out = rolegraph("report", "listed", env=cli_env)
    assert out.returncode == 0 and (runs_dir / "listed" / "report.html").exists()
    html = (runs_dir / "listed" / "report.html").read_text()
    assert 'id="usage"' in html and "proposer" in html


@pytest.mark.parametrize("args, code, words", [
    (["resume", "no-such-run"], 4, "no run 'no-such-run'"),
    (["report", "no-such-run"], 4, "no run 'no-such-run'"),
    (["models", "check"], 3, "no model configured"),
    (["run", "collect a diamond", "--max-steps", "-3"], 3, "budget.max_steps"),
])
def test_bad_input_is_one_line_and_a_distinct_exit_status(args, code, words, cli_env):
    out = rolegraph(*args, env=cli_env)
    assert out.returncode == code, out.stderr
    assert out.stderr.count("\n") == 1 and words in out.stderr and "Traceback" not in out.stderr


def test_malformed_config_names_the_file(cli_env, tmp_path):
    (tmp_path / "rolegraph.toml").write_text("[model\nname = 1")
    out = rolegraph("runs", env=cli_env)
    assert out.returncode == 3 and "rolegraph.toml is not valid TOML" in out.stderr


def test_models_check_reports_model_structured_output_and_images(cli_env):
    replies = ["ready", {"colour": "blue"}, "red"]
    with FakeOpenAIServer(replies) as srv:
        out = rolegraph("models", "check", "--model", "fake-model", "--base-url", srv.base_url, env=cli_env)
        srv.assert_complete()
        assert len(srv.images(2)) == 1
    assert out.returncode == 0, out.stderr
    assert "fake-model" in out.stdout and "ok: blue" in out.stdout and "ok: red" in out.stdout


def test_models_check_on_a_bad_key_is_one_line_with_the_fix(cli_env):
    with FakeOpenAIServer([], api_key="sk-right") as srv:
        env = {**cli_env, "OPENAI_API_KEY": "sk-wrong-CANARY-123"}
        out = rolegraph("models", "check", "--model", "m", "--base-url", srv.base_url, env=env)
    assert out.returncode == 11 and "rejected the API key" in out.stderr and "CANARY" not in out.stderr


def test_models_check_on_an_unreachable_endpoint(cli_env):
    with FakeOpenAIServer([Fault("reset")] * 3) as srv:
        out = rolegraph("models", "check", "--model", "m", "--base-url", srv.base_url, env=cli_env)
    assert out.returncode == 17 and "cannot reach model endpoint" in out.stderr
