"""Sealing a sleeping pocket in the real game (cells put in place through crafter's own world API)."""
from agents.mp5.crafter.skills import shelter


def test_the_ways_that_build_a_pocket_never_tunnel_through_its_walls(staged):
    """A band of stone two rows deep, the player in a gap of its top row, a pickaxe and two stones: the pocket is the
    gap and the stone below it, its one open wall the sand under that. The way down to place that wall once dug
    through the pocket's own side wall, and the pocket, closed, was open at the side (26 of 65 failed night seals
    on seeds 7000-7039 were this)."""
    band = {(dx, 0): "stone" for dx in range(-4, 6)} | {(dx, 1): "stone" for dx in range(-4, 5)}
    band[(0, 0)] = "sand"
    w, env = staged(60, "sand", band, inventory={"wood_pickaxe": 1, "stone": 2})
    assert shelter.seal(w.body)
    assert _open_cells(env) == 2  # the player's cell and the one behind it, closed all round


def _open_cells(env, limit: int = 10) -> int:
    """Walkable cells reachable from the player in the true world (stopping past `limit`)."""
    walkable = {"grass", "sand", "path"}
    start = tuple(int(v) for v in env._player.pos)
    seen, todo = {start}, [start]
    while todo and len(seen) <= limit:
        x, y = todo.pop()
        for n in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            if n not in seen and env._world[n][0] in walkable:
                seen.add(n)
                todo.append(n)
    return len(seen)
