"""Multi-head scaled dot-product attention (the multimodal fork's layer, with
the keyword spelling of keras-utility-layer-collection accepted too)."""
import math
import numbers

from ... import backend as K
from ... import activations
from ... import initializers
from ... import regularizers
from ... import constraints
from ...engine.base_layer import Layer
from ...legacy import interfaces
from .._utils import layer_error
from ._common import (as_shape_list, check_ranks, check_equal,
                      check_known_dim, masked_rows, split_heads,
                      merge_heads, repeat_for_heads)

# The score the fork gives to masked keys and future positions (-2**32 + 1).
MASKED_SCORE = -4294967295.


class MultiHeadAttention(Layer):
    """Multi-head attention ("Attention is all you need"), as the fork has it.

    Queries attend over keys: `n_heads` scaled dot-product attentions run
    in parallel on slices of learned projections, and their outputs are
    concatenated and projected again.

    With queries `q`, keys `k` and values `v` (by default `v = k`) and the
    activation `act` (relu by default, as in the fork):

        Q = act(q . linear_q [+ bias_q]), K = act(k . linear_k [+ bias_k]),
        V = act(v . linear_v [+ bias_v])
        head_i = softmax(Q_i K_i^T / sqrt(d_k)) V_i
        output = act(concat(head_1, ..., head_h) . linear_o [+ bias_o])

    `Q_i` is the feature slice `[i*d_k, (i+1)*d_k)` of `Q`. Masking follows
    the fork: queries and keys are multiplied by their masks (a row whose
    entries are all zero counts as masked when no Keras mask comes); scores
    of masked keys, and with `mask_future` of keys after the query's
    position, are set to -2**32+1 before the softmax; the attention weights
    are multiplied by the query mask (masked queries give `act(bias_o)`).
    Dropout is applied to the attention weights, in training only.

    # Arguments
        n_heads: number of heads (`h`).
        dmodel: size of the projections and of the output; `d_k = d_v =
            dmodel / n_heads` unless given. None (keras-utility-layer-
            collection's default): the last dimension of the keys.
        mask_future: whether a query may only attend to keys at its own or
            earlier positions (decoder self-attention).
        dropout: float in [0, 1), dropout rate on the attention weights.
        activation: activation of every projection (fork default 'relu').
        use_bias: whether the four projections have biases.
        kernel_initializer, kernel_regularizer, kernel_constraint: of the
            four projection matrices.
        activity_regularizer: regularizer of the output.
        bias_initializer, bias_regularizer, bias_constraint: of the biases.
        d_k: size of each head's queries and keys (default `dmodel /
            n_heads`, or the keys' dimension when `dmodel` is None).
        d_v: size of each head's values (default `d_k`).
        return_attention: whether to return the attention weights as a
            second output, `(batch, query_steps, n_heads * key_steps)`,
            head `i` in the block `[i*key_steps, (i+1)*key_steps)`.

    keras-utility-layer-collection's spelling `MultiHeadAttention(h, d_k,
    d_v, d_model, activation=None, return_attention=False)` is accepted
    (with keywords): `h` -> `n_heads`, `d_model` -> `dmodel`, and then the
    activation defaults to linear. Its layer had no masks and a bias on the
    output projection only; here the masks above apply and biases come
    with `use_bias` (all four or none).

    # Input shape
        A list `[queries, keys]` (values = keys, the fork's form) or
        `[queries, keys, values]`: `(batch, query_steps, query_dim)`,
        `(batch, key_steps, key_dim)`, `(batch, key_steps, value_dim)`.

    # Output shape
        `(batch, query_steps, dmodel)`; a list with the attention weights
        too when `return_attention`.

    # Weights
        `linear_q (query_dim, n_heads*d_k)`, `linear_k (key_dim,
        n_heads*d_k)`, `linear_v (value_dim, n_heads*d_v)`, `linear_o
        (n_heads*d_v, dmodel)`, then with `use_bias` `bias_q`, `bias_k`,
        `bias_v`, `bias_o`.

    # Raises
        ValueError: heads that do not divide `dmodel`, inputs that are not
            a list of 2 or 3 rank-3 tensors, or whose batch sizes (keys and
            values: lengths) differ.

    # References
        - [Attention Is All You Need](https://arxiv.org/abs/1706.03762)
    """

    @interfaces.legacy_multi_head_attention_support
    def __init__(self, n_heads, dmodel, mask_future=False, dropout=0.,
                 activation='relu', use_bias=False,
                 kernel_initializer='glorot_uniform', kernel_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None,
                 bias_initializer='zeros', bias_regularizer=None,
                 bias_constraint=None, d_k=None, d_v=None,
                 return_attention=False, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.n_heads = _positive_int(self, 'n_heads', n_heads)
        self.dmodel = None if dmodel is None else \
            _positive_int(self, 'dmodel', dmodel)
        self.d_k = None if d_k is None else _positive_int(self, 'd_k', d_k)
        self.d_v = None if d_v is None else _positive_int(self, 'd_v', d_v)
        if self.dmodel is not None and self.d_k is None and \
                self.dmodel % self.n_heads:
            raise layer_error(self, '`dmodel` must be a multiple of '
                              '`n_heads`: got dmodel=%d and n_heads=%d.'
                              % (self.dmodel, self.n_heads))
        if not 0. <= dropout < 1.:
            raise layer_error(self, '`dropout` must be in [0, 1), got %r.'
                              % (dropout,))
        self.mask_future = bool(mask_future)
        self.dropout = dropout
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.return_attention = bool(return_attention)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_initializer = initializers.get(bias_initializer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.bias_constraint = constraints.get(bias_constraint)
        self.activity_regularizer = regularizers.get(activity_regularizer)

    def _shapes(self, input_shape):
        shapes = as_shape_list(self, input_shape, (2, 3),
                               '[queries, keys] or [queries, keys, values]')
        names = ['queries', 'keys', 'values'][:len(shapes)]
        check_ranks(self, shapes, [3] * len(shapes), names)
        check_equal(self, shapes, 0, names, 'batch size')
        if len(shapes) == 3:
            check_equal(self, shapes[1:], 1, names[1:], 'number of steps')
        return shapes

    def _sizes(self, key_dim):
        """(d_k, d_v, output size) once the keys' dimension is known."""
        out_dim = self.dmodel or key_dim
        d_k = self.d_k or (self.dmodel // self.n_heads if self.dmodel
                           else key_dim)
        return d_k, self.d_v or d_k, out_dim

    def build(self, input_shape):
        shapes = self._shapes(input_shape)
        names = ['queries', 'keys', 'values']
        dims = [check_known_dim(self, s, -1, n) for s, n in zip(shapes, names)]
        query_dim, key_dim = dims[0], dims[1]
        value_dim = dims[2] if len(dims) == 3 else key_dim
        d_k, d_v, out_dim = self._sizes(key_dim)
        self.head_dims = (d_k, d_v)
        self.output_dim = out_dim

        def kernel(name, shape):
            return self.add_weight(name=name, shape=shape,
                                   initializer=self.kernel_initializer,
                                   regularizer=self.kernel_regularizer,
                                   constraint=self.kernel_constraint)

        def bias(name, size):
            return self.add_weight(name=name, shape=(size,),
                                   initializer=self.bias_initializer,
                                   regularizer=self.bias_regularizer,
                                   constraint=self.bias_constraint)

        h = self.n_heads
        self.linear_q = kernel('linear_q', (query_dim, h * d_k))
        self.linear_k = kernel('linear_k', (key_dim, h * d_k))
        self.linear_v = kernel('linear_v', (value_dim, h * d_v))
        self.linear_o = kernel('linear_o', (h * d_v, out_dim))
        self.biases = [None] * 4
        if self.use_bias:
            self.biases = [bias('bias_q', h * d_k), bias('bias_k', h * d_k),
                           bias('bias_v', h * d_v), bias('bias_o', out_dim)]
        self.built = True

    def _project(self, x, kernel, bias):
        y = K.dot(x, kernel)
        if bias is not None:
            y = K.bias_add(y, bias)
        return self.activation(y)

    def call(self, inputs, mask=None, training=None):
        query, key = inputs[0], inputs[1]
        value = inputs[2] if len(inputs) == 3 else None
        masks = list(mask) if isinstance(mask, (list, tuple)) \
            else [None] * len(inputs)
        query, query_kept = masked_rows(query, masks[0])
        key, key_kept = masked_rows(key, masks[1])
        # Values of masked keys never get weight; zero them all the same.
        value = key if value is None else value * K.expand_dims(key_kept)

        h = self.n_heads
        d_k, d_v = self.head_dims
        q = split_heads(self._project(query, self.linear_q, self.biases[0]),
                        h, d_k)
        k = split_heads(self._project(key, self.linear_k, self.biases[1]),
                        h, d_k)
        v = split_heads(self._project(value, self.linear_v, self.biases[2]),
                        h, d_v)

        scores = K.batch_dot(q, k, axes=(2, 2)) / math.sqrt(d_k)
        # Keys kept: (batch * h, 1, key_steps), [x (query_steps, key_steps)].
        keep = K.expand_dims(repeat_for_heads(key_kept, h), 1)
        if self.mask_future:
            keep = keep * K.expand_dims(K.tril(K.ones_like(scores[0])), 0)
        scores = scores * keep + (keep - 1.) * (-MASKED_SCORE)
        alphas = K.softmax(scores, axis=-1)
        if 0. < self.dropout:
            rate = self.dropout
            alphas = K.in_train_phase(lambda: K.dropout(alphas, rate),
                                      alphas, training=training)
        alphas = alphas * K.expand_dims(repeat_for_heads(query_kept, h), -1)

        heads = merge_heads(K.batch_dot(alphas, v, axes=(2, 1)), h, d_v)
        output = self._project(heads, self.linear_o, self.biases[3])
        if not self.return_attention:
            return output
        return [output, self._attention_output(alphas)]

    def _attention_output(self, alphas):
        """(batch * h, q_steps, k_steps) -> (batch, q_steps, h * k_steps)."""
        shape = K.shape(alphas)
        alphas = K.reshape(alphas, (-1, self.n_heads, shape[1], shape[2]))
        alphas = K.permute_dimensions(alphas, (0, 2, 1, 3))
        return K.reshape(alphas, (-1, shape[1], self.n_heads * shape[2]))

    def compute_output_shape(self, input_shape):
        shapes = self._shapes(input_shape)
        out_dim = self._sizes(shapes[1][-1])[2]
        output_shape = (shapes[0][0], shapes[0][1], out_dim)
        if not self.return_attention:
            return output_shape
        steps = shapes[1][1]
        weights = None if steps is None else self.n_heads * steps
        return [output_shape, (shapes[0][0], shapes[0][1], weights)]

    def compute_mask(self, inputs, mask=None):
        query_mask = mask[0] if isinstance(mask, (list, tuple)) else None
        if query_mask is None:
            query_mask = K.not_equal(K.sum(K.abs(inputs[0]), axis=-1), 0)
        if self.return_attention:
            return [query_mask, None]
        return query_mask

    def get_config(self):
        config = {
            'n_heads': self.n_heads,
            'dmodel': self.dmodel,
            'mask_future': self.mask_future,
            'dropout': self.dropout,
            'activation': activations.serialize(self.activation),
            'use_bias': self.use_bias,
            'kernel_initializer':
                initializers.serialize(self.kernel_initializer),
            'kernel_regularizer':
                regularizers.serialize(self.kernel_regularizer),
            'activity_regularizer':
                regularizers.serialize(self.activity_regularizer),
            'kernel_constraint': constraints.serialize(self.kernel_constraint),
            'bias_initializer': initializers.serialize(self.bias_initializer),
            'bias_regularizer': regularizers.serialize(self.bias_regularizer),
            'bias_constraint': constraints.serialize(self.bias_constraint),
            'd_k': self.d_k,
            'd_v': self.d_v,
            'return_attention': self.return_attention,
        }
        base_config = super().get_config()
        base_config.update(config)
        return base_config


def _positive_int(layer, name, value):
    """`value` as an int >= 1, else a ValueError naming the argument."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) \
            or value < 1:
        raise layer_error(layer, '`%s` must be an integer >= 1, got %r.'
                          % (name, value))
    return int(value)
