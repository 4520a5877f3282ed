"""The software team end to end on a real repo: scripted roles, real tools, real pytest, untouched user checkout."""
import subprocess
import sys

from agents.software.graph import build_software_team
from agents.software.snapshot import checkout_snapshot
from agents.testing import ScriptedModel, tool_call
from team_repo import git

FIX_OLD, FIX_NEW = "return a - b", "return a + b"


def scripted_models() -> dict:
    return {
        "product": ScriptedModel([{"summary": "add must add", "requirements": ["add(2, 3) == 5"],
                                   "acceptance": ["pytest -q"]}]),
        "architect": ScriptedModel([{"files": ["calc.py"], "steps": ["fix the operator in add"]}]),
        "programmer": ScriptedModel([tool_call("read_file", path="calc.py"),
                                     tool_call("edit_file", path="calc.py", old=FIX_OLD, new=FIX_NEW),
                                     tool_call("run_tests"),
                                     {"summary": "fixed add", "files_changed": ["calc.py"]}]),
        "tester": ScriptedModel([{"passed": True, "summary": "1 passed"}]),
        "reviewer": ScriptedModel([{"approve": True, "comments": []}]),
        "documenter": ScriptedModel([tool_call("edit_file", path="README.md", old="# calc\n",
                                               new="# calc\n\n`add` adds two numbers.\n"),
                                     {"summary": "documented add", "files_changed": ["README.md"]}]),
    }


def test_scripted_team_fixes_the_failing_test_on_its_branch_and_leaves_the_user_checkout_alone(user_repo, runs_dir):
    before = checkout_snapshot(user_repo)
    models = scripted_models()
    team = build_software_team("make add() add", repo=str(user_repo), run_id="fix-add", models=models)
    result = team.run({"task": "make add() add", "phases": ["analyse", "design", "code", "test", "review",
                                                             "document"]}, run_id="fix-add")
    assert result.status == "done", result.message
    assert result.state["test"]["passed"] is True and result.state["review"]["approve"] is True
    for model in models.values():
        model.assert_complete()
    tool_result = models["programmer"].calls[3].messages[-1]["content"]
    assert tool_result.startswith("PASSED") and "1 passed" in tool_result  # the repo's pytest really ran

    branch = "rolegraph/fix-add"
    assert FIX_NEW in git(user_repo, "show", f"{branch}:calc.py")
    assert "adds two numbers" in git(user_repo, "show", f"{branch}:README.md")
    assert len(result.state["commits"]) == 2  # code, document
    worktree = result.state["summary"]["worktree"]
    run = subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=worktree, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout

    assert checkout_snapshot(user_repo) == before
    assert (user_repo / "scratch.txt").read_text() == "untracked, uncommitted user work\n"


def test_code_and_test_phases_alone_loop_until_green(user_repo, runs_dir):
    models = {"programmer": ScriptedModel([{"summary": "looked, changed nothing"},
                                           tool_call("edit_file", path="calc.py", old=FIX_OLD, new=FIX_NEW),
                                           {"summary": "fixed"}]),
              "tester": ScriptedModel([{"passed": False, "summary": "test_add fails: 2 - 3"},
                                       {"passed": True, "summary": "green"}])}
    team = build_software_team("fix add", repo=str(user_repo), run_id="cheap", phases="code,test", models=models)
    result = team.run({"task": "fix add", "phases": ["code", "test"]}, run_id="cheap")
    assert result.state["test"]["passed"] and result.state["code_rounds"] == 2
    assert "test_add fails" in models["programmer"].calls[1].last_user_text
    assert models["tester"].calls[0].messages  # the tester saw the real failing output
    assert "assert" in models["tester"].calls[0].last_user_text
