"""The MP5 team as a LangGraph state machine:

parse -> next_subgoal -> plan <-> perceive -> check -> perform -> patrol -> remember -> next_subgoal ... -> END
(check failing inserts the missing prerequisites; patrol failing re-plans with feedback, bounded.)"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from agents.core import END, START, ModelRegistry, Team, load_settings
from agents.core.memory import MemoryStore
from agents.mp5.brains import build_brain, parse_brains
from agents.mp5.nodes import (MP5Modules, MP5Nodes, fingerprint, route_after_check, route_after_next,
                              route_after_patrol, route_after_plan)
from agents.mp5.parser import KnowledgeParser, LlmParser
from agents.mp5.patroller import KnowledgePatroller, LlmPatroller
from agents.mp5.percipient import KnowledgePercipient, LlmPercipient
from agents.mp5.performer import Performer
from agents.mp5.planner import KnowledgePlanner, LlmPlanner
from agents.mp5.state import MP5State
from agents.mp5.tasks import resolve
from agents.mp5.world import World

FACTORY = "agents.mp5.graph:build_mp5_team"


def make_world(env: str, *, seed: int, size: int, length: int, record: bool, server: str | None = None) -> World:
    """The live world for `env`; optional worlds import lazily so their dependencies stay optional."""
    if env == "crafter":
        from agents.mp5.crafter.world import CrafterWorld

        return CrafterWorld(seed=seed, size=size, length=length, record=record)
    if env == "minecraft":
        from agents.mp5.minecraft_world import MinecraftWorld

        return MinecraftWorld(seed=seed, server=server)
    from agents.core.errors import UserInputError

    raise UserInputError(f"unknown --env {env!r}: choose crafter or minecraft (minedojo needs the minedojo extra)")


def _save_gif(world: World):
    def save(run, result) -> None:
        if hasattr(world, "save_gif"):
            world.save_gif(run.path / "episode.gif")

    return save


def build_mp5_team(task: str, *, seed: int = 0, env: str = "crafter", brains: str | None = None,
                   model: str | None = None, base_url: str | None = None, size: int = 64, length: int = 10000,
                   record: bool = True, config: str | None = None, world: World | None = None,
                   models: dict[str, Any] | None = None, server: str | None = None) -> Team:
    """Compose the five modules over a world. Models come from flags > env > rolegraph.toml, per role;
    `models` (role -> ChatModel, e.g. ScriptedModel in tests) overrides them and makes those roles' brains llm."""
    if env == "minecraft":
        from agents.mp5.minecraft_tasks import MinecraftParser, resolve as resolve_minecraft

        resolve_minecraft(task)  # an unknown task fails before a server is started
        knowledge_parser = MinecraftParser
    else:
        resolve(task)  # an unknown task fails before a world is generated
        knowledge_parser = KnowledgeParser
    settings = load_settings(config_path=config, flags={"model.name": model, "model.base_url": base_url})
    registry = ModelRegistry(settings)
    given = models or {}
    choice = parse_brains(brains, model_configured=registry.configured or bool(given))
    if given and not brains:
        choice = {m: ("llm" if m in given or m == "performer" and "percipient" in given else "knowledge")
                  for m in choice}
    registry.preflight([m for m, b in choice.items() if b == "llm" and m not in given])

    def model_for(role: str):
        return given.get(role) or registry.for_role(role)
    world = world or make_world(env, seed=seed, size=size, length=length, record=record, server=server)
    def brain(module: str, llm, knowledge):
        return build_brain(module, choice[module], model_for(module), llm=llm, knowledge=knowledge)

    percipient = brain("percipient", LlmPercipient, KnowledgePercipient)
    ask = (lambda q: percipient.answer(q, world)) if choice["performer"] == "llm" else None
    modules = MP5Modules(
        world=world, parser=brain("parser", lambda m: LlmParser(m, world=env), knowledge_parser),
        percipient=percipient,
        planner=brain("planner", lambda m: LlmPlanner(m, world.skills(), world=env), lambda: KnowledgePlanner(world=env)),
        performer=Performer(ask=ask),
        patroller=brain("patroller", lambda m: LlmPatroller(m, world=env), lambda: KnowledgePatroller(world=env)),
        memory=MemoryStore(Path(settings.runs_dir) / "memory.sqlite"))
    args: dict[str, Any] = {"task": task, "seed": seed, "env": env, "brains": brains, "model": model,
                            "base_url": base_url, "size": size, "length": length, "record": record, "config": config,
                            "server": server}
    team = Team("mp5", MP5State, budget=settings.budget, fingerprint=fingerprint, stuck_patience=6,
                factory=FACTORY, factory_args=args, after_run=_save_gif(world))
    team.world, team.brains = world, choice
    nodes = MP5Nodes(modules)
    for name in ("parse", "next_subgoal", "plan", "perceive", "check", "perform", "patrol", "remember"):
        team.add_node(name, getattr(nodes, name))
    team.add_edge(START, "parse").add_edge("parse", "next_subgoal")
    team.add_conditional_edges("next_subgoal", route_after_next, {"plan": "plan", "end": END})
    team.add_conditional_edges("plan", route_after_plan, ["perceive", "check"])
    team.add_edge("perceive", "plan")
    team.add_conditional_edges("check", route_after_check, ["perform", "next_subgoal"])
    team.add_edge("perform", "patrol")
    team.add_conditional_edges("patrol", route_after_patrol, ["remember", "plan", "next_subgoal"])
    team.add_edge("remember", "next_subgoal")
    return team
