"""Survival: drink, eat (cow, or a protected plant eaten ripe), sleep (in a sealed pocket when possible), and the
reflexes that run these inside any long skill when a vital runs low (bounded, never recursive)."""
from __future__ import annotations

import contextlib

import numpy as np

from agents.mp5.crafter import nav
from agents.mp5.crafter.body import DIRS, Body, OutOfSteps, Retreat
from agents.mp5.crafter.nav import hints
from agents.mp5.crafter.skills import shelter
from agents.mp5.crafter.skills.combat import adjacent, attack, hit
from agents.mp5.crafter.skills.explore import explore
from agents.mp5.crafter.skills.gather import collect


def drink(body: Body):
    """Walk to water and drink until the drink meter is full."""
    return collect(body, "water", 9)


def eat(body: Body, food: str = "cow"):
    """Eat a cow (hunt it down) or a ripe plant (grow a protected sapling first)."""
    if food == "plant":
        return shelter.eat_plant(body)
    if food != "cow":
        raise ValueError(f"cannot eat {food!r}; choose cow or plant")
    before = body.vital("food")
    ok, why, details = attack(body, "cow")
    return ok and body.vital("food") >= before, why.replace("defeated", "ate"), details


def sleep(body: Body, *, max_steps: int = 600):
    """Sleep until woken (the wake_up achievement): first seal a pocket with stone when one is affordable nearby."""
    for _ in range(60):
        if body.vital("energy") < 9:
            break
        body.act("noop")
    sealed = shelter.seal(body)
    if not sealed and _threat(body):
        return False, "not safe to sleep here (creatures around, no pocket to seal)", {}
    was_asleep = False
    for _ in range(max_steps):
        if not body.percept.sleeping and (adjacent(body, "zombie") or adjacent(body, "skeleton")):
            hit(body, "zombie" if adjacent(body, "zombie") else "skeleton")
            continue
        body.act("sleep")
        if body.percept.sleeping:
            was_asleep = True
        elif was_asleep:
            if sealed:
                _wait_for_day(body)
            return True, "slept and woke up", {"sealed": sealed}
    return False, "did not wake up in time", {"sealed": sealed}


def reflexes(*, extra: int):
    """A per-skill reflex hook: keeps vitals up and fights adjacent zombies. Its first `extra` steps in total do
    not count against the skill's own cap; later ones do, so a long skill stays bounded without the reflexes ever
    switching off (a diamond search that had spent them starved and dried out while exploring on)."""
    cfg = hints()["reflex"]
    budget = {"left": extra}

    def react(body: Body) -> None:
        if not _needed(body, cfg):
            return
        left, start = budget["left"], len(body.log)
        if body.limit is not None:
            body.limit += left
        try:
            _react(body, cfg)
        except OutOfSteps:
            pass
        finally:
            used = min(len(body.log) - start, left)
            budget["left"] = left - used
            if body.limit is not None:
                body.limit -= left - used

    return react


def _provision(body: Body, cfg: dict) -> list[tuple[str, str]]:
    """Vitals to top up while night falls: (vital, source) pairs low enough and with a source close by. Not in the
    night itself: a hunt across the grass in the dark is where a failed shelter turned deadly."""
    if not cfg["night"] <= body.percept.daylight < cfg["dusk"] or shelter._sealed(body):
        return []
    return [(v, src) for v, src in (("drink", "water"), ("food", "cow"))
            if body.vital(v) <= cfg["provision"] and _known_within(body, src, cfg["provision_radius"])]


def _needed(body: Body, cfg: dict) -> bool:
    if _provision(body, cfg):
        return True
    if _dark(body, cfg) and _can_seal(body) and not body.percept.sleeping:
        return not shelter._sealed(body)
    if any(body.vital(v) <= cfg["top_up"] and _known_within(body, src, cfg["near"])
           for v, src in (("drink", "water"), ("food", "cow"))):
        return True
    return body.vital("drink") <= cfg["drink"] or \
        body.vital("food") <= cfg["food"] or body.vital("energy") <= cfg["energy"] or \
        body.vital("health") <= cfg["flee_health"] and _threat(body) or _crowd(body, cfg)


def _dark(body: Body, cfg: dict) -> bool:
    """Night near grass, or dusk with zombies already about: zombies spawn only on grass and chase only from a few
    cells away, so in the middle of stone the night is spent working rather than sealed in."""
    light = body.percept.daylight
    return light < cfg["dusk_zombies"] and bool(body.percept.find("zombie")) or \
        light < cfg["night"] and _known_within(body, "grass", cfg["night_grass"])


def _crowd(body: Body, cfg: dict) -> bool:
    return len(body.percept.find("zombie")) >= 2 and body.vital("health") <= cfg["crowd_health"]


def _threat(body: Body) -> bool:
    return any(body.percept.find(c) for c in ("zombie", "skeleton", "arrow"))


