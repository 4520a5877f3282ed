"""Same seed + same actions = same world, in this process and in another one (resume rebuilds worlds by replay)."""
import subprocess
import sys

ROLL = """
import hashlib, sys
import numpy as np
from environments.crafter import CrafterEnv
env = CrafterEnv(seed=int(sys.argv[1])); env.reset()
rng, digest = np.random.RandomState(1), hashlib.sha1()
for _ in range(2500):
    obs = env.step(int(rng.randint(0, 17)))
    digest.update(obs.info["semantic"].tobytes()); digest.update(repr(sorted(obs.inventory.items())).encode())
    if obs.done:
        break
print(digest.hexdigest())
"""


def _roll(seed: int) -> str:
    out = subprocess.run([sys.executable, "-c", ROLL, str(seed)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_long_random_rollouts_replay_exactly_across_processes():
    for seed in (5, 11):
        assert _roll(seed) == _roll(seed)
