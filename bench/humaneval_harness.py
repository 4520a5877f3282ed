"""Validate the HumanEval harness with oracle models: canonical solutions must score 1.0, wrong code 0.0.

    python bench/humaneval_harness.py [--limit N]
Last line: {"canonical_pass@1": a, "wrong_pass@1": b, "problems": n}"""
import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agents.software.humaneval import evaluate, oracle_models  # noqa: E402


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None)
    limit = parser.parse_args().limit
    started = time.monotonic()
    right = evaluate(limit=limit, models_for=oracle_models(lambda p: p["canonical_solution"]))
    print(f"canonical: {right['passed']}/{right['problems']} failures={right['failures']}", flush=True)
    wrong = evaluate(limit=limit, models_for=oracle_models(lambda p: "    return None\n"))
    print(f"wrong: {wrong['passed']}/{wrong['problems']}  ({time.monotonic() - started:.0f} s)", flush=True)
    print(json.dumps({"canonical_pass@1": right["pass@1"], "wrong_pass@1": wrong["pass@1"],
                      "problems": right["problems"]}))
