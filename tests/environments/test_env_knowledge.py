import crafter
import yaml

from environments.knowledge import crafter as tree


def raw():
    import pathlib
    return yaml.safe_load((pathlib.Path(crafter.__file__).parent / "data.yaml").read_text())


def test_rules_come_from_crafters_data_yaml():
    data = raw()
    recipe = tree.how_to("make_stone_pickaxe")
    assert recipe.uses == data["make"]["stone_pickaxe"]["uses"]
    assert recipe.nearby == data["make"]["stone_pickaxe"]["nearby"]
    assert tree.how_to("iron").requires == data["collect"]["iron"]["require"]
    assert tree.how_to("table").uses == data["place"]["table"]["uses"]
    assert tree.actions() == data["actions"] and tree.achievements() == data["achievements"]


def test_target_spellings():
    assert tree.how_to("wood").material == "tree"
    assert tree.how_to("collect_drink").material == "water"
    assert tree.how_to("place_stone").kind == "place" and tree.how_to("stone").kind == "collect"


def test_expand_diamond_orders_prerequisites():
    steps = tree.expand("diamond")
    names = [s.name for s in steps]
    order = ["wood", "table", "wood_pickaxe", "stone", "stone_pickaxe", "iron", "iron_pickaxe", "diamond"]
    assert [n for n in names if n in order] == order
    assert names.index("furnace") < names.index("iron_pickaxe") and names.index("coal") < names.index("iron_pickaxe")
    data = raw()
    wood = dict((s.name, s.count) for s in steps if s.kind == "collect")["wood"]
    expected = (data["place"]["table"]["uses"]["wood"] + sum(
        data["make"][t]["uses"].get("wood", 0) for t in ("wood_pickaxe", "stone_pickaxe", "iron_pickaxe")))
    assert wood == expected


def test_expand_uses_inventory():
    steps = tree.expand("wood_pickaxe", inventory={"wood": 9})
    assert [s.name for s in steps] == ["table", "wood_pickaxe"]
