"""CrafterVision: reads Crafter's local view and inventory from pixels alone (no semantic map, no world).

Every tile is matched against templates rendered by crafter's own engine (see crafter_textures).
Lighting is modelled exactly as crafter's LocalView does it: frame = d*T + (1-d)*night(T), with
night = tint(desaturate(mix(T, noise, m))), m = 2*max(0, 0.5-d)*vignette and grey per-pixel noise
U(32, 127). The daylight d is estimated from the always-present player tile. Matching then uses a
Gaussian likelihood: chroma (noise-free, since the noise is grey) and luma (noise variance grows
with the vignette), evaluated for all tiles and templates with a few matrix products.
"""
from __future__ import annotations

import functools

import numpy as np
from PIL import Image
from pydantic import BaseModel

from perception.crafter_textures import CLASSES, FACINGS, ITEMS, MATERIALS, layout, slot_templates, tile_templates
from perception.lighting import LUMA, NOISE_MEAN, NOISE_VAR, TINT, DaylightTerms, estimate_daylight

VITALS = ("health", "food", "drink", "energy")
_MAX_SAMPLES = 16
PRIOR_NATS = {"none": 4.0, "object": 2.0, "material": 0.0}
"""Prior surprise (-log p) per class kind: the world edge and creatures are rarer than terrain. Within a
class the prior is split evenly over its templates. Only matters when noise makes tiles ambiguous."""


class Percept(BaseModel):
    """What CrafterVision saw in one frame. Grids are rows x cols = 7 x 9; the player is at (col 4, row 3)."""

    grid: list[list[str]]
    """Top label per tile: the object if one is there, else the material ('none' = outside the world)."""
    ground: list[list[str]]
    """Material under each tile (under objects too)."""
    facing: tuple[int, int]
    """Player facing as (dx, dy); (0, 1) = down."""
    inventory: dict[str, int]
    """Items held (no vitals), zero counts omitted."""
    vitals: dict[str, int]
    daylight: float
    """Estimated from pixels (1 = full day)."""
    sleeping: bool

    # Caches derived from the fields are cached properties, not pydantic private attributes: those are read through
    # BaseModel.__getattr__ (2.8 us a read, several reads a step), cached properties live in the instance dict.
    @functools.cached_property
    def _ids(self) -> tuple[np.ndarray, np.ndarray]:
        """(top ids, ground ids) as (7, 9) arrays, for the map; CrafterVision sets the ones it matched."""
        return (np.array([[_ID[v] for v in row] for row in self.grid]),
                np.array([[_ID[g] for g in row] for row in self.ground]))

    @functools.cached_property
    def _labels(self) -> set[str]:
        """Every label in view: skills ask for absent creatures after every step, answered from this set."""
        return set().union(*self.grid, *self.ground)

    def __eq__(self, other: object) -> bool:
        """Equal when every field is (the cached properties are derived from the fields)."""
        if not isinstance(other, BaseModel):
            return NotImplemented
        return type(other) is type(self) and all(self.__dict__[k] == other.__dict__[k] for k in _PERCEPT_FIELDS)

    __hash__ = None

    def find(self, name: str) -> list[tuple[int, int]]:
        """Offsets (dx, dy) from the player of every tile showing `name`, nearest first."""
        if name not in self._labels:
            return []
        hits = [(c - 4, r - 3) for r, row in enumerate(self.grid) for c, v in enumerate(row)
                if v == name or self.ground[r][c] == name]
        return sorted(hits, key=lambda o: (abs(o[0]) + abs(o[1]), o))

    def facing_tile(self) -> str:
        """Label of the tile the player faces (the target of `do` and `place_*`)."""
        return self.grid[3 + self.facing[1]][4 + self.facing[0]]


_PERCEPT_FIELDS = tuple(Percept.model_fields)
_ID = {name: i for i, name in enumerate(CLASSES)}


