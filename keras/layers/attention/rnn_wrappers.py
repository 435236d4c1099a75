"""keras-utility-layer-collection's attention wrappers around RNN layers
(input feeding, Luong et al. 2015; the external form after "Show, Attend
and Tell")."""
from ... import backend as K
from ... import initializers
from ...engine.base_layer import Layer, InputSpec
from ...utils.generic_utils import has_arg
from ..rnn_base import RNN
from ..wrappers import Wrapper
from .._utils import layer_error, to_shape_tuple


class _AttentionFeedingWrapper(Wrapper):
    """Runs the wrapped RNN's cell with an attention read of a sequence `X`
    concatenated to every step's input:

        a_t = softmax_over_X((X . W1 + b2 + h_{t-1} . W2) . V)
        x'_t = [x_t; sum(a_t * X)] . W3 + b3
        h_t = cell(x'_t, states_{t-1})

    `h_{t-1}` is the cell's previous output (its first state). Subclasses
    say which sequence `X` is. The wrapper's own weights come first, then
    the wrapped layer's.
    """

    def __init__(self, layer, weight_initializer='glorot_uniform', **kwargs):
        if not isinstance(layer, RNN):
            raise ValueError('%s: `layer` must be an RNN layer (LSTM, GRU, '
                             'SimpleRNN, RNN(cell)), got %r.'
                             % (self.__class__.__name__, layer))
        super().__init__(layer, **kwargs)
        self.supports_masking = True
        self.weight_initializer = initializers.get(weight_initializer)

    # -- weights: the wrapper's own, then the RNN's ----------------------

    @property
    def trainable_weights(self):
        return Layer.trainable_weights.fget(self)

    @property
    def non_trainable_weights(self):
        return Layer.non_trainable_weights.fget(self)

    def get_weights(self):
        return Layer.get_weights(self)

    def set_weights(self, weights):
        Layer.set_weights(self, weights)

    def _build_attention(self, input_dim, attended_dim):
        if not self.layer.built:
            self.layer.build(self._temporal_shape)
            self.layer.built = True
        output_dim = self.layer.cell.output_size \
            if hasattr(self.layer.cell, 'output_size') else \
            _first(self.layer.cell.state_size)

        def weight(name, shape):
            return self.add_weight(name='%s_%s' % (self.name, name),
                                   shape=shape,
                                   initializer=self.weight_initializer)

        self.W1 = weight('W1', (attended_dim, input_dim))
        self.W2 = weight('W2', (output_dim, input_dim))
        self.W3 = weight('W3', (input_dim + attended_dim, input_dim))
        self.b2 = weight('b2', (input_dim,))
        self.b3 = weight('b3', (input_dim,))
        self.V = weight('V', (input_dim, 1))
        self.output_dim = output_dim
        self.built = True

    # -- the loop -------------------------------------------------------

    def _run(self, inputs, attended, initial_state, mask, training,
             keep_attention):
        rnn = self.layer
        cell = rnn.cell
        if initial_state is None:
            initial_state = rnn.states if rnn.stateful \
                else rnn.get_initial_state(inputs)
        if hasattr(cell, 'reset_dropout_masks'):
            cell.reset_dropout_masks()
        cell_kwargs = {'training': training} \
            if has_arg(cell.call, 'training') else {}
        projected = K.bias_add(K.dot(attended, self.W1), self.b2)
        n_states = len(initial_state)

        def step(x, states):
            attended_, projected_ = states[n_states:]
            states = list(states[:n_states])
            scores = K.dot(projected_ + K.expand_dims(
                K.dot(states[0], self.W2), 1), self.V)     # (B, L, 1)
            alphas = K.softmax(scores, axis=1)
            read = K.sum(alphas * attended_, axis=1)
            fed = K.bias_add(K.dot(K.concatenate([x, read]), self.W3),
                             self.b3)
            output, new_states = cell.call(fed, states, **cell_kwargs)
            if keep_attention:
                output = K.concatenate([output, alphas[:, :, 0]])
            return output, list(new_states)

        last, outputs, states = K.rnn(
            step, inputs, list(initial_state), constants=[attended, projected],
            go_backwards=rnn.go_backwards, mask=mask, unroll=rnn.unroll,
            input_length=K.int_shape(inputs)[1])
        if rnn.stateful:
            self.add_update([(rnn.states[i], states[i])
                             for i in range(len(states))], inputs)
        attention = None
        if keep_attention:
            attention = outputs[:, :, self.output_dim:] \
                if rnn.return_sequences else last[:, self.output_dim:]
            outputs = outputs[:, :, :self.output_dim]
            last = last[:, :self.output_dim]
        output = outputs if rnn.return_sequences else last
        result = [output] + list(states) if rnn.return_state else [output]
        if attention is not None:
            result.append(attention)
        for tensor in result:
            tensor._uses_learning_phase = True
        return result[0] if len(result) == 1 else result

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        output_mask = mask if self.layer.return_sequences else None
        extra = len(self.layer.compute_output_shape(self._temporal_shape)) \
            if self.layer.return_state else 1
        if extra == 1 and not self._returns_attention():
            return output_mask
        return [output_mask] + [None] * (extra - 1 +
                                         int(self._returns_attention()))

    def _returns_attention(self):
        return False

    def get_config(self):
        config = super().get_config()
        config['weight_initializer'] = initializers.serialize(
            self.weight_initializer)
        return config


