"""The multimodal fork's non-recurrent attention layers: `Attention`,
`AttentionComplex`, `SoftAttention` and `SoftMultistepsAttention`.

The fork kept these as Keras 1 code that no longer constructs (its
constructors call the removed `initializations` module). They are built
here from the weights the fork declares and the equations of its docstrings
and step functions; the signatures are the fork's. Where its code was
unfinished, the choices are written in each class's docstring.
"""
from ... import backend as K
from ...engine import argument_checks
from ... import activations
from ... import initializers
from ... import regularizers
from ...engine.base_layer import Layer
from .._utils import layer_error
from ._common import (ForkLayerMethods, as_shape_list, check_ranks,
                      check_equal, check_known_dim, mask_at)
from .scoring import masked_softmax


def _dropped(x, rate, training):
    """`x` with dropout `rate` in the training phase (rate 0: `x`)."""
    if not 0. < rate < 1.:
        return x
    return K.in_train_phase(lambda: K.dropout(x, rate), x, training=training)


def _check_rate(layer, name, rate):
    if not 0. <= rate < 1.:
        raise layer_error(layer, '`%s` must be in [0, 1), got %r.'
                          % (name, rate))
    return rate


def _check_rank3(layer, input_shape):
    if isinstance(input_shape, list):
        raise layer_error(layer, 'expected one input tensor of shape (batch, '
                          'steps, features), got a list of %d.'
                          % len(input_shape))
    check_ranks(layer, [tuple(input_shape)], [3], ['single'])
    return tuple(input_shape)


