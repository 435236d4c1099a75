"""Helpers of the base `Layer`: names, dtypes, shapes, masks, weight
assignment checks, graph entry, sub-layer tracking."""
from __future__ import absolute_import

import contextlib
import functools
import re

import numpy as np

from .. import backend as K
from ..utils.generic_utils import to_list, unpack_singleton
from .input_spec import tensor_shape

KERNEL_NAMES = ('kernel', 'W')
BIAS_NAMES = ('bias', 'b')


def to_snake_case(name):
    """Converts a class name to the snake case used for default layer names
    (`'Conv2D'` -> `'conv2d'`, `'ConvLSTM2D'` -> `'conv_lst_m2d'`)."""
    words = re.sub('(.)([A-Z][a-z0-9]+)', r'\1_\2', name)
    snake = re.sub('([a-z])([A-Z])', r'\1_\2', words).lower()
    if snake.startswith('_'):
        return 'private' + snake
    return snake


def disable_tracking(func):
    """Decorator: attributes set while `func` runs are not tracked as
    sub-layers (used by the engine for its own bookkeeping)."""
    @functools.wraps(func)
    def wrapped(self, *args, **kwargs):
        previous = getattr(self, '_auto_track_sub_layers', True)
        object.__setattr__(self, '_auto_track_sub_layers', False)
        try:
            return func(self, *args, **kwargs)
        finally:
            object.__setattr__(self, '_auto_track_sub_layers', previous)
    return wrapped


def is_metric(value):
    return any(cls.__name__ == 'Metric' for cls in type(value).__mro__)


def unique_objects(objects):
    """Removes repeated objects (by identity), keeping the first one."""
    seen = set()
    result = []
    for obj in objects:
        if id(obj) not in seen:
            seen.add(id(obj))
            result.append(obj)
    return result


def short_weight_name(weight):
    """'dense_1/kernel:0' -> 'kernel' (also strips TF's '_1' uniquifier)."""
    name = str(getattr(weight, 'name', '') or '')
    name = name.split('/')[-1].split(':')[0]
    match = re.match(r'^(.*)_\d+$', name)
    if match and match.group(1) in KERNEL_NAMES + BIAS_NAMES:
        return match.group(1)
    return name


def normalize_dtype(dtype):
    """Accepts dtype policies of later Keras 2 writers ({'config': {'name'}})."""
    if isinstance(dtype, dict):
        dtype = dtype.get('config', {}).get('name')
        if dtype and str(dtype).startswith('mixed_'):
            dtype = None
    if dtype is None:
        return None
    return getattr(dtype, 'name', dtype) if not isinstance(dtype, str) \
        else dtype


def graph_scope():
    """Context manager entering the Keras graph on TensorFlow (so that raw
    TensorFlow ops used inside layers land in it); a no-op on Theano."""
    if K.backend() == 'tensorflow' and hasattr(K, 'get_graph'):
        return K.get_graph().as_default()
    return contextlib.nullcontext()


def weight_assignments(layer, params, values):
    """Pairs variables with new values, checking count and shapes.

    # Arguments
        layer: the layer the variables belong to (named in errors).
        params: list of variables.
        values: list of Numpy arrays.

    # Returns
        A list of `(variable, array)` tuples for `K.batch_set_value`.

    # Raises
        ValueError: if the counts or a shape differ (the message names the
            layer, the weight and both shapes).
    """
    values = list(values)
    if len(params) != len(values):
        raise ValueError(
            'Layer "%s" expects %d weight(s) %s, but was given %d '
            'array(s) with shapes %s.'
            % (layer.name, len(params),
               [str(getattr(p, 'name', p)) for p in params], len(values),
               [np.shape(v) for v in values]))
    tuples = []
    for param, value in zip(params, values):
        value = np.asarray(value)
        expected = tuple(K.int_shape(param))
        if expected != value.shape:
            raise ValueError(
                'Layer "%s": weight "%s" has shape %s, but the provided '
                'array has shape %s.' % (layer.name, getattr(param, 'name',
                                                             param),
                                         expected, value.shape))
        tuples.append((param, value))
    return tuples


def collect_previous_mask(input_tensors):
    """The output masks of the nodes that produced `input_tensors`."""
    masks = []
    for x in to_list(input_tensors):
        if hasattr(x, '_keras_history'):
            layer, node_index, tensor_index = x._keras_history
            masks.append(layer._inbound_nodes[node_index]
                         .output_masks[tensor_index])
        else:
            masks.append(None)
    return unpack_singleton(masks)


def collect_input_shape(input_tensors):
    """The static shape(s) of `input_tensors` (None where unknown)."""
    return unpack_singleton([tensor_shape(x) for x in to_list(input_tensors)])


def as_shape_list(shapes, count):
    """Normalizes what `compute_output_shape` returned to one shape per
    output tensor."""
    if count == 1 and (shapes is None or not shapes or
                       not isinstance(shapes[0], (tuple, list)) and
                       (shapes[0] is None or isinstance(
                           shapes[0], (int, np.integer)))):
        return [tuple(shapes) if shapes is not None else None]
    shapes = list(shapes) if isinstance(shapes, (list, tuple)) else [shapes]
    return [tuple(s) if s is not None else None for s in shapes]


def lift_eager_tensor(x):
    """A tensor computed eagerly outside Keras's graph (e.g. a
    `tf.constant` made by user code) as a constant of Keras's graph with
    its value; anything else unchanged. Graph tensors cannot give their
    value (`numpy()` fails on them), so only eager values are lifted."""
    numpy = getattr(x, 'numpy', None)
    if numpy is None or K.is_variable(x) or \
            getattr(x, '_keras_history', None) is not None:
        return x
    try:
        value = numpy()
    except Exception:  # graph tensor: no value outside a session
        return x
    if not isinstance(value, np.ndarray) and not np.isscalar(value):
        return x
    return K.constant(value, dtype=K.dtype(x))
