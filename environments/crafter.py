"""Crafter (pip `crafter`) behind the Environment protocol."""
from __future__ import annotations

import crafter
import numpy as np
from PIL import Image

from environments.base import Observation

VITALS = ("health", "food", "drink", "energy")


def _deterministic_object_hashes() -> None:
    """Make Crafter replayable: its chunks keep creatures in `set`s hashed by memory address, so which creature
    despawns depends on where Python allocated it. Hashing by a per-world creation serial makes the same seed and
    actions give the same world in every process (needed to rebuild a world from an action log on resume)."""
    if getattr(crafter.objects.Object, "_rolegraph_serial_hash", False):
        return
    original_init, original_reset = crafter.objects.Object.__init__, crafter.engine.World.reset

    def init(self, world, pos):
        original_init(self, world, pos)
        world._rolegraph_serial = getattr(world, "_rolegraph_serial", 0) + 1
        self._rolegraph_hash = world._rolegraph_serial

    def reset(self, seed=None):
        original_reset(self, seed)
        self._rolegraph_serial = 0

    crafter.objects.Object.__init__ = init
    crafter.objects.Object.__hash__ = lambda self: self._rolegraph_hash
    crafter.objects.Object._rolegraph_serial_hash = True
    crafter.engine.World.reset = reset


_deterministic_object_hashes()
SEMANTIC_NAMES: list[str] = ["none", *crafter.constants.materials, "player", "cow", "zombie", "skeleton", "arrow", "plant"]
"""Names of crafter's semantic ids: 0 = outside the world, materials in data.yaml order, then the
object types in the order crafter.Env registers them."""


class CrafterEnv:
    """A Crafter world: actions by name or index, observations as `Observation`.

    `size` is the render size in pixels (64 native; 288 or 576 for sharper frames); the
    9x9 unit grid (9x7 local view + 9x2 inventory) is laid out by crafter itself.
    """

    def __init__(self, *, size: int | tuple[int, int] = 64, area: tuple[int, int] = (64, 64),
                 length: int = 10000, seed: int = 0, ground_truth: bool = True) -> None:
        """`ground_truth=False` skips the per-step semantic map in `info` (agents never read it; evaluators
        call `ground_truth()` when they need it), which saves time every step."""
        self.with_truth = ground_truth
        self.size = (size, size) if isinstance(size, int) else tuple(size)
        self.area, self.length, self.seed = tuple(area), length, seed
        self._env: crafter.Env | None = None
        self._obs: Observation | None = None
        self.frame: np.ndarray | None = None
        """The last frame as a C-ordered (h, w, 3) uint8 array: the same pixels as `obs.image`, without the copy
        that reading a PIL image back costs (pixel perception reads it every step)."""
        self.actions: list[str] = list(crafter.constants.actions)

    def reset(self, seed: int | None = None) -> Observation:
        """Start an episode; the same seed always gives the same world."""
        if seed is not None:
            self.seed = seed
        self._env = crafter.Env(area=self.area, size=self.size, length=self.length, seed=self.seed)
        frame = self._env.reset()
        self._obs = self._observe(frame, 0.0, False, self._ground_truth())
        return self._obs

    def step(self, action: str | int) -> Observation:
        """Apply one action (a name from `actions` or its index)."""
        if self._env is None:
            raise RuntimeError("call reset() before step()")
        index = self.action_index(action)
        frame, reward, done, info = self._env.step(index)
        extras = self._ground_truth()
        extras["achievement_counts"] = dict(info["achievements"])
        self._obs = self._observe(frame, float(reward), bool(done), extras, info["inventory"])
        return self._obs

    def action_index(self, action: str | int) -> int:
        """Index of an action given by name or index; raises ValueError if unknown."""
        if isinstance(action, (int, np.integer)):
            if not 0 <= int(action) < len(self.actions):
                raise ValueError(f"action index out of range: {action}")
            return int(action)
        if action not in self.actions:
            raise ValueError(f"unknown action {action!r}; known: {', '.join(self.actions)}")
        return self.actions.index(action)

    def close(self) -> None:
        self._env = None

    def ground_truth(self) -> dict:
        """The current semantic map, player position and facing: for tests, benchmarks and evaluators only."""
        player = self._env._player
        return {
            "semantic": self._env._sem_view(),
            "player_pos": tuple(int(v) for v in player.pos),
            "player_facing": tuple(int(v) for v in player.facing),
        }

    def _ground_truth(self) -> dict:
        return self.ground_truth() if self.with_truth else {}

    def _observe(self, frame, reward: float, done: bool, extras: dict, inventory=None) -> Observation:
        env, player = self._env, self._env._player
        inventory = dict(player.inventory if inventory is None else inventory)
        status = {name: int(inventory.pop(name)) for name in VITALS}
        # daylight is ground truth from the world, used only for status display.
        status["daylight"] = float(env._world.daylight)
        status["sleeping"] = bool(player.sleeping)
        unlocked = sorted(name for name, count in player.achievements.items() if count > 0)
        extras["inventory"] = dict(player.inventory)
        self.frame = _c_order(frame)
        # Every field is built with its declared type here, so validation is skipped (a fortieth of a step).
        return Observation.model_construct(
            image=_FrameImage(self.frame), inventory={k: int(v) for k, v in inventory.items()}, status=status,
            achievements=unlocked, done=done, reward=reward, step=int(env._step), info=extras)


