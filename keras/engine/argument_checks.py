"""Checks of the values users pass to the public entry points (`fit`,
`evaluate`, `predict`, the generator and batch methods, `Input`, layer
constructors): each bad value raises a `ValueError`/`TypeError` naming the
argument, what was expected and what came, before any engine code runs.
"""
import numbers
import warnings

import numpy as np

__all__ = ['is_integer', 'as_int', 'check_integer', 'check_fraction', 'check_loop_arguments',
           'check_data_dtypes', 'check_not_empty', 'warn_non_finite',
           'check_arrays', 'check_embedding_indices',
           'check_fixed_batch_size', 'check_inputs_given',
           'check_shape_tuple']


def _show(value):
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + '...'
    return '%s (%s)' % (text, type(value).__name__)


def is_integer(value):
    """Whether `value` is a Python or NumPy integer (not a bool), as Keras
    2.3 accepted wherever an integer argument was expected."""
    return isinstance(value, numbers.Integral) and \
        not isinstance(value, (bool, np.bool_))


def as_int(value):
    """`value` as a Python int when it is a NumPy integer, else unchanged
    (so configs stay plain JSON)."""
    return int(value) if isinstance(value, np.integer) else value


def check_integer(value, name, where, minimum=1, allow_none=True):
    """Returns `value` as an `int`, or raises.

    Python and NumPy integers are accepted, and floats with an integral
    value (`units=n / 2` in Python 3 code written for Python 2); booleans,
    other floats, strings... are not.

    # Arguments
        value: the user value.
        name: the argument name, for the message.
        where: who received it (e.g. `'fit'`, `'Layer "dense_1" (Dense)'`).
        minimum: smallest accepted value.
        allow_none: whether `None` passes through.

    # Raises
        TypeError: not an integer.
        ValueError: smaller than `minimum`.
    """
    if value is None and allow_none:
        return None
    if isinstance(value, (bool, np.bool_)) or not (
            isinstance(value, numbers.Integral) or
            (isinstance(value, numbers.Real) and float(value).is_integer())):
        raise TypeError('%s: `%s` must be an integer >= %d, got %s.'
                        % (where, name, minimum, _show(value)))
    value = int(value)
    if value < minimum:
        raise ValueError('%s: `%s` must be an integer >= %d, got %d.'
                         % (where, name, minimum, value))
    return value


def check_fraction(value, name, where, high_inclusive=False):
    """Returns `value` as a float in [0, 1) (or [0, 1]), or raises."""
    if isinstance(value, (bool, np.bool_)) or \
            not isinstance(value, numbers.Real):
        raise TypeError('%s: `%s` must be a float in [0, 1%s, got %s.'
                        % (where, name, ']' if high_inclusive else ')',
                           _show(value)))
    value = float(value)
    if not (0. <= value <= 1.) or (value == 1. and not high_inclusive):
        raise ValueError('%s: `%s` must be a float in [0, 1%s, got %r.'
                         % (where, name, ']' if high_inclusive else ')',
                            value))
    return value


def check_loop_arguments(where, batch_size=None, epochs=None, steps=None,
                         steps_name='steps', validation_split=None,
                         validation_steps=None, initial_epoch=None,
                         verbose=None, shuffle=None):
    """Checks the loop arguments of `fit`/`evaluate`/`predict` and the
    generator methods (each only when given)."""
    check_integer(batch_size, 'batch_size', where)
    check_integer(steps, steps_name, where)
    check_integer(validation_steps, 'validation_steps', where)
    if epochs is not None:
        check_integer(epochs, 'epochs', where, minimum=0, allow_none=False)
    if initial_epoch is not None:
        check_integer(initial_epoch, 'initial_epoch', where, minimum=0,
                      allow_none=False)
    if validation_split is not None:
        check_fraction(validation_split, 'validation_split', where)
    if verbose is not None and verbose not in (0, 1, 2):
        raise ValueError('%s: `verbose` must be 0, 1 or 2, got %s.'
                         % (where, _show(verbose)))
    if shuffle is not None and not isinstance(shuffle, (bool, np.bool_)) \
            and shuffle != 'batch':
        raise ValueError('%s: `shuffle` must be True, False or "batch", got '
                         '%s.' % (where, _show(shuffle)))


def check_data_dtypes(arrays, feeds, names, prefix):
    """Raises TypeError for arrays of strings or objects fed to numeric
    inputs (`prefix` is `'input'` or `'target'`)."""
    from .. import backend as K
    out = []
    for array, feed, name in zip(arrays, feeds, names):
        if isinstance(array, np.ndarray) and array.dtype.kind in 'OSUV' \
                and feed is not None:
            expected = np.dtype(K.dtype(feed))
            if expected.kind not in 'biuf':
                out.append(array)
                continue
            try:
                if array.dtype.kind != 'O':
                    raise TypeError('strings are not numbers')
                array = array.astype(expected)
            except (TypeError, ValueError) as e:
                raise TypeError(
                    'Error when checking %s "%s": expected numbers (dtype '
                    '%s), got an array of dtype %s (%s).'
                    % (prefix, name, expected, array.dtype, e))
        out.append(array)
    return out


def check_inputs_given(model, x, where):
    """Raises ValueError when an input array is missing (`x=None`)."""
    for array, name in zip(x, model._feed_input_names):
        if array is None:
            raise ValueError('%s: no data was given for input "%s" (`x` is '
                             'None); expected an array for each of the '
                             'model inputs %s.' % (where, name,
                                                   model._feed_input_names))


