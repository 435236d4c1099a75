"""Utilities shared by the ImageNet models: input preprocessing, decoding of
predictions into class names, and input-shape validation."""
from __future__ import absolute_import, division, print_function

import json
import warnings

import numpy as np

from .. import backend as K
from ..utils.data_utils import get_file

CLASS_INDEX = None
CLASS_INDEX_PATH = ('https://storage.googleapis.com/download.tensorflow.org/'
                    'data/imagenet_class_index.json')
CLASS_INDEX_HASH = 'c2c37ea517e94d9795004a39431a14cb'

# Per-mode constants: (flip RGB to BGR, scale, mean, std), applied as
# ((x[flipped] / scale) - mean) / std.
_MODES = {
    'caffe': (True, 1., [103.939, 116.779, 123.68], None),
    'tf': (False, 127.5, [1., 1., 1.], None),
    'torch': (False, 255., [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
}


def _check_data_format(data_format):
    if data_format is None:
        data_format = K.image_data_format()
    if data_format not in {'channels_first', 'channels_last'}:
        raise ValueError('preprocess_input: unknown data_format ' +
                         str(data_format) + '; expected "channels_first" '
                         'or "channels_last".')
    return data_format


def _flip_channels(x, ndim, data_format):
    if data_format == 'channels_first':
        return x[::-1, ...] if ndim == 3 else x[:, ::-1, ...]
    return x[..., ::-1]


def _preprocess_numpy_input(x, data_format, mode):
    flip, scale, mean, std = _MODES[mode]
    if not issubclass(x.dtype.type, np.floating):
        x = x.astype(K.floatx(), copy=False)
    if flip:
        x = _flip_channels(x, x.ndim, data_format)
    else:
        x /= scale
    if data_format == 'channels_first' and x.ndim != 3:
        shape = (1, 3) + (1,) * (x.ndim - 2)
    elif data_format == 'channels_first':
        shape = (3, 1, 1)
    else:
        shape = (3,)
    x -= np.reshape(np.asarray(mean, dtype=x.dtype), shape)
    if std is not None:
        x /= np.reshape(np.asarray(std, dtype=x.dtype), shape)
    return x


def _preprocess_symbolic_input(x, data_format, mode):
    flip, scale, mean, std = _MODES[mode]
    if flip:
        x = _flip_channels(x, K.ndim(x), data_format)
    else:
        x = x / scale
    mean_tensor = K.constant(-np.array(mean), dtype=K.dtype(x))
    x = K.bias_add(x, mean_tensor, data_format)
    if std is not None:
        std_tensor = K.constant(np.array(std), dtype=K.dtype(x))
        if data_format == 'channels_first':
            std_tensor = K.reshape(std_tensor, (3,) + (1,) * (K.ndim(x) - 2))
        x = x / std_tensor
    return x


def preprocess_input(x, data_format=None, mode='caffe', **kwargs):
    """Preprocesses a tensor or Numpy array encoding a batch of images.

    # Arguments
        x: Input Numpy array or symbolic tensor, 3D or 4D (RGB images,
            values in [0, 255]).
            A floating point Numpy array is modified in place (as in Keras).
        data_format: Data format of the image tensor/array
            (default: `K.image_data_format()`).
        mode: One of "caffe", "tf" or "torch".
            - caffe: converts RGB to BGR, then zero-centers each color
                channel with respect to the ImageNet dataset, without scaling.
            - tf: scales pixels between -1 and 1, sample-wise.
            - torch: scales pixels between 0 and 1 and then normalizes each
                channel with respect to the ImageNet dataset.

    # Returns
        Preprocessed tensor or Numpy array.

    # Raises
        ValueError: In case of unknown `data_format` or `mode`.
    """
    data_format = _check_data_format(data_format)
    if mode not in _MODES:
        raise ValueError('preprocess_input: unknown mode ' + repr(mode) +
                         '; expected one of ' + str(sorted(_MODES)) + '.')
    if isinstance(x, np.ndarray):
        return _preprocess_numpy_input(x, data_format, mode)
    return _preprocess_symbolic_input(x, data_format, mode)


def _load_class_index():
    global CLASS_INDEX
    if CLASS_INDEX is None:
        fpath = get_file('imagenet_class_index.json', CLASS_INDEX_PATH,
                         cache_subdir='models', file_hash=CLASS_INDEX_HASH)
        with open(fpath) as f:
            CLASS_INDEX = json.load(f)
    return CLASS_INDEX


def decode_predictions(preds, top=5, **kwargs):
    """Decodes the prediction of an ImageNet model.

    The class index file (`imagenet_class_index.json`) is downloaded once
    into the Keras cache (`~/.keras/models`, or `$KERAS_HOME/models`).

    # Arguments
        preds: Numpy array encoding a batch of predictions, shape
            `(samples, 1000)`.
        top: Integer, how many top-guesses to return.

    # Returns
        A list of lists of top class prediction tuples
        `(class_name, class_description, score)`.
        One list of tuples per sample in batch input.

    # Raises
        ValueError: In case of invalid shape of the `preds` array
            (must be 2D with 1000 columns).
    """
    preds = np.asarray(preds)
    if preds.ndim != 2 or preds.shape[1] != 1000:
        raise ValueError('`decode_predictions` expects a batch of predictions '
                         '(i.e. a 2D array of shape (samples, 1000)). '
                         'Found array with shape: ' + str(preds.shape))
    class_index = _load_class_index()
    results = []
    for pred in preds:
        top_indices = pred.argsort()[-top:][::-1]
        result = [tuple(class_index[str(i)]) + (pred[i],) for i in top_indices]
        result.sort(key=lambda entry: entry[2], reverse=True)
        results.append(result)
    return results


def _default_shape(input_shape, default_size, data_format, weights):
    if weights != 'imagenet' and input_shape and len(input_shape) == 3:
        channels = input_shape[0] if data_format == 'channels_first' \
            else input_shape[-1]
        if channels not in {1, 3}:
            warnings.warn('This model usually expects 1 or 3 input channels. '
                          'However, it was passed an input_shape with ' +
                          str(channels) + ' input channels.')
    else:
        channels = 3
    if data_format == 'channels_first':
        return (channels, default_size, default_size)
    return (default_size, default_size, channels)


def _check_given_shape(input_shape, min_size, data_format, weights):
    if len(input_shape) != 3:
        raise ValueError('`input_shape` must be a tuple of three integers; '
                         'got `input_shape=' + str(input_shape) + '`')
    if data_format == 'channels_first':
        channels, sizes = input_shape[0], input_shape[1:]
    else:
        channels, sizes = input_shape[-1], input_shape[:2]
    if channels != 3 and weights == 'imagenet':
        raise ValueError('The input must have 3 channels; got '
                         '`input_shape=' + str(input_shape) + '`')
    if any(size is not None and size < min_size for size in sizes):
        raise ValueError('Input size must be at least ' + str(min_size) +
                         'x' + str(min_size) + '; got `input_shape=' +
                         str(input_shape) + '`')


def _obtain_input_shape(input_shape, default_size, min_size, data_format,
                        require_flatten, weights=None):
    """Computes and validates the input shape of an ImageNet model.

    # Arguments
        input_shape: Either None (the default shape is used) or a
            user-provided shape to validate.
        default_size: Default input width/height of the model.
        min_size: Minimum input width/height accepted by the model.
        data_format: Image data format to use.
        require_flatten: Whether the model is expected to be linked to a
            classifier via a Flatten layer (static shape needed).
        weights: One of `None` (random initialization) or 'imagenet'
            (pre-training on ImageNet). If 'imagenet', the input must have
            3 channels.

    # Returns
        An integer shape tuple (may include None entries).

    # Raises
        ValueError: In case of invalid argument values.
    """
    if input_shape is not None:
        input_shape = tuple(input_shape)
    default_shape = _default_shape(input_shape, default_size, data_format,
                                   weights)
    if weights == 'imagenet' and require_flatten:
        if input_shape is not None and input_shape != default_shape:
            raise ValueError('When setting `include_top=True` and loading '
                             '`imagenet` weights, `input_shape` should be ' +
                             str(default_shape) + '; got ' +
                             str(input_shape) + '.')
        return default_shape
    if input_shape:
        _check_given_shape(input_shape, min_size, data_format, weights)
    elif require_flatten:
        input_shape = default_shape
    elif data_format == 'channels_first':
        input_shape = (3, None, None)
    else:
        input_shape = (None, None, 3)
    if require_flatten and None in input_shape:
        raise ValueError('If `include_top` is True, you should specify a '
                         'static `input_shape`. Got `input_shape=' +
                         str(input_shape) + '`')
    return input_shape


def preprocessor(mode):
    """Returns the `preprocess_input(x, **kwargs)` of a model using `mode`.

    # Arguments
        mode: "caffe", "tf" or "torch" (see `preprocess_input`).
    """
    def model_preprocess_input(x, **kwargs):
        """Preprocesses a numpy array or tensor encoding a batch of images.

        # Arguments
            x: a 3D or 4D numpy array or tensor (RGB, values in [0, 255]).
            data_format: optional data format of the image tensor/array.

        # Returns
            Preprocessed array or tensor.
        """
        kwargs.pop('mode', None)
        return preprocess_input(x, mode=mode, **kwargs)
    model_preprocess_input.__name__ = 'preprocess_input'
    model_preprocess_input.__doc__ = model_preprocess_input.__doc__.replace(
        'Preprocesses', 'Preprocesses ("%s" mode)' % mode, 1)
    return model_preprocess_input
