"""The multimodal fork's weightless reshaping layers (re-exported by
`keras.layers.core`): PermuteGeneral, RepeatMatrix, PositionLayer,
RemoveThirdDimension, Slice, SetSubtensor, ZeroesLayer, EqualDimensions,
Concat.
"""
import ast

from .. import backend as K
from ..engine.base_layer import Layer
from .merge import Concatenate
from ._utils import layer_error, check_rank, to_shape_tuple

__all__ = ['PermuteGeneral', 'RepeatMatrix', 'PositionLayer',
           'RemoveThirdDimension', 'Slice', 'SetSubtensor', 'ZeroesLayer',
           'EqualDimensions', 'Concat']


def _with_config(layer, base_cls, **entries):
    """`base_cls.get_config(layer)` updated with `entries`."""
    config = dict(super(base_cls, layer).get_config())
    config.update(entries)
    return config


def _dim_ordering_format(layer, dim_ordering):
    """Keras 1 `dim_ordering` ('th', 'tf' or 'default') -> data format."""
    if dim_ordering == 'default':
        return K.image_data_format()
    formats = {'th': 'channels_first', 'tf': 'channels_last',
               'channels_first': 'channels_first',
               'channels_last': 'channels_last'}
    if dim_ordering not in formats:
        raise layer_error(layer, '`dim_ordering` must be "th", "tf" or '
                          '"default", got %r.' % (dim_ordering,))
    return formats[dim_ordering]


class PermuteGeneral(Layer):
    """Permutes the axes of the input, the batch axis included.

    Unlike `Permute`, `dims` counts from 0 and may move the batch axis:
    `PermuteGeneral((1, 0, 2))` turns a time-major `(time, batch, dim)`
    tensor into `(batch, time, dim)` (NMT-Keras applies it to the
    attention outputs of the fork's decoders). As in the fork, the mask
    passes through unchanged.

    # Arguments
        dims: tuple of integers, a permutation of `0..ndim-1`.

    # Input shape
        Arbitrary, of rank `len(dims)`.

    # Output shape
        The input shape reordered by `dims`.

    # Raises
        ValueError: if `dims` is not a permutation, or does not match the
            rank of the input.
    """

    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        self.dims = tuple(int(d) for d in dims)
        if sorted(self.dims) != list(range(len(self.dims))):
            raise layer_error(self, '`dims` must be a permutation of '
                              '0..%d (the batch axis included), got %s.'
                              % (len(self.dims) - 1, tuple(dims)))
        self.supports_masking = True

    def build(self, input_shape):
        check_rank(self, to_shape_tuple(input_shape), ndim=len(self.dims))
        super().build(input_shape)

    def call(self, inputs, mask=None):
        return K.permute_dimensions(inputs, self.dims)

    def compute_output_shape(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, ndim=len(self.dims))
        return tuple(input_shape[d] for d in self.dims)

    def get_config(self):
        return _with_config(self, PermuteGeneral, dims=self.dims)


class RepeatMatrix(Layer):
    """Repeats the input `n` times along a new axis `dim`
    (`RepeatVector` for inputs of any rank). The mask passes through.

    # Arguments
        n: integer, the number of repetitions.
        dim: integer, the position of the new axis (default 1).

    # Input shape
        `(batch, d1, ..., dk)`.

    # Output shape
        The input shape with `n` inserted at position `dim`, e.g.
        `(batch, n, d1, ..., dk)` for `dim=1`.
    """

    def __init__(self, n, dim=1, **kwargs):
        super().__init__(**kwargs)
        self.n = int(n)
        self.dim = int(dim)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        return K.repeatRdim(inputs, self.n, axis=self.dim)

    def compute_output_shape(self, input_shape):
        shape = list(to_shape_tuple(input_shape))
        if not 0 < self.dim <= len(shape):
            raise layer_error(self, '`dim` must be in 1..%d for inputs of '
                              'shape %s, got %d.'
                              % (len(shape), tuple(shape), self.dim))
        return tuple(shape[:self.dim] + [self.n] + shape[self.dim:])

    def get_config(self):
        return _with_config(self, RepeatMatrix, n=self.n, dim=self.dim)


