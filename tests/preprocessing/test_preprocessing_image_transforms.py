"""Tests of the image conversions and transformations of
keras.preprocessing.image (Pillow is needed: requirements-test.txt)."""
import numpy as np
import pytest

from keras.preprocessing import image
from keras.preprocessing import image_utils

pytest.importorskip('PIL', reason='Pillow is a test requirement '
                    '(requirements-test.txt); image files need it')


def _rgb(h=6, w=5, seed=0):
    return np.random.RandomState(seed).randint(0, 256, (h, w, 3)).astype(
        'float32')


def test_array_to_img_and_back_channels_last_and_first():
    x = _rgb()
    x[0, 0] = [0, 0, 0]
    x[0, 1] = [255, 255, 255]
    img = image.array_to_img(x, data_format='channels_last')
    assert img.mode == 'RGB' and img.size == (5, 6)
    np.testing.assert_allclose(
        image.img_to_array(img, data_format='channels_last'), x)
    xf = x.transpose(2, 0, 1)
    img = image.array_to_img(xf, data_format='channels_first')
    back = image.img_to_array(img, data_format='channels_first')
    assert back.shape == (3, 6, 5)
    np.testing.assert_allclose(back, xf)


def test_array_to_img_scaling_and_modes():
    x = np.array([[[-1.], [0.]], [[1.], [3.]]])
    img = image.array_to_img(x)
    assert img.mode == 'L'
    np.testing.assert_array_equal(image.img_to_array(img)[:, :, 0],
                                  [[0, 63], [127, 255]])
    raw = image.array_to_img(np.full((2, 2, 1), 7.), scale=False)
    assert image.img_to_array(raw).max() == 7
    big = image.array_to_img(np.full((2, 2, 1), 1000.), scale=False)
    assert big.mode == 'I'
    assert image.array_to_img(np.zeros((2, 2, 4))).mode == 'RGBA'
    assert image.img_to_array(image.array_to_img(np.zeros((2, 2, 1)))
                              ).max() == 0


def test_array_to_img_img_to_array_errors():
    with pytest.raises(ValueError, match='rank 3'):
        image.array_to_img(np.zeros((2, 2)))
    with pytest.raises(ValueError, match='channel number'):
        image.array_to_img(np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match='data_format'):
        image.array_to_img(np.zeros((2, 2, 3)), data_format='nchw')
    with pytest.raises(ValueError, match='Unsupported image shape'):
        image.img_to_array(np.zeros((2, 2, 2, 2)))
    gray = image.img_to_array(np.zeros((3, 4)), data_format='channels_first')
    assert gray.shape == (1, 3, 4)


def test_save_and_load_img(tmp_path):
    x = _rgb(8, 6)
    path = str(tmp_path / 'a.png')
    image.save_img(path, x, scale=False)
    img = image.load_img(path)
    assert img.mode == 'RGB' and img.size == (6, 8)
    np.testing.assert_allclose(image.img_to_array(img), x)

    gray = image.load_img(path, color_mode='grayscale')
    assert image.img_to_array(gray).shape == (8, 6, 1)
    with pytest.warns(UserWarning, match='grayscale is deprecated'):
        assert image.load_img(path, grayscale=True).mode == 'L'
    assert image.load_img(path, color_mode='rgba').mode == 'RGBA'

    small = image.load_img(path, target_size=(4, 3))
    assert small.size == (3, 4)
    np.testing.assert_allclose(image.img_to_array(small), x[1::2, 1::2])
    bil = image.load_img(path, target_size=(4, 3), interpolation='bilinear')
    assert bil.size == (3, 4)
    with pytest.raises(ValueError, match='Invalid interpolation'):
        image.load_img(path, target_size=(4, 3), interpolation='magic')
    with pytest.raises(ValueError, match='color_mode'):
        image.load_img(path, color_mode='cmyk')

    jpg = str(tmp_path / 'b.jpg')
    with pytest.warns(UserWarning, match='RGBA'):
        image.save_img(jpg, np.zeros((4, 4, 4)), file_format='jpeg')
    assert image.load_img(jpg).size == (4, 4)
    assert image.list_pictures(str(tmp_path)) != []


