"""The Minecraft tech tree comes from minecraft-data and expands targets into MP5-style sub-objectives."""
from __future__ import annotations

import pytest

from environments.knowledge import minecraft as mk


def index(steps, task, name):
    return next(i for i, s in enumerate(steps) if s.task == task and s.name == name)


def test_iron_pickaxe_smelts_iron_after_a_stone_pickaxe():
    steps = mk.expand("iron_pickaxe")
    iron_ore = index(steps, "mine", "iron_ore")
    assert steps[iron_ore].tool == "stone_pickaxe"
    assert index(steps, "craft", "stone_pickaxe") < iron_ore < index(steps, "smelt", "iron_ingot")
    assert index(steps, "place", "furnace") < index(steps, "smelt", "iron_ingot")
    smelt = steps[index(steps, "smelt", "iron_ingot")]
    assert smelt.platform == "furnace" and smelt.material["iron_ore"] == 3
    assert steps[-1].task == "craft" and steps[-1].name == "iron_pickaxe" and steps[-1].platform == "crafting_table"
    assert steps[0].task == "mine" and steps[0].name == "oak_log" and steps[0].tool is None


def test_diamond_needs_an_iron_pickaxe_deep_down():
    steps = mk.expand("diamond")
    last = steps[-1]
    assert (last.task, last.block, last.tool) == ("mine", "diamond_ore", "iron_pickaxe")
    assert last.y_range[1] <= 16
    assert index(steps, "craft", "iron_pickaxe") < len(steps) - 1


def test_furnace_needs_cobblestone_from_stone_with_a_wooden_pickaxe():
    steps = mk.expand("furnace")
    cobble = steps[index(steps, "mine", "cobblestone")]
    assert (cobble.block, cobble.tool, cobble.quantity) == ("stone", "wooden_pickaxe", 8)
    assert steps[-1].material == {"cobblestone": 8} and steps[-1].platform == "crafting_table"


def test_inventory_and_placed_stations_shorten_the_plan():
    full = mk.expand("iron_ingot")
    short = mk.expand("iron_ingot", inventory={"iron_ore": 1, "oak_planks": 2}, placed={"furnace"})
    assert [(s.task, s.name) for s in short] == [("smelt", "iron_ingot")]
    assert len(full) > 5


def test_recipes_are_read_not_retyped():
    table = mk.recipes_for("crafting_table")
    assert ({"oak_planks": 4}, 1, False) in table
    assert any(big for _, _, big in mk.recipes_for("iron_pickaxe"))
    assert mk.harvest_tools("diamond_ore") and "iron_pickaxe" in mk.harvest_tools("diamond_ore")
    assert "stone_pickaxe" not in mk.harvest_tools("diamond_ore")
    assert mk.blocks_dropping("cobblestone")[0] == "stone"


def test_npm_data_matches_pypi(node_ready, monkeypatch):
    pytest.importorskip("minecraft_data")
    pypi = mk.data()
    mk.data.cache_clear()
    import builtins
    real_import = builtins.__import__
    monkeypatch.setattr(builtins, "__import__", lambda name, *a, **k: (_ for _ in ()).throw(ImportError(name))
                        if name == "minecraft_data" else real_import(name, *a, **k))
    try:
        npm = mk.data()
    finally:
        mk.data.cache_clear()
    assert npm.recipes.keys() == pypi.recipes.keys() and npm.items == pypi.items


def test_unknown_items_are_refused():
    with pytest.raises(ValueError):
        mk.expand("bedrock")
