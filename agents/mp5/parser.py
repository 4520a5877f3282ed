"""Parser: task text -> target -> ordered sub-objectives from the tech tree (knowledge) or a model (llm)."""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

from agents.core.models.base import ChatModel
from agents.core.models.errors import InvalidOutputError
from agents.core.role import Role
from agents.mp5.state import ParsedTask, Subgoal
from agents.mp5.tasks import TaskSpec, resolve
from environments.knowledge import crafter as tech


@functools.cache
def _rules() -> dict:
    return yaml.safe_load((Path(__file__).parent / "rules.yaml").read_text())


def achievement_subgoal(achievement: str) -> Subgoal:
    """A sub-objective for one achievement: collect/place/make from the tech tree, others as `achieve`."""
    kind, _, name = achievement.partition("_")
    if kind in ("collect", "place", "make"):
        recipe = tech.how_to(achievement)
        return Subgoal(name=achievement.replace("_", " "), kind=kind, target=recipe.name,
                       requires=recipe.requires, nearby=recipe.nearby)
    return Subgoal(name=achievement.replace("_", " "), kind="achieve", target=achievement)


def steps_to_subgoals(target: str, count: int = 1) -> list[Subgoal]:
    """The tech-tree expansion of `target` as sub-objectives, e.g. diamond -> wood, table, ..., diamond."""
    return [Subgoal(name=f"{s.kind} {s.name}" + (f" x{s.count}" if s.count > 1 else ""), kind=s.kind,
                    target=s.name, count=s.count, requires=s.requires, nearby=s.nearby)
            for s in tech.expand(target, count=count)]


class KnowledgeParser:
    """Deterministic decomposition: achievements through the tech tree, context tasks through their conditions."""

    def parse(self, task: str) -> ParsedTask:
        spec = resolve(task)
        if spec.mode == "all":
            subgoals = [achievement_subgoal(a) for a in _rules()["curriculum"]]
            return ParsedTask(task=task, targets=spec.achievements, subgoals=subgoals, mode="all")
        if spec.mode == "context":
            return ParsedTask(task=task, targets=[f"{k}={v}" for k, v in spec.conditions.items()],
                              subgoals=context_subgoals(spec), mode="context")
        return ParsedTask(task=task, targets=spec.achievements, subgoals=single_subgoals(spec.achievements[0]))


def single_subgoals(achievement: str) -> list[Subgoal]:
    """Sub-objectives for one achievement: its advisory prerequisites (rules.yaml), then its own expansion."""
    kind = achievement.partition("_")[0]
    own = steps_to_subgoals(achievement) if kind in ("collect", "place", "make") else [achievement_subgoal(achievement)]
    before = [s for a in _rules()["prerequisites"].get(achievement, []) for s in single_subgoals(a)]
    seen: set[str] = set()
    return [s for s in before + own if not (s.name in seen or seen.add(s.name))]


def context_subgoals(spec: TaskSpec) -> list[Subgoal]:
    """Held items first (through the tech tree), then one `context` sub-objective carrying every condition."""
    out: list[Subgoal] = []
    if "holding" in spec.conditions:
        out += steps_to_subgoals(spec.conditions["holding"])
    out.append(Subgoal(name=spec.text, kind="context", target=spec.conditions.get("adjacent", "any"),
                       conditions=spec.conditions))
    return out


class LlmParser:
    """MP5's parser: the model decomposes the task; its output is checked against the world's tech tree and sent
    back (at most `max_fixes` times) when it names things the world does not have."""

    def __init__(self, model: ChatModel, *, max_fixes: int = 2, world: str = "crafter"):
        self.role = Role("parser", "mp5/parser.j2", model, output=ParsedTask)
        self.max_fixes = max_fixes
        self.world = world

    def _frame(self, task: str) -> tuple[str, object, set[str], list[str], str]:
        """(mode, what success means, valid targets, targets to show, a worked example) for this world."""
        if self.world == "minecraft":
            from agents.mp5.minecraft_tasks import MinecraftParser, known_items, resolve as resolve_mc

            item, count = resolve_mc(task)
            shown = sorted({s.target for s in MinecraftParser().parse(task).subgoals} | {item})
            example = MinecraftParser().parse("craft a crafting table")
            return "single", f"{count} {item}", set(known_items()), shown, example.model_dump_json(include={"subgoals"})
        spec = resolve(task)
        example = KnowledgeParser().parse("make a wood pickaxe").model_dump_json(include={"subgoals"})
        return spec.mode, spec.achievements or spec.conditions, set(known_targets()), list(known_targets()), example

    def parse(self, task: str) -> ParsedTask:
        mode, targets, valid, shown, example = self._frame(task)
        messages = self.role.messages(task=task, mode=mode, targets=targets, items=shown, example=example,
                                      world=self.world.capitalize())
        for _ in range(self.max_fixes + 1):
            reply = self.role.ask(messages)
            parsed: ParsedTask = reply.parsed
            unknown = sorted({s.target for s in parsed.subgoals if s.target not in valid and s.kind != "context"})
            if parsed.subgoals and not unknown:
                return parsed.model_copy(update={"task": task, "mode": mode})
            problem = (f"these targets are not in {self.world.capitalize()}'s tech tree: {', '.join(unknown)}"
                       if unknown else "the list of subgoals was empty")
            messages = messages + [reply.assistant_message(),
                                   {"role": "user", "content": f"{problem}. Use only: {', '.join(shown)}. "
                                                               "Answer again with the corrected JSON."}]
        raise InvalidOutputError(f"the parser model kept naming unknown targets for {task!r}: {problem}",
                                 endpoint=getattr(self.role.model, "name", "?"))


@functools.cache
def known_targets() -> tuple[str, ...]:
    names = {r.name for r in tech.recipes()} | set(tech.achievements())
    return tuple(sorted(names))