def guard(body: Body) -> None:
    """Hit adjacent zombies and skeletons until they die or leave (bounded). A zombie that has just struck waits
    out its cooldown (5 steps next to the player) before striking again, so one a step away is waited for and
    fought now rather than led along to strike again later."""
    _fight(body)
    _dodge(body)
    if body.hurt_at >= len(body.log) - 2 and _close(body, "zombie"):
        for _ in range(3):
            body.act("noop")
            if adjacent(body, "zombie"):
                _fight(body)
                return
            if not _close(body, "zombie"):
                return


def _dodge(body: Body, *, within: int = 2, backs: int = 4) -> None:
    """Step aside from an arrow flying at the player. Crafter moves the player before its arrows, so a step out
    of the line is in time even with the arrow adjacent. The percept does not keep an arrow's heading, so it is
    read from the last frame: an arrow one cell farther along the line was there before; an arrow with no arrow
    beside it before was just shot, and skeletons shoot at the player."""
    px, py = body.pos
    now = set(body.visible("arrow"))
    before, body.arrows = body.arrows, now
    for x, y in now:
        dx, dy = x - px, y - py
        if dx and dy or abs(dx) + abs(dy) > within:
            continue
        u = (int(np.sign(dx)), int(np.sign(dy)))
        back = (-u[0], -u[1])  # away from the arrow: the heading of one flying at the player
        came = [d for d in DIRS.values() if (x - d[0], y - d[1]) in before]
        if came and back not in came or any(
                body.view_label((px + u[0] * i, py + u[1] * i)) not in nav.WALKABLE for i in range(1, abs(dx) + abs(dy))):
            continue
        for side in ((u[1], u[0]), (-u[1], -u[0]), back):  # aside, else back off (in a tunnel)
            if body.view_label((px + side[0], py + side[1])) in nav.WALKABLE and (side != back or backs):
                body.act(nav.MOVE[side])
                if side == back:
                    return _dodge(body, within=within, backs=backs - 1)  # still in line: look again
                body.arrows = set(body.visible("arrow"))
                return


def _fight(body: Body) -> None:
    """Hit adjacent attackers until none is left next to the player: after a kill, the next one (a zombie that
    has struck waits out its cooldown beside the player, so it is hit now rather than left to strike again)."""
    for foe in ("zombie", "skeleton"):
        for _ in range(8):
            if not adjacent(body, foe):
                break
            hit(body, foe)


def _close(body: Body, creature: str) -> bool:
    return any(abs(dx) + abs(dy) == 2 for dx, dy in body.percept.find(creature))


def _danger(body: Body, cfg: dict) -> bool:
    return body.vital("health") <= cfg["flee_health"] and _threat(body) or _crowd(body, cfg)


def _retreat(body: Body, cfg: dict) -> bool:
    """Drop an errand for `rest`, unless starving or parched (rest gives up then, so the errand must go on)."""
    return _danger(body, cfg) and body.vital("food") > 1 and body.vital("drink") > 1


@contextlib.contextmanager
def _retreating(body: Body, cfg: dict, also=None):
    """Errands (fetching water, hunting cows) inside this block raise Retreat when health runs low with attackers
    in view, or when `also(body)` holds: no other reflex watches over a reflex, and a long hunt across grassland at
    dusk is where health runs out. An enclosing block's conditions hold inside too (a hunt inside a provisioning
    block still stops at nightfall). The retreat condition before the block is restored after it."""
    outer = body.retreat
    inherited = outer if outer is not None else lambda b: _retreat(b, cfg)  # an outer block's already holds _retreat
    body.retreat = lambda b: inherited(b) or also is not None and also(b)
    try:
        yield
    finally:
        body.retreat = outer


def _nightfall(body: Body, cfg: dict):
    """A retreat condition: night fell outside a pocket with no vital about to run out, now or as the errand began.
    An errand begun by day or at dusk stops (a cow hunt for provisions at dusk went on into the night among the
    zombies: seed 7084); one begun for a vital about to run out goes on (to a full drink meter, not one sip)."""
    def calm(b: Body) -> bool:
        return b.vital("food") > cfg["night_need"] and b.vital("drink") > cfg["night_need"]

    begun_calm = calm(body)
    return lambda b: begun_calm and calm(b) and b.percept.daylight < cfg["night"] and not shelter._sealed(b)


def _react(body: Body, cfg: dict) -> None:
    if _danger(body, cfg):
        rest(body)
    try:
        with _retreating(body, cfg, also=_nightfall(body, cfg)):
            for vital, _ in _provision(body, cfg):
                collect(body, "water", 9) if vital == "drink" else _hunt(body, cfg)
        if _dark(body, cfg) and _can_seal(body) and not shelter._sealed(body):
            night(body)
        with _retreating(body, cfg, also=_nightfall(body, cfg)):
            _errands(body, cfg)
    except Retreat:
        if _danger(body, cfg):
            rest(body)
    if body.vital("energy") <= cfg["energy"]:
        sleep(body)


