"""The multimodal fork's convolutional attention of words over image
feature maps: `ConvAtt` and `ConvCoAtt`.

The fork kept them as Keras 1 code that no longer constructs; they are
built here from its weights (1x1 convolution kernels in the fork's layouts)
and its step functions, vectorized over the words. Ours where the fork's
code was unfinished; the choices are in the class docstrings.
"""
from ... import backend as K
from ...engine import argument_checks
from ... import activations
from ... import initializers
from ... import regularizers
from ... import constraints
from ...engine.base_layer import Layer
from .._utils import layer_error
from ._common import (ForkLayerMethods, as_shape_list, check_ranks,
                      check_equal, check_known_dim)

_ORDERINGS = {'th': 'th', 'channels_first': 'th', 'tf': 'tf',
              'channels_last': 'tf'}


class _ConvAttentionBase(ForkLayerMethods, Layer):
    """Shared parts: arguments, 1x1 kernels, the softmax over positions and
    the output layouts. Inputs `[image, words]`; the computation runs in
    channels-last layout."""

    _weight_names = ()

    def __init__(self, nb_embedding, nb_glimpses=1, concat_timesteps=True,
                 init='glorot_uniform', activation=None, weights=None,
                 return_states=True, border_mode='valid',
                 dim_ordering='default', regularizers_=None,
                 constraints_=None, activity_regularizer=None, bias=True,
                 **kwargs):
        if weights is not None:
            kwargs['weights'] = weights
        super().__init__(**kwargs)
        self.supports_masking = True
        for name, value in (('nb_embedding', nb_embedding),
                            ('nb_glimpses', nb_glimpses)):
            if not argument_checks.is_integer(value) or value < 0 or \
                    (name == 'nb_embedding' and value < 1):
                raise layer_error(self, '`%s` must be an integer >= %d, got '
                                  '%r.' % (name, int(name == 'nb_embedding'),
                                           value))
        if border_mode not in ('valid', 'same', 'full'):
            raise layer_error(self, '`border_mode` must be "valid", "same" '
                              'or "full", got %r.' % (border_mode,))
        if dim_ordering == 'default':
            dim_ordering = K.image_data_format()
        if dim_ordering not in _ORDERINGS:
            raise layer_error(self, '`dim_ordering` must be "th" or "tf", '
                              'got %r.' % (dim_ordering,))
        self.nb_embedding = nb_embedding
        self.nb_glimpses = nb_glimpses
        self.concat_timesteps = bool(concat_timesteps)
        self.init = initializers.get(init)
        self.activation = activations.get(activation)
        self.return_states = bool(return_states)
        self.border_mode = border_mode
        self.dim_ordering = _ORDERINGS[dim_ordering]
        self.bias = bool(bias)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.regularizers_ = {k: regularizers.get(v)
                              for k, v in (regularizers_ or {}).items()}
        self.constraints_ = {k: constraints.get(v)
                             for k, v in (constraints_ or {}).items()}

    # -- shapes -----------------------------------------------------------

    def _shapes(self, input_shape):
        names = ['image', 'words']
        shapes = as_shape_list(self, input_shape, (2,), '[image, words]')
        check_ranks(self, shapes, [4, 3], names)
        check_equal(self, shapes, 0, names, 'batch size')
        return shapes

    def _image_dims(self, image_shape):
        """(rows, cols, channels) of an image shape."""
        if self.dim_ordering == 'th':
            return image_shape[2], image_shape[3], image_shape[1]
        return image_shape[1], image_shape[2], image_shape[3]

    # -- weights ----------------------------------------------------------

    def _kernel(self, name, n_in, n_out):
        """A 1x1 kernel in the fork's layout for `dim_ordering`."""
        shape = (n_out, n_in, 1, 1) if self.dim_ordering == 'th' \
            else (1, 1, n_in, n_out)
        return self._weight(name, shape)

    def _weight(self, name, shape, initializer=None):
        return self.add_weight(name='%s_%s' % (self.name, name), shape=shape,
                               initializer=initializer or self.init,
                               regularizer=self.regularizers_.get(name),
                               constraint=self.constraints_.get(name))

    def _matrix(self, kernel):
        """A 1x1 kernel as an `(in, out)` matrix."""
        if self.dim_ordering == 'th':
            shape = K.int_shape(kernel)
            return K.transpose(K.reshape(kernel, (shape[0], shape[1])))
        shape = K.int_shape(kernel)
        return K.reshape(kernel, (shape[2], shape[3]))

    def _build_glimpses_and_bias(self):
        self.U = self._kernel('U', self.nb_embedding, self.nb_glimpses) \
            if self.nb_glimpses > 0 else None

    # -- computation ------------------------------------------------------

    def _attend(self, values, hidden):
        """`values`, `hidden`: `(batch, words, rows, cols, emb)`; the
        softmax over positions of the (glimpse-summed) scores weights
        `values`."""
        scores = K.dot(hidden, self._matrix(self.U)) \
            if self.U is not None else hidden
        scores = K.sum(scores, axis=-1)                # (B, T, rows, cols)
        shape = K.shape(scores)
        flat = K.reshape(scores, (shape[0], shape[1], shape[2] * shape[3]))
        alphas = K.reshape(K.softmax(flat, axis=-1), shape)
        return self.activation(values * K.expand_dims(alphas))

    def call(self, inputs, mask=None):
        image, words = inputs
        if self.dim_ordering == 'th':
            image = K.permute_dimensions(image, (0, 2, 3, 1))
        attended = self._attend(*self._values_and_hidden(image, words))
        if not self.return_states:
            return self._to_ordering(attended[:, -1])
        if not self.concat_timesteps:
            return attended if self.dim_ordering == 'tf' else \
                K.permute_dimensions(attended, (0, 1, 4, 2, 3))
        # channel e * words + t, the fork's order
        shape = K.shape(attended)
        joined = K.permute_dimensions(attended, (0, 2, 3, 4, 1))
        joined = K.reshape(joined, (shape[0], shape[2], shape[3],
                                    shape[4] * shape[1]))
        return self._to_ordering(joined)

    def _to_ordering(self, x):
        if self.dim_ordering == 'th':
            return K.permute_dimensions(x, (0, 3, 1, 2))
        return x

    def compute_output_shape(self, input_shape):
        image_shape, words_shape = self._shapes(input_shape)
        rows, cols, _ = self._image_dims(image_shape)
        batch, steps, emb = image_shape[0], words_shape[1], self.nb_embedding
        if self.return_states and not self.concat_timesteps:
            if self.dim_ordering == 'th':
                return (batch, steps, emb, rows, cols)
            return (batch, steps, rows, cols, emb)
        if self.return_states:
            emb = None if steps is None else emb * steps
        if self.dim_ordering == 'th':
            return (batch, emb, rows, cols)
        return (batch, rows, cols, emb)

    def compute_mask(self, inputs, mask=None):
        return None

    def set_lr_multipliers(self, W_learning_rate_multiplier,
                           b_learning_rate_multiplier):
        """Sets the learning-rate factors of `W` and `b` (the fork's
        method; the optimizers apply them)."""
        self.W_learning_rate_multiplier = W_learning_rate_multiplier
        self.b_learning_rate_multiplier = b_learning_rate_multiplier
        if self.built:
            self._apply_learning_rate_multipliers()

    def _apply_learning_rate_multipliers(self):
        super()._apply_learning_rate_multipliers()
        # The weights are named `{name}_W`, `{name}_b`: bind them directly.
        for weight, value in ((self.W, self.W_learning_rate_multiplier),
                              (self.b, self.b_learning_rate_multiplier)):
            if weight is not None and value is not None:
                weight._learning_rate_multiplier = float(value)

    def get_config(self):
        config = super().get_config()
        config.update({
            'nb_embedding': self.nb_embedding,
            'nb_glimpses': self.nb_glimpses,
            'concat_timesteps': self.concat_timesteps,
            'init': initializers.serialize(self.init),
            'activation': activations.serialize(self.activation),
            'return_states': self.return_states,
            'border_mode': self.border_mode,
            'dim_ordering': self.dim_ordering,
            'activity_regularizer':
                regularizers.serialize(self.activity_regularizer),
            'bias': self.bias})
        for name in self._weight_names:
            config[name + '_regularizer'] = regularizers.serialize(
                self.regularizers_.get(name))
            config[name + '_constraint'] = constraints.serialize(
                self.constraints_.get(name))
        return config


