"""Scaled dot-product attention (keras-utility-layer-collection's layer)."""
import math

from ... import backend as K
from ...engine.base_layer import Layer
from ._common import (as_shape_list, check_ranks, check_equal,
                      check_known_dim, mask_at)
from .scoring import masked_softmax


class ScaledDotProductAttention(Layer):
    """Scaled dot-product attention ("Attention is all you need").

    `output = softmax(Q K^T / sqrt(d_k)) V`: each query step gets the
    average of the values weighted by the softmax of its scaled dot
    products with the keys. No weights.

    Differences from keras-utility-layer-collection, whose names and
    arguments this keeps: masks are supported (masked keys get no weight;
    the output carries the queries' mask), queries may have a different
    number of steps than the keys, and the output's last dimension is the
    values' (kulc declared the keys' shape).

    # Arguments
        return_attention: whether to return the attention weights
            `(batch, query_steps, key_steps)` as a second output.

    # Input shape
        A list `[Q, K, V]`: `(batch, query_steps, d_k)`, `(batch,
        key_steps, d_k)`, `(batch, key_steps, d_v)`.

    # Output shape
        `(batch, query_steps, d_v)`, and the attention weights when
        `return_attention`.

    # Raises
        ValueError: when the input is not a list of three rank-3 tensors,
            the batch sizes differ, Q and K have different feature sizes
            or K and V different numbers of steps.
    """

    def __init__(self, return_attention=False, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.return_attention = bool(return_attention)

    def _shapes(self, input_shape):
        names = ['Q', 'K', 'V']
        shapes = as_shape_list(self, input_shape, (3,), '[Q, K, V]')
        check_ranks(self, shapes, [3, 3, 3], names)
        check_equal(self, shapes, 0, names, 'batch size')
        check_equal(self, shapes[:2], 2, names[:2], 'feature size')
        check_equal(self, shapes[1:], 1, names[1:], 'number of steps')
        return shapes

    def build(self, input_shape):
        shapes = self._shapes(input_shape)
        self.d_k = check_known_dim(self, shapes[0], -1, 'Q')
        self.built = True

    def call(self, inputs, mask=None):
        query, key, value = inputs
        scores = K.batch_dot(query, key, axes=(2, 2)) / math.sqrt(self.d_k)
        key_mask = mask_at(mask, 1)
        if key_mask is not None:
            key_mask = K.expand_dims(K.cast(key_mask, K.dtype(scores)), 1)
        weights = masked_softmax(scores, key_mask)
        output = K.batch_dot(weights, value, axes=(2, 1))
        if self.return_attention:
            return [output, weights]
        return output

    def compute_output_shape(self, input_shape):
        q, k, v = self._shapes(input_shape)
        output_shape = (q[0], q[1], v[2])
        if self.return_attention:
            return [output_shape, (q[0], q[1], k[1])]
        return output_shape

    def compute_mask(self, inputs, mask=None):
        query_mask = mask_at(mask, 0)
        if self.return_attention:
            return [query_mask, None]
        return query_mask

    def get_config(self):
        config = super().get_config()
        config['return_attention'] = self.return_attention
        return config