class _PerStepAttention(ForkLayerMethods, Layer):
    """Shared parts of `Attention` and `AttentionComplex`: one input
    `(batch, steps, features)`, an output `(batch, steps, nb_attention)`
    per step, masks passed through, the fork's Keras 1 arguments."""

    _regularized = ()
    _dropouts = ()

    def __init__(self, nb_attention, init='glorot_uniform',
                 inner_init='orthogonal', forget_bias_init='one',
                 activation='tanh', inner_activation='hard_sigmoid',
                 regularizers_=None, dropouts=None, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        if not argument_checks.is_integer(nb_attention) or nb_attention < 1:
            raise layer_error(self, '`nb_attention` must be an integer >= 1, '
                              'got %r.' % (nb_attention,))
        self.nb_attention = nb_attention
        self.init = initializers.get(init)
        # Accepted and kept in the config; the fork's equations use neither.
        self.inner_init = initializers.get(inner_init)
        self.forget_bias_init = initializers.get(forget_bias_init)
        self.inner_activation = activations.get(inner_activation)
        self.activation = activations.get(activation)
        for name, value in (regularizers_ or {}).items():
            setattr(self, name, regularizers.get(value))
        for name, rate in (dropouts or {}).items():
            setattr(self, name, _check_rate(self, name, rate))

    def _weight(self, name, shape, regularizer, initializer=None):
        return self.add_weight(name='%s_%s' % (self.name, name), shape=shape,
                               initializer=initializer or self.init,
                               regularizer=regularizer)

    def compute_output_shape(self, input_shape):
        shape = _check_rank3(self, input_shape)
        return shape[:2] + (self.nb_attention,)


    def get_config(self):
        config = super().get_config()
        config.update({
            'nb_attention': self.nb_attention,
            'init': initializers.serialize(self.init),
            'inner_init': initializers.serialize(self.inner_init),
            'forget_bias_init': initializers.serialize(self.forget_bias_init),
            'activation': activations.serialize(self.activation),
            'inner_activation': activations.serialize(self.inner_activation)})
        for name in self._regularized:
            config[name] = regularizers.serialize(getattr(self, name))
        for name in self._dropouts:
            config[name] = getattr(self, name)
        return config


class Attention(_PerStepAttention):
    """Class attention weights of every input vector (the fork's layer).

        beta = sigmoid(dropout(x) . Wa + ba)

    gives, for each step (or image region) of `x`, `nb_attention` weights
    in (0, 1). As in the fork, `activation`, `inner_init`,
    `forget_bias_init` and `inner_activation` are accepted (and kept in the
    config) but unused. Ours: the fork could not construct this layer.

    # Arguments
        nb_attention: number of attention weights per input vector.
        init: initializer of `Wa` (`ba` starts at zero).
        dropout_Wa: dropout rate on `x` before `Wa` (training only).
        Wa_regularizer, ba_regularizer: weight regularizers.

    # Input shape
        `(batch, steps, features)`.

    # Output shape
        `(batch, steps, nb_attention)`; the input mask passes through.

    # Weights
        `{name}_Wa (features, nb_attention)`, `{name}_ba (nb_attention,)`.

    # Raises
        ValueError: a bad `nb_attention` or dropout rate, an input that is
            not rank 3.
    """

    _regularized = ('Wa_regularizer', 'ba_regularizer')
    _dropouts = ('dropout_Wa',)

    def __init__(self, nb_attention, init='glorot_uniform',
                 inner_init='orthogonal', forget_bias_init='one',
                 activation='tanh', inner_activation='hard_sigmoid',
                 dropout_Wa=0., Wa_regularizer=None, ba_regularizer=None,
                 **kwargs):
        super().__init__(nb_attention, init, inner_init, forget_bias_init,
                         activation, inner_activation,
                         regularizers_={'Wa_regularizer': Wa_regularizer,
                                        'ba_regularizer': ba_regularizer},
                         dropouts={'dropout_Wa': dropout_Wa}, **kwargs)

    def build(self, input_shape):
        shape = _check_rank3(self, input_shape)
        features = check_known_dim(self, shape, -1, 'single')
        self.Wa = self._weight('Wa', (features, self.nb_attention),
                               self.Wa_regularizer)
        self.ba = self._weight('ba', (self.nb_attention,),
                               self.ba_regularizer, 'zeros')
        self.built = True

    def call(self, inputs, mask=None, training=None):
        x = _dropped(inputs, self.dropout_Wa, training)
        return K.sigmoid(K.bias_add(K.dot(x, self.Wa), self.ba))


class AttentionComplex(_PerStepAttention):
    """Attention scores of every input vector through a hidden layer (the
    fork's layer):

        e = dropout_w(act(dropout_W(x) . W + b)) . w

    giving `nb_attention` unnormalized scores per step (or image region).
    The fork's code hard-coded tanh for `act`; here `activation` (default
    tanh) is used. `dropout_Wa`, `Wa_regularizer` and `ba_regularizer`
    belong to a second stage the fork left commented out: accepted, kept
    in the config, unused. Ours: the fork could not construct this layer.

    # Arguments
        nb_attention: number of scores per input vector.
        init: initializer of `w` and `W` (`b` starts at zero).
        activation: activation of the hidden layer.
        dropout_w: dropout rate on the hidden layer (training only).
        dropout_W: dropout rate on `x` (training only).
        w_regularizer, W_regularizer, b_regularizer: weight regularizers.

    # Input shape
        `(batch, steps, features)`.

    # Output shape
        `(batch, steps, nb_attention)`; the input mask passes through.

    # Weights
        `{name}_w (features, nb_attention)`, `{name}_W (features,
        features)`, `{name}_b (features,)`.

    # Raises
        ValueError: a bad `nb_attention` or dropout rate, an input that is
            not rank 3.
    """

    _regularized = ('w_regularizer', 'W_regularizer', 'b_regularizer',
                    'Wa_regularizer', 'ba_regularizer')
    _dropouts = ('dropout_w', 'dropout_W', 'dropout_Wa')

    def __init__(self, nb_attention, init='glorot_uniform',
                 inner_init='orthogonal', forget_bias_init='one',
                 activation='tanh', inner_activation='hard_sigmoid',
                 dropout_w=0., dropout_W=0., dropout_Wa=0.,
                 w_regularizer=None, W_regularizer=None, b_regularizer=None,
                 Wa_regularizer=None, ba_regularizer=None, **kwargs):
        super().__init__(
            nb_attention, init, inner_init, forget_bias_init, activation,
            inner_activation,
            regularizers_={'w_regularizer': w_regularizer,
                           'W_regularizer': W_regularizer,
                           'b_regularizer': b_regularizer,
                           'Wa_regularizer': Wa_regularizer,
                           'ba_regularizer': ba_regularizer},
            dropouts={'dropout_w': dropout_w, 'dropout_W': dropout_W,
                      'dropout_Wa': dropout_Wa}, **kwargs)

    def build(self, input_shape):
        shape = _check_rank3(self, input_shape)
        features = check_known_dim(self, shape, -1, 'single')
        self.w = self._weight('w', (features, self.nb_attention),
                              self.w_regularizer)
        self.W = self._weight('W', (features, features), self.W_regularizer)
        self.b = self._weight('b', (features,), self.b_regularizer, 'zeros')
        self.built = True

    def call(self, inputs, mask=None, training=None):
        x = _dropped(inputs, self.dropout_W, training)
        hidden = self.activation(K.bias_add(K.dot(x, self.W), self.b))
        return K.dot(_dropped(hidden, self.dropout_w, training), self.w)


class SoftMultistepsAttention(ForkLayerMethods, Layer):
    """Soft attention over a set of vectors, once per step of a context
    sequence (the fork's layer, vectorized over the steps):

        e_t = wa . act(x . Wa + (c_t . Ua + ba)) + ca
        alpha_t = softmax over the vectors of e_t
        x_att_t = sum_i alpha_t[i] x_i

    `x` `(batch, n, features)` is the attended set (e.g. image regions) and
    `c_t` the context at step `t` (e.g. a word). Dropout `dropout_Wa`
    applies to `x`, `dropout_Ua` to the context (training only). A mask on
    `x` excludes masked vectors from the softmax. Ours: the fork could not
    construct this layer, and its step function mixed up the axes; this is
    the computation its docstring gives, with its weights.

    # Arguments
        att_dim: size of the attention MLP.
        sum_weighted_output: whether `x_att` is the weighted sum (else the
            weighted vectors, `alpha_t[i] x_i` for every `i`).
        init: initializer of `wa`, `Wa`, `Ua` (`ba`, `ca` start at zero).
        activation: activation of the attention MLP.
        return_sequences: whether to return every step (else the last).
        dropout_Wa, dropout_Ua: dropout rates.
        wa_regularizer, Wa_regularizer, Ua_regularizer, ba_regularizer,
        ca_regularizer: weight regularizers.

    # Input shape
        A list `[x, context]`: `(batch, n, features)` with a known `n`, and
        `(batch, steps, context_dim)`.

    # Output shape
        A list `[x_att, alphas]`: `(batch, steps, features)` (or `(batch,
        steps, n, features)` without `sum_weighted_output`) and `(batch,
        steps, n)`; without `return_sequences` the steps axis is dropped
        (the last step). With `return_sequences` both outputs carry the
        context's mask.

    # Weights
        `{name}_wa (att_dim,)`, `{name}_Wa (features, att_dim)`, `{name}_Ua
        (context_dim, att_dim)`, `{name}_ba (att_dim,)`, `{name}_ca (n,)`.

    # Raises
        ValueError: inputs that are not `[rank 3, rank 3]` with equal batch
            sizes, an unknown `n`, a bad `att_dim` or dropout rate.
    """

    _context_rank = 3

    def __init__(self, att_dim, sum_weighted_output=True,
                 init='glorot_uniform', activation='tanh',
                 return_sequences=True, dropout_Wa=0., dropout_Ua=0.,
                 wa_regularizer=None, Wa_regularizer=None,
                 Ua_regularizer=None, ba_regularizer=None,
                 ca_regularizer=None, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        if not argument_checks.is_integer(att_dim) or att_dim < 1:
            raise layer_error(self, '`att_dim` must be an integer >= 1, got '
                              '%r.' % (att_dim,))
        self.att_dim = att_dim
        self.sum_weighted_output = bool(sum_weighted_output)
        self.init = initializers.get(init)
        self.activation = activations.get(activation)
        self.return_sequences = bool(return_sequences)
        self.dropout_Wa = _check_rate(self, 'dropout_Wa', dropout_Wa)
        self.dropout_Ua = _check_rate(self, 'dropout_Ua', dropout_Ua)
        self.regularizers_ = {
            name: regularizers.get(value) for name, value in (
                ('wa', wa_regularizer), ('Wa', Wa_regularizer),
                ('Ua', Ua_regularizer), ('ba', ba_regularizer),
                ('ca', ca_regularizer))}

    def _shapes(self, input_shape):
        names = ['attended (x)', 'context']
        shapes = as_shape_list(self, input_shape, (2,), '[x, context]')
        check_ranks(self, shapes, [3, self._context_rank], names)
        check_equal(self, shapes, 0, names, 'batch size')
        return shapes

    def build(self, input_shape):
        x_shape, c_shape = self._shapes(input_shape)
        features = check_known_dim(self, x_shape, -1, 'attended (x)')
        context_dim = check_known_dim(self, c_shape, -1, 'context')
        if x_shape[1] is None:
            raise layer_error(self, 'the number of attended vectors (axis 1 '
                              'of x) must be known: `ca` has one weight per '
                              'vector. Got shape %s.' % (x_shape,))

        def weight(name, shape, initializer=None):
            return self.add_weight(name='%s_%s' % (self.name, name),
                                   shape=shape,
                                   initializer=initializer or self.init,
                                   regularizer=self.regularizers_[name])

        self.wa = weight('wa', (self.att_dim,))
        self.Wa = weight('Wa', (features, self.att_dim))
        self.Ua = weight('Ua', (context_dim, self.att_dim))
        self.ba = weight('ba', (self.att_dim,), 'zeros')
        self.ca = weight('ca', (x_shape[1],), 'zeros')
        self.built = True

    def _attend(self, x, context, x_mask, training):
        """`context` `(batch, steps, context_dim)` -> `(x_att, alphas)` with
        a steps axis."""
        p_x = K.dot(_dropped(x, self.dropout_Wa, training), self.Wa)
        p_c = K.bias_add(K.dot(_dropped(context, self.dropout_Ua, training),
                               self.Ua), self.ba)
        hidden = self.activation(K.expand_dims(p_x, 1) +
                                 K.expand_dims(p_c, 2))   # (B, T, n, att)
        scores = K.sum(hidden * self.wa, axis=-1) + self.ca
        if x_mask is not None:
            x_mask = K.expand_dims(K.cast(x_mask, K.dtype(scores)), 1)
        alphas = masked_softmax(scores, x_mask)                 # (B, T, n)
        weighted = K.expand_dims(alphas) * K.expand_dims(x, 1)  # (B,T,n,E)
        if self.sum_weighted_output:
            weighted = K.sum(weighted, axis=2)
        return weighted, alphas

    def call(self, inputs, mask=None, training=None):
        x_att, alphas = self._attend(inputs[0], inputs[1], mask_at(mask, 0),
                                     training)
        if self.return_sequences:
            return [x_att, alphas]
        return [x_att[:, -1], alphas[:, -1]]

    def _output_shapes(self, x_shape, steps):
        batch, n, features = x_shape
        x_att = (batch,) + steps + \
            ((features,) if self.sum_weighted_output else (n, features))
        return [x_att, (batch,) + steps + (n,)]

    def compute_output_shape(self, input_shape):
        x_shape, c_shape = self._shapes(input_shape)
        steps = (c_shape[1],) if self.return_sequences else ()
        return self._output_shapes(x_shape, steps)

    def compute_mask(self, inputs, mask=None):
        context_mask = mask_at(mask, 1) if self.return_sequences else None
        return [context_mask, context_mask]

    def get_config(self):
        config = super().get_config()
        config.update({
            'att_dim': self.att_dim,
            'sum_weighted_output': self.sum_weighted_output,
            'init': initializers.serialize(self.init),
            'activation': activations.serialize(self.activation),
            'dropout_Wa': self.dropout_Wa, 'dropout_Ua': self.dropout_Ua})
        if self._context_rank == 3:
            config['return_sequences'] = self.return_sequences
        for name, value in self.regularizers_.items():
            config[name + '_regularizer'] = regularizers.serialize(value)
        return config


class SoftAttention(SoftMultistepsAttention):
    """Soft attention over a set of vectors given one context vector (the
    fork's layer):

        e = wa . act(x . Wa + (c . Ua + ba)) + ca
        alpha = softmax over the vectors of e
        x_att = sum_i alpha[i] x_i

    Dropout `dropout_Wa` applies to `x`, `dropout_Ua` to `c` (training
    only); a mask on `x` excludes masked vectors. Ours: the fork could not
    construct this layer.

    # Arguments
        att_dim: size of the attention MLP.
        sum_weighted_output: whether `x_att` is the weighted sum (else the
            weighted vectors `alpha[i] x_i`).
        init: initializer of `wa`, `Wa`, `Ua` (`ba`, `ca` start at zero).
        activation: activation of the attention MLP.
        dropout_Wa, dropout_Ua: dropout rates.
        wa_regularizer, Wa_regularizer, Ua_regularizer, ba_regularizer,
        ca_regularizer: weight regularizers.

    # Input shape
        A list `[x, context]`: `(batch, n, features)` with a known `n`, and
        `(batch, context_dim)`.

    # Output shape
        A list `[x_att, alphas]`: `(batch, features)` (or `(batch, n,
        features)` without `sum_weighted_output`) and `(batch, n)`. No
        output masks.

    # Weights
        `{name}_wa (att_dim,)`, `{name}_Wa (features, att_dim)`, `{name}_Ua
        (context_dim, att_dim)`, `{name}_ba (att_dim,)`, `{name}_ca (n,)`.

    # Raises
        ValueError: inputs that are not `[rank 3, rank 2]` with equal batch
            sizes, an unknown `n`, a bad `att_dim` or dropout rate.
    """

    _context_rank = 2

    def __init__(self, att_dim, sum_weighted_output=True,
                 init='glorot_uniform', activation='tanh', dropout_Wa=0.,
                 dropout_Ua=0., wa_regularizer=None, Wa_regularizer=None,
                 Ua_regularizer=None, ba_regularizer=None,
                 ca_regularizer=None, **kwargs):
        super().__init__(att_dim, sum_weighted_output, init, activation,
                         False, dropout_Wa, dropout_Ua, wa_regularizer,
                         Wa_regularizer, Ua_regularizer, ba_regularizer,
                         ca_regularizer, **kwargs)

    def call(self, inputs, mask=None, training=None):
        x_att, alphas = self._attend(inputs[0], K.expand_dims(inputs[1], 1),
                                     mask_at(mask, 0), training)
        return [x_att[:, 0], alphas[:, 0]]

    def compute_output_shape(self, input_shape):
        x_shape, _ = self._shapes(input_shape)
        return self._output_shapes(x_shape, ())

    def compute_mask(self, inputs, mask=None):
        return [None, None]
