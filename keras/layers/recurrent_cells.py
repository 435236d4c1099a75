"""Recurrent cells: `SimpleRNNCell`, `GRUCell`, `LSTMCell`.

A cell computes one timestep. Each cell here is split in two parts so that
the `RNN` layer can run fast:

- `project_inputs(x)`: the input contribution of the gates,
  `dot(x * dropout_mask, kernel) + bias`. It works on one timestep
  `(batch, input_dim)` or on a whole sequence `(batch, time, input_dim)`;
  the `RNN` layer calls it once on the whole sequence (one large matrix
  product) before the loop. Dropout masks are constant across time, so this
  is exact.
- `step(projected_inputs, states)`: the recurrent part, inside the loop.

`call(inputs, states)` composes the two, so a cell still works on its own
(in `StackedRNNCells`, in a user's `RNN`).
"""
from .. import activations
from .. import backend as K
from .. import constraints
from .. import initializers
from .. import regularizers
from ..engine.base_layer import Layer
from ._utils import named_arguments

__all__ = ['SimpleRNNCell', 'GRUCell', 'LSTMCell']


def _dropout_masks(ones, rate, training, count):
    """Returns `count` dropout masks shaped like `ones` (ones at test time)."""
    def dropped():
        return K.dropout(ones, rate)
    return [K.in_train_phase(dropped, ones, training=training)
            for _ in range(count)]


def _first_timestep(x):
    """`x` itself for a timestep, `x[:, 0]` for a sequence (mask shapes)."""
    return x[:, 0] if K.ndim(x) == 3 else x


def _apply_mask(x, mask):
    """Multiplies a timestep or a whole sequence by a per-sample mask."""
    if mask is None:
        return x
    if K.ndim(x) == 3:
        mask = K.expand_dims(mask, 1)
    return x * mask


def forget_bias_initializer(base, units):
    """An initializer of a fused LSTM bias `(4 * units,)` whose forget-gate
    block (the second) starts at 1 and the other blocks use `base`."""
    def initializer(shape, *args, **kwargs):
        return K.concatenate([
            base((units,), *args, **kwargs),
            initializers.Ones()((units,), *args, **kwargs),
            base((units * 2,), *args, **kwargs),
        ])
    return initializer