class PositionLayer(Layer):
    """Replaces every entry of a `(batch, time)` input by its time index:
    row `b` of the output is `[0, 1, ..., time - 1]`, in the input's dtype
    (NMT-Keras feeds it to the positional-encoding `Embedding`). The mask
    passes through.

    # Arguments
        maxlen: the size of the positional table the positions index
            (stored in the config; positions are not clipped to it).

    # Input shape
        2D tensor `(batch, time)` (higher ranks: positions along axis 1).

    # Output shape
        Same as the input.
    """

    def __init__(self, maxlen=500, **kwargs):
        super().__init__(**kwargs)
        self.maxlen = maxlen
        self.supports_masking = True

    def build(self, input_shape):
        check_rank(self, to_shape_tuple(input_shape), min_ndim=2)
        super().build(input_shape)

    def call(self, inputs, mask=None):
        positions = K.cast(K.arange(0, K.shape(inputs)[1]), K.dtype(inputs))
        positions = K.expand_dims(positions, 0)
        for _ in range(K.ndim(inputs) - 2):
            positions = K.expand_dims(positions)
        return K.ones_like(inputs) * positions

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return _with_config(self, PositionLayer, maxlen=self.maxlen)


class RemoveThirdDimension(Layer):
    """Removes axis 2 of the input, which must have size 1:
    `(batch, time, 1, ...)` -> `(batch, time, ...)`. The mask passes
    through.

    # Input shape
        Tensor of rank >= 3 with `shape[2] == 1`.

    # Output shape
        The input shape without axis 2.

    # Raises
        ValueError: for inputs of rank < 3 or with `shape[2]` other than 1.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def compute_output_shape(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, min_ndim=3)
        if input_shape[2] not in (1, None):
            raise layer_error(self, 'axis 2 of the input must have size 1, '
                              'got input shape %s.' % (input_shape,))
        return input_shape[:2] + input_shape[3:]

    def build(self, input_shape):
        self.compute_output_shape(input_shape)
        super().build(input_shape)

    def call(self, inputs, mask=None):
        return K.squeeze(inputs, 2)


def _slice_length(size, start, stop):
    """Length of `range(size)[start:stop]`, or None when unknown."""
    if size is not None:
        return len(range(size)[start:stop])
    if start is not None and stop is not None and (start >= 0) == (stop >= 0):
        return max(stop - start, 0)
    return None


class Slice(Layer):
    """Keeps the entries `min_idx:max_idx` of axis 1 (Python slicing) of
    the input and of its mask.

    # Arguments
        min_idx: integer, first index kept.
        max_idx: integer, index after the last one kept.

    # Input shape
        Tensor of rank >= 2 `(batch, n, ...)`.

    # Output shape
        `(batch, length, ...)` where `length` is the size of the slice.
    """

    def __init__(self, min_idx, max_idx, **kwargs):
        super().__init__(**kwargs)
        self.min_idx = min_idx
        self.max_idx = max_idx
        self.supports_masking = True

    def call(self, inputs, mask=None):
        return inputs[:, self.min_idx:self.max_idx]

    def compute_mask(self, inputs, mask=None):
        if mask is None or K.ndim(mask) < 2:
            return mask
        return mask[:, self.min_idx:self.max_idx]

    def compute_output_shape(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, min_ndim=2)
        length = _slice_length(input_shape[1], self.min_idx, self.max_idx)
        return (input_shape[0], length) + input_shape[2:]

    def get_config(self):
        return _with_config(self, Slice, min_idx=self.min_idx,
                            max_idx=self.max_idx)


# --------------------------------------------------------------------------
# SetSubtensor: index strings parsed (never evaluated) into slices.
# --------------------------------------------------------------------------

def _constant(node):
    """An integer (or None) from an index expression node."""
    if node is None:
        return None
    value = ast.literal_eval(node)
    if value is not None and not isinstance(value, int):
        raise ValueError('not an integer: %r' % (value,))
    return value


def _parse_index(text):
    """'[:, 0, 1:3]' -> (slice(None), 0, slice(1, 3)): integers and slices
    with constant bounds and no step; '...' is not accepted."""
    tree = ast.parse('x' + text.strip(), mode='eval').body
    if not isinstance(tree, ast.Subscript):
        raise ValueError('expected an index such as "[:, 0]"')
    node = tree.slice
    items = node.elts if isinstance(node, ast.Tuple) else [node]
    index = []
    for item in items:
        if isinstance(item, ast.Slice):
            if item.step is not None:
                raise ValueError('slice steps are not supported')
            index.append(slice(_constant(item.lower), _constant(item.upper)))
        else:
            index.append(_constant(item))
    return tuple(index)


def _assign(x, index, value, first=0):
    """`x` with `x[index]` replaced by `value` (engine-neutral: the result
    is assembled by concatenating the untouched parts around `value`).
    Axes before `first` are already restricted to the indexed part."""
    for axis in range(first, len(index)):
        item = index[axis]
        if isinstance(item, slice) and item == slice(None):
            continue
        if isinstance(item, int):
            value = K.expand_dims(value, axis)
            start, stop = item, (item + 1 if item != -1 else None)
        else:
            start, stop = item.start, item.stop
        head = [slice(None)] * axis
        middle = x[tuple(head + [slice(start, stop)])]
        value = _assign(middle, index, value, axis + 1)
        parts = []
        if start is not None:
            parts.append(x[tuple(head + [slice(None, start)])])
        parts.append(value)
        if stop is not None:
            parts.append(x[tuple(head + [slice(stop, None)])])
        return K.concatenate(parts, axis=axis) if len(parts) > 1 else value
    return value + K.zeros_like(x)


class SetSubtensor(Layer):
    """Overwrites part of a tensor with part of another one:
    the output is `inputs[0]` with `inputs[0][indices[0]]` replaced by
    `inputs[1][indices[1]]` (Theano's `set_subtensor`). The mask of the
    first input passes through.

    # Arguments
        indices: list of two index strings, e.g. `['[:, 0]', '[:, -1]']`.
            Each may hold integers and slices with constant bounds; they
            are parsed, never evaluated.

    # Input shape
        A list of two tensors.

    # Output shape
        The shape of the first input.

    # Raises
        ValueError: for indices that are not two such strings, or inputs
            that are not a list of two tensors.
    """

    def __init__(self, indices, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(indices, (list, tuple)) or len(indices) != 2:
            raise layer_error(self, '`indices` must be a list of two index '
                              'strings, got %r.' % (indices,))
        try:
            self._parsed = [_parse_index(i) for i in indices]
        except (SyntaxError, ValueError, TypeError, AttributeError) as err:
            raise layer_error(self, 'cannot parse `indices` %r: %s. Use '
                              'integers and slices, e.g. "[:, 0]".'
                              % (indices, err))
        self.indices = list(indices)
        self.supports_masking = True

    def build(self, input_shape):
        if not isinstance(input_shape, list) or len(input_shape) != 2:
            raise layer_error(self, 'expected a list of 2 inputs, got %r.'
                              % (input_shape,))
        super().build(input_shape)

    def call(self, inputs, mask=None):
        target, source = inputs
        return _assign(target, self._parsed[0], source[self._parsed[1]])

    def compute_mask(self, inputs, mask=None):
        return mask[0] if mask else None

    def compute_output_shape(self, input_shape):
        return input_shape[0]

    def get_config(self):
        return _with_config(self, SetSubtensor, indices=self.indices)


class ZeroesLayer(Layer):
    """Outputs zeros with the input's leading axes and `output_dim`
    features, e.g. an all-zero initial state.

    # Arguments
        output_dim: integer, size of the last axis of the output.
        input_dim: optional size of the input features (as first layer).

    # Input shape
        `(batch, ..., input_dim)`.

    # Output shape
        `(batch, ..., output_dim)`.
    """

    def __init__(self, output_dim, input_dim=None, **kwargs):
        if input_dim is not None and 'input_shape' not in kwargs:
            kwargs['input_shape'] = (input_dim,)
        super().__init__(**kwargs)
        self.output_dim = int(output_dim)
        self.input_dim = input_dim

    @classmethod
    def from_config(cls, config):
        """Also reads the fork's configs, which store `output_dim` under
        the key `units`."""
        config = dict(config)
        if 'units' in config and 'output_dim' not in config:
            config['output_dim'] = config.pop('units')
        return cls(**config)

    def build(self, input_shape):
        check_rank(self, to_shape_tuple(input_shape), min_ndim=2)
        super().build(input_shape)

    def call(self, inputs):
        zeros = K.zeros_like(inputs[..., :1])
        return K.tile(zeros, [1] * (K.ndim(inputs) - 1) + [self.output_dim])

    def compute_output_shape(self, input_shape):
        return tuple(to_shape_tuple(input_shape)[:-1]) + (self.output_dim,)

    def set_lr_multipliers(self, W_learning_rate_multiplier,
                           b_learning_rate_multiplier):
        """Kept from the fork: records the multipliers (the layer has no
        weights, so they have no effect)."""
        self.W_learning_rate_multiplier = W_learning_rate_multiplier
        self.b_learning_rate_multiplier = b_learning_rate_multiplier
        self.learning_rate_multipliers = [W_learning_rate_multiplier,
                                          b_learning_rate_multiplier]

    def get_config(self):
        return _with_config(self, ZeroesLayer, output_dim=self.output_dim,
                            input_dim=self.input_dim)


class EqualDimensions(Layer):
    """Zero-pads the second of two 4D feature maps at the end of both
    spatial axes up to the spatial size of the first (fully convolutional
    nets whose up-sampled maps come out short).

    # Arguments
        dim_ordering: 'th' (channels first), 'tf' (channels last) or
            'default' (the configured image data format).

    # Input shape
        A list `[reference, x]` of two 4D tensors.

    # Output shape
        `x`'s batch and channels with `reference`'s rows and columns.

    # Raises
        ValueError: for anything but two 4D inputs.
    """

    def __init__(self, dim_ordering='default', **kwargs):
        super().__init__(**kwargs)
        self.data_format = _dim_ordering_format(self, dim_ordering)
        self.dim_ordering = ('th' if self.data_format == 'channels_first'
                             else 'tf')

    def _check(self, input_shape):
        if not isinstance(input_shape, list) or len(input_shape) != 2:
            raise layer_error(self, 'expected a list of 2 inputs, got %r.'
                              % (input_shape,))
        for shape in input_shape:
            check_rank(self, to_shape_tuple(shape), ndim=4)

    def build(self, input_shape):
        self._check(input_shape)
        super().build(input_shape)

    def call(self, inputs):
        reference, x = inputs
        if self.data_format == 'channels_first':
            return K.equal_dimensions(reference, x)
        to_first, to_last = (0, 3, 1, 2), (0, 2, 3, 1)
        padded = K.equal_dimensions(K.permute_dimensions(reference, to_first),
                                    K.permute_dimensions(x, to_first))
        return K.permute_dimensions(padded, to_last)

    def compute_output_shape(self, input_shape):
        self._check(input_shape)
        reference, x = [to_shape_tuple(s) for s in input_shape]
        if self.data_format == 'channels_first':
            return (x[0], x[1], reference[2], reference[3])
        return (x[0], reference[1], reference[2], x[3])

    def get_config(self):
        return _with_config(self, EqualDimensions,
                            dim_ordering=self.dim_ordering)


class Concat(Concatenate):
    """Concatenates inputs along `axis`, first cropping the other axes
    named in `cropping` to the smallest input (see `autocrop`); the
    concatenation axis itself is never cropped.

    # Arguments
        axis: the concatenation axis (default 1, the channels of
            channels-first maps).
        cropping: None, or a list with one entry per axis of None /
            'lower' / 'upper' / 'center'.
        dim_ordering: 'th', 'tf' or 'default' (kept for the fork's
            signature; `axis` alone chooses the axis).

    # Input shape
        A list of tensors of the same rank.

    # Output shape
        The common (cropped) shape with the sizes on `axis` summed.
    """

    def __init__(self, axis=1, cropping=None, dim_ordering='default',
                 **kwargs):
        if cropping is not None:
            cropping = list(cropping)
            if -len(cropping) <= axis < len(cropping):
                cropping[axis] = None
        super().__init__(axis=axis, cropping=cropping, **kwargs)
        self.data_format = _dim_ordering_format(self, dim_ordering)
        self.dim_ordering = ('th' if self.data_format == 'channels_first'
                             else 'tf')

    def get_config(self):
        return _with_config(self, Concat, dim_ordering=self.dim_ordering)