def _errands(body: Body, cfg: dict) -> None:
    """Top up water and food when a source is near, fetch them when low. At night outside a pocket, and while
    zombies in view have not yet gone with the day, only a vital about to run out is fetched: a cow hunt from a stone
    or water corridor out across the grass at night was a common death in the diamond search, with food to spare for
    the night, and errands and hunts on leaving the pocket at dawn lost the most health of all (crafter removes
    zombies only once daylight passes 0.83)."""
    light = body.percept.daylight
    out = (light < cfg["night"] or light < cfg["zombies_gone"] and bool(body.percept.find("zombie"))) and \
        not shelter._sealed(body)
    if not out and body.vital("drink") <= cfg["top_up"] and _known_within(body, "water", cfg["near"]):
        collect(body, "water", 9)
    elif not out and body.vital("food") <= cfg["top_up"] and _known_within(body, "cow", cfg["near"]):
        _hunt(body, cfg)
    if body.vital("drink") <= (cfg["night_need"] if out else cfg["drink"]):
        if _known_within(body, "water", cfg["radius"]) or explore(body, target="water", steps=150)[0]:
            collect(body, "water", 9)
    if body.vital("food") <= (cfg["night_need"] if out else cfg["food"]):
        if _known_within(body, "cow", cfg["radius"]) or (body.vital("food") <= 2 and
                                                          explore(body, target="cow", steps=150)[0]):
            _hunt(body, cfg)


def _hunt(body: Body, cfg: dict) -> None:
    """Eat a cow, dropping the hunt (Retreat) when thirst runs low during it with water known: a hunt for cows seen
    across water went on while the drink meter ran out beside water; the next reflex fetches water first. (Thirsty
    from the start, water was out of reach: the hunt goes on. Hungrier than thirsty with a cow close, it goes on too:
    a starving player turned from a cow a few cells away to walk to water and starved on the way back.)"""
    thirsty = body.vital("drink") <= cfg["drink"]

    def water_first(b: Body) -> bool:
        if thirsty or b.vital("drink") > cfg["drink"] or not _known_within(b, "water", cfg["radius"]):
            return False
        return not (b.vital("food") < b.vital("drink") and _known_within(b, "cow", cfg["cow_close"]))

    with _retreating(body, cfg, also=water_first):
        eat(body, "cow")


def _can_seal(body: Body) -> bool:
    return body.has("stone") or body.has("wood_pickaxe")


def night(body: Body) -> None:
    """Spend the night sealed in: sleep while tired, then wait for daylight."""
    if shelter.seal(body, reach=60):
        _wait_for_day(body)


def _wait_for_day(body: Body, *, max_steps: int = 200) -> None:
    cfg = hints()["reflex"]
    for _ in range(max_steps):
        light = body.percept.daylight
        if light > cfg["day"] and not body.percept.sleeping and (
                light > cfg["zombies_gone"] or not body.percept.find("zombie")):
            return
        if body.vital("food") <= 1 or body.vital("drink") <= 1:
            return
        body.act("sleep" if body.vital("energy") < 9 or body.percept.sleeping else "noop")


def rest(body: Body, *, max_steps: int = 250) -> None:
    """Recover health: hide in a sealed pocket (sleeping there when tired), or keep away from attackers."""
    sealed = shelter.seal(body)
    for _ in range(max_steps):
        if body.vital("health") >= 7 or body.vital("food") <= 1 or body.vital("drink") <= 1:
            return
        if not sealed and _threat(body):
            flee(body)
            sealed = shelter.seal(body)
        else:
            body.act("sleep" if sealed and body.vital("energy") < 9 else "noop")


def flee(body: Body, *, reach: int = 8) -> None:
    """Walk a few steps to the reachable cell farthest from the zombies, skeletons and arrows in view."""
    threats = [t for c in ("zombie", "skeleton", "arrow") for t in body.visible(c)]
    if not threats:
        return
    dist, prev, _ = nav.search(body, nav.cost_map(body, wary=False), max_cost=reach)
    o, w = body.map.origin, body.map.size
    best, score = None, None
    for i, d in dist.items():
        x, y = i % w - o, i // w - o
        s = min(abs(x - tx) + abs(y - ty) for tx, ty in threats) - 0.3 * d
        if score is None or s > score:
            best, score = i, s
    for cell in nav.path_to(body, prev, best)[:4]:
        if not nav.step_into(body, cell, fight=False):
            break


def _known_within(body: Body, name: str, radius: int) -> bool:
    ys, xs = np.nonzero(body.cells(name))
    o = body.map.origin
    return bool(len(xs)) and int((abs(xs - o - body.pos[0]) + abs(ys - o - body.pos[1])).min()) <= radius
