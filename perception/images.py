"""Image tools for active perception: crop, zoom to grid cells, Set-of-Mark grid, hashes, data URLs.

Grid cells are numbered row-major: cell index = row * cols + col, (0, 0) top-left. A grid covers
`box` (left, top, right, bottom) in pixels, by default the whole image; for Crafter frames use
`crafter_view_box(img)` so cells coincide with the 9x7 local-view tiles.
"""
from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Iterable

from PIL import Image, ImageDraw

Box = tuple[int, int, int, int]


def crafter_view_box(img: Image.Image, *, view: tuple[int, int] = (9, 9), local_rows: int = 7) -> Box:
    """Pixel box of Crafter's local view (the top 9x7 of its 9x9 unit layout, centred like crafter)."""
    w, h = img.size
    uw, uh = w // view[0], h // view[1]
    left, top = (w - uw * view[0]) // 2, (h - uh * view[1]) // 2
    return left, top, left + uw * view[0], top + uh * local_rows


def crop(img: Image.Image, box: Box) -> Image.Image:
    """The pixels inside `box` = (left, top, right, bottom)."""
    return img.crop(tuple(int(v) for v in box))


def cell_box(index: int | tuple[int, int], *, grid: tuple[int, int], box: Box) -> Box:
    """Pixel box of one cell, given as an index (row * cols + col) or a (col, row) pair."""
    cols, rows = grid
    col, row = (index % cols, index // cols) if isinstance(index, int) else index
    if not (0 <= col < cols and 0 <= row < rows):
        raise ValueError(f"cell {index} outside a {cols}x{rows} grid")
    left, top, right, bottom = box
    cw, ch = (right - left) / cols, (bottom - top) / rows
    return (round(left + col * cw), round(top + row * ch), round(left + (col + 1) * cw), round(top + (row + 1) * ch))


def zoom(img: Image.Image, cells: int | tuple[int, int] | Iterable, *, grid: tuple[int, int] = (9, 7),
         scale: int = 4, box: Box | None = None) -> Image.Image:
    """Crop to the bounding box of the given grid cells and enlarge by `scale` (nearest, keeps texels crisp)."""
    box = box or (0, 0, *img.size)
    if isinstance(cells, int) or (isinstance(cells, tuple) and len(cells) == 2 and all(isinstance(c, int) for c in cells)):
        cells = [cells]
    boxes = [cell_box(c, grid=grid, box=box) for c in cells]
    if not boxes:
        raise ValueError("zoom needs at least one cell")
    region = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    out = crop(img, region)
    return out.resize((out.width * scale, out.height * scale), Image.NEAREST)


def draw_grid(img: Image.Image, *, grid: tuple[int, int] = (9, 7), labels: bool = True, box: Box | None = None,
              min_cell: int = 32, color: tuple[int, int, int] = (255, 255, 0)) -> Image.Image:
    """Set-of-Mark overlay: grid lines plus each cell's index (row * cols + col) in its top-left corner.

    Small frames are first enlarged (nearest) so each cell is at least `min_cell` pixels and the
    labels stay legible to a vision model. Returns a new RGB image.
    """
    box = box or (0, 0, *img.size)
    cols, rows = grid
    cell = min((box[2] - box[0]) / cols, (box[3] - box[1]) / rows)
    k = max(1, int(-(-min_cell // max(cell, 1))))
    out = img.convert("RGB").resize((img.width * k, img.height * k), Image.NEAREST)
    box = tuple(v * k for v in box)
    draw = ImageDraw.Draw(out)
    for index in range(cols * rows):
        left, top, right, bottom = cell_box(index, grid=grid, box=box)
        draw.rectangle((left, top, right - 1, bottom - 1), outline=color)
        if labels:
            text = str(index)
            tw, th = draw.textbbox((0, 0), text)[2:]
            draw.rectangle((left + 1, top + 1, left + tw + 2, top + th + 2), fill=(0, 0, 0))
            draw.text((left + 2, top + 1), text, fill=color)
    return out


def frame_hash(img: Image.Image) -> str:
    """A stable short hash of mode, size and pixels (detects repeated or unchanged frames)."""
    digest = hashlib.sha1(f"{img.mode}{img.size}".encode())
    digest.update(img.tobytes())
    return digest.hexdigest()[:16]


def to_data_url(img: Image.Image, fmt: str = "PNG") -> str:
    """Encode an image as a `data:` URL, the form OpenAI-compatible servers accept as an image part."""
    buffer = io.BytesIO()
    img.save(buffer, format=fmt)
    return f"data:image/{fmt.lower()};base64,{base64.b64encode(buffer.getvalue()).decode()}"


def from_data_url(url: str) -> Image.Image:
    """Decode a `data:image/...;base64,` URL back to a PIL image."""
    header, _, payload = url.partition(",")
    if not header.startswith("data:image/") or ";base64" not in header:
        raise ValueError("not a base64 image data URL")
    img = Image.open(io.BytesIO(base64.b64decode(payload)))
    img.load()
    return img
