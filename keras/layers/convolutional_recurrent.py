"""Convolutional recurrent layers: `ConvRNN2D`, `ConvLSTM2DCell`,
`ConvLSTM2D`."""
import numpy as np

from .. import activations
from .. import backend as K
from .. import constraints
from .. import initializers
from .. import regularizers
from ..engine.base_layer import Layer, InputSpec
from ..legacy import interfaces
from ..legacy.layers import Recurrent, ConvRecurrent2D  # noqa: F401  (Keras 2 kept them here)
from ..utils import conv_utils
from ..utils.generic_utils import to_list
from .recurrent_cells import _dropout_masks
from .rnn_base import RNN, cell_property, flat_cell_config

__all__ = ['ConvRNN2D', 'ConvLSTM2DCell', 'ConvLSTM2D']


def _fold_time(x):
    """(batch, time, ...) -> (batch * time, ...)."""
    shape = K.int_shape(x)
    return K.reshape(x, (-1,) + tuple(shape[2:]))


def _unfold_time(x, like):
    """(batch * time, ...) -> (batch, time, ...), time taken from `like`."""
    time = K.int_shape(like)[1]
    if time is None:
        time = K.shape(like)[1]
    return K.reshape(x, (-1, time) + tuple(K.int_shape(x)[1:]))


class ConvRNN2D(RNN):
    """Base class for convolutional-recurrent layers.

    # Arguments
        cell: A convolutional RNN cell (`ConvLSTM2DCell`), or a list of them.
        return_sequences, return_state, go_backwards, stateful, unroll:
            as `RNN`.

    # Input shape
        5D tensor `(samples, timesteps, channels, rows, cols)` with
        `data_format='channels_first'`, or `(samples, timesteps, rows,
        cols, channels)` with `'channels_last'`.

    # Output shape
        With `return_sequences`, 5D `(samples, timesteps, ...)`, else 4D;
        with `return_state`, the output then the states (4D each).
    """

    def __init__(self, cell, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, unroll=False, **kwargs):
        if unroll:
            raise TypeError('Unrolling isn\'t possible with '
                            'convolutional RNNs.')
        if isinstance(cell, (list, tuple)):
            raise TypeError('It is not possible at the moment to stack '
                            'convolutional cells.')
        super(ConvRNN2D, self).__init__(cell, return_sequences=return_sequences,
                                        return_state=return_state,
                                        go_backwards=go_backwards,
                                        stateful=stateful, unroll=unroll,
                                        **kwargs)
        self.input_spec = [InputSpec(ndim=5)]

    def _state_shape(self, input_shape):
        """Shape of one state `(batch, rows, cols, filters)` (or first)."""
        cell = self.cell
        if cell.data_format == 'channels_first':
            rows, cols = input_shape[3], input_shape[4]
        else:
            rows, cols = input_shape[2], input_shape[3]
        rows = conv_utils.conv_output_length(
            rows, cell.kernel_size[0], padding=cell.padding,
            stride=cell.strides[0], dilation=cell.dilation_rate[0])
        cols = conv_utils.conv_output_length(
            cols, cell.kernel_size[1], padding=cell.padding,
            stride=cell.strides[1], dilation=cell.dilation_rate[1])
        if cell.data_format == 'channels_first':
            return (input_shape[0], cell.filters, rows, cols)
        return (input_shape[0], rows, cols, cell.filters)

    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list):
            input_shape = input_shape[0]
        state_shape = self._state_shape(input_shape)
        if self.return_sequences:
            output_shape = (state_shape[0], input_shape[1]) + state_shape[1:]
        else:
            output_shape = state_shape
        if self.return_state:
            return [output_shape, state_shape, state_shape]
        return output_shape

    def build(self, input_shape):
        if isinstance(input_shape, list) and \
                isinstance(input_shape[0], (list, tuple)):
            input_shape = input_shape[0]
        input_shape = tuple(input_shape)
        if len(input_shape) != 5:
            raise ValueError('%s: expected inputs of rank 5 (batch, time, '
                             'rows, cols, channels), got shape %s.'
                             % (self.name, input_shape))
        batch_size = input_shape[0] if self.stateful else None
        self.input_spec[0] = InputSpec(shape=(batch_size, None) +
                                       input_shape[2:5])
        if not self.cell.built:
            self.cell.build((input_shape[0],) + input_shape[2:])
            self.cell.built = True
        state_shape = self._state_shape(input_shape)
        self.state_spec = [InputSpec(shape=(None,) + state_shape[1:])
                           for _ in range(2)]
        if self.stateful:
            self.reset_states()
        self.built = True

    def get_initial_state(self, inputs):
        # Zeros shaped like the convolution of one timestep.
        step = K.sum(K.zeros_like(inputs), axis=1)
        cell = self.cell
        zero_kernel = K.zeros(tuple(cell.kernel_size) +
                              (K.int_shape(step)[cell._channel_axis()],
                               cell.filters))
        state = cell.input_conv(step, zero_kernel, padding=cell.padding)
        return [state, state]

    def reset_states(self, states=None):
        if not self.stateful:
            raise AttributeError('Layer must be stateful.')
        input_shape = self.input_spec[0].shape
        if not input_shape[0]:
            raise ValueError('If a RNN is stateful, a complete input_shape '
                             'must be provided (including batch size).')
        state_shape = self._state_shape(input_shape)
        if self._states is None or self._states[0] is None:
            self._states = [K.zeros(state_shape) for _ in range(2)]
        if states is None:
            K.batch_set_value([(state, np.zeros(state_shape))
                               for state in self._states])
            return
        states = to_list(states)
        if len(states) != len(self._states):
            raise ValueError('Layer %s expects %d states, but it received '
                             '%d state values.' % (self.name,
                                                   len(self._states),
                                                   len(states)))
        for index, value in enumerate(states):
            if value.shape != state_shape:
                raise ValueError('State %d is incompatible with layer %s: '
                                 'expected shape=%s, found shape=%s'
                                 % (index, self.name, state_shape,
                                    value.shape))
        K.batch_set_value(list(zip(self._states, states)))


