"""The README's promises: two set-up commands, .ci/run calling the test one verbatim, the Python example runs."""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, re.DOTALL)


def test_exactly_two_setup_commands_and_ci_runs_the_test_one_verbatim():
    setup = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    commands = [b.strip() for b in re.findall(r"```\n(.*?)```", setup, re.DOTALL)]
    assert len(commands) == 2
    assert 'rolegraph run "collect a diamond"' in commands[0]
    assert "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text()


def test_python_example_runs(tmp_path):
    (tmp_path / "prompts").mkdir()
    line = next(l for l in README.splitlines() if l.startswith("`{% block system %}"))
    (tmp_path / "prompts" / "writer.j2").write_text(line.strip("`"))
    (tmp_path / "example.py").write_text(_blocks("python")[0])
    out = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "done {'title': 'Hello'}"
