"""`rolegraph run` offline writes a GIF and a report that a real browser renders with the plan tree and frames."""
import json
import shutil
import subprocess
import sys

import pytest
from PIL import Image

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory, cli_env_module):
    root = tmp_path_factory.mktemp("mp5run")
    out = subprocess.run([sys.executable, "-m", "agents.cli", "run", "place a table", "--seed", "2"], cwd=root,
                         env={**cli_env_module, "ROLEGRAPH_RUNS_DIR": str(root / "runs")}, capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    (run,) = [p for p in (root / "runs").iterdir() if (p / "run.json").exists()]
    return run


def test_offline_run_writes_gif_report_and_trajectory(run_dir):
    assert json.loads((run_dir / "run.json").read_text())["status"] == "done"
    gif = Image.open(run_dir / "episode.gif")
    assert gif.n_frames > 5
    kinds = {json.loads(line)["kind"] for line in (run_dir / "trajectory.jsonl").read_text().splitlines()}
    assert {"plan", "skill", "frame", "summary", "status"} <= kinds


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (run `rolegraph setup`)")
def test_report_renders_plan_tree_and_frames_in_headless_chromium(run_dir, tmp_path):
    url = (run_dir / "report.html").as_uri()
    common = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*common, "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
    assert 'id="plan"' in dom and "place table" in dom and 'id="frames"' in dom and "frames/000.png" in dom
    shot = tmp_path / "report.png"
    subprocess.run([*common, "--window-size=1000,1400", f"--screenshot={shot}", url], capture_output=True,
                   timeout=120)
    import numpy as np

    rgb = np.asarray(Image.open(shot).convert("RGB")).astype(int)
    grass = int(((rgb[..., 1] > 120) & (rgb[..., 0] < 110) & (rgb[..., 2] < 90)).sum())
    assert grass > 5000, "no Crafter frame is visible in the rendered report"
