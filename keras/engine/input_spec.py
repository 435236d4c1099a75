"""`InputSpec` and the check of call inputs against it."""
from __future__ import absolute_import

from .. import backend as K
from ..utils.generic_utils import to_list


class InputSpec(object):
    """Specifies the ndim, dtype and shape of every input to a layer.

    Every layer should expose (if appropriate) an `input_spec` attribute:
    a list of instances of InputSpec (one per input tensor).

    A None entry in a shape is compatible with any dimension,
    a None shape is compatible with any shape.

    # Arguments
        dtype: Expected datatype of the input.
        shape: Shape tuple, expected shape of the input
            (may include None for unchecked axes).
        ndim: Integer, expected rank of the input.
        max_ndim: Integer, maximum rank of the input.
        min_ndim: Integer, minimum rank of the input.
        axes: Dictionary mapping integer axes to
            a specific dimension value.
    """

    def __init__(self, dtype=None, shape=None, ndim=None,
                 max_ndim=None, min_ndim=None, axes=None):
        self.dtype = dtype
        self.shape = shape
        if shape is not None:
            self.ndim = len(shape)
        else:
            self.ndim = ndim
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.axes = axes or {}

    def __repr__(self):
        spec = [('dtype=' + str(self.dtype)) if self.dtype else '',
                ('shape=' + str(self.shape)) if self.shape else '',
                ('ndim=' + str(self.ndim)) if self.ndim else '',
                ('max_ndim=' + str(self.max_ndim)) if self.max_ndim else '',
                ('min_ndim=' + str(self.min_ndim)) if self.min_ndim else '',
                ('axes=' + str(self.axes)) if self.axes else '']
        return 'InputSpec(%s)' % ', '.join(x for x in spec if x)


def tensor_shape(x):
    """Best known static shape of a tensor: its `_keras_shape` when it has
    one, else `K.int_shape`; None when unknown."""
    if hasattr(x, '_keras_shape'):
        return x._keras_shape
    try:
        return K.int_shape(x)
    except (TypeError, ValueError, AttributeError):
        return None


def _tensor_ndim(x):
    shape = tensor_shape(x)
    if shape is not None:
        return len(shape)
    try:
        return K.ndim(x)
    except (TypeError, ValueError, AttributeError):
        return None


def _incompatible(layer_name, index, what):
    return ValueError('Input %d is incompatible with layer %s: %s'
                      % (index, layer_name, what))


def _check_one(layer_name, index, x, spec):
    ndim = _tensor_ndim(x)
    if spec.ndim is not None and ndim is not None and ndim != spec.ndim:
        raise _incompatible(layer_name, index, 'expected ndim=%d, found '
                            'ndim=%d (shape %s)' % (spec.ndim, ndim,
                                                    tensor_shape(x)))
    if spec.max_ndim is not None and ndim is not None \
            and ndim > spec.max_ndim:
        raise _incompatible(layer_name, index, 'expected max_ndim=%d, '
                            'found ndim=%d' % (spec.max_ndim, ndim))
    if spec.min_ndim is not None and ndim is not None \
            and ndim < spec.min_ndim:
        raise _incompatible(layer_name, index, 'expected min_ndim=%d, '
                            'found ndim=%d' % (spec.min_ndim, ndim))
    if spec.dtype is not None:
        dtype = K.dtype(x)
        if dtype != spec.dtype:
            raise _incompatible(layer_name, index, 'expected dtype=%s, '
                                'found dtype=%s' % (spec.dtype, dtype))
    shape = tensor_shape(x)
    if shape is None:
        return
    for axis, value in (spec.axes or {}).items():
        axis = int(axis)
        if value is None or -len(shape) > axis or axis >= len(shape):
            continue
        if shape[axis] not in (value, None):
            raise _incompatible(layer_name, index, 'expected axis %d of '
                                'input shape to have value %s, but got '
                                'shape %s' % (axis, value, shape))
    if spec.shape is not None:
        for spec_dim, dim in zip(spec.shape, shape):
            if spec_dim is not None and dim is not None and spec_dim != dim:
                raise _incompatible(layer_name, index, 'expected shape=%s, '
                                    'found shape=%s' % (spec.shape, shape))


def _is_symbolic(x):
    if hasattr(x, '_keras_history'):
        return True
    is_tensor = getattr(K, 'is_tensor', None)
    if is_tensor is None:
        return True
    try:
        return bool(is_tensor(x))
    except (TypeError, ValueError):
        return False


def assert_input_compatibility(layer_name, input_spec, inputs):
    """Checks that `inputs` are tensors matching `input_spec`.

    # Arguments
        layer_name: name of the layer, used in the error messages.
        input_spec: None, an `InputSpec` or a list of them.
        inputs: a tensor or a list of tensors.

    # Raises
        ValueError: when an input is not a tensor, or the number of inputs,
            their rank, dtype or shape does not match the spec.
    """
    inputs = to_list(inputs)
    for x in inputs:
        if not _is_symbolic(x):
            raise ValueError('Layer %s was called with an input that is not '
                             'a symbolic tensor. Received type: %s. Full '
                             'input: %s. All inputs to the layer should be '
                             'tensors.' % (layer_name, type(x), inputs))
    if not input_spec:
        return
    specs = to_list(input_spec, allow_tuple=True)
    if len(inputs) != len(specs):
        raise ValueError('Layer %s expects %d input(s), but it received %d '
                         'input tensor(s). Inputs received: %s'
                         % (layer_name, len(specs), len(inputs), inputs))
    for index, (x, spec) in enumerate(zip(inputs, specs)):
        if spec is not None:
            _check_one(layer_name, index, x, spec)