class ConvAtt(_ConvAttentionBase):
    """Attention of each word over the positions of an image feature map
    (the fork's layer). With the image `I` `(rows, cols, channels)` and the
    words `q_t`:

        P = I * W + b                      (1x1 convolution, nb_embedding)
        A_t = tanh(P + q_t . V)            (q_t . V added at every position)
        e_t = sum over glimpses of A_t * U (1x1 convolution, nb_glimpses;
                                            A_t itself when nb_glimpses=0)
        alpha_t = softmax over the positions of e_t
        output_t = activation(P * alpha_t)

    # Arguments
        nb_embedding: size of the joint embedding (`P`'s channels).
        nb_glimpses: number of glimpses (channels of `U`); 0: no `U`.
        concat_timesteps: with `return_states`, whether the words' outputs
            are joined along the channels (channel `e * words + t`, the
            fork's order) instead of kept on their own axis.
        init: initializer of the kernels (`b` starts at zero).
        activation: applied to the output (None: linear). The fork accepted
            it and never applied it.
        weights: initial weights (a list in the order below).
        return_states: whether to return every word's output (else the
            last word's).
        border_mode: accepted for the fork's signature; the kernels are 1x1,
            so 'valid', 'same' and 'full' give the same result.
        dim_ordering: 'th' (channels first), 'tf' (channels last) or
            'default' (the configured image data format).
        W_regularizer, U_regularizer, V_regularizer, b_regularizer,
        W_constraint, U_constraint, V_constraint, b_constraint: per weight.
        activity_regularizer: regularizer of the output.
        W_learning_rate_multiplier, b_learning_rate_multiplier: the fork's
            per-weight learning-rate factors.
        bias: whether `P` has the bias `b`.

    Word masks are not applied (as in the fork, whose loop ignored them);
    the output has no mask. Ours: the fork could not construct this layer.

    # Input shape
        A list `[image, words]`: `(batch, channels, rows, cols)` ('th') or
        `(batch, rows, cols, channels)` ('tf'), and `(batch, words,
        word_dim)` (a known number of words with `concat_timesteps`).

    # Output shape
        'tf': `(batch, rows, cols, nb_embedding * words)` (concatenated),
        `(batch, words, rows, cols, nb_embedding)` (not concatenated),
        `(batch, rows, cols, nb_embedding)` (without `return_states`);
        'th': the same with the channels before rows and cols.

    # Weights
        `{name}_U` ('th' `(nb_glimpses, nb_embedding, 1, 1)`, 'tf' `(1, 1,
        nb_embedding, nb_glimpses)`; only with glimpses), `{name}_V
        (word_dim, nb_embedding)`, `{name}_W` ('th' `(nb_embedding,
        channels, 1, 1)`, 'tf' `(1, 1, channels, nb_embedding)`),
        `{name}_b (nb_embedding,)` (with `bias`).

    # Raises
        ValueError: bad arguments, inputs that are not `[rank 4, rank 3]`
            with equal batch sizes, or unknown channel/word sizes.
    """

    _weight_names = ('W', 'U', 'V', 'b')

    def __init__(self, nb_embedding, nb_glimpses=1, concat_timesteps=True,
                 init='glorot_uniform', activation=None, weights=None,
                 return_states=True, border_mode='valid',
                 dim_ordering='default', W_regularizer=None,
                 U_regularizer=None, V_regularizer=None, b_regularizer=None,
                 activity_regularizer=None, W_constraint=None,
                 U_constraint=None, V_constraint=None, b_constraint=None,
                 W_learning_rate_multiplier=None,
                 b_learning_rate_multiplier=None, bias=True, **kwargs):
        super().__init__(
            nb_embedding, nb_glimpses, concat_timesteps, init, activation,
            weights, return_states, border_mode, dim_ordering,
            regularizers_={'W': W_regularizer, 'U': U_regularizer,
                           'V': V_regularizer, 'b': b_regularizer},
            constraints_={'W': W_constraint, 'U': U_constraint,
                          'V': V_constraint, 'b': b_constraint},
            activity_regularizer=activity_regularizer, bias=bias,
            W_learning_rate_multiplier=W_learning_rate_multiplier,
            b_learning_rate_multiplier=b_learning_rate_multiplier, **kwargs)

    def build(self, input_shape):
        image_shape, words_shape = self._shapes(input_shape)
        channels = self._image_dims(image_shape)[2]
        if channels is None:
            raise layer_error(self, 'the channels of the image must be known, '
                              'got shape %s.' % (image_shape,))
        word_dim = check_known_dim(self, words_shape, -1, 'words')
        self._build_glimpses_and_bias()
        self.V = self._weight('V', (word_dim, self.nb_embedding))
        self.W = self._kernel('W', channels, self.nb_embedding)
        self.b = self._weight('b', (self.nb_embedding,), 'zeros') \
            if self.bias else None
        self.built = True

    def preprocess_input(self, x):
        """The words projected to the joint embedding, `x . V`."""
        return K.dot(x, self.V)

    def _values_and_hidden(self, image, words):
        projected = K.dot(image, self._matrix(self.W))
        if self.b is not None:
            projected = K.bias_add(projected, self.b)
        projected = K.expand_dims(projected, 1)        # (B, 1, r, c, emb)
        words = self.preprocess_input(words)           # (B, T, emb)
        hidden = K.tanh(projected + K.expand_dims(K.expand_dims(words, 2), 2))
        return projected, hidden


