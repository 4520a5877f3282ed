"""Short team runs against FakeOpenAIServer with injected faults: are they all handled, bounded and hang-free?

    python bench/llm_faults.py --runs 1000 --fault-rate 0.1 [--seed 0]
Last line: {"runs": n, "unhandled": u, "hangs": h, "max_requests_per_call": m, "statuses": {...}}"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout
from pathlib import Path
from typing import TypedDict

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pydantic import BaseModel  # noqa: E402

from agents.core import END, START, Prompt, Role, RolegraphError, Team  # noqa: E402
from agents.core.models import OpenAICompatible, RetryPolicy  # noqa: E402
from agents.testing import FakeOpenAIServer, Fault  # noqa: E402

FAULTS = [Fault("rate_limit", retry_after=0.02), Fault("server_error"), Fault("overloaded"),
          Fault("slow", delay=1.0, text='{"steps": ["s"]}'), Fault("truncated_json", text={"steps": ["a", "b"]}),
          Fault("prose_json", text={"steps": ["a"]}), Fault("refusal"), Fault("context_length_exceeded"),
          Fault("reset"), Fault("invalid_json_body")]
TEMPLATE = "{% block system %}You are the {{ role }}.{% endblock %}{% block user %}Task {{ n }}{% endblock %}"


class Plan(BaseModel):
    steps: list[str]


class State(TypedDict, total=False):
    n: int
    planner: dict
    writer: str


class CountingModel:
    """Wraps a model and records the HTTP requests each `complete` call cost (server-side count)."""

    def __init__(self, model: OpenAICompatible, server: FakeOpenAIServer, counts: list[int]):
        self.model, self.server, self.counts, self.name = model, server, counts, model.name

    def complete(self, messages, *, schema=None, tools=None):
        before = len(self.server.requests)
        try:
            return self.model.complete(messages, schema=schema, tools=tools)
        finally:
            self.counts.append(len(self.server.requests) - before)

    async def acomplete(self, messages, *, schema=None, tools=None):
        return self.complete(messages, schema=schema, tools=tools)


def _team(model, prompts: Path) -> Team:
    team = Team("faults", State)
    prompt = Prompt("role.j2", root=prompts)
    team.add_node("plan", Role("planner", prompt, model, output=Plan, inputs=lambda s: {"role": "planner", **s}))
    team.add_node("write", Role("writer", prompt, model, inputs=lambda s: {"role": "writer", **s}))
    return team.add_edge(START, "plan").add_edge("plan", "write").add_edge("write", END)


def run_trials(*, runs: int, fault_rate: float, seed: int = 0, hang_s: float = 30.0) -> dict:
    rng, lock = random.Random(seed), threading.Lock()

    def handler(body: dict):
        with lock:
            if rng.random() < fault_rate:
                return rng.choice(FAULTS)
        return {"steps": ["find", "make"]} if "response_format" in body else "a short text"

    statuses: Counter[str] = Counter()
    counts: list[int] = []
    unhandled = hangs = 0
    with tempfile.TemporaryDirectory() as tmp, FakeOpenAIServer(handler=handler) as srv, \
            ThreadPoolExecutor(max_workers=1) as pool:
        (Path(tmp) / "role.j2").write_text(TEMPLATE)
        model = OpenAICompatible("fake", base_url=srv.base_url, api_key="sk-bench", timeout_s=0.5,
                                 retry=RetryPolicy(base_delay_s=0.01, max_delay_s=0.1))
        team = _team(CountingModel(model, srv, counts), Path(tmp))
        for i in range(runs):
            future = pool.submit(team.run, {"n": i}, run_id=f"r{i}", runs_dir=Path(tmp) / "runs")
            try:
                statuses[future.result(timeout=hang_s).status] += 1
            except FutureTimeout:
                hangs += 1
                statuses["hang"] += 1
                pool = ThreadPoolExecutor(max_workers=1)
            except RolegraphError as exc:
                statuses[type(exc).__name__] += 1
            except Exception as exc:  # noqa: BLE001 - the point is to count these
                unhandled += 1
                statuses[f"unhandled {type(exc).__name__}"] += 1
    return {"runs": runs, "unhandled": unhandled, "hangs": hangs, "max_requests_per_call": max(counts, default=0),
            "statuses": dict(statuses.most_common())}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--fault-rate", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(json.dumps(run_trials(runs=args.runs, fault_rate=args.fault_rate, seed=args.seed)))
