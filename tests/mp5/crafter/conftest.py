"""A staged Crafter world: crafter's own world API sets the cells around the player, the clock and the inventory."""
import pytest

from agents.mp5.crafter import CrafterWorld


def stage(step: int, fill: str = "sand", cells: dict | None = None, radius: int = 6, inventory: dict | None = None):
    """A fresh world (seed 1) at crafter step `step` with no creatures, the cells within `radius` of the player set to
    `fill`, then `cells` ({(dx, dy): material}), and `inventory` added, all seen after one noop; (world, env)."""
    w = CrafterWorld(seed=1, record=False)
    w.obs  # noqa: B018  (the world resets on first use)
    env = w.body.raw._env
    for obj in list(env._world.objects):
        if obj is not env._player:
            env._world.remove(obj)
    x, y = (int(v) for v in env._player.pos)
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            env._world[(x + dx, y + dy)] = (cells or {}).get((dx, dy), fill)
    env._step = step
    env._player.inventory.update(inventory or {})
    w.body.act("noop")
    return w, env


@pytest.fixture
def staged():
    return stage