class AttentionRNNWrapper(_AttentionFeedingWrapper):
    """Wraps an RNN layer with attention over its own input sequence.

    At each step, the RNN's previous output attends over all the input
    steps; the attended input, concatenated to the current step's input and
    projected back to the input size, is what the RNN's cell receives
    (input feeding):

        a_t = softmax_over_steps((x . W1 + b2 + h_{t-1} . W2) . V)
        h_t = cell([x_t; sum_s a_t[s] x_s] . W3 + b3, states_{t-1})

    # Arguments
        layer: the RNN layer to wrap (its `return_sequences`,
            `return_state`, `go_backwards`, `stateful` and `unroll` apply).
        weight_initializer: initializer of the wrapper's weights (all of
            them, biases included, as in keras-utility-layer-collection).

    # Input shape
        `(batch, steps, input_dim)`.

    # Output shape
        The wrapped layer's.

    # Weights
        `{name}_W1 (input_dim, input_dim)`, `{name}_W2 (units, input_dim)`,
        `{name}_W3 (2*input_dim, input_dim)`, `{name}_b2 (input_dim,)`,
        `{name}_b3 (input_dim,)`, `{name}_V (input_dim, 1)`, then the
        wrapped layer's weights (its cell is built for `input_dim` inputs).

    # Raises
        ValueError: a `layer` that is not an RNN, an input that is not rank 3.
    """

    def build(self, input_shape):
        shape = to_shape_tuple(input_shape[0] if isinstance(input_shape, list)
                               else input_shape)
        if len(shape) != 3 or shape[-1] is None:
            raise layer_error(self, 'expected an input of shape (batch, '
                              'steps, input_dim) with a known input_dim, got '
                              '%s.' % (shape,))
        self._temporal_shape = shape
        self.input_spec = InputSpec(ndim=3)
        self._build_attention(shape[-1], shape[-1])

    def call(self, inputs, mask=None, training=None, initial_state=None):
        if isinstance(inputs, list):
            initial_state = inputs[1:] or initial_state
            inputs = inputs[0]
        if isinstance(mask, list):
            mask = mask[0]
        return self._run(inputs, inputs, initial_state, mask, training, False)

    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list):
            input_shape = input_shape[0]
        return self.layer.compute_output_shape(to_shape_tuple(input_shape))


class ExternalAttentionRNNWrapper(_AttentionFeedingWrapper):
    """Wraps an RNN layer with attention over a second, time-independent
    input (e.g. image regions), read at every step and fed with the step's
    input:

        a_t = softmax_over_regions((z . W1 + b2 + h_{t-1} . W2) . V)
        h_t = cell([x_t; sum_l a_t[l] z_l] . W3 + b3, states_{t-1})

    # Arguments
        layer: the RNN layer to wrap.
        weight_initializer: initializer of the wrapper's weights.
        return_attention: whether to return the attention weights too:
            `(batch, steps, regions)` (`(batch, regions)`, the last step's,
            without `return_sequences`), after the RNN's outputs.

    # Input shape
        A list `[x, z]` (optionally followed by the RNN's initial states):
        `x` `(batch, steps, input_dim)`, `z` `(batch, regions, z_dim)`.

    # Output shape
        The wrapped layer's outputs (then the attention weights).

    # Weights
        `{name}_W1 (z_dim, input_dim)`, `{name}_W2 (units, input_dim)`,
        `{name}_W3 (input_dim + z_dim, input_dim)`, `{name}_b2`, `{name}_b3`
        `(input_dim,)`, `{name}_V (input_dim, 1)`, then the RNN's.

    # Raises
        ValueError: a `layer` that is not an RNN, fewer than two inputs, or
            inputs that are not rank 3.
    """

    def __init__(self, layer, weight_initializer='glorot_uniform',
                 return_attention=False, **kwargs):
        super().__init__(layer, weight_initializer=weight_initializer,
                         **kwargs)
        self.return_attention = bool(return_attention)

    def _shapes(self, input_shape):
        if not isinstance(input_shape, list) or len(input_shape) < 2 or \
                not isinstance(input_shape[0], (tuple, list)):
            raise layer_error(self, 'expected a list [temporal input, '
                              'external input] (then initial states), got '
                              '%s.' % (input_shape,))
        shapes = [to_shape_tuple(s) for s in input_shape]
        for shape, what in zip(shapes[:2], ('temporal', 'external')):
            if len(shape) != 3 or shape[-1] is None:
                raise layer_error(self, 'expected the %s input of shape '
                                  '(batch, steps, features) with known '
                                  'features, got %s.' % (what, shape))
        return shapes

    def build(self, input_shape):
        shapes = self._shapes(input_shape)
        self._temporal_shape = shapes[0]
        self._build_attention(shapes[0][-1], shapes[1][-1])

    def call(self, inputs, mask=None, training=None, initial_state=None):
        initial_state = inputs[2:] or initial_state
        mask = mask[0] if isinstance(mask, (list, tuple)) else mask
        return self._run(inputs[0], inputs[1], initial_state, mask, training,
                         self.return_attention)

    def _returns_attention(self):
        return self.return_attention

    def compute_output_shape(self, input_shape):
        shapes = self._shapes(input_shape)
        output_shape = self.layer.compute_output_shape(shapes[0])
        if not self.return_attention:
            return output_shape
        if not isinstance(output_shape, list):
            output_shape = [output_shape]
        steps = (shapes[0][1],) if self.layer.return_sequences else ()
        return output_shape + [(shapes[0][0],) + steps + (shapes[1][1],)]

    def get_config(self):
        config = super().get_config()
        config['return_attention'] = self.return_attention
        return config


def _first(sizes):
    return sizes[0] if isinstance(sizes, (list, tuple)) else sizes