def check_not_empty(arrays, where):
    """Raises ValueError when the data has no samples."""
    for array in arrays:
        shape = getattr(array, 'shape', None)
        if shape is not None and len(shape) and shape[0] == 0:
            raise ValueError('%s: received no samples (the data arrays have '
                             'shape %s); expected at least 1.'
                             % (where, tuple(shape)))


def _has_non_finite(array):
    if not isinstance(array, np.ndarray) or array.dtype.kind not in 'fc' \
            or array.size == 0:
        return False
    # One reduction, no temporary array of the data's size: NaN and Inf
    # propagate into the sum (a sum that overflows is recounted exactly
    # by `warn_non_finite`).
    total = np.sum(array, dtype=np.complex128 if array.dtype.kind == 'c'
                   else np.float64)
    return not np.isfinite(total)


def warn_non_finite(arrays, names, prefix, where='fit'):
    """Warns once (per call) when inputs or targets hold NaN/Inf.

    # Returns
        Whether a warning was given.
    """
    for array, name in zip(arrays, names):
        if _has_non_finite(array):
            count = int(array.size - np.count_nonzero(np.isfinite(array)))
            if count == 0:
                continue
            warnings.warn('%s: %s "%s" contains %d NaN/Inf value(s): the loss '
                          'will be NaN. Clean the data, or use the '
                          '`TerminateOnNaN` callback to stop training.'
                          % (where, prefix, name, count), stacklevel=3)
            return True
    return False


def check_arrays(model, where, x, y, steps, warn=None):
    """The data checks of `Model.fit`/`evaluate`/`*_on_batch`: no samples
    -> ValueError (unless `steps` drives the loop); NaN/Inf in the data of
    a training call (`fit`, `train_on_batch`) -> one warning."""
    if steps is None:
        check_not_empty(x + y, where)
    if x and not y and getattr(model, '_feed_targets', None):
        raise ValueError('%s: no target data was given (`y` is None), but '
                         'the model has %d output(s) to train or evaluate: '
                         '%s. Pass `y`.' % (where, len(model._feed_targets),
                                            model._feed_output_names))
    if warn is None:
        warn = where == 'fit'
    if warn and not warn_non_finite(x, model._feed_input_names, 'input',
                                    where):
        warn_non_finite(y, model._feed_output_names, 'target', where)


def _embedding_consumers(model, index):
    """Embedding layers (any layer with `input_dim` and `embeddings`) fed
    directly by model input `index`."""
    layers = getattr(model, '_input_layers', None) or []
    if index >= len(layers):
        return []
    consumers = []
    for node in getattr(layers[index], '_outbound_nodes', []):
        layer = node.outbound_layer
        if hasattr(layer, 'input_dim') and hasattr(layer, 'embeddings'):
            consumers.append(layer)
    return consumers


def check_embedding_indices(model, x):
    """Raises ValueError when an input array that feeds an `Embedding`
    holds indices outside `[0, input_dim)` (engines either fail with a raw
    error or, on GPUs, return zeros silently)."""
    for i, array in enumerate(x):
        if not isinstance(array, np.ndarray) or array.size == 0 or \
                array.dtype.kind not in 'biuf':
            continue
        for layer in _embedding_consumers(model, i):
            low, high = array.min(), array.max()
            if low < 0 or high >= layer.input_dim:
                raise ValueError(
                    'Layer "%s" (%s): input indices must be in [0, %d) '
                    '(`input_dim=%d`), but the data fed to input "%s" holds '
                    'values from %s to %s.'
                    % (layer.name, layer.__class__.__name__, layer.input_dim,
                       layer.input_dim, model._feed_input_names[i], low,
                       high))


def check_fixed_batch_size(model, x):
    """A batch fed to inputs of fixed batch size (`batch_input_shape`, as
    stateful recurrent layers need) must have that size.

    # Raises
        ValueError: naming the input, the expected and the actual size.
    """
    shapes = getattr(model, '_feed_input_shapes', None) or []
    for name, shape, array in zip(model._feed_input_names, shapes, x):
        fixed = shape[0] if shape else None
        if fixed is not None and hasattr(array, 'shape') and \
                array.shape[0] != fixed:
            raise ValueError(
                'Error when checking input: input %r has a fixed batch '
                'size of %d (its `batch_input_shape`/`batch_shape`, as '
                'a stateful layer requires), but got a batch of %d '
                'samples (array of shape %s).'
                % (name, fixed, array.shape[0], array.shape))


def check_shape_tuple(shape, name, where):
    """A shape without the batch axis: a tuple/list of positive integers
    or `None`; returns it as a tuple."""
    if isinstance(shape, (numbers.Integral, np.integer)) and \
            not isinstance(shape, bool):
        raise TypeError('%s: `%s` must be a tuple of integers (not '
                        'including the batch axis), got the integer %d: '
                        'write `%s=(%d,)`.' % (where, name, shape, name,
                                               shape))
    if hasattr(shape, 'as_list'):
        shape = shape.as_list()
    if not isinstance(shape, (tuple, list)):
        raise TypeError('%s: `%s` must be a tuple of integers or None, got '
                        '%s.' % (where, name, _show(shape)))
    result = []
    for dim in shape:
        if dim is None:
            result.append(None)
            continue
        if isinstance(dim, bool) or not isinstance(dim, (numbers.Integral,
                                                         np.integer)):
            raise TypeError('%s: `%s` entries must be integers or None, got '
                            '%s in %r.' % (where, name, _show(dim), shape))
        if dim < 0:
            raise ValueError('%s: `%s` entries must be >= 0 (or None), got '
                             '%r.' % (where, name, tuple(shape)))
        result.append(int(dim))
    return tuple(result)
