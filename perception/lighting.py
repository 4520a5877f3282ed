"""Crafter's lighting model (see perception/vision.py's docstring) and the daylight fit on the player tile."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from perception.vision import _Model

LUMA = np.array([0.299, 0.587, 0.114])
TINT = np.array([0.0, 16.0, 64.0])
NOISE_MEAN, NOISE_VAR = 79.5, 95.0 ** 2 / 12


class DaylightTerms:
    """The daylight fit per player template p, in closed form. With mu = 2 max(0, 0.5 - d) the noise mix is
    mu * vignette, so residual r and slope s are affine in mu: r = (x - b0) - mu v, s = s0 - mu v for luma,
    r = (x - c0) + mu w, s = sc0 + mu w for chroma. Every sum (r.s, s.s, r.r) is then a quadratic in mu, and
    the frame enters only through dot products of the centre tile with fixed vectors (one matrix product)."""

    def __init__(self, m: _Model) -> None:
        tl, tc, vig = TINT @ LUMA, TINT - TINT @ LUMA, m.vignette[31]
        t_l, t_c = m.t_luma[m.player], m.t_chroma[m.player]
        P = len(t_l)
        b0, v, s0 = 0.5 * (t_l + tl), vig * 0.5 * (NOISE_MEAN - t_l), 0.5 * (t_l - tl)
        c0 = (0.5 * (0.4 * t_c + tc)).reshape(P, -1)
        w, sc0 = (0.2 * vig[:, None] * t_c).reshape(P, -1), t_c.reshape(P, -1) - c0

        def dot(a, b):
            return (a * b).sum(-1)
        # with chroma: rows [luma; chroma] -> [r.s at mu=0 | d(r.s)/dmu | r.r at mu=0 without x.x], then constants
        self.full = np.ascontiguousarray(np.block([[s0.T, -v.T, -2 * b0.T], [sc0.T, w.T, -2 * c0.T]]))
        self.full_const = (-dot(b0, s0) - dot(c0, sc0), dot(b0, v) - dot(v, s0) - dot(c0, w) + dot(w, sc0),
                           dot(b0, b0) + dot(c0, c0), 2 * (dot(b0, v) - dot(c0, w)),
                           dot(s0, s0) + dot(sc0, sc0), 2 * (dot(sc0, w) - dot(s0, v)), dot(v, v) + dot(w, w))
        self.luma = np.ascontiguousarray(np.concatenate([s0, -v, -2 * b0], 0).T)
        self.luma_const = (-dot(b0, s0), dot(b0, v) - dot(v, s0), dot(b0, b0), 2 * dot(b0, v),
                           dot(s0, s0), -2 * dot(s0, v), dot(v, v))
        self.p = P


def estimate_daylight(m: _Model, luma: np.ndarray, chroma: np.ndarray | None) -> float:
    """Fit d on the centre tile (always the player, barely touched by noise) by least squares per
    player template; the best-fitting template's d wins. Iterated because the noise mix depends on d."""
    t, P = m.dusk, m.dusk.p
    if chroma is None:
        x, proj, const = luma, t.luma, t.luma_const
    else:
        x, proj, const = np.concatenate([luma, chroma.ravel()]), t.full, t.full_const
    rs0, rs1, rr0, rr1, ss0, ss1, mu2 = const
    f = x @ proj
    rs0 = f[:P] + rs0  # r.s = rs0 + mu rs1 + mu^2 mu2
    rr0 = f[2 * P:] + (x @ x + rr0)  # r.r = rr0 + mu (2 rs1-part + rr1) + mu^2 mu2
    d = best_fit(rs0, ss0, rr0)
    if d < 0.5:  # noise mixed in: refit at its share (the slopes in mu are only needed here), the sums as one stack
        rs1 = f[P: 2 * P] + rs1
        c0, c1 = np.array([rs0, ss0, rr0]), np.array([rs1, ss1, 2 * f[P: 2 * P] + rr1])
        for _ in range(3):
            mu = 2 * (0.5 - d)
            d = best_fit(*(c0 + mu * (c1 + mu * mu2)))
            if d >= 0.5:
                break
    return d


def best_fit(rs: np.ndarray, s2: np.ndarray, r2: np.ndarray) -> float:
    """The daylight of the player template with the smallest residual, given r.s, s.s and r.r per template."""
    dd = np.minimum(np.maximum(rs / (s2 + 1e-9), 0.0), 1.0)
    err = r2 - 2 * dd * rs + dd * dd * s2
    return float(dd[err.argmin()])
