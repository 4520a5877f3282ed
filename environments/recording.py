"""Record an environment's frames and write an episode GIF, with bounded memory."""
from __future__ import annotations

import pathlib

from PIL import Image

from environments.base import Environment, Observation


class RecordingEnv:
    """Wraps any Environment; keeps every `every`-th frame, at most `max_frames` of them.

    When full, every other kept frame is dropped and the stride doubles, so a long episode stays
    evenly sampled in bounded memory. Frames larger than `max_side` pixels are downscaled.
    """

    def __init__(self, env: Environment, *, every: int = 1, max_frames: int = 600, max_side: int = 256) -> None:
        self.env, self.every, self.max_frames, self.max_side = env, every, max_frames, max_side
        self.frames: list[Image.Image] = []
        self._seen = 0

    @property
    def actions(self) -> list[str]:
        return self.env.actions

    def reset(self, seed: int | None = None) -> Observation:
        return self._record(self.env.reset(seed))

    def step(self, action) -> Observation:
        return self._record(self.env.step(action))

    def close(self) -> None:
        self.env.close()

    def _record(self, obs: Observation) -> Observation:
        if obs.image is not None and self._seen % self.every == 0:
            frame = obs.image.convert("RGB")
            if max(frame.size) > self.max_side:
                frame.thumbnail((self.max_side, self.max_side), Image.NEAREST)
            self.frames.append(frame)
            if len(self.frames) > self.max_frames:
                self.frames = self.frames[::2]
                self.every *= 2
        if obs.image is not None:
            self._seen += 1
        return obs

    def save(self, path: str | pathlib.Path, *, fps: int = 10) -> pathlib.Path:
        """Write the kept frames as an animated GIF (looping); returns the path."""
        if not self.frames:
            raise ValueError("no frames recorded")
        path = pathlib.Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        first, *rest = self.frames
        first.save(path, save_all=True, append_images=rest, duration=max(1, 1000 // fps), loop=0)
        return path


class Recorder:
    """`with Recorder(env, "episode.gif") as env: ...` records while in use and saves the GIF on exit."""

    def __init__(self, env: Environment, path: str | pathlib.Path, **options) -> None:
        self.recording = RecordingEnv(env, **options)
        self.path = path

    def __enter__(self) -> RecordingEnv:
        return self.recording

    def __exit__(self, *exc) -> None:
        if self.recording.frames:
            self.recording.save(self.path)