class _GatedCell(Layer):
    """Weights, dropout and configuration shared by the three cells.

    Subclasses set `_gates` (how many `units`-wide blocks the kernels have)
    and implement `step`. The kernel is `(input_dim, gates * units)`, the
    recurrent kernel `(units, gates * units)`, the bias `(gates * units,)`.
    """

    _gates = 1

    def __init__(self, units,
                 activation='tanh',
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 recurrent_regularizer=None,
                 bias_regularizer=None,
                 kernel_constraint=None,
                 recurrent_constraint=None,
                 bias_constraint=None,
                 dropout=0.,
                 recurrent_dropout=0.,
                 implementation=2,
                 **kwargs):
        super(_GatedCell, self).__init__(**kwargs)
        units = int(units)
        if units <= 0:
            raise ValueError('%s: `units` must be a positive integer, got %r.'
                             % (self.__class__.__name__, units))
        for arg, value in (('dropout', dropout),
                           ('recurrent_dropout', recurrent_dropout)):
            if not 0. <= value <= 1.:
                raise ValueError('%s: `%s` must be in [0, 1], got %r.'
                                 % (self.__class__.__name__, arg, value))
        if implementation not in (1, 2):
            raise ValueError('%s: `implementation` must be 1 or 2, got %r.'
                             % (self.__class__.__name__, implementation))
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.dropout = min(1., max(0., dropout))
        self.recurrent_dropout = min(1., max(0., recurrent_dropout))
        self.implementation = implementation
        self.state_size = self.units
        self.output_size = self.units
        self.reset_dropout_masks()

    # -- weights ---------------------------------------------------------

    def _bias_shape(self):
        return (self._gates * self.units,)

    def _bias_initializer(self):
        return self.bias_initializer

    def build(self, input_shape):
        if isinstance(input_shape, list):
            input_shape = input_shape[0]
        input_dim = input_shape[-1]
        if input_dim is None:
            raise ValueError('%s: the last dimension of the inputs must be '
                             'defined, got input shape %s.'
                             % (self.name, tuple(input_shape)))
        width = self._gates * self.units
        self.kernel = self.add_weight(shape=(input_dim, width),
                                      name='kernel',
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(
            shape=(self.units, width),
            name='recurrent_kernel',
            initializer=self.recurrent_initializer,
            regularizer=self.recurrent_regularizer,
            constraint=self.recurrent_constraint)
        if self.use_bias:
            self.bias = self.add_weight(shape=self._bias_shape(),
                                        name='bias',
                                        initializer=self._bias_initializer(),
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None
        self.built = True

    def _block(self, weight, gate):
        """The `gate`-th `units`-wide column block of a kernel."""
        return weight[:, gate * self.units:(gate + 1) * self.units]

    def _input_bias(self):
        return self.bias

    # -- dropout ---------------------------------------------------------

    def _separate_masks(self):
        """Implementation 1 draws one dropout mask per gate, 2 shares one."""
        return self.implementation == 1 and self._gates > 1

    def reset_dropout_masks(self):
        """Forgets the masks, so the next sequence draws new ones."""
        self._dropout_mask = None
        self._recurrent_dropout_mask = None

    def get_dropout_masks(self, inputs, training=None):
        """The input dropout masks (a list, or None without dropout)."""
        if 0. < self.dropout < 1. and self._dropout_mask is None:
            count = self._gates if self._separate_masks() else 1
            ones = K.ones_like(_first_timestep(inputs))
            self._dropout_mask = _dropout_masks(ones, self.dropout,
                                                training, count)
        return self._dropout_mask if 0. < self.dropout < 1. else None

    def get_recurrent_dropout_masks(self, state, training=None):
        """The recurrent dropout masks (a list, or None without dropout)."""
        if 0. < self.recurrent_dropout < 1. and \
                self._recurrent_dropout_mask is None:
            count = self._gates if self._separate_masks() else 1
            self._recurrent_dropout_mask = _dropout_masks(
                K.ones_like(state), self.recurrent_dropout, training, count)
        if 0. < self.recurrent_dropout < 1.:
            return self._recurrent_dropout_mask
        return None

    # -- computation -------------------------------------------------------

    def project_inputs(self, inputs, training=None):
        """Input contribution of every gate, for a timestep or a sequence.

        # Arguments
            inputs: tensor `(batch, input_dim)` or `(batch, time, input_dim)`.
            training: learning phase for the dropout masks.

        # Returns
            Tensor `(..., gates * units)`.
        """
        masks = self.get_dropout_masks(inputs, training)
        if masks is not None and len(masks) > 1:
            projected = K.concatenate(
                [K.dot(_apply_mask(inputs, m), self._block(self.kernel, g))
                 for g, m in enumerate(masks)], axis=-1)
        else:
            projected = K.dot(_apply_mask(inputs, masks and masks[0]),
                              self.kernel)
        bias = self._input_bias()
        if bias is not None:
            projected = K.bias_add(projected, bias)
        return projected

    def _recurrent_product(self, h, training, gates=None, weight=None):
        """`dot(h * recurrent_mask, recurrent_kernel)` for the given gates.

        With per-gate masks (implementation 1) each gate block gets its own
        mask; otherwise one product over the whole (sliced) kernel.
        """
        weight = self.recurrent_kernel if weight is None else weight
        gates = list(range(self._gates)) if gates is None else gates
        masks = self.get_recurrent_dropout_masks(h, training)
        if masks is not None and len(masks) > 1:
            return K.concatenate(
                [K.dot(h * masks[g], self._block(weight, g)) for g in gates],
                axis=-1)
        if masks is not None:
            h = h * masks[0]
        if gates != list(range(self._gates)):
            weight = weight[:, gates[0] * self.units:
                            (gates[-1] + 1) * self.units]
        return K.dot(h, weight)

    def call(self, inputs, states, training=None):
        """One timestep: `step(project_inputs(inputs), states)`."""
        output, new_states = self.step(
            self.project_inputs(inputs, training=training), states,
            training=training)
        if 0. < self.dropout + self.recurrent_dropout:
            if training is None:
                output._uses_learning_phase = True
        return output, new_states

    def step(self, projected_inputs, states, training=None):
        raise NotImplementedError

    def get_config(self):
        config = {
            'units': self.units,
            'activation': activations.serialize(self.activation),
            'use_bias': self.use_bias,
            'kernel_initializer':
                initializers.serialize(self.kernel_initializer),
            'recurrent_initializer':
                initializers.serialize(self.recurrent_initializer),
            'bias_initializer': initializers.serialize(self.bias_initializer),
            'kernel_regularizer':
                regularizers.serialize(self.kernel_regularizer),
            'recurrent_regularizer':
                regularizers.serialize(self.recurrent_regularizer),
            'bias_regularizer': regularizers.serialize(self.bias_regularizer),
            'kernel_constraint': constraints.serialize(self.kernel_constraint),
            'recurrent_constraint':
                constraints.serialize(self.recurrent_constraint),
            'bias_constraint': constraints.serialize(self.bias_constraint),
            'dropout': self.dropout,
            'recurrent_dropout': self.recurrent_dropout,
        }
        base_config = super(_GatedCell, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


class SimpleRNNCell(_GatedCell):
    """Cell class for SimpleRNN: `h_t = activation(x_t W + h_{t-1} U + b)`.

    # Arguments
        units: Positive integer, dimensionality of the output space.
        activation: Activation function to use (default: `tanh`).
        use_bias: Boolean, whether the layer uses a bias vector.
        kernel_initializer: Initializer for the `kernel` weights matrix.
        recurrent_initializer: Initializer for the `recurrent_kernel`.
        bias_initializer: Initializer for the bias vector.
        kernel_regularizer, recurrent_regularizer, bias_regularizer:
            Regularizer functions for the weights.
        kernel_constraint, recurrent_constraint, bias_constraint:
            Constraint functions for the weights.
        dropout: Float between 0 and 1. Fraction of the input units to drop.
        recurrent_dropout: Float between 0 and 1. Fraction of the units to
            drop for the linear transformation of the recurrent state.
    """

    _gates = 1

    def __init__(self, units, activation='tanh', use_bias=True,
                 kernel_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 recurrent_regularizer=None,
                 bias_regularizer=None,
                 kernel_constraint=None,
                 recurrent_constraint=None,
                 bias_constraint=None,
                 dropout=0.,
                 recurrent_dropout=0.,
                 **kwargs):
        super(SimpleRNNCell, self).__init__(
            **named_arguments(locals()), **kwargs)
        self.state_size = self.units

    def step(self, projected_inputs, states, training=None):
        h_tm1 = states[0]
        output = projected_inputs + self._recurrent_product(h_tm1, training)
        if self.activation is not None:
            output = self.activation(output)
        return output, [output]


class GRUCell(_GatedCell):
    """Cell class for the GRU layer (gate blocks z, r, h).

    # Arguments
        units: Positive integer, dimensionality of the output space.
        activation: Activation function for the candidate (default `tanh`).
        recurrent_activation: Activation function for the update and reset
            gates (default `sigmoid`).
        use_bias, *_initializer, *_regularizer, *_constraint, dropout,
        recurrent_dropout: as `SimpleRNNCell`.
        implementation: 1 draws a dropout mask per gate and computes the
            gates one by one; 2 shares one mask and fuses the products.
        reset_after: GRU convention (whether to apply the reset gate after
            or before the recurrent matrix product). False = "before"
            (Keras 2 default); True = "after" (CuDNN compatible), which
            gives the bias the shape `(2, 3 * units)`: input then recurrent.
    """

    _gates = 3

    def __init__(self, units,
                 activation='tanh',
                 recurrent_activation='sigmoid',
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 recurrent_regularizer=None,
                 bias_regularizer=None,
                 kernel_constraint=None,
                 recurrent_constraint=None,
                 bias_constraint=None,
                 dropout=0.,
                 recurrent_dropout=0.,
                 implementation=2,
                 reset_after=False,
                 **kwargs):
        super(GRUCell, self).__init__(
            **named_arguments(locals(), 'recurrent_activation',
                              'reset_after'), **kwargs)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.reset_after = reset_after

    def _bias_shape(self):
        if self.reset_after:
            return (2, 3 * self.units)
        return (3 * self.units,)

    def _input_bias(self):
        if self.bias is not None and self.reset_after:
            return self.bias[0]
        return self.bias

    def step(self, projected_inputs, states, training=None):
        h_tm1 = states[0]
        units = self.units
        x_z = projected_inputs[:, :units]
        x_r = projected_inputs[:, units:2 * units]
        x_h = projected_inputs[:, 2 * units:]
        if self.reset_after:
            inner = self._recurrent_product(h_tm1, training)
            if self.bias is not None:
                inner = K.bias_add(inner, self.bias[1])
            z = self.recurrent_activation(x_z + inner[:, :units])
            r = self.recurrent_activation(x_r + inner[:, units:2 * units])
            hh = self.activation(x_h + r * inner[:, 2 * units:])
        else:
            inner = self._recurrent_product(h_tm1, training, gates=[0, 1])
            z = self.recurrent_activation(x_z + inner[:, :units])
            r = self.recurrent_activation(x_r + inner[:, units:])
            masks = self.get_recurrent_dropout_masks(h_tm1, training)
            h_for_candidate = h_tm1 if masks is None else h_tm1 * masks[-1]
            hh = self.activation(
                x_h + K.dot(r * h_for_candidate,
                            self._block(self.recurrent_kernel, 2)))
        h = z * h_tm1 + (1 - z) * hh
        return h, [h]

    def get_config(self):
        config = super(GRUCell, self).get_config()
        config.update({
            'recurrent_activation':
                activations.serialize(self.recurrent_activation),
            'implementation': self.implementation,
            'reset_after': self.reset_after,
        })
        return config


class LSTMCell(_GatedCell):
    """Cell class for the LSTM layer (gate blocks i, f, c, o).

    # Arguments
        units: Positive integer, dimensionality of the output space.
        activation: Activation function for the cell and the output
            (default `tanh`).
        recurrent_activation: Activation function for the gates
            (default `sigmoid`).
        unit_forget_bias: Boolean. If True, add 1 to the bias of the forget
            gate at initialization.
        use_bias, *_initializer, *_regularizer, *_constraint, dropout,
        recurrent_dropout, implementation: as `GRUCell`.
    """

    _gates = 4

    def __init__(self, units,
                 activation='tanh',
                 recurrent_activation='sigmoid',
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 bias_initializer='zeros',
                 unit_forget_bias=True,
                 kernel_regularizer=None,
                 recurrent_regularizer=None,
                 bias_regularizer=None,
                 kernel_constraint=None,
                 recurrent_constraint=None,
                 bias_constraint=None,
                 dropout=0.,
                 recurrent_dropout=0.,
                 implementation=2,
                 **kwargs):
        super(LSTMCell, self).__init__(
            **named_arguments(locals(), 'recurrent_activation',
                              'unit_forget_bias'), **kwargs)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.unit_forget_bias = unit_forget_bias
        self.state_size = (self.units, self.units)

    def _bias_initializer(self):
        if not self.unit_forget_bias:
            return self.bias_initializer
        return forget_bias_initializer(self.bias_initializer, self.units)

    def step(self, projected_inputs, states, training=None):
        h_tm1, c_tm1 = states[0], states[1]
        z = projected_inputs + self._recurrent_product(h_tm1, training)
        units = self.units
        i = self.recurrent_activation(z[:, :units])
        f = self.recurrent_activation(z[:, units:2 * units])
        c = f * c_tm1 + i * self.activation(z[:, 2 * units:3 * units])
        o = self.recurrent_activation(z[:, 3 * units:])
        h = o * self.activation(c)
        return h, [h, c]

    def get_config(self):
        config = super(LSTMCell, self).get_config()
        config.update({
            'recurrent_activation':
                activations.serialize(self.recurrent_activation),
            'unit_forget_bias': self.unit_forget_bias,
            'implementation': self.implementation,
        })
        return config
