"""The multimodal fork's normalization helpers (re-exported by
`keras.layers.normalization`): `SqrtScaling` and the functions `L1_norm`,
`L2_norm`, `signed_sqrt` (for `Lambda` layers, e.g. after bilinear
pooling)."""
import math

from .. import backend as K
from ..engine.base_layer import Layer
from ._utils import layer_error

__all__ = ['SqrtScaling', 'L1_norm', 'L2_norm', 'signed_sqrt']


def L1_norm(x):
    """`K.l1_normalize(x, axis=1)`: as in the fork, `x` divided by the
    largest L1 norm of its rows (one scalar for the batch)."""
    return K.l1_normalize(x, axis=1)


def L2_norm(x, axis=1):
    """`x` divided by its L2 norm along `axis` (`K.l2_normalize`)."""
    return K.l2_normalize(x, axis=axis)


def signed_sqrt(x):
    """Signed square root `sign(x) * sqrt(|x|)`."""
    return K.sign(x) * K.sqrt(K.abs(x))


class SqrtScaling(Layer):
    """Multiplies the input by `sqrt(value)` (the Transformer's scaling of
    the word embeddings by `sqrt(d_model)`). The mask passes through.

    # Arguments
        value: non-negative number; the factor is its square root.

    # Input shape
        Arbitrary.

    # Output shape
        Same as the input.

    # Raises
        ValueError: for a negative `value`.
    """

    def __init__(self, value=1., **kwargs):
        super().__init__(**kwargs)
        if value < 0:
            raise layer_error(self, '`value` must be >= 0, got %r.' % (value,))
        self.value = value
        self.supports_masking = True

    def call(self, inputs):
        return inputs * math.sqrt(self.value)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = dict(super().get_config())
        config['value'] = self.value
        return config
