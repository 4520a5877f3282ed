"""The Performer's vocabulary on Crafter: skill name -> function(body, **args) -> (ok, message, details)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from agents.mp5.crafter.skills import build, combat, explore, gather, survive


@dataclass(frozen=True)
class Skill:
    fn: Callable
    description: str


SKILLS: dict[str, Skill] = {
    "collect": Skill(gather.collect, "collect(material, count=1): go to the nearest known/visible material (tree, "
                     "stone, coal, iron, diamond, water, grass) and mine it until `count` of its item is held"),
    "place": Skill(build.place, "place(item): place a table, furnace, stone or plant on a valid cell next to the player"),
    "make": Skill(build.make, "make(item): go to (or place) the stations the recipe needs, then make the item"),
    "attack": Skill(combat.attack, "attack(creature): find and defeat a zombie, skeleton or cow"),
    "eat": Skill(survive.eat, "eat(food): cow (hunt one) or plant (grow a protected sapling and eat it ripe)"),
    "drink": Skill(survive.drink, "drink(): walk to water and drink until not thirsty"),
    "sleep": Skill(survive.sleep, "sleep(): wall in with stone when possible and sleep until woken"),
    "explore": Skill(explore.explore, "explore(target=None, steps=300): frontier exploration until `target` is seen"),
    "find": Skill(explore.find, "find(target): explore until `target` is in view"),
    "reach": Skill(explore.reach, "reach(adjacent=None, near=None, time=None): stand next to `adjacent`, within 3 "
                   "cells of `near`, and wait for time 'day' or 'night'"),
}