class _FrameImage(Image.Image):
    """`obs.image`: an RGB image whose pixels are copied from the frame when first used, the way Pillow's own file
    plugins decode on `load()`. Perception reads `CrafterEnv.frame`, so most steps nobody looks at the image, and
    copying it in cost a quarter of the adapter's own time. The frame is a fresh array every step, never written."""

    def __init__(self, frame: np.ndarray) -> None:
        super().__init__()
        self._mode, self._size, self._frame = "RGB", (frame.shape[1], frame.shape[0]), frame

    def load(self):
        if self._im is None:
            self._im = Image.fromarray(self._frame).im
        return super().load()

    @property
    def im(self):
        """Pillow reaches the pixels through `load()` or this attribute: both fill them in first."""
        if self._im is None:
            self.load()
        return super().im

    @im.setter
    def im(self, im) -> None:
        self._im = im


def _c_order(frame: np.ndarray) -> np.ndarray:
    """A C-ordered copy of a frame. Crafter hands (h, w, 3) as the transposed view of a C-ordered (w, h, 3) canvas;
    copying it one colour plane at a time takes a third of the time of numpy's strided copy of the whole (6 us
    instead of 18; copying 3-byte pixels took 13)."""
    if frame.ndim != 3 or frame.shape[2] != 3 or frame.dtype != np.uint8:
        return np.ascontiguousarray(frame)
    canvas = frame.transpose(1, 0, 2)
    if not canvas.flags.c_contiguous:
        return np.ascontiguousarray(frame)
    out = np.empty(frame.shape, np.uint8)
    for c in range(3):
        out[..., c] = canvas[..., c].T
    return out


def local_view_truth(obs: Observation, *, view: tuple[int, int] = (9, 7)) -> np.ndarray:
    """Ground-truth semantic ids (rows x cols) of the local view, for evaluators and benchmarks only."""
    semantic, (x, y) = obs.info["semantic"], obs.info["player_pos"]
    cols, rows = view
    out = np.zeros((rows, cols), np.int64)
    xs, ys = np.arange(cols) + x - cols // 2, np.arange(rows) + y - rows // 2
    inside = (xs[None, :] >= 0) & (xs[None, :] < semantic.shape[0]) & (ys[:, None] >= 0) & (ys[:, None] < semantic.shape[1])
    out[inside] = semantic[np.clip(xs, 0, semantic.shape[0] - 1)[None, :].repeat(rows, 0)[inside],
                           np.clip(ys, 0, semantic.shape[1] - 1)[:, None].repeat(cols, 1)[inside]]
    return out
