"""Image file helpers: Pillow images <-> Numpy arrays, loading and saving
pictures, and listing the pictures of a directory tree.

Pillow is optional: importing this module works without it; the functions
that need it raise an `ImportError` that names it.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import io
import os
import warnings

import numpy as np

from .. import backend as K

try:
    from PIL import Image as pil_image
    from PIL import ImageEnhance
except ImportError:  # pragma: no cover - exercised only without Pillow
    pil_image = None
    ImageEnhance = None


def _interpolation_methods():
    if pil_image is None:
        return {}
    resampling = getattr(pil_image, 'Resampling', pil_image)
    names = ('nearest', 'bilinear', 'bicubic', 'hamming', 'box', 'lanczos')
    return {name: getattr(resampling, name.upper()) for name in names
            if hasattr(resampling, name.upper())}


_PIL_INTERPOLATION_METHODS = _interpolation_methods()

_COLOR_MODES = {'grayscale': ('L', 'I;16', 'I'),
                'rgb': ('RGB',),
                'rgba': ('RGBA',)}


def require_pillow(what):
    """Raises an `ImportError` naming Pillow when it is not installed.

    # Arguments
        what: what needs Pillow, for the message.
    """
    if pil_image is None:
        raise ImportError('Could not import PIL.Image. %s requires Pillow: '
                          'install it with `pip install pillow`.' % what)


def _resolve_data_format(data_format):
    data_format = K.normalize_data_format(data_format)
    if data_format not in {'channels_first', 'channels_last'}:
        raise ValueError('Invalid data_format: %r; expected '
                         '"channels_first" or "channels_last".'
                         % (data_format,))
    return data_format


def array_to_img(x, data_format=None, scale=True, dtype=None):
    """Converts a 3D Numpy array to a PIL Image instance.

    # Arguments
        x: Input Numpy array.
        data_format: Image data format, either "channels_first" or
            "channels_last" (default: `K.image_data_format()`).
        scale: Whether to rescale image values to be within `[0, 255]`.
        dtype: Dtype to use (default: `K.floatx()`).

    # Returns
        A PIL Image instance.

    # Raises
        ImportError: if Pillow is not available.
        ValueError: if invalid `x` or `data_format` is passed.
    """
    require_pillow('`array_to_img`')
    data_format = _resolve_data_format(data_format)
    x = np.asarray(x, dtype=dtype or K.floatx())
    if x.ndim != 3:
        raise ValueError('Expected image array to have rank 3 (single '
                         'image). Got array with shape: %s' % (x.shape,))
    if data_format == 'channels_first':
        x = x.transpose(1, 2, 0)
    if scale:
        x = x + max(-np.min(x), 0)
        x_max = np.max(x)
        if x_max != 0:
            x = x / x_max
        x = x * 255
    channels = x.shape[2]
    if channels == 4:
        return pil_image.fromarray(x.astype('uint8'), 'RGBA')
    if channels == 3:
        return pil_image.fromarray(x.astype('uint8'), 'RGB')
    if channels == 1:
        if np.max(x) > 255:
            # 32-bit signed integer grayscale image (PIL mode "I").
            return pil_image.fromarray(x[:, :, 0].astype('int32'), 'I')
        return pil_image.fromarray(x[:, :, 0].astype('uint8'), 'L')
    raise ValueError('Unsupported channel number: %s; expected 1, 3 or 4.'
                     % (channels,))


def img_to_array(img, data_format=None, dtype=None):
    """Converts a PIL Image instance to a Numpy array.

    # Arguments
        img: PIL Image instance.
        data_format: Image data format,
            either "channels_first" or "channels_last"
            (default: `K.image_data_format()`).
        dtype: Dtype to use for the returned array (default: `K.floatx()`).

    # Returns
        A 3D Numpy array.

    # Raises
        ValueError: if invalid `img` or `data_format` is passed.
    """
    data_format = _resolve_data_format(data_format)
    x = np.asarray(img, dtype=dtype or K.floatx())
    if x.ndim == 2:
        x = x[:, :, np.newaxis]
    elif x.ndim != 3:
        raise ValueError('Unsupported image shape: %s' % (x.shape,))
    if data_format == 'channels_first':
        x = x.transpose(2, 0, 1)
    return x


def save_img(path, x, data_format=None, file_format=None, scale=True,
             **kwargs):
    """Saves an image stored as a Numpy array to a path or file object.

    # Arguments
        path: Path or file object.
        x: Numpy array.
        data_format: Image data format,
            either "channels_first" or "channels_last".
        file_format: Optional file format override. If omitted, the
            format to use is determined from the filename extension.
            If a file object was used instead of a filename, this
            parameter should always be used.
        scale: Whether to rescale image values to be within `[0, 255]`.
        **kwargs: Additional keyword arguments passed to `PIL.Image.save()`.
    """
    img = array_to_img(x, data_format=data_format, scale=scale)
    if img.mode == 'RGBA' and file_format in ('jpg', 'jpeg'):
        warnings.warn('The JPG format does not support '
                      'RGBA images, converting to RGB.')
        img = img.convert('RGB')
    if file_format in ('jpg',):
        file_format = 'jpeg'
    img.save(path, format=file_format, **kwargs)


def load_img(path, grayscale=False, color_mode='rgb', target_size=None,
             interpolation='nearest'):
    """Loads an image into PIL format.

    # Arguments
        path: Path to image file.
        grayscale: DEPRECATED use `color_mode="grayscale"`.
        color_mode: One of "grayscale", "rgb", "rgba". Default: "rgb".
            The desired image format.
        target_size: Either `None` (default to original size)
            or tuple of ints `(img_height, img_width)`.
        interpolation: Interpolation method used to resample the image if the
            target size is different from that of the loaded image.
            Supported methods are "nearest", "bilinear", and "bicubic".
            If PIL version 1.1.3 or newer is installed, "lanczos" is also
            supported. If PIL version 3.4.0 or newer is installed, "box" and
            "hamming" are also supported. By default, "nearest" is used.

    # Returns
        A PIL Image instance.

    # Raises
        ImportError: if PIL is not available.
        ValueError: if interpolation method is not supported.
    """
    if grayscale is True:
        warnings.warn('grayscale is deprecated. Please use '
                      'color_mode = "grayscale"')
        color_mode = 'grayscale'
    if color_mode not in _COLOR_MODES:
        raise ValueError('color_mode must be "grayscale", "rgb", or "rgba", '
                         'got %r.' % (color_mode,))
    require_pillow('`load_img`')
    with open(path, 'rb') as f:
        img = pil_image.open(io.BytesIO(f.read()))
    if img.mode not in _COLOR_MODES[color_mode]:
        img = img.convert(_COLOR_MODES[color_mode][0])
    if target_size is not None:
        width_height = (target_size[1], target_size[0])
        if img.size != width_height:
            if interpolation not in _PIL_INTERPOLATION_METHODS:
                raise ValueError(
                    'Invalid interpolation method {} specified. Supported '
                    'methods are {}'.format(
                        interpolation,
                        ', '.join(_PIL_INTERPOLATION_METHODS.keys())))
            img = img.resize(width_height,
                             _PIL_INTERPOLATION_METHODS[interpolation])
    return img


def list_pictures(directory, ext=('jpg', 'jpeg', 'bmp', 'png', 'ppm', 'tif',
                                  'tiff')):
    """Lists all pictures in a directory, including all subdirectories.

    # Arguments
        directory: string, absolute path to the directory
        ext: tuple of strings or single string, extensions of the pictures

    # Returns
        a list of paths
    """
    ext = tuple('.%s' % e for e in ((ext,) if isinstance(ext, str) else ext))
    return [os.path.join(root, f)
            for root, _, files in os.walk(directory) for f in files
            if f.lower().endswith(ext)]


def _extensions(white_list_formats):
    return tuple('.' + fmt.lstrip('.').lower() for fmt in white_list_formats)


def iter_valid_files(directory, white_list_formats, follow_links):
    """Iterates on files with extension in `white_list_formats` contained in
    `directory`, in sorted order.

    # Arguments
        directory: Absolute path to the directory
            containing files to be counted
        white_list_formats: Set of strings containing allowed extensions for
            the files to be counted.
        follow_links: Boolean, follow symbolic links to subdirectories.

    # Yields
        Tuple of (root, filename) with extension in `white_list_formats`.
    """
    extensions = _extensions(white_list_formats)
    walk = os.walk(directory, followlinks=follow_links)
    for root, _, files in sorted(walk, key=lambda entry: entry[0]):
        for fname in sorted(files):
            if fname.lower().endswith('.tiff'):
                warnings.warn('Using ".tiff" files with multiple bands '
                              'will cause distortion. Please verify your '
                              'output.')
            if fname.lower().endswith(extensions):
                yield root, fname


def list_valid_filenames_in_directory(directory, white_list_formats, split,
                                      class_indices, follow_links):
    """Lists paths of files in `subdir` with extensions in
    `white_list_formats`.

    # Arguments
        directory: absolute path to a directory containing the files to list.
            The directory name is used as class label
            and must be a key of `class_indices`.
        white_list_formats: set of strings containing allowed extensions for
            the files to be counted.
        split: tuple of floats (e.g. `(0.2, 0.6)`) to only take into
            account a certain fraction of files in each directory.
            E.g.: `segment=(0.6, 1.0)` would only account for last 40 percent
            of images in each directory.
        class_indices: dictionary mapping a class name to its index.
        follow_links: boolean, follow symbolic links to subdirectories.

    # Returns
         classes: a list of class indices
         filenames: the path of valid files in `directory`, relative from
             `directory`'s parent (e.g., if `directory` is "dataset/class1",
            the filenames will be
            `["class1/file1.jpg", "class1/file2.jpg", ...]`).
    """
    dirname = os.path.basename(directory)
    valid_files = list(iter_valid_files(directory, white_list_formats,
                                        follow_links))
    if split:
        num_files = len(valid_files)
        start, stop = int(split[0] * num_files), int(split[1] * num_files)
        valid_files = valid_files[start:stop]
    filenames = [os.path.join(dirname,
                              os.path.relpath(os.path.join(root, fname),
                                              directory))
                 for root, fname in valid_files]
    return [class_indices[dirname]] * len(filenames), filenames


def validate_filename(filename, white_list_formats):
    """Checks if a filename refers to a valid file.

    # Arguments
        filename: String, absolute path to a file
        white_list_formats: Set, allowed file extensions

    # Returns
        A boolean value indicating if the filename is valid or not
    """
    return (filename.lower().endswith(_extensions(white_list_formats)) and
            os.path.isfile(filename))