class ConvLSTM2DCell(Layer):
    """Cell class for the ConvLSTM2D layer (gate blocks i, f, c, o).

    # Arguments
        filters: Integer, the number of output filters.
        kernel_size: An integer or tuple of 2 integers.
        strides: An integer or tuple of 2 integers.
        padding: `"valid"` or `"same"`.
        data_format: `"channels_last"` or `"channels_first"` (default:
            `image_data_format()`).
        dilation_rate: An integer or tuple of 2 integers.
        activation, recurrent_activation, use_bias, *_initializer,
        unit_forget_bias, *_regularizer, *_constraint, dropout,
        recurrent_dropout: as `LSTMCell`.
    """

    _gates = 4

    def __init__(self, filters, kernel_size, strides=(1, 1), padding='valid',
                 data_format=None, dilation_rate=(1, 1), activation='tanh',
                 recurrent_activation='hard_sigmoid', use_bias=True,
                 kernel_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 bias_initializer='zeros', unit_forget_bias=True,
                 kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None,
                 dropout=0., recurrent_dropout=0., **kwargs):
        super(ConvLSTM2DCell, self).__init__(**kwargs)
        self.filters = filters
        self.kernel_size = conv_utils.normalize_tuple(kernel_size, 2,
                                                      'kernel_size')
        self.strides = conv_utils.normalize_tuple(strides, 2, 'strides')
        self.padding = conv_utils.normalize_padding(padding)
        self.data_format = K.normalize_data_format(data_format)
        self.dilation_rate = conv_utils.normalize_tuple(dilation_rate, 2,
                                                        'dilation_rate')
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.unit_forget_bias = unit_forget_bias
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.dropout = min(1., max(0., dropout))
        self.recurrent_dropout = min(1., max(0., recurrent_dropout))
        self.state_size = (self.filters, self.filters)
        self.reset_dropout_masks()

    def _channel_axis(self):
        return 1 if self.data_format == 'channels_first' else -1

    def build(self, input_shape):
        input_dim = input_shape[self._channel_axis()]
        if input_dim is None:
            raise ValueError('%s: the channel dimension of the inputs should '
                             'be defined, got input shape %s.'
                             % (self.name, tuple(input_shape)))
        width = self.filters * self._gates
        self.kernel = self.add_weight(
            shape=self.kernel_size + (input_dim, width),
            initializer=self.kernel_initializer, name='kernel',
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(
            shape=self.kernel_size + (self.filters, width),
            initializer=self.recurrent_initializer, name='recurrent_kernel',
            regularizer=self.recurrent_regularizer,
            constraint=self.recurrent_constraint)
        if self.use_bias:
            initializer = self.bias_initializer
            if self.unit_forget_bias:
                filters, base = self.filters, self.bias_initializer

                def initializer(_, *args, **kwargs):
                    return K.concatenate([
                        base((filters,), *args, **kwargs),
                        initializers.Ones()((filters,), *args, **kwargs),
                        base((filters * 2,), *args, **kwargs)])
            self.bias = self.add_weight(shape=(width,), name='bias',
                                        initializer=initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None
        self.built = True

    def _block(self, weight, gate):
        return weight[..., gate * self.filters:(gate + 1) * self.filters]

    def reset_dropout_masks(self):
        self._dropout_mask = None
        self._recurrent_dropout_mask = None

    def get_dropout_masks(self, step_inputs, training=None):
        if 0. < self.dropout < 1. and self._dropout_mask is None:
            self._dropout_mask = _dropout_masks(
                K.ones_like(step_inputs), self.dropout, training, 4)
        return self._dropout_mask if 0. < self.dropout < 1. else None

    def get_recurrent_dropout_masks(self, state, training=None):
        if 0. < self.recurrent_dropout < 1. and \
                self._recurrent_dropout_mask is None:
            self._recurrent_dropout_mask = _dropout_masks(
                K.ones_like(state), self.recurrent_dropout, training, 4)
        if 0. < self.recurrent_dropout < 1.:
            return self._recurrent_dropout_mask
        return None

    def input_conv(self, x, w, b=None, padding='valid'):
        conv_out = K.conv2d(x, w, strides=self.strides, padding=padding,
                            data_format=self.data_format,
                            dilation_rate=self.dilation_rate)
        if b is not None:
            conv_out = K.bias_add(conv_out, b, data_format=self.data_format)
        return conv_out

    def recurrent_conv(self, x, w):
        return K.conv2d(x, w, strides=(1, 1), padding='same',
                        data_format=self.data_format)

    def project_inputs(self, inputs, training=None):
        """Input convolutions of every gate, for a timestep or a sequence."""
        sequence = K.ndim(inputs) == 5
        step_inputs = inputs[:, 0] if sequence else inputs
        masks = self.get_dropout_masks(step_inputs, training)
        if masks is None:
            x = _fold_time(inputs) if sequence else inputs
            projected = self.input_conv(x, self.kernel, self.bias,
                                        padding=self.padding)
        else:
            parts = []
            for gate, mask in enumerate(masks):
                if sequence:
                    x = _fold_time(inputs * K.expand_dims(mask, 1))
                else:
                    x = inputs * mask
                bias = None if self.bias is None else \
                    self.bias[gate * self.filters:(gate + 1) * self.filters]
                parts.append(self.input_conv(
                    x, self._block(self.kernel, gate), bias,
                    padding=self.padding))
            projected = K.concatenate(parts, axis=self._channel_axis())
        return _unfold_time(projected, inputs) if sequence else projected

    def step(self, projected_inputs, states, training=None):
        h_tm1, c_tm1 = states[0], states[1]
        masks = self.get_recurrent_dropout_masks(h_tm1, training)
        axis = self._channel_axis()
        parts = []
        for gate in range(self._gates):
            h = h_tm1 if masks is None else h_tm1 * masks[gate]
            parts.append(self.recurrent_conv(
                h, self._block(self.recurrent_kernel, gate)))
        z = projected_inputs + K.concatenate(parts, axis=axis)
        f = self.filters

        def gate(index):
            if axis == 1:
                return z[:, index * f:(index + 1) * f]
            return z[..., index * f:(index + 1) * f]

        i = self.recurrent_activation(gate(0))
        forget = self.recurrent_activation(gate(1))
        c = forget * c_tm1 + i * self.activation(gate(2))
        o = self.recurrent_activation(gate(3))
        h = o * self.activation(c)
        return h, [h, c]

    def call(self, inputs, states, training=None):
        output, new_states = self.step(
            self.project_inputs(inputs, training=training), states,
            training=training)
        if 0. < self.dropout + self.recurrent_dropout and training is None:
            output._uses_learning_phase = True
        return output, new_states

    def get_config(self):
        config = {
            'filters': self.filters,
            'kernel_size': self.kernel_size,
            'strides': self.strides,
            'padding': self.padding,
            'data_format': self.data_format,
            'dilation_rate': self.dilation_rate,
            'activation': activations.serialize(self.activation),
            'recurrent_activation':
                activations.serialize(self.recurrent_activation),
            'use_bias': self.use_bias,
            'kernel_initializer':
                initializers.serialize(self.kernel_initializer),
            'recurrent_initializer':
                initializers.serialize(self.recurrent_initializer),
            'bias_initializer': initializers.serialize(self.bias_initializer),
            'unit_forget_bias': self.unit_forget_bias,
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
        base_config = super(ConvLSTM2DCell, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


_CONV_LSTM_CELL_ARGS = (
    'filters', 'kernel_size', 'strides', 'padding', 'data_format',
    'dilation_rate', 'activation', 'recurrent_activation', 'use_bias',
    'kernel_initializer', 'recurrent_initializer', 'bias_initializer',
    'unit_forget_bias', 'kernel_regularizer', 'recurrent_regularizer',
    'bias_regularizer', 'kernel_constraint', 'recurrent_constraint',
    'bias_constraint', 'dropout', 'recurrent_dropout')


class ConvLSTM2D(ConvRNN2D):
    """Convolutional LSTM: an LSTM whose input and recurrent
    transformations are convolutions.

    # Arguments
        filters, kernel_size, strides, padding, data_format, dilation_rate,
        activation, recurrent_activation, use_bias, *_initializer,
        unit_forget_bias, *_regularizer, *_constraint, dropout,
        recurrent_dropout: see `ConvLSTM2DCell`.
        activity_regularizer: Regularizer function applied to the output.
        return_sequences, go_backwards, stateful: see `RNN`.

    # Input shape
        5D tensor, see `ConvRNN2D`.

    # Output shape
        See `ConvRNN2D`.

    # Raises
        ValueError: in case of invalid constructor arguments.
    """

    @interfaces.legacy_convlstm2d_support
    def __init__(self, filters, kernel_size, strides=(1, 1), padding='valid',
                 data_format=None, dilation_rate=(1, 1), activation='tanh',
                 recurrent_activation='hard_sigmoid', use_bias=True,
                 kernel_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 bias_initializer='zeros', unit_forget_bias=True,
                 kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, return_sequences=False,
                 go_backwards=False, stateful=False, dropout=0.,
                 recurrent_dropout=0., **kwargs):
        cell = ConvLSTM2DCell(
            filters=filters, kernel_size=kernel_size, strides=strides,
            padding=padding, data_format=data_format,
            dilation_rate=dilation_rate, activation=activation,
            recurrent_activation=recurrent_activation, use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer,
            unit_forget_bias=unit_forget_bias,
            kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint, dropout=dropout,
            recurrent_dropout=recurrent_dropout)
        super(ConvLSTM2D, self).__init__(cell,
                                         return_sequences=return_sequences,
                                         go_backwards=go_backwards,
                                         stateful=stateful, **kwargs)
        self.activity_regularizer = regularizers.get(activity_regularizer)

    def get_config(self):
        return flat_cell_config(self, _CONV_LSTM_CELL_ARGS)

    @classmethod
    def from_config(cls, config):
        return cls(**config)


for _name in _CONV_LSTM_CELL_ARGS:
    setattr(ConvLSTM2D, _name, cell_property(_name))