def test_pillow_missing_gives_clear_error(monkeypatch):
    monkeypatch.setattr(image_utils, 'pil_image', None)
    with pytest.raises(ImportError, match='pillow'):
        image.array_to_img(np.zeros((2, 2, 3)))
    with pytest.raises(ImportError, match='pillow'):
        image.load_img('whatever.png')


def test_affine_shift_matches_numpy():
    x = np.arange(20.).reshape(4, 5, 1)
    # tx shifts rows: output row i reads input row i + tx.
    out = image.apply_affine_transform(x, tx=1, fill_mode='constant',
                                       cval=-1., order=0)
    np.testing.assert_allclose(out[:3], x[1:])
    np.testing.assert_allclose(out[3], -1.)
    out = image.apply_affine_transform(x, ty=-2, fill_mode='nearest',
                                       order=0)
    np.testing.assert_allclose(out[:, 2:], x[:, :3])
    np.testing.assert_allclose(out[:, :2], np.repeat(x[:, :1], 2, axis=1))
    assert image.apply_affine_transform(x) is x


def test_affine_rotation_zoom_layouts_agree():
    x = np.random.RandomState(1).rand(6, 6, 2)
    params = dict(theta=90, zx=0.5, zy=0.5, shear=10)
    last = image.apply_affine_transform(x, **params)
    first = image.apply_affine_transform(x.transpose(2, 0, 1), row_axis=1,
                                         col_axis=2, channel_axis=0,
                                         **params)
    np.testing.assert_allclose(first.transpose(1, 2, 0), last)
    # A rotation by 360 degrees is the identity.
    np.testing.assert_allclose(image.apply_affine_transform(x, theta=360),
                               x, atol=1e-6)
    # Constant image: every transform keeps it with fill_mode nearest.
    const = np.full((5, 5, 1), 3.)
    np.testing.assert_allclose(
        image.apply_affine_transform(const, theta=33, zx=1.4, zy=0.8), 3.)


def test_channel_and_brightness_shift():
    x = np.stack([np.zeros((2, 2)), np.full((2, 2), 10.)], axis=-1)
    out = image.apply_channel_shift(x, 4., channel_axis=2)
    np.testing.assert_allclose(out[..., 0], 4.)
    np.testing.assert_allclose(out[..., 1], 10.)  # clipped to the max
    rgb = _rgb()
    rgb[0, 0] = 0
    rgb[0, 1] = 255
    np.testing.assert_allclose(image.apply_brightness_shift(rgb, 1.), rgb)
    dark = image.apply_brightness_shift(rgb, 0.)
    np.testing.assert_allclose(dark, 0.)


def test_random_transforms_shapes_seeds_and_errors():
    x = np.random.RandomState(0).rand(3, 8, 8)  # channels first
    for fn, arg in ((image.random_rotation, 30),
                    (image.random_shear, 20),
                    (image.random_zoom, (0.5, 1.5))):
        np.random.seed(7)
        a = fn(x, arg)
        np.random.seed(7)
        b = fn(x, arg)
        assert a.shape == x.shape
        np.testing.assert_allclose(a, b)
    assert image.random_shift(x, 0.2, 0.2).shape == x.shape
    np.testing.assert_allclose(image.random_zoom(x, (1, 1)), x)
    shifted = image.random_channel_shift(x, 0.5, channel_axis=0)
    assert shifted.min() >= x.min() and shifted.max() <= x.max()
    rgb = _rgb().transpose(2, 0, 1)
    assert image.random_brightness(rgb.transpose(1, 2, 0),
                                   (0.5, 1.5)).shape == (6, 5, 3)
    with pytest.raises(ValueError, match='zoom_range'):
        image.random_zoom(x, 0.5)
    with pytest.raises(ValueError, match='brightness_range'):
        image.random_brightness(x, (0.5,))
