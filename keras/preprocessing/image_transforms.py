"""Geometric and colour transformations of single images (Numpy arrays):
affine transforms (rotation, shift, shear, zoom) through
`scipy.ndimage.affine_transform`, channel shifts, brightness, flips."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import numpy as np

from .image_utils import ImageEnhance
from .image_utils import array_to_img
from .image_utils import img_to_array
from .image_utils import require_pillow

try:
    from scipy import ndimage
except ImportError:  # pragma: no cover - scipy is a dependency
    ndimage = None


def _check_range_pair(name, value):
    if not isinstance(value, (tuple, list, np.ndarray)) or len(value) != 2:
        raise ValueError('`%s` should be a tuple or list of two floats. '
                         'Received: %s' % (name, value))


def random_rotation(x, rg, row_axis=1, col_axis=2, channel_axis=0,
                    fill_mode='nearest', cval=0., interpolation_order=1):
    """Performs a random rotation of a Numpy image tensor.

    # Arguments
        x: Input tensor. Must be 3D.
        rg: Rotation range, in degrees.
        row_axis: Index of axis for rows in the input tensor.
        col_axis: Index of axis for columns in the input tensor.
        channel_axis: Index of axis for channels in the input tensor.
        fill_mode: Points outside the boundaries of the input
            are filled according to the given mode
            (one of `{'constant', 'nearest', 'reflect', 'wrap'}`).
        cval: Value used for points outside the boundaries
            of the input if `mode='constant'`.
        interpolation_order: int, order of spline interpolation.
            see `ndimage.interpolation.affine_transform`

    # Returns
        Rotated Numpy image tensor.
    """
    theta = np.random.uniform(-rg, rg)
    return apply_affine_transform(x, theta=theta, row_axis=row_axis,
                                  col_axis=col_axis,
                                  channel_axis=channel_axis,
                                  fill_mode=fill_mode, cval=cval,
                                  order=interpolation_order)


def random_shift(x, wrg, hrg, row_axis=1, col_axis=2, channel_axis=0,
                 fill_mode='nearest', cval=0., interpolation_order=1):
    """Performs a random spatial shift of a Numpy image tensor.

    # Arguments
        x: Input tensor. Must be 3D.
        wrg: Width shift range, as a float fraction of the width.
        hrg: Height shift range, as a float fraction of the height.
        row_axis: Index of axis for rows in the input tensor.
        col_axis: Index of axis for columns in the input tensor.
        channel_axis: Index of axis for channels in the input tensor.
        fill_mode: Points outside the boundaries of the input
            are filled according to the given mode
            (one of `{'constant', 'nearest', 'reflect', 'wrap'}`).
        cval: Value used for points outside the boundaries
            of the input if `mode='constant'`.
        interpolation_order: int, order of spline interpolation.

    # Returns
        Shifted Numpy image tensor.
    """
    h, w = x.shape[row_axis], x.shape[col_axis]
    tx = np.random.uniform(-hrg, hrg) * h
    ty = np.random.uniform(-wrg, wrg) * w
    return apply_affine_transform(x, tx=tx, ty=ty, row_axis=row_axis,
                                  col_axis=col_axis,
                                  channel_axis=channel_axis,
                                  fill_mode=fill_mode, cval=cval,
                                  order=interpolation_order)


def random_shear(x, intensity, row_axis=1, col_axis=2, channel_axis=0,
                 fill_mode='nearest', cval=0., interpolation_order=1):
    """Performs a random spatial shear of a Numpy image tensor.

    # Arguments
        x: Input tensor. Must be 3D.
        intensity: Transformation intensity in degrees.
        row_axis: Index of axis for rows in the input tensor.
        col_axis: Index of axis for columns in the input tensor.
        channel_axis: Index of axis for channels in the input tensor.
        fill_mode: Points outside the boundaries of the input
            are filled according to the given mode
            (one of `{'constant', 'nearest', 'reflect', 'wrap'}`).
        cval: Value used for points outside the boundaries
            of the input if `mode='constant'`.
        interpolation_order: int, order of spline interpolation.

    # Returns
        Sheared Numpy image tensor.
    """
    shear = np.random.uniform(-intensity, intensity)
    return apply_affine_transform(x, shear=shear, row_axis=row_axis,
                                  col_axis=col_axis,
                                  channel_axis=channel_axis,
                                  fill_mode=fill_mode, cval=cval,
                                  order=interpolation_order)


def random_zoom(x, zoom_range, row_axis=1, col_axis=2, channel_axis=0,
                fill_mode='nearest', cval=0., interpolation_order=1):
    """Performs a random spatial zoom of a Numpy image tensor.

    # Arguments
        x: Input tensor. Must be 3D.
        zoom_range: Tuple of floats; zoom range for width and height.
        row_axis: Index of axis for rows in the input tensor.
        col_axis: Index of axis for columns in the input tensor.
        channel_axis: Index of axis for channels in the input tensor.
        fill_mode: Points outside the boundaries of the input
            are filled according to the given mode
            (one of `{'constant', 'nearest', 'reflect', 'wrap'}`).
        cval: Value used for points outside the boundaries
            of the input if `mode='constant'`.
        interpolation_order: int, order of spline interpolation.

    # Returns
        Zoomed Numpy image tensor.

    # Raises
        ValueError: if `zoom_range` isn't a tuple.
    """
    _check_range_pair('zoom_range', zoom_range)
    if zoom_range[0] == 1 and zoom_range[1] == 1:
        zx, zy = 1, 1
    else:
        zx, zy = np.random.uniform(zoom_range[0], zoom_range[1], 2)
    return apply_affine_transform(x, zx=zx, zy=zy, row_axis=row_axis,
                                  col_axis=col_axis,
                                  channel_axis=channel_axis,
                                  fill_mode=fill_mode, cval=cval,
                                  order=interpolation_order)


def apply_channel_shift(x, intensity, channel_axis=0):
    """Performs a channel shift.

    Adds `intensity` to every channel, clipped to the range of the image.

    # Arguments
        x: Input tensor. Must be 3D.
        intensity: Transformation intensity.
        channel_axis: Index of axis for channels in the input tensor.

    # Returns
        Numpy image tensor.
    """
    min_x, max_x = np.min(x), np.max(x)
    return np.clip(x + intensity, min_x, max_x)


def random_channel_shift(x, intensity_range, channel_axis=0):
    """Performs a random channel shift.

    # Arguments
        x: Input tensor. Must be 3D.
        intensity_range: Transformation intensity.
        channel_axis: Index of axis for channels in the input tensor.

    # Returns
        Numpy image tensor.
    """
    intensity = np.random.uniform(-intensity_range, intensity_range)
    return apply_channel_shift(x, intensity, channel_axis=channel_axis)


def apply_brightness_shift(x, brightness):
    """Performs a brightness shift.

    The image is rescaled to `[0, 255]` (see `array_to_img`), enhanced by
    Pillow's `ImageEnhance.Brightness`, and converted back.

    # Arguments
        x: Input tensor. Must be 3D (channels last).
        brightness: Float. The new brightness value (1.0: unchanged).

    # Returns
        Numpy image tensor.

    # Raises
        ImportError: if Pillow is not available.
    """
    require_pillow('Using brightness shifts')
    img = array_to_img(x, data_format='channels_last')
    img = ImageEnhance.Brightness(img).enhance(brightness)
    return img_to_array(img, data_format='channels_last')


def random_brightness(x, brightness_range):
    """Performs a random brightness shift.

    # Arguments
        x: Input tensor. Must be 3D.
        brightness_range: Tuple of floats; brightness range.

    # Returns
        Numpy image tensor.

    # Raises
        ValueError: if `brightness_range` isn't a tuple.
    """
    _check_range_pair('brightness_range', brightness_range)
    u = np.random.uniform(brightness_range[0], brightness_range[1])
    return apply_brightness_shift(x, u)


def transform_matrix_offset_center(matrix, x, y):
    """Moves the origin of a 3x3 homogeneous transform to the centre of an
    `x` by `y` image."""
    o_x = float(x) / 2 + 0.5
    o_y = float(y) / 2 + 0.5
    offset_matrix = np.array([[1, 0, o_x], [0, 1, o_y], [0, 0, 1]])
    reset_matrix = np.array([[1, 0, -o_x], [0, 1, -o_y], [0, 0, 1]])
    return np.dot(np.dot(offset_matrix, matrix), reset_matrix)


def _affine_matrix(theta, tx, ty, shear, zx, zy):
    """The 3x3 matrix of rotation, shift, shear then zoom (degrees), or
    None when the transform is the identity."""
    parts = []
    if theta != 0:
        theta = np.deg2rad(theta)
        parts.append([[np.cos(theta), -np.sin(theta), 0],
                      [np.sin(theta), np.cos(theta), 0],
                      [0, 0, 1]])
    if tx != 0 or ty != 0:
        parts.append([[1, 0, tx], [0, 1, ty], [0, 0, 1]])
    if shear != 0:
        shear = np.deg2rad(shear)
        parts.append([[1, -np.sin(shear), 0],
                      [0, np.cos(shear), 0],
                      [0, 0, 1]])
    if zx != 1 or zy != 1:
        parts.append([[zx, 0, 0], [0, zy, 0], [0, 0, 1]])
    if not parts:
        return None
    matrix = np.array(parts[0], dtype='float64')
    for part in parts[1:]:
        matrix = np.dot(matrix, np.array(part, dtype='float64'))
    return matrix


def apply_affine_transform(x, theta=0, tx=0, ty=0, shear=0, zx=1, zy=1,
                           row_axis=0, col_axis=1, channel_axis=2,
                           fill_mode='nearest', cval=0., order=1):
    """Applies an affine transformation specified by the parameters given.

    The output pixel at `p` (row, column, relative to the image centre) is
    the input sampled at `M p + (tx, ty)`, with `M` the product of the
    rotation, shear and zoom matrices, so `tx` > 0 moves the content up.

    # Arguments
        x: 3D numpy array - a 2D image with one or more channels.
        theta: Rotation angle in degrees.
        tx: Width shift.
        ty: Heigh shift.
        shear: Shear angle in degrees.
        zx: Zoom in x direction.
        zy: Zoom in y direction
        row_axis: Index of axis for rows (aka Y axis) in the input image.
            Direction: left to right.
        col_axis: Index of axis for columns (aka X axis) in the input image.
            Direction: top to bottom.
        channel_axis: Index of axis for channels in the input image.
        fill_mode: Points outside the boundaries of the input
            are filled according to the given mode
            (one of `{'constant', 'nearest', 'reflect', 'wrap'}`).
        cval: Value used for points outside the boundaries
            of the input if `mode='constant'`.
        order: int, order of interpolation

    # Returns
        The transformed version of the input.

    # Raises
        ImportError: if SciPy is not available.
    """
    if ndimage is None:
        raise ImportError('Image transformations require SciPy. '
                          'Install SciPy.')
    matrix = _affine_matrix(theta, tx, ty, shear, zx, zy)
    if matrix is None:
        return x
    h, w = x.shape[row_axis], x.shape[col_axis]
    matrix = transform_matrix_offset_center(matrix, h, w)
    # Bring the image to (channel, row, column) whatever its layout.
    planes = np.transpose(x, (channel_axis, row_axis, col_axis))
    transformed = np.stack(
        [ndimage.affine_transform(plane, matrix[:2, :2], matrix[:2, 2],
                                  order=order, mode=fill_mode, cval=cval)
         for plane in planes], axis=0)
    return np.transpose(transformed,
                        np.argsort((channel_axis, row_axis, col_axis)))


def flip_axis(x, axis):
    """Reverses `x` along `axis`."""
    return np.flip(np.asarray(x), axis=axis)
