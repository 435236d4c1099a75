"""The multimodal fork's mask helpers (re-exported by `keras.layers.core`).

They read, apply, reshape or drop the Keras mask that travels with a
tensor (e.g. the `(batch, time)` mask of an `Embedding(mask_zero=True)`).
"""
from .. import backend as K
from ..engine.base_layer import Layer
from ._utils import layer_error, check_rank, to_shape_tuple

__all__ = ['MaskedMean', 'MaskLayer', 'ApplyMask', 'MaskAndRemoveMask',
           'RemoveMask', 'GetMask', 'FlatMask']


def _as_weights(mask, x):
    """`mask` cast to the dtype of `x`, with trailing axes of size 1 added
    until it has the rank of `x` (a `(batch, time)` mask becomes
    `(batch, time, 1)` for `(batch, time, features)` inputs)."""
    weights = K.cast(mask, K.dtype(x))
    for _ in range(K.ndim(x) - K.ndim(mask)):
        weights = K.expand_dims(weights)
    return weights


def _masked(x, mask):
    """`x` with the masked positions set to 0 (`x` itself without mask)."""
    if mask is None:
        return x
    return x * _as_weights(mask, x)


class _MaskHelper(Layer):
    """A weightless layer that accepts masks; subclasses say what comes
    out (`call`) and which mask goes on (`compute_mask`)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def compute_output_shape(self, input_shape):
        return input_shape


class MaskedMean(_MaskHelper):
    """Averages a masked sequence over time; the mask is dropped.

    As in the fork, the masked steps are zeroed and the sum is divided by
    the full number of steps `T` (not by the number of unmasked steps):
    `out = sum_t(mask[:, t] * x[:, t]) / T`. NMT-Keras uses it to build the
    decoder's initial state from the encoder annotations.

    # Input shape
        3D tensor `(batch, time, features)`, with or without a mask.

    # Output shape
        2D tensor `(batch, features)`.

    # Raises
        ValueError: if the input is not 3D.
    """

    def build(self, input_shape):
        check_rank(self, to_shape_tuple(input_shape), ndim=3)
        super().build(input_shape)

    def call(self, inputs, mask=None):
        return K.mean(_masked(inputs, mask), axis=1)

    def compute_mask(self, inputs, mask=None):
        return None

    def compute_output_shape(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, ndim=3)
        return (input_shape[0], input_shape[2])


class MaskLayer(_MaskHelper):
    """Multiplies the input by its mask (masked steps become 0); the mask
    is kept.

    # Input shape
        Arbitrary; the mask has the leading axes of the input
        (e.g. `(batch, time)` for `(batch, time, features)`).

    # Output shape
        Same as the input.
    """

    def call(self, inputs, mask=None):
        return _masked(inputs, mask)


class MaskAndRemoveMask(_MaskHelper):
    """Multiplies the input by its mask, then drops the mask (for layers
    that do not accept masks, after which the padding stays zero).

    # Input shape
        Arbitrary.

    # Output shape
        Same as the input.
    """

    def call(self, inputs, mask=None):
        return _masked(inputs, mask)

    def compute_mask(self, inputs, mask=None):
        return None


class RemoveMask(_MaskHelper):
    """Passes the input on unchanged and drops its mask.

    # Input shape
        Arbitrary.

    # Output shape
        Same as the input.
    """

    def call(self, inputs, mask=None):
        return inputs

    def compute_mask(self, inputs, mask=None):
        return None


class ApplyMask(_MaskHelper):
    """Gives a tensor the mask of another one.

    Called on `[x, reference]`, the output is `x` with the positions masked
    in `reference` set to 0, and it carries `reference`'s mask (e.g. to put
    the source-word mask back on attention outputs). Called on a single
    tensor it masks the tensor with its own mask (as `MaskLayer`).
    This two-input form is our reading of the fork's layer.

    # Input shape
        A tensor, or a list `[x, reference]` where the mask of `reference`
        covers the leading axes of `x`.

    # Output shape
        The shape of `x`.

    # Raises
        ValueError: for a list that does not hold exactly two tensors.
    """

    def _check(self, shapes):
        if isinstance(shapes, list) and len(shapes) != 2:
            raise layer_error(self, 'expected a single tensor or a list '
                              '[x, reference] of 2 tensors, got %d inputs.'
                              % len(shapes))

    def build(self, input_shape):
        self._check(input_shape)
        super().build(input_shape)

    def call(self, inputs, mask=None):
        if isinstance(inputs, list):
            self._check(inputs)
            return _masked(inputs[0], mask[1] if mask else None)
        return _masked(inputs, mask)

    def compute_mask(self, inputs, mask=None):
        if isinstance(inputs, list):
            return mask[1] if mask else None
        return mask

    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list):
            self._check(input_shape)
            return input_shape[0]
        return input_shape


class GetMask(_MaskHelper):
    """Outputs the mask of its input as a float tensor (1 = kept,
    0 = masked); the output has no mask. Without a mask, all ones.

    # Input shape
        A tensor of rank >= 2 `(batch, ..., features)` with a mask over the
        leading axes `(batch, ...)`.

    # Output shape
        `input_shape[:-1]`.
    """

    def build(self, input_shape):
        check_rank(self, to_shape_tuple(input_shape), min_ndim=2)
        super().build(input_shape)

    def call(self, inputs, mask=None):
        if mask is None:
            return K.ones_like(inputs[..., 0], dtype=K.floatx())
        return K.cast(mask, K.floatx())

    def compute_mask(self, inputs, mask=None):
        return None

    def compute_output_shape(self, input_shape):
        return tuple(to_shape_tuple(input_shape)[:-1])


class FlatMask(_MaskHelper):
    """Reduces the rank of the mask by one: the output mask is true where
    any element of the input mask along `axis` is true. The values pass
    unchanged.

    # Arguments
        axis: the mask axis that is reduced (default 2).

    # Input shape
        Arbitrary, with a mask of rank > `axis`.

    # Output shape
        Same as the input.
    """

    def __init__(self, axis=2, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, inputs, mask=None):
        return inputs

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        rank = K.ndim(mask)
        if not -rank <= self.axis < rank:
            raise layer_error(self, '`axis` %d is out of range for a mask of '
                              'rank %d.' % (self.axis, rank))
        return K.any(mask, axis=self.axis)

    def get_config(self):
        config = dict(super().get_config())
        config['axis'] = self.axis
        return config
