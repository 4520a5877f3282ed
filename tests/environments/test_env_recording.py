from PIL import Image

from environments.base import Observation
from environments.recording import Recorder, RecordingEnv


class Colours:
    actions = ["noop"]

    def __init__(self):
        self.t = 0

    def reset(self, seed=None):
        self.t = 0
        return self._obs()

    def step(self, action):
        self.t += 1
        return self._obs()

    def close(self):
        pass

    def _obs(self):
        return Observation(image=Image.new("RGB", (32, 32), (self.t * 9 % 256, 40, 200)), step=self.t)


def test_gif_written_with_all_frames(tmp_path):
    with Recorder(Colours(), tmp_path / "ep.gif") as env:
        env.reset()
        for _ in range(9):
            env.step("noop")
    gif = Image.open(tmp_path / "ep.gif")
    assert gif.n_frames == 10 and gif.size == (32, 32)


def test_memory_is_bounded(tmp_path):
    env = RecordingEnv(Colours(), max_frames=16)
    env.reset()
    for _ in range(200):
        env.step("noop")
    assert 8 <= len(env.frames) <= 16
    assert Image.open(env.save(tmp_path / "long.gif")).n_frames == len(env.frames)
