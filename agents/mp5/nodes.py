"""The MP5 graph's nodes: closures over the live world and the five modules, each returning a partial update.

Every node first syncs the world to the checkpointed action log, so a node re-run after a kill never applies
its actions twice."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from agents.core.memory import MemoryStore
from agents.core.runs import current_recorder
from agents.mp5.parser import _rules, steps_to_subgoals
from agents.mp5.patroller import preconditions, satisfied
from agents.mp5.performer import Performer
from agents.mp5.state import Question, Subgoal, Workflow
from agents.mp5.world import World

MAX_QUESTION_ROUNDS = 1
MAX_PASSES = 3


@dataclass
class MP5Modules:
    world: World
    parser: Any
    percipient: Any
    planner: Any
    performer: Performer
    patroller: Any
    memory: MemoryStore


def _emit(kind: str, **data: Any) -> None:
    recorder = current_recorder()
    if recorder is not None:
        recorder.event(kind, **data)


def plan_tree(state: dict, subgoals: list[dict], status: str | None = None) -> list[dict]:
    done = all(s["status"] in ("done", "skipped") for s in subgoals)
    return [{"name": state["task"], "status": status or ("done" if done else "active"),
             "children": [{"name": s["name"], "status": s["status"]} for s in subgoals]}]


class MP5Nodes:
    def __init__(self, m: MP5Modules):
        self.m = m

    def _world(self, state: dict) -> World:
        self.m.world.sync(state.get("actions", ""))
        return self.m.world

    def _summary(self) -> dict:
        return self.m.world.obs.summary()

    def _frame(self, caption: str) -> None:
        recorder = current_recorder()
        image = self.m.world.obs.image
        if recorder is None or image is None:
            return
        folder = recorder.run.path / "frames"
        folder.mkdir(exist_ok=True)
        name = f"{len(list(folder.iterdir())):03d}.png"
        # Saved at render size: report.html enlarges frames itself (pixelated CSS, crisper than a bicubic copy).
        # An enlarged copy cost 2.7 ms a frame instead of 0.4 (compress_level=1: 2.5x faster than the default).
        image.save(folder / name, compress_level=1)
        recorder.event("frame", path=f"frames/{name}", caption=caption)

    def _summarise(self, outcome: str, summary: dict) -> None:
        self._frame(f"end: {outcome}")
        _emit("summary", outcome=outcome, world_steps=summary["step"], achievements=summary["achievements"],
              inventory=summary["inventory"])

    def parse(self, state: dict) -> dict:
        self._world(state)
        parsed = self.m.parser.parse(state["task"])
        subgoals = [s.model_dump() for s in parsed.subgoals]
        _emit("plan", plan=plan_tree(state, subgoals))
        self._frame("start")
        return {"parsed": parsed.model_dump(), "subgoals": subgoals, "cursor": -1, "round": 1,
                "actions": self.m.world.log, "world": self._summary(), "answers": [], "feedback": ""}

    def next_subgoal(self, state: dict) -> dict:
        world = self._world(state)
        summary, look = self._summary(), world.look()
        subgoals = [dict(s) for s in state["subgoals"]]
        rnd = state.get("round", 1)
        for s in subgoals:
            if s["status"] == "pending" and satisfied(Subgoal(**s), summary, look, world_name=world.name):
                s["status"] = "skipped"
        pending = [i for i, s in enumerate(subgoals) if s["status"] == "pending"]
        if not pending and state["parsed"]["mode"] == "all" and rnd < MAX_PASSES:
            for s in subgoals:
                if s["status"] == "failed":
                    s.update(status="pending", attempts=0)
            pending = [i for i, s in enumerate(subgoals) if s["status"] == "pending"]
            rnd += 1
        update: dict[str, Any] = {"subgoals": subgoals, "workflow": None, "feedback": "", "questions": [],
                                  "asked": False, "round": rnd, "world": summary}
        if world.obs.done:
            self._summarise("episode_over", summary)
            return {**update, "outcome": "episode_over"}
        single = state["parsed"]["mode"] != "all"
        final = Subgoal(**subgoals[-1])
        reached = final.status == "done" or satisfied(final, summary, look, world_name=world.name)
        if (single and reached) or not pending:
            ok = reached if single else all(s["status"] in ("done", "skipped") for s in subgoals)
            _emit("plan", plan=plan_tree(state, subgoals, "done" if ok else "failed"))
            self._summarise("success" if ok else "incomplete", summary)
            return {**update, "outcome": "success" if ok else "incomplete"}
        subgoals[pending[0]]["status"] = "active"
        _emit("subgoal", name=subgoals[pending[0]]["name"], index=pending[0])
        _emit("plan", plan=plan_tree(state, subgoals))
        return {**update, "cursor": pending[0]}

    def plan(self, state: dict) -> dict:
        self._world(state)
        goal = Subgoal(**state["subgoals"][state["cursor"]])
        memories = self.m.memory.search("workflow", goal.name, k=2)
        plan = self.m.planner.plan(goal, situation=self._summary(), feedback=state.get("feedback", ""),
                                   memories=memories, answers=state.get("answers", []),
                                   asked=state.get("asked", False))
        if plan.questions and not state.get("asked"):
            return {"questions": [q.model_dump() for q in plan.questions], "workflow": None}
        _emit("workflow", subgoal=goal.name, steps=[s.model_dump() for s in plan.steps], rationale=plan.rationale)
        return {"workflow": Workflow(steps=plan.steps, rationale=plan.rationale).model_dump(), "questions": []}

    def perceive(self, state: dict) -> dict:
        world = self._world(state)
        answers = []
        for q in state.get("questions", []):
            question = Question(**q)
            answer = self.m.percipient.answer(question, world)
            _emit("percept", question=question.model_dump(exclude_none=True), answer=answer.model_dump())
            answers.append({"question": question.model_dump(exclude_none=True), **answer.model_dump()})
        return {"answers": (state.get("answers", []) + answers)[-8:], "questions": [], "asked": True}

    def check(self, state: dict) -> dict:
        self._world(state)
        goal = Subgoal(**state["subgoals"][state["cursor"]])
        report = preconditions(goal, self._summary(), world_name=self.m.world.name)
        if report.ok or goal.attempts >= _rules()["max_attempts"]:
            return {"check": {"ok": True, "feedback": report.feedback}}
        missing = [s.model_dump() for s in steps_to_subgoals(f"{goal.kind}_{goal.target}")
                   if s.name != goal.name and not satisfied(s, self._summary(), world_name=self.m.world.name)]
        subgoals = [dict(s) for s in state["subgoals"]]
        subgoals[state["cursor"]].update(status="pending", attempts=goal.attempts + 1)
        subgoals[state["cursor"]:state["cursor"]] = [m for m in missing if m["name"] not in
                                                    {s["name"] for s in subgoals if s["status"] == "pending"}]
        _emit("patrol", subgoal=goal.name, phase="before", ok=False, feedback=report.feedback)
        return {"check": {"ok": False, "feedback": report.feedback}, "subgoals": subgoals}

    def perform(self, state: dict) -> dict:
        world = self._world(state)
        before = self._summary()
        workflow = Workflow(**state["workflow"])
        results, over = self.m.performer.perform(workflow, world, on_skill=lambda c: _emit(
            "skill", skill=c.skill, args=c.args))
        for r in results:
            _emit("skill_result", ok=r.ok, message=r.message, steps=r.steps)
        return {"actions": world.log, "world": self._summary(),
                "check": {"before": before, "results": [r.model_dump() for r in results], "over": over}}

    def patrol(self, state: dict) -> dict:
        world = self._world(state)
        subgoals = [dict(s) for s in state["subgoals"]]
        goal = Subgoal(**subgoals[state["cursor"]])
        check = state["check"]
        report = self.m.patroller.check(goal, before=check["before"], after=self._summary(),
                                        results=check["results"], look=world.look())
        _emit("patrol", subgoal=goal.name, phase="after", ok=report.ok, feedback=report.feedback)
        current = subgoals[state["cursor"]]
        if report.ok:
            current["status"] = "done"
            self._frame(goal.name)
        else:
            current["attempts"] = goal.attempts + 1
            if current["attempts"] >= _rules()["max_attempts"]:
                current["status"] = "failed"
        feedback = "" if report.ok else f"{report.feedback} {report.suggestion}".strip()
        return {"subgoals": subgoals, "feedback": feedback, "asked": False}

    def remember(self, state: dict) -> dict:
        goal = Subgoal(**state["subgoals"][state["cursor"]])
        workflow = state["workflow"]
        text = goal.name + " | " + " ".join(s["skill"] for s in workflow["steps"])
        self.m.memory.add("workflow", goal.name, text, {"steps": workflow["steps"]})
        return {}


def route_after_next(state: dict) -> str:
    return "end" if state.get("outcome") else "plan"


def route_after_plan(state: dict) -> str:
    return "perceive" if state.get("questions") else "check"


def route_after_check(state: dict) -> str:
    return "perform" if state["check"]["ok"] else "next_subgoal"


def route_after_patrol(state: dict) -> str:
    current = state["subgoals"][state["cursor"]]
    if state["check"].get("over"):
        return "next_subgoal"
    if current["status"] == "done":
        return "remember"
    return "next_subgoal" if current["status"] == "failed" else "plan"


def fingerprint(node: str, state: dict, update: dict) -> Any:
    """Stuck detection on perform: the world (step, inventory, vitals) left unchanged by several workflows in a row,
    whichever they were. Failing sub-goals can spawn new ones (missing materials), so a run that can no longer act
    (say, no tree left in reach) would otherwise cycle forever without a world step."""
    if node != "perform":
        return None
    return json.dumps(update.get("world"), sort_keys=True, default=str)
