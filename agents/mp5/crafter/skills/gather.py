"""collect(material, count): walk (tunnelling if needed) to the nearest known material, face it and `do` until
`count` of its item is held; explore toward where the material tends to be when none is known or reachable."""
from __future__ import annotations

from agents.mp5.crafter import nav
from agents.mp5.crafter.body import Body
from agents.mp5.crafter.nav import hints
from agents.mp5.crafter.skills.explore import explore
from environments.knowledge import crafter as tech

EXPLORE_CHUNK = 120
MAX_ROUNDS = 60


def source(name: str) -> tuple[str, str, dict]:
    """(material, item, tool requirements) from a material (tree) or an item (wood) name, per the collect rules."""
    rules = tech.rules()["collect"]
    if name in rules:
        return name, next(iter(rules[name]["receive"])), rules[name]["require"]
    for material, rule in rules.items():
        if name in rule["receive"]:
            return material, name, rule["require"]
    raise ValueError(f"nothing in Crafter gives {name!r}; collectable: {', '.join(rules)}")


def amount(body: Body, item: str) -> int:
    return body.vital(item) if item in ("drink", "food", "energy", "health") else body.obs.inventory.get(item, 0)


def collect(body: Body, material: str, count: int = 1):
    """Mine/harvest `material` until `count` of its item is held (drink: until drink is full)."""
    material, item, require = source(material)
    missing = [k for k, v in require.items() if not body.has(k, v)]
    if missing:
        return False, f"collecting {material} needs {', '.join(missing)}", {"missing": missing}
    count = int(count)
    goal = 9 if item == "drink" else min(max(count, hints()["stock"].get(item, 0)), 9)
    start, hits = amount(body, item), 0
    if item == "sapling":
        return _sapling(body, goal)
    for _ in range(MAX_ROUNDS * 4):
        if amount(body, item) >= goal and (item != "drink" or hits):
            return True, f"holding {amount(body, item)} {item}", {"gained": amount(body, item) - start}
        if body.percept.facing_tile() == material:
            body.act("do")
            hits += 1
            continue
        if not _approach(body, material):
            known = body.cells(material).any()
            ok, why, _ = explore(body, target=None if known else material, steps=30 if known else EXPLORE_CHUNK)
            if "nothing left" in why:
                return False, f"{material} not found: the reachable map is explored", {}
    done = amount(body, item) >= goal and (item != "drink" or hits > 0)
    return done, f"holding {amount(body, item)} {item} of {goal}", {}


def _approach(body: Body, material: str) -> bool:
    """Stand next to the nearest reachable known `material` and face it."""
    if not body.cells(material).any():
        return False
    if not nav.go(body, lambda: nav.adjacent_mask(body.cells(material)), max_plans=20):
        return False
    dirs = nav.neighbour_dirs(body, lambda label: label == material)
    return bool(dirs) and nav.turn(body, dirs[0])


def _sapling(body: Body, goal: int):
    """Saplings come from grass with some probability: face grass (never walking into it blindly) and `do`."""
    for _ in range(400):
        if body.obs.inventory.get("sapling", 0) >= goal:
            return True, f"holding {body.obs.inventory['sapling']} sapling", {}
        if body.percept.facing_tile() == "grass":
            body.act("do")
            continue
        dirs = nav.neighbour_dirs(body, lambda label: label == "grass")
        if dirs:
            if not nav.face_free(body, dirs[0]):
                body.act(nav.MOVE[dirs[0]])
            continue
        if not nav.go(body, lambda: nav.adjacent_mask(body.cells("grass")) & nav._grow(nav.adjacent_mask(
                body.cells("grass"))), max_plans=5):
            explore(body, target="grass", steps=40)
    return False, "no sapling found in the grass", {}
