"""Private helpers shared by the standard layers: argument checks and
errors that name the layer, the argument and the shapes."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

from .. import backend as K
from ..engine import argument_checks


def layer_error(layer, message, error=ValueError):
    """An exception whose message starts with the layer's name and class."""
    name = getattr(layer, 'name', None) or '?'
    return error('Layer "%s" (%s): %s' % (name, layer.__class__.__name__,
                                         message))


def _where(layer):
    name = getattr(layer, 'name', None) or '?'
    return 'Layer "%s" (%s)' % (name, layer.__class__.__name__)


def positive_int(layer, value, name, allow_none=False, minimum=1):
    """`value` as an int >= `minimum` (NumPy integers and integral floats
    accepted); TypeError/ValueError naming the layer and argument."""
    return argument_checks.check_integer(value, name, _where(layer),
                                         minimum=minimum,
                                         allow_none=allow_none)


def unit_rate(layer, value, name):
    """`value` as a float in [0, 1) (a drop probability)."""
    return argument_checks.check_fraction(value, name, _where(layer))


def check_rank(layer, input_shape, ndim=None, min_ndim=None, what='input'):
    """Raises ValueError unless `input_shape` has the required rank."""
    if input_shape is None:
        return
    rank = len(input_shape)
    if ndim is not None and rank != ndim:
        raise layer_error(layer, 'expected %s of rank %d (batch axis '
                          'included), got shape %s (rank %d).'
                          % (what, ndim, tuple(input_shape), rank))
    if min_ndim is not None and rank < min_ndim:
        raise layer_error(layer, 'expected %s of rank >= %d (batch axis '
                          'included), got shape %s (rank %d).'
                          % (what, min_ndim, tuple(input_shape), rank))


def check_known(layer, input_shape, axis, what):
    """Raises ValueError if `input_shape[axis]` (e.g. the channel axis)
    is unknown; returns its value otherwise."""
    dim = input_shape[axis]
    if dim is None:
        raise layer_error(layer, 'the %s dimension (axis %d) of the input '
                          'must be known, got input shape %s.'
                          % (what, axis, tuple(input_shape)))
    return int(dim)


def normalize_format(layer, data_format):
    """`None` -> the configured image data format; anything other than
    'channels_first' / 'channels_last' -> ValueError naming the layer."""
    try:
        return K.normalize_data_format(data_format)
    except (ValueError, AttributeError):
        raise layer_error(layer, '`data_format` must be "channels_first" or '
                          '"channels_last", got %r.' % (data_format,))


def to_shape_tuple(shape):
    """A shape given as a list/tuple/TensorShape -> a tuple (or None)."""
    if shape is None:
        return None
    if hasattr(shape, 'as_list'):
        return tuple(shape.as_list())
    return tuple(shape)


def named_arguments(arguments, *exclude):
    """A constructor's named arguments from its `locals()`.

    Public constructors keep Keras 2's explicit signatures; this passes them
    on to a shared base without writing every argument again. `self`,
    `kwargs` (passed on separately) and the names in `exclude` are left out.
    """
    skip = ('self', 'kwargs', '__class__') + exclude
    return {key: value for key, value in arguments.items()
            if key not in skip}
