"""Frozen copy of perception/vision.py's matcher before its speed-up (commit 55c41f5): the reference that
test_vision_equivalence.py holds the fast matcher to, percept for percept. Not used by the package. The model
constants and the Percept type are imported from perception.vision: the algorithm is what stays frozen here.

The lighting model and matching are described in perception/vision.py's docstring.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

from perception.crafter_textures import CLASSES, FACINGS, ITEMS, MATERIALS, layout, slot_templates, tile_templates
from perception.vision import _MAX_SAMPLES, LUMA, NOISE_MEAN, NOISE_VAR, PRIOR_NATS, TINT, VITALS, Percept


class _Model:
    """Per-size precomputed template features."""

    def __init__(self, size: tuple[int, int]) -> None:
        self.size, lay = size, layout(size)
        self.unit, self.border = lay["unit"], lay["border"]
        uw, uh = self.unit
        self.samples = (min(uh, _MAX_SAMPLES), min(uw, _MAX_SAMPLES))
        self.block = (uh // self.samples[0], uw // self.samples[1])
        tiles, self.meta = tile_templates(self.unit)
        self.cls = np.array([m["cls"] for m in self.meta])
        self.ground = np.array([m["ground"] for m in self.meta])
        self.texture = [m["texture"] for m in self.meta]
        t = self.cells(tiles.astype(np.float64))  # (K, S, 3)
        self.t_luma = t @ LUMA
        self.t_chroma = t - self.t_luma[..., None]
        self.t_chroma2 = (self.t_chroma ** 2).sum(-1)
        self.mat_luma = np.ascontiguousarray(self.t_luma.T)
        self.mat_luma2 = np.ascontiguousarray((self.t_luma ** 2).T)
        self.mat_chroma = np.ascontiguousarray(self.t_chroma.reshape(len(self.cls), -1).T)
        self.mat_chroma2 = np.ascontiguousarray(self.t_chroma2.T)
        kind = ["none" if c == 0 else "object" if c > len(MATERIALS) else "material" for c in self.cls]
        per_class = np.bincount(self.cls)[self.cls]
        self.prior = 2 * (np.array([PRIOR_NATS[k] for k in kind]) + np.log(per_class))
        self.player = np.array([m["cls"] == CLASSES.index("player") for m in self.meta])
        lx = np.linspace(-1, 1, 9 * uw)
        ly = np.linspace(-1, 1, 7 * uh)
        vig = 1 - np.exp(-0.5 * (lx[None, :] ** 2 + ly[:, None] ** 2) / 0.25)
        self.vignette = self.cells(vig[..., None].repeat(3, -1).reshape(7, uh, 9, uw, 3)
                                   .transpose(0, 2, 1, 3, 4).reshape(63, uh, uw, 3))[..., 0]
        self.slots = slot_templates(self.unit).reshape(len(ITEMS), 10, -1).astype(np.int32)

    def cells(self, tiles: np.ndarray) -> np.ndarray:
        """(N, uh, uw, 3) -> (N, S, 3): block means on a grid of at most 16x16 samples."""
        (sh, sw), (bh, bw) = self.samples, self.block
        x = tiles[:, : sh * bh, : sw * bw].reshape(len(tiles), sh, bh, sw, bw, 3)
        return x.mean((2, 4)).reshape(len(tiles), sh * sw, 3)


class CrafterVision:
    """Recognise every tile of the 9x7 local view and the inventory counts from a Crafter frame.

    `size` is the render size (w, h) or an int; None infers it from each image. Works at 64x64 and at
    larger renders (unit = size // 9, as crafter lays out its 9x9 unit grid).
    """

    def __init__(self, *, size: int | tuple[int, int] | None = None) -> None:
        self._models: dict[tuple[int, int], _Model] = {}
        if size is not None:
            self._model((size, size) if isinstance(size, int) else tuple(size))

    def _model(self, size: tuple[int, int]) -> _Model:
        if size not in self._models:
            self._models[size] = _Model(size)
        return self._models[size]

    def __call__(self, img: Image.Image | np.ndarray) -> Percept:
        """Full perception of one frame."""
        frame = np.asarray(img)[..., :3]
        ids, grounds, textures, daylight, sleeping = self.tiles(frame)
        counts = self.inventory(frame)
        player = textures[3][4]
        facing = FACINGS.get(player.removeprefix("player-"), (0, 1))
        return Percept(grid=[[CLASSES[i] for i in row] for row in ids.tolist()],
                       ground=[[CLASSES[i] for i in row] for row in grounds.tolist()],
                       facing=facing, inventory={k: v for k, v in counts.items() if k not in VITALS and v},
                       vitals={k: counts[k] for k in VITALS}, daylight=round(daylight, 4), sleeping=sleeping)

    def tiles(self, frame: np.ndarray):
        """Class ids (7, 9), ground ids (7, 9), texture names, estimated daylight, sleeping flag."""
        m = self._model((frame.shape[1], frame.shape[0]))
        (uw, uh), (bx, by) = m.unit, m.border
        view = frame[by: by + 7 * uh, bx: bx + 9 * uw].astype(np.float64) + 0.5
        pix = m.cells(view.reshape(7, uh, 9, uw, 3).transpose(0, 2, 1, 3, 4).reshape(63, uh, uw, 3))
        sleeping = _is_sleeping(pix)
        luma = pix[..., :2].sum(-1) if sleeping else pix @ LUMA
        chroma = None if sleeping else pix - luma[..., None]
        daylight = _estimate_daylight(m, luma[31], None if sleeping else chroma[31])
        best = _match(m, luma, chroma, daylight).reshape(7, 9)
        names = [[m.texture[k] for k in row] for row in best.tolist()]
        return m.cls[best], m.ground[best], names, daylight, sleeping

    def inventory(self, frame: np.ndarray) -> dict[str, int]:
        """Counts of all 16 inventory entries (vitals included) read from the 9x2 item area."""
        m = self._model((frame.shape[1], frame.shape[0]))
        (uw, uh), (bx, by) = m.unit, m.border
        area = frame[by + 7 * uh: by + 9 * uh, bx: bx + 9 * uw].astype(np.int32)
        slots = area.reshape(2, uh, 9, uw, 3).transpose(0, 2, 1, 3, 4).reshape(18, -1)[: len(ITEMS)]
        dist = np.abs(m.slots - slots[:, None, :]).sum(-1)
        return dict(zip(ITEMS, dist.argmin(-1).tolist()))


def _is_sleeping(pix: np.ndarray) -> bool:
    """Sleep renders the view grey with a blue tint of +8: R == G and B - G in 7..9 nearly everywhere."""
    r, g, b = pix[..., 0], pix[..., 1], pix[..., 2]
    return bool(np.mean((np.abs(r - g) <= 1.01) & (np.abs(b - g - 8) <= 1.51)) > 0.97)


def _coefficients(m: _Model, d: float, idx=slice(None)):
    """Per-sample model terms at daylight d: chroma gain, luma gain, luma offset, luma variance."""
    mix = 2 * max(0.0, 0.5 - d) * m.vignette[idx]
    a_chroma = d + 0.2 * (1 - d) * (1 - mix)
    a_luma = d + 0.5 * (1 - d) * (1 - mix)
    offset = 0.5 * (1 - d) * (mix * NOISE_MEAN + TINT @ LUMA)
    blocks = m.block[0] * m.block[1]
    var = 1.0 + (0.5 * (1 - d) * mix) ** 2 * NOISE_VAR / blocks
    return a_chroma, a_luma, offset, var


def _estimate_daylight(m: _Model, luma: np.ndarray, chroma: np.ndarray | None) -> float:
    """Fit d on the centre tile (always the player, barely touched by noise) by least squares per
    player template; the best-fitting template's d wins. Iterated because the noise mix depends on d."""
    tint_chroma = TINT - TINT @ LUMA
    t_l, t_c = m.t_luma[m.player], m.t_chroma[m.player]
    d = 1.0
    for _ in range(4):
        mix = 2 * max(0.0, 0.5 - d) * m.vignette[31]
        base_l = 0.5 * ((1 - mix) * t_l + mix * NOISE_MEAN + TINT @ LUMA)
        resid, slope = luma - base_l, t_l - base_l
        num, den = (resid * slope).sum(-1), (slope ** 2).sum(-1) + 1e-9
        if chroma is not None:
            base_c = 0.5 * ((1 - mix)[:, None] * 0.4 * t_c + tint_chroma)
            resid_c, slope_c = chroma - base_c, t_c - base_c
            num, den = num + (resid_c * slope_c).sum((-1, -2)), den + (slope_c ** 2).sum((-1, -2))
        dd = np.clip(num / den, 0.0, 1.0)
        err = ((resid - dd[:, None] * slope) ** 2).sum(-1)
        if chroma is not None:
            err = err + ((resid_c - dd[:, None, None] * slope_c) ** 2).sum((-1, -2))
        d = float(dd[err.argmin()])
        if d >= 0.5:
            break
    return d


def _match(m: _Model, luma: np.ndarray, chroma: np.ndarray | None, d: float) -> np.ndarray:
    """Best template per tile under the lighting model (negative log-likelihood up to constants)."""
    a_c, a_l, off, var = _coefficients(m, d)
    g = (luma - off) * a_l / var
    cost = np.dot(a_l ** 2 / var, m.mat_luma2) - 2 * np.dot(g, m.mat_luma) + m.prior
    if chroma is not None:
        q = (chroma - 0.5 * (1 - d) * (TINT - TINT @ LUMA)) * a_c[..., None]
        cost += np.dot(a_c ** 2, m.mat_chroma2) - 2 * np.dot(q.reshape(63, -1), m.mat_chroma)
    return cost.argmin(-1)