class ConvCoAtt(_ConvAttentionBase):
    """Co-attention of each word and an image feature map (the fork's
    layer): the word is tiled over the positions and joined to the image
    channels before a 1x1 convolution,

        P_t = [q_t; I] * W + b             (1x1 convolution, nb_embedding;
                                            word channels first, as in the
                                            fork's step)
        e_t = sum over glimpses of relu(P_t) * U  (relu(P_t) without U)
        alpha_t = softmax over the positions of e_t
        output_t = activation(P_t * alpha_t)

    The arguments, input and output shapes are `ConvAtt`'s (without `V`).
    The fork declared `nb_glimpses * words` output channels with glimpses,
    but its step returned `nb_embedding` per word, which is what this layer
    returns. Ours: the fork could not construct this layer.

    # Weights
        `{name}_U` (only with glimpses, `ConvAtt`'s layout), `{name}_W`
        ('th' `(nb_embedding, word_dim + channels, 1, 1)`, 'tf' `(1, 1,
        word_dim + channels, nb_embedding)`), `{name}_b (nb_embedding,)`.

    # Raises
        ValueError: bad arguments, inputs that are not `[rank 4, rank 3]`
            with equal batch sizes, or unknown channel/word sizes.
    """

    _weight_names = ('W', 'U', 'b')

    def __init__(self, nb_embedding, nb_glimpses=1, concat_timesteps=True,
                 init='glorot_uniform', activation=None, weights=None,
                 return_states=True, border_mode='valid',
                 dim_ordering='default', W_regularizer=None,
                 U_regularizer=None, b_regularizer=None,
                 activity_regularizer=None, W_constraint=None,
                 U_constraint=None, b_constraint=None,
                 W_learning_rate_multiplier=None,
                 b_learning_rate_multiplier=None, bias=True, **kwargs):
        super().__init__(
            nb_embedding, nb_glimpses, concat_timesteps, init, activation,
            weights, return_states, border_mode, dim_ordering,
            regularizers_={'W': W_regularizer, 'U': U_regularizer,
                           'b': b_regularizer},
            constraints_={'W': W_constraint, 'U': U_constraint,
                          'b': b_constraint},
            activity_regularizer=activity_regularizer, bias=bias,
            W_learning_rate_multiplier=W_learning_rate_multiplier,
            b_learning_rate_multiplier=b_learning_rate_multiplier, **kwargs)

    def build(self, input_shape):
        image_shape, words_shape = self._shapes(input_shape)
        channels = self._image_dims(image_shape)[2]
        if channels is None:
            raise layer_error(self, 'the channels of the image must be known, '
                              'got shape %s.' % (image_shape,))
        self.word_dim = check_known_dim(self, words_shape, -1, 'words')
        self._build_glimpses_and_bias()
        self.W = self._kernel('W', self.word_dim + channels,
                              self.nb_embedding)
        self.b = self._weight('b', (self.nb_embedding,), 'zeros') \
            if self.bias else None
        self.built = True

    def preprocess_input(self, x):
        """The words as they enter the step (unchanged, as in the fork)."""
        return x

    def _values_and_hidden(self, image, words):
        matrix = self._matrix(self.W)
        from_words = K.dot(words, matrix[:self.word_dim])      # (B, T, emb)
        from_image = K.dot(image, matrix[self.word_dim:])      # (B, r, c, e)
        if self.b is not None:
            from_image = K.bias_add(from_image, self.b)
        joint = K.expand_dims(from_image, 1) + \
            K.expand_dims(K.expand_dims(from_words, 2), 2)
        return joint, K.relu(joint)