class _Model:
    """Per-size precomputed template features."""

    def __init__(self, size: tuple[int, int]) -> None:
        self.size, lay = size, layout(size)
        self.unit, self.border = lay["unit"], lay["border"]
        uw, uh = self.unit
        self.samples = (min(uh, _MAX_SAMPLES), min(uw, _MAX_SAMPLES))
        self.block = (uh // self.samples[0], uw // self.samples[1])
        self.exact = self.block == (1, 1) and self.samples == (uh, uw)
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
        self.daylight_seen: dict[tuple[bytes, bool], float] = {}
        """Daylight estimated from a player tile's pixels (and sleep): by day the tile is noise-free, and two thirds of
        day frames show a player tile seen before (at night, noise makes nearly every one new)."""
        self.slot_counts: dict[tuple[int, bytes], int] = {}
        """Count read from a slot's pixels, by (slot, pixels): the item area is drawn without lighting or noise, so
        a run shows only a few hundred distinct slot images."""
        self.day = _DayTerms(self)
        self.dusk = DaylightTerms(self)
        S = self.t_luma.shape[1]
        night = [self.mat_luma2, -2 * self.mat_luma, self.mat_chroma2, -2 * self.mat_chroma]
        # Rows: X = [a_l^2/v, g, a_c^2, q]. In single precision the night and sleep products take half the time; the
        # rounding (at most 1.4 in a cost) can only swap two templates that the noise already leaves that close, and
        # changed no percept on 4027 recorded frames (6 episodes).
        self.night_w = np.ascontiguousarray(np.concatenate(night, 0), dtype=np.float32)
        self.sleep_w = np.ascontiguousarray(self.night_w[: 2 * S])

    def pixels(self, frame: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """The 63 view tiles as uint8 (63, uh*uw*3) and their (63, S, 3) float64 samples (block means of pixel + 0.5),
        or None for samples when each is one pixel (`exact`): `to_samples` then converts just the rows needed."""
        (uw, uh), (bx, by) = self.unit, self.border
        view = frame[by: by + 7 * uh, bx: bx + 9 * uw].reshape(7, uh, 9, uw, 3).transpose(0, 2, 1, 3, 4)
        tiles = view.reshape(63, uh * uw * 3)  # a copy, C-ordered
        if self.exact:
            return tiles, None
        return tiles, self.cells(tiles.reshape(63, uh, uw, 3).astype(np.float64) + 0.5)

    def to_samples(self, tiles: np.ndarray) -> np.ndarray:
        """(N, S, 3) samples of uint8 tiles when `exact` (a 1x1 block's mean is the pixel itself)."""
        return tiles.reshape(len(tiles), -1, 3).astype(np.float64) + 0.5

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
        self._last = None
        """((shape, bytes) of the last frame read, its `_read` result): skills that re-read the current frame get it
        for free."""
        self._inventory: tuple[tuple, dict[str, int]] | None = None
        if size is not None:
            self._model((size, size) if isinstance(size, int) else tuple(size))

    def _model(self, size: tuple[int, int]) -> _Model:
        if size not in self._models:
            self._models[size] = _Model(size)
        return self._models[size]

    def __call__(self, img: Image.Image | np.ndarray, *, eyes_closed: Percept | None = None) -> Percept:
        """Full perception of one frame. Given `eyes_closed` (the percept before this frame), a frame that shows the
        player asleep is not matched: its tiles, facing and daylight stay those of `eyes_closed`, its vitals and
        inventory are read anew. Crafter turns a sleeper's every action into sleep and moves it nowhere, so what
        it could see changes nothing until it wakes, and the view is read again on the first frame awake."""
        frame = np.asarray(img)[..., :3]
        read = self._read(frame, asleep_unread=eyes_closed is not None)
        counts = self.inventory(frame)
        inventory = {k: v for k, v in counts.items() if k not in VITALS and v}
        vitals = {k: counts[k] for k in VITALS}
        if read is None:
            kept = eyes_closed
            percept = Percept.model_construct(
                grid=kept.grid, ground=kept.ground, facing=kept.facing, inventory=inventory, vitals=vitals,
                daylight=kept.daylight, sleeping=True)
            percept.__dict__["_ids"] = eyes_closed._ids
            return percept
        m, best, ids, grounds, daylight, sleeping = read
        player = m.texture[best[3, 4]]
        facing = FACINGS.get(player.removeprefix("player-"), (0, 1))
        # Every field is built with its declared type here, so validation is skipped (it cost a tenth of a step).
        percept = Percept.model_construct(
            grid=_NAMES[ids].tolist(), ground=_NAMES[grounds].tolist(), facing=facing, inventory=inventory,
            vitals=vitals, daylight=round(daylight, 4), sleeping=sleeping)
        # Primes the cached property where functools stores it: pydantic's __setattr__ took a third of a construction.
        percept.__dict__["_ids"] = (ids.copy(), grounds.copy())
        return percept

    def tiles(self, frame: np.ndarray):
        """Class ids (7, 9), ground ids (7, 9), texture names, estimated daylight, sleeping flag."""
        m, best, ids, grounds, daylight, sleeping = self._read(frame)
        names = [[m.texture[k] for k in row] for row in best.tolist()]
        return ids.copy(), grounds.copy(), names, daylight, sleeping

    def _read(self, frame: np.ndarray, *, asleep_unread: bool = False):
        """Model, best template per tile (7, 9), class ids, ground ids, daylight, sleeping; the arrays are shared
        with the cache of the last frame (read-only). None for a frame showing the player asleep if `asleep_unread`."""
        m = self._model((frame.shape[1], frame.shape[0]))
        key = (frame.shape, frame.tobytes())  # comparing bytes takes a third of np.array_equal's time
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        raw, pix = m.pixels(frame)  # by day at 64 px only the distinct tiles' samples are needed, made there
        sleeping = _is_sleeping(pix) if pix is not None else _is_sleeping_raw(raw)
        if sleeping and asleep_unread:
            return None
        player = (raw[31].tobytes(), sleeping)  # the daylight estimate depends on nothing else
        daylight = m.daylight_seen.get(player)
        if daylight is None:
            centre = pix[31] if pix is not None else m.to_samples(raw[31:32])[0]
            luma = _sleep_luma(centre) if sleeping else centre @ LUMA
            daylight = estimate_daylight(m, luma, None if sleeping else centre - luma[:, None])
            if len(m.daylight_seen) >= 4096:
                m.daylight_seen.clear()
            m.daylight_seen[player] = daylight
        if sleeping or daylight < 0.5:
            best = _match(m, m.to_samples(raw) if pix is None else pix, daylight, sleeping)
        else:
            best = m.day.match(raw, pix, daylight)
        best = best.reshape(7, 9)
        ids, grounds = m.cls[best], m.ground[best]
        for array in (best, ids, grounds):
            array.flags.writeable = False
        self._last = (key, (m, best, ids, grounds, daylight, sleeping))
        return self._last[1]

    def inventory(self, frame: np.ndarray) -> dict[str, int]:
        """Counts of all 16 inventory entries (vitals included) read from the 9x2 item area."""
        m = self._model((frame.shape[1], frame.shape[0]))
        (uw, uh), (bx, by) = m.unit, m.border
        raw = frame[by + 7 * uh: by + 9 * uh, bx: bx + 9 * uw]
        key = (raw.shape, raw.tobytes())
        if self._inventory is not None and self._inventory[0] == key:  # the item area rarely changes
            return dict(self._inventory[1])
        slots = raw.reshape(2, uh, 9, uw, 3).transpose(0, 2, 1, 3, 4).reshape(18, -1)[: len(ITEMS)]
        counts = {}
        for i, (item, slot) in enumerate(zip(ITEMS, slots)):
            # Usually one or two slots changed: the others are read back from what their pixels showed before.
            seen = (i, slot.tobytes())
            count = m.slot_counts.get(seen)
            if count is None:
                count = m.slot_counts[seen] = int(np.abs(m.slots[i] - slot.astype(np.int32)).sum(-1).argmin())
            counts[item] = count
        self._inventory = (key, counts)
        return dict(counts)


def _is_sleeping(pix: np.ndarray) -> bool:
    """Sleep renders the view grey with a blue tint of +8: R == G and B - G in 7..9 nearly everywhere."""
    def grey(p):
        r, g, b = p[..., 0], p[..., 1], p[..., 2]
        return np.count_nonzero((np.abs(r - g) <= 1.01) & (np.abs(b - g - 8) <= 1.51))
    return _mostly_grey(pix, grey, pix.shape[1])


def _is_sleeping_raw(raw: np.ndarray) -> bool:
    """`_is_sleeping` of one-pixel samples, on the uint8 tiles: the samples are pixel + 0.5, so the float tests
    |r - g| <= 1.01 and |b - g - 8| <= 1.51 hold exactly when the integer differences are within 1."""
    def grey(tiles):
        p = tiles.reshape(-1, 3).astype(np.int16)
        g = p[:, 1]
        return np.count_nonzero((np.abs(p[:, 0] - g) <= 1) & (np.abs(p[:, 2] - g - 8) <= 1))
    return _mostly_grey(raw, grey, raw.shape[1] // 3)


def _mostly_grey(tiles: np.ndarray, grey, per_tile: int) -> bool:
    """Whether over 97 % of the view's pixels are grey, `grey` counting them in a run of tiles."""
    total = len(tiles) * per_tile
    top = grey(tiles[:9])
    if (total - (per_tile * 9 - top)) / total <= 0.97:  # the top row of tiles decides most frames
        return False
    return bool((top + grey(tiles[9:])) / total > 0.97)  # the grey share, as np.mean computed it


def _coefficients(m: _Model, d: float):
    """Per-sample model terms at daylight d: chroma gain, luma gain, luma offset, luma variance. The noise mix
    is affine in the vignette, so each term is a scalar affine map of it (or of its square, for the variance)."""
    mu, h = 2 * max(0.0, 0.5 - d), 0.5 * (1 - d)
    mix = mu * m.vignette
    a_chroma = (d + 0.2 * (1 - d)) - 0.2 * (1 - d) * mix
    a_luma = (d + h) - h * mix
    offset = h * (TINT @ LUMA) + (h * NOISE_MEAN) * mix
    var = 1.0 + (h * h * NOISE_VAR / (m.block[0] * m.block[1])) * (mix * mix)
    return a_chroma, a_luma, offset, var


def _match(m: _Model, pix: np.ndarray, d: float, sleeping: bool) -> np.ndarray:
    """Best template per tile under the lighting model (negative log-likelihood up to constants): one matrix
    product of the per-sample terms [a_l^2/v, (luma - offset) a_l/v, a_c^2, (chroma - tint) a_c] with the templates."""
    a_c, a_l, off, var = _coefficients(m, d)
    n, S = pix.shape[:2]
    x = np.empty((n, (2 if sleeping else 6) * S), np.float32)
    luma = _sleep_luma(pix) if sleeping else pix @ LUMA
    ratio = a_l / var
    np.multiply(a_l, ratio, out=x[:, :S])
    np.multiply(luma - off, ratio, out=x[:, S: 2 * S])
    if sleeping:
        return (_product(x, m.sleep_w) + m.prior).argmin(-1)
    np.multiply(a_c, a_c, out=x[:, 2 * S: 3 * S])
    tint = 0.5 * (1 - d) * (TINT - TINT @ LUMA)
    for c in range(3):  # channel by channel: broadcasting over a trailing axis of 3 took 2.5 times as long
        chroma = pix[..., c] - luma
        chroma -= tint[c]
        chroma *= a_c
        x[:, 3 * S + c:: 3] = chroma
    return (_product(x, m.night_w) + m.prior).argmin(-1)


def _sleep_luma(pix: np.ndarray) -> np.ndarray:
    """R + G: the luma proxy of the grey sleep view (a sum over an axis of two costs several times this)."""
    return pix[..., 0] + pix[..., 1]


_ONE_THREAD = 1 << 18
"""OpenBLAS runs a matrix product on several threads above m*n*k = 2^18; for products this small, waking the
threads costs several times the product itself (4-10x measured on two busy cores), so they are cut in row blocks."""


def _product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    rows = _ONE_THREAD // (a.shape[1] * b.shape[1])
    if len(a) <= rows or rows < 8:
        return a @ b
    return np.concatenate([a[i: i + rows] @ b for i in range(0, len(a), rows)])


class _DayTerms:
    """The match at daylight >= 0.5, where crafter adds no noise: gains and offset are scalars, so the cost is
    base(d) - 2 a_l (luma . T_l) - 2 a_c (chroma . T_c), and both dot products are linear in the raw samples."""

    def __init__(self, m: _Model) -> None:
        K, S = m.t_luma.shape
        tl, tc = TINT @ LUMA, TINT - TINT @ LUMA
        w_luma = (m.t_luma[:, :, None] * LUMA).reshape(K, 3 * S)
        w_chroma = (m.t_chroma - m.t_chroma.sum(-1)[..., None] * LUMA).reshape(K, 3 * S)
        self.w = np.ascontiguousarray(np.concatenate([w_luma, w_chroma], 0).T)  # (3S, 2K)
        self.k = K
        self.luma2, self.chroma2 = m.mat_luma2.sum(0), m.mat_chroma2.sum(0)
        self.luma_sum, self.tint = m.t_luma.sum(1) * tl, (m.t_chroma * tc).sum((1, 2))
        self.prior = m.prior

    def match(self, raw: np.ndarray, pix: np.ndarray | None, d: float) -> np.ndarray:
        """Best template per tile; identical tiles (a field of grass) are matched once, as the cost does not
        depend on where a tile is when there is no noise."""
        blob, n, rows, first, where = raw.tobytes(), raw.shape[1], {}, [], []
        for i in range(len(raw)):
            key = blob[i * n: (i + 1) * n]
            j = rows.get(key)
            if j is None:
                j = rows[key] = len(first)
                first.append(i)
            where.append(j)
        h = 0.5 * (1 - d)
        a_l, a_c = d + h, d + 0.2 * (1 - d)
        samples = pix.reshape(len(pix), -1)[first] if pix is not None else raw[first].astype(np.float64) + 0.5
        proj = _product(samples, self.w)
        base = a_l * a_l * self.luma2 + a_c * a_c * self.chroma2 + self.prior
        base += (2 * a_l * h) * self.luma_sum + (2 * a_c * h) * self.tint
        cost = base - (2 * a_l) * proj[:, : self.k] - (2 * a_c) * proj[:, self.k:]
        return cost.argmin(-1)[where]


_NAMES = np.array(CLASSES, dtype=object)
