"""Templates for Crafter's local view and inventory, rendered with crafter's own engine code.

Rendering goes through `crafter.engine.Textures` and `crafter.engine._draw_alpha` exactly as the game
does (nearest resize, objects alpha-composited over the ground material), so day frames match the
templates up to lighting. Which grounds each object may stand on is data (from the walkable rules).
"""
from __future__ import annotations

import functools

import numpy as np
from crafter import constants, engine

MATERIALS: list[str] = list(constants.materials)
OBJECTS: list[str] = ["player", "cow", "zombie", "skeleton", "arrow", "plant"]
CLASSES: list[str] = ["none", *MATERIALS, *OBJECTS]
"""Class ids match crafter's semantic view: 0 = outside the world, materials, then objects."""
ITEMS: list[str] = list(constants.items)
FACINGS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}

_WALK = list(constants.walkable)
OBJECT_TEXTURES: dict[str, tuple[list[str], list[str]]] = {
    "player": ([f"player-{f}" for f in FACINGS] + ["player-sleep"], _WALK + ["lava"]),
    "cow": (["cow"], _WALK),
    "zombie": (["zombie"], _WALK),
    "skeleton": (["skeleton"], _WALK),
    "arrow": ([f"arrow-{f}" for f in FACINGS], _WALK + ["water", "lava"]),
    "plant": (["plant", "plant-ripe"], ["grass"]),
}
"""Object class -> (texture names, ground materials it can be drawn over)."""


@functools.cache
def _textures() -> engine.Textures:
    return engine.Textures(constants.root / "assets")


def _ground(name: str | None, unit: tuple[int, int]) -> np.ndarray:
    if name is None:
        return np.full(unit + (3,), 127, np.uint8)
    return _textures().get(name, unit)[..., :3].copy()


@functools.cache
def tile_templates(unit: tuple[int, int]) -> tuple[np.ndarray, list[dict]]:
    """All tile appearances at `unit` = (width, height) px: array (K, uh, uw, 3) and per-template meta
    (class id, ground id, texture name)."""
    tiles, meta = [], []
    for cid, name in enumerate(CLASSES[: 1 + len(MATERIALS)]):
        tiles.append(_ground(name if cid else None, unit))
        meta.append({"cls": cid, "ground": cid, "texture": name})
    for obj, (textures, grounds) in OBJECT_TEXTURES.items():
        for texture in textures:
            for ground in grounds:
                canvas = _ground(ground, unit)
                engine._draw_alpha(canvas, (0, 0), _textures().get(texture, unit))
                tiles.append(canvas)
                meta.append({"cls": CLASSES.index(obj), "ground": CLASSES.index(ground), "texture": texture})
    return np.stack([t.transpose(1, 0, 2) for t in tiles]), meta


@functools.cache
def slot_templates(unit: tuple[int, int]) -> np.ndarray:
    """Inventory slot appearances: array (items, 10, uh, uw, 3) for counts 0..9, via crafter's ItemView."""
    view = engine.ItemView(_textures(), [9, 2])
    out = np.zeros((len(ITEMS), 10, unit[1], unit[0], 3), np.uint8)
    for index, item in enumerate(ITEMS):
        col, row = index % 9, index // 9
        for amount in range(1, 10):
            inventory = {name: (amount if name == item else 0) for name in ITEMS}
            canvas = view(inventory, np.array(unit)).transpose(1, 0, 2)
            out[index, amount] = canvas[row * unit[1]:(row + 1) * unit[1], col * unit[0]:(col + 1) * unit[0]]
    return out


def layout(size: tuple[int, int]) -> dict:
    """Crafter's frame layout for a render size (w, h): unit = size // 9, centred with a border."""
    unit = (size[0] // 9, size[1] // 9)
    border = ((size[0] - unit[0] * 9) // 2, (size[1] - unit[1] * 9) // 2)
    return {"unit": unit, "border": border, "view": (9, 7), "items": (9, 2)}
