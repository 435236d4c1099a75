"""Keras 2 module path of the TensorFlow engine.

`keras.backend.tensorflow_backend` re-exports `keras.backend.tensorflow`,
where the implementation lives, split by concern. It also keeps the
module-level helpers of Keras 2.3's `tensorflow_backend` that third-party
code and tests import (`_is_tf_1`, `_to_tensor`, `_get_available_gpus`,
`_preprocess_conv2d_input`, `py_all`, ...).
"""
import builtins

import tensorflow as tf

from .tensorflow import *  # noqa: F401,F403
from .tensorflow import __all__  # noqa: F401
from .tensorflow.graph import (_get_available_gpus,  # noqa: F401
                               _has_nchw_support, get_graph)
from .tensorflow.math import _to_tensor  # noqa: F401

# Keras 2.3 kept Python's builtins under these names (its `all`, `any`,
# `sum` and `slice` are backend functions).
py_all = builtins.all
py_any = builtins.any
py_sum = builtins.sum
py_slice = builtins.slice


def _is_tf_1():
    """Whether the TensorFlow in use is a 1.x version (never, here)."""
    return tf.__version__.startswith('1.')


def _get_current_tf_device():
    """The device of Keras's graph's current `tf.device` scope, as a
    `tf.DeviceSpec`, or None when no device is set."""
    with get_graph().as_default():
        device = tf.compat.v1.no_op(name='device_probe').device
    return tf.DeviceSpec.from_string(device) if device else None


def _is_current_explicit_device(device_type):
    """Whether the current device scope explicitly names `device_type`.

    # Arguments
        device_type: `'CPU'` or `'GPU'` (case-insensitive).

    # Raises
        ValueError: for any other device type.
    """
    device_type = device_type.upper()
    if device_type not in ('CPU', 'GPU'):
        raise ValueError('`device_type` should be either "CPU" or "GPU", '
                         'got %r.' % (device_type,))
    device = _get_current_tf_device()
    return device is not None and device.device_type == device_type


def _channels_first_input(x, data_format, rank, force_transpose=False):
    last = {1: 'NWC', 2: 'NHWC', 3: 'NDHWC'}[rank]
    if data_format != 'channels_first':
        return x, last
    if _has_nchw_support() and not force_transpose:
        return x, 'NC' + last[1:-1]
    return permute_dimensions(  # noqa: F405 (from .tensorflow)
        x, [0] + list(range(2, rank + 2)) + [1]), last


def _preprocess_conv1d_input(x, data_format):
    """`(x, tf_data_format)`: a channels-first input is transposed to
    channels-last unless the device supports `'NCW'`."""
    return _channels_first_input(x, data_format, 1)


def _preprocess_conv2d_input(x, data_format, force_transpose=False):
    """`(x, tf_data_format)` for a 2D convolution (`'NHWC'` or
    `'NCHW'`); `force_transpose` always transposes channels-first input."""
    return _channels_first_input(x, data_format, 2, force_transpose)


def _preprocess_conv3d_input(x, data_format):
    """`(x, tf_data_format)` for a 3D convolution (`'NDHWC'` or
    `'NCDHW'`)."""
    return _channels_first_input(x, data_format, 3)


def _preprocess_padding(padding):
    """`'same'`/`'valid'` as TensorFlow's `'SAME'`/`'VALID'`.

    # Raises
        ValueError: for any other padding.
    """
    if padding not in ('same', 'valid'):
        raise ValueError('Invalid padding: %r (expected "same" or "valid").'
                         % (padding,))
    return padding.upper()
