"""Body: the single way skills act in Crafter. Each action steps the env, appends to the replay log, perceives
the new frame from pixels (CrafterVision) and updates the dead-reckoned map (perception.spatial.SpatialMap).

Skills only read `percept` (pixels), `obs.inventory` and `obs.status` vitals; ground truth in `obs.info` is never
used here. Step caps are enforced at the single choke point `act`, so every skill is bounded."""
from __future__ import annotations

import numpy as np

from agents.mp5.world import EpisodeOver
from environments.base import Observation
from environments.crafter import CrafterEnv
from environments.recording import RecordingEnv
from perception.crafter_textures import CLASSES
from perception.spatial import SpatialMap
from perception.vision import CrafterVision, Percept

ID = {name: i for i, name in enumerate(CLASSES)}
DIRS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}
MOVE = {v: f"move_{k}" for k, v in DIRS.items()}
WAKE_WAIT = 120
"""Steps at most to wait for a sleeping player to wake before acting (energy refills one point in 11 steps asleep)."""


class OutOfSteps(Exception):
    """The running skill used up its step cap."""


class Retreat(Exception):
    """The `retreat` condition held after an action: the errand under way is dropped (see survive._react)."""


class Body:
    """An embodied Crafter session: env + vision + map + replay log (one character per action)."""

    def __init__(self, *, size: int, length: int, area: tuple[int, int] = (64, 64), record: bool = True) -> None:
        env = CrafterEnv(size=size, length=length, area=area, ground_truth=False)
        self.area, self.raw = area, env
        self.env = RecordingEnv(env, max_frames=600) if record else env
        self.actions: list[str] = list(env.actions)
        self.vision = CrafterVision(size=size)
        self.obs: Observation | None = None
        self.log = ""
        self.limit: int | None = None
        self.hurt_at = -1
        """World step at which health last dropped."""
        self.arrows: set[tuple[int, int]] = set()
        """World cells of the arrows the guard saw after the previous action (their heading is read from it)."""
        self._in_reflex = self._in_guard = False
        self.guard = None
        """Called after each action, even inside reflexes: fights adjacent attackers (its steps extend the cap)."""
        self.reflex = None
        """Called after each action with this body (survival reflexes); must not recurse."""
        self.retreat = None
        """Checked after each action outside the guard: when it returns True, act raises Retreat."""

    def reset(self, seed: int) -> Observation:
        self.obs = self.env.reset(seed)
        self.log, self.limit = "", None
        self.map = SpatialMap()
        self.outside = self._outside()
        self.percept: Percept = self.vision(self.raw.frame)  # the pixels of obs.image
        self.map.update(self.percept)
        return self.obs

    def _outside(self) -> np.ndarray:
        """Map mask [y, x] of the cells beyond the world's edge. Crafter puts the player at the centre of its area,
        so the edges are known from the first step (guessing them from dark 'none' tiles went wrong at night: a band
        of misread tiles fenced off half of the map, diamonds included)."""
        (w, h), o = self.area, self.map.origin
        out = np.ones(self.map.ground.shape, bool)
        out[max(0, o - h // 2): o + h - h // 2, max(0, o - w // 2): o + w - w // 2] = False
        return out

    def act(self, action: str) -> Percept:
        """One env step; raises OutOfSteps at the skill's cap and EpisodeOver when the episode ends."""
        if self.obs.done:
            raise EpisodeOver("the episode already ended")
        if self.limit is not None and len(self.log) >= self.limit:
            raise OutOfSteps(f"step cap reached after {len(self.log)} world steps")
        if action not in ("sleep", "noop") and self.percept.sleeping:
            self._wake()
        index = self.actions.index(action)
        health = self.vital("health")
        self.obs = self.env.step(index)
        self.log += chr(ord("a") + index)
        if self.vital("health") < health:
            self.hurt_at = len(self.log)
        self.percept = self.vision(self.raw.frame, eyes_closed=self.percept)  # asleep, the view is not read
        self.map.update(self.percept, action)
        if self.obs.done:
            raise EpisodeOver("dead" if self.obs.status.get("health", 1) <= 0 else "length reached")
        if self.guard is not None and not self._in_guard:
            self._in_guard = True
            start = len(self.log)
            try:
                self.guard(self)
            finally:
                self._in_guard = False
                if self.limit is not None:
                    self.limit += len(self.log) - start
        if self.retreat is not None and not self._in_guard and self.retreat(self):
            raise Retreat("health is low with attackers around")
        if self.reflex is not None and not self._in_reflex and not self._in_guard:
            self._in_reflex = True
            try:
                self.reflex(self)
            finally:
                self._in_reflex = False
        return self.percept

    def _wake(self) -> None:
        """Crafter turns every action of a sleeping player into sleep until its energy is full or it is hurt, so an
        action asked for in its sleep waits for the waking: a move that cannot happen confused the skills (a place
        loop read the unmoved player as blocked and spent 100 steps after sleep in a pocket)."""
        for _ in range(WAKE_WAIT):
            self.act("noop")
            if not self.percept.sleeping:
                return

    # --- reading the situation (pixels + inventory/vitals) ---
    @property
    def pos(self) -> tuple[int, int]:
        return self.map.position

    def has(self, item: str, count: int = 1) -> bool:
        return self.obs.inventory.get(item, 0) >= count

    def vital(self, name: str) -> int:
        return int(self.obs.status.get(name, 9))

    def facing(self) -> tuple[int, int]:
        return self.percept.facing

    def view_label(self, cell: tuple[int, int]) -> str | None:
        """Top label of a world cell: from the current frame when in view, else from the map (None = unseen)."""
        dx, dy = cell[0] - self.pos[0], cell[1] - self.pos[1]
        if abs(dx) <= 4 and abs(dy) <= 3:
            return self.percept.grid[3 + dy][4 + dx]
        return self.map.known(cell)

    def ground(self, cell: tuple[int, int]) -> str | None:
        dx, dy = cell[0] - self.pos[0], cell[1] - self.pos[1]
        if abs(dx) <= 4 and abs(dy) <= 3:
            return self.percept.ground[3 + dy][4 + dx]
        x, y = cell[0] + self.map.origin, cell[1] + self.map.origin
        if not (0 <= x < self.map.size and 0 <= y < self.map.size) or self.map.ground[y, x] < 0:
            return None
        return CLASSES[self.map.ground[y, x]]

    def visible(self, name: str) -> list[tuple[int, int]]:
        """World cells showing `name` in the current frame, nearest first."""
        px, py = self.pos
        return [(px + dx, py + dy) for dx, dy in self.percept.find(name)]

    def cells(self, name: str) -> np.ndarray:
        """Map mask [y, x] of cells last seen showing `name` (as top label or ground)."""
        cid = ID[name]
        return (self.map.top == cid) | (self.map.ground == cid)
