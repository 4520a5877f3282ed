import numpy as np
import pytest
from PIL import Image

from perception.images import cell_box, crafter_view_box, crop, draw_grid, frame_hash, from_data_url, to_data_url, zoom


@pytest.fixture
def img():
    rng = np.random.default_rng(0)
    return Image.fromarray(rng.integers(0, 255, (64, 64, 3), dtype=np.uint8))


def test_grid_lines_change_pixels_on_cell_borders(img):
    plain = Image.new("RGB", (90, 70), (0, 0, 0))
    out = np.asarray(draw_grid(plain, grid=(9, 7), labels=False, min_cell=10))
    assert out.shape == (70, 90, 3)
    assert (out[:, 10] == (255, 255, 0)).all() and (out[20] == (255, 255, 0)).all()
    assert (out[5, 5] == 0).all()
    labelled = np.asarray(draw_grid(plain, grid=(9, 7), labels=True, min_cell=10))
    assert (labelled != out).any()


def test_grid_enlarges_small_frames(img):
    assert draw_grid(img, grid=(9, 9)).size == (320, 320)


def test_cell_index_is_row_major():
    box = (0, 0, 90, 70)
    assert cell_box(23, grid=(9, 7), box=box) == (50, 20, 60, 30)
    assert cell_box((5, 2), grid=(9, 7), box=box) == cell_box(23, grid=(9, 7), box=box)
    with pytest.raises(ValueError):
        cell_box(63, grid=(9, 7), box=box)


def test_zoom_size_and_content(img):
    box = crafter_view_box(img)
    assert box == (0, 0, 63, 49)
    out = zoom(img, [22, 23], grid=(9, 7), scale=4, box=box)
    assert out.size == (2 * 7 * 4, 7 * 4)
    assert np.array_equal(np.asarray(out)[::4, ::4], np.asarray(crop(img, (28, 14, 42, 21))))


def test_data_url_round_trip_and_hash(img):
    url = to_data_url(img)
    assert url.startswith("data:image/png;base64,")
    back = from_data_url(url)
    assert frame_hash(back) == frame_hash(img) == frame_hash(img.copy())
    other = img.copy()
    other.putpixel((0, 0), (1, 2, 3) if img.getpixel((0, 0)) != (1, 2, 3) else (4, 5, 6))
    assert frame_hash(other) != frame_hash(img)
    with pytest.raises(ValueError):
        from_data_url("http://example.com/a.png")
