"""Backend-independent settings: float type, fuzz factor, image data format.

These are read from `keras.json` at import time (see `keras.backend.config`)
and can be changed at run time with the setters below.
"""
import numpy as np

_VALID_FLOATX = ('float16', 'float32', 'float64')
_VALID_DATA_FORMATS = ('channels_first', 'channels_last')
_VALID_DIM_ORDERINGS = {'th': 'channels_first', 'tf': 'channels_last'}

_FLOATX = 'float32'
_EPSILON = 1e-7
_IMAGE_DATA_FORMAT = 'channels_last'


def _check_choice(argument, value, valid):
    if value not in valid:
        raise ValueError('Unknown %s: %r. Expected one of: %s.'
                         % (argument, value, ', '.join(repr(v) for v in valid)))


def epsilon():
    """Returns the value of the fuzz factor used in numeric expressions.

    # Returns
        A float.

    # Example
    ```python
        >>> keras.backend.epsilon()
        1e-07
    ```
    """
    return _EPSILON


def set_epsilon(e):
    """Sets the value of the fuzz factor used in numeric expressions.

    # Arguments
        e: float. New value of epsilon.
    """
    global _EPSILON
    _EPSILON = float(e)


def floatx():
    """Returns the default float type, as a string.

    (e.g. 'float16', 'float32', 'float64').
    """
    return _FLOATX


def set_floatx(floatx):
    """Sets the default float type.

    # Arguments
        floatx: String, 'float16', 'float32', or 'float64'.

    # Raises
        ValueError: in case of invalid value.
    """
    global _FLOATX
    floatx = str(floatx)
    _check_choice('floatx', floatx, _VALID_FLOATX)
    _FLOATX = floatx


def cast_to_floatx(x):
    """Cast a Numpy array to the default Keras float type.

    # Arguments
        x: Numpy array.

    # Returns
        The same Numpy array, cast to its new type.
    """
    return np.asarray(x, dtype=_FLOATX)


def image_data_format():
    """Returns the default image data format convention.

    # Returns
        A string, either `'channels_first'` or `'channels_last'`.
    """
    return _IMAGE_DATA_FORMAT


def set_image_data_format(data_format):
    """Sets the value of the data format convention.

    # Arguments
        data_format: string. `'channels_first'` or `'channels_last'`.

    # Raises
        ValueError: in case of invalid `data_format` value.
    """
    global _IMAGE_DATA_FORMAT
    _check_choice('data_format', data_format, _VALID_DATA_FORMATS)
    _IMAGE_DATA_FORMAT = str(data_format)


def normalize_data_format(value):
    """Checks that the value correspond to a valid data format.

    # Arguments
        value: String or None. `'channels_first'` or `'channels_last'`.

    # Returns
        A string, either `'channels_first'` or `'channels_last'`
        (`image_data_format()` when `value` is None).

    # Raises
        ValueError: if `value` or the global `data_format` invalid.
    """
    if value is None:
        value = image_data_format()
    data_format = value.lower()
    _check_choice('data_format', data_format, _VALID_DATA_FORMATS)
    return data_format


def image_dim_ordering():
    """Legacy getter for `image_data_format`.

    # Returns
        `'th'` for `'channels_first'`, `'tf'` for `'channels_last'`.
    """
    return 'th' if _IMAGE_DATA_FORMAT == 'channels_first' else 'tf'


def set_image_dim_ordering(dim_ordering):
    """Legacy setter for `image_data_format`.

    # Arguments
        dim_ordering: string. `'tf'` or `'th'`.

    # Raises
        ValueError: if `dim_ordering` is invalid.
    """
    _check_choice('dim_ordering', dim_ordering, tuple(_VALID_DIM_ORDERINGS))
    set_image_data_format(_VALID_DIM_ORDERINGS[dim_ordering])


def symbolic(func):
    """Decorator: runs `func` where the engine builds its symbolic graph
    (the Keras graph on TensorFlow; a no-op on PyTensor)."""
    from . import load_backend
    return load_backend.symbolic(func)


def eager(func):
    """Decorator kept from Keras 2.3 (runs `func` unchanged on our engines)."""
    from . import load_backend
    return load_backend.eager(func)
