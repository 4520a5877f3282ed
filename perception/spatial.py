"""SpatialMap: a world map assembled from perceived local views as the player moves.

Position is never given. It is dead-reckoned: a `move_*` action moves the player exactly when the
target tile in the previous view was walkable (grass, sand, path, lava) and free of creatures and the
player was awake (crafter moves the player before any creature). Perception errors are caught by
registering the new view against the map under both hypotheses (moved / stayed); the reckoned one
wins unless it contradicts clearly more known ground tiles. Coordinates are relative to the first position,
x to the right and y down, as in crafter.
"""
from __future__ import annotations

import numpy as np

from perception.crafter_textures import CLASSES, MATERIALS
from perception.vision import Percept

WALKABLE = {"grass", "sand", "path", "lava"}
DIRECTIONS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}
_ID = {name: i for i, name in enumerate(CLASSES)}
_MARGIN = 3
_MOVES = {f"move_{d}": delta for d, delta in DIRECTIONS.items()}


class SpatialMap:
    """What was seen where and when. Arrays are indexed [y, x]; -1 = never seen."""

    def __init__(self, *, radius: int = 72, view: tuple[int, int] = (9, 7)) -> None:
        self.size = 2 * radius + 1
        self.origin = radius
        self.view = view
        self.top = np.full((self.size, self.size), -1, np.int16)
        self.ground = np.full((self.size, self.size), -1, np.int16)
        self.seen = np.full((self.size, self.size), -1, np.int32)
        self.position = (0, 0)
        self.step = 0
        self._last: Percept | None = None

    def update(self, percept: Percept, action: str | None = None) -> tuple[int, int]:
        """Register the view seen after `action` (None for the first view); returns the position."""
        top, ground = percept._ids
        if self._last is not None and action in _MOVES:
            delta = _MOVES[action]
            moved = self._reckon(self._last, delta)
            # The other hypothesis can only win if the reckoned one contradicts more than _MARGIN tiles (it rarely
            # contradicts any), so it is only checked then.
            reckoned = delta if moved else (0, 0)
            clash = self._conflicts(ground, reckoned)
            if clash > _MARGIN and clash > self._conflicts(ground, (0, 0) if moved else delta) + _MARGIN:
                moved = not moved
            if moved:
                self.position = (self.position[0] + delta[0], self.position[1] + delta[1])
        self.step += 1
        self._write(top, ground)
        self._last = percept
        return self.position

    def _reckon(self, last: Percept, delta: tuple[int, int]) -> bool:
        if last.sleeping and last.vitals.get("energy", 0) < 9:
            return False
        cols, rows = self.view
        target = last.grid[rows // 2 + delta[1]][cols // 2 + delta[0]]
        return target in WALKABLE

    def _conflicts(self, view: np.ndarray, delta: tuple[int, int]) -> int:
        """How many known ground tiles the view (ground ids) contradicts if the player is at position + delta."""
        known = self.ground[self._window((self.position[0] + delta[0], self.position[1] + delta[1]))]
        return int(np.count_nonzero((known != view) & (known >= 0)))

    def _window(self, pos: tuple[int, int]):
        """Index of the view's cells in the map arrays: plain slices inside the map, clipped indices at its edge."""
        cols, rows = self.view
        x0, y0 = self.origin + pos[0] - cols // 2, self.origin + pos[1] - rows // 2
        if 0 <= x0 and x0 + cols <= self.size and 0 <= y0 and y0 + rows <= self.size:
            return slice(y0, y0 + rows), slice(x0, x0 + cols)
        ys, xs = np.mgrid[y0:y0 + rows, x0:x0 + cols]
        return np.clip(ys, 0, self.size - 1), np.clip(xs, 0, self.size - 1)

    def _write(self, top: np.ndarray, ground: np.ndarray) -> None:
        window = self._window(self.position)
        self.top[window] = top
        self.ground[window] = ground
        self.seen[window] = self.step

    def _cells(self, name: str) -> np.ndarray:
        cid = _ID[name]
        hit = (self.top == cid) | ((self.ground == cid) if name in MATERIALS else False)
        return np.argwhere(hit)

    def nearest(self, name: str) -> tuple[int, int] | None:
        """Offset (dx, dy) from the player to the nearest tile last seen showing `name` (Manhattan)."""
        cells = self._cells(name)
        if not len(cells):
            return None
        offsets = cells[:, ::-1] - self.origin - np.array(self.position)
        best = offsets[np.abs(offsets).sum(1).argmin()]
        return int(best[0]), int(best[1])

    def last_seen(self, name: str) -> tuple[tuple[int, int], int] | None:
        """Position (map coordinates) and step at which `name` was most recently seen, nearest on ties."""
        cells = self._cells(name)
        if not len(cells):
            return None
        steps = self.seen[cells[:, 0], cells[:, 1]]
        recent = cells[steps == steps.max()]
        offsets = recent[:, ::-1] - self.origin - np.array(self.position)
        y, x = recent[np.abs(offsets).sum(1).argmin()]
        return (int(x - self.origin), int(y - self.origin)), int(steps.max())

    def frontier_direction(self) -> str | None:
        """Direction (left/right/up/down) of the nearest never-seen tile bordering walkable known ground."""
        unknown = self.seen < 0
        walk = np.isin(self.ground, [_ID[w] for w in WALKABLE - {"lava"}])
        near = np.zeros_like(unknown)
        near[1:] |= walk[:-1]
        near[:-1] |= walk[1:]
        near[:, 1:] |= walk[:, :-1]
        near[:, :-1] |= walk[:, 1:]
        cells = np.argwhere(unknown & near)
        if not len(cells):
            return None
        offsets = cells[:, ::-1] - self.origin - np.array(self.position)
        dx, dy = offsets[np.abs(offsets).sum(1).argmin()]
        if abs(dx) >= abs(dy):
            return "right" if dx > 0 else "left"
        return "down" if dy > 0 else "up"

    def known(self, pos: tuple[int, int]) -> str | None:
        """Top label last seen at map position `pos`, or None if never seen."""
        x, y = pos[0] + self.origin, pos[1] + self.origin
        if not (0 <= x < self.size and 0 <= y < self.size) or self.top[y, x] < 0:
            return None
        return CLASSES[self.top[y, x]]

