"""Recurrent layers: `RNN` (any cell), `StackedRNNCells`, and the
`SimpleRNN`, `GRU` and `LSTM` layers built on the cells of
`keras.layers.recurrent_cells`.
"""
from .. import regularizers
from ..engine.base_layer import InputSpec
from .recurrent_cells import SimpleRNNCell, GRUCell, LSTMCell
from .rnn_base import RNN, StackedRNNCells, cell_property, flat_cell_config
from ..legacy import interfaces
from ..legacy.layers import Recurrent  # noqa: F401  (Keras 2 kept it here)

__all__ = ['RNN', 'StackedRNNCells', 'SimpleRNNCell', 'GRUCell', 'LSTMCell',
           'SimpleRNN', 'GRU', 'LSTM']


class _CellLayer(RNN):
    """An `RNN` over one built-in cell, configured by the cell's arguments.

    Subclasses set `_cell_class`, and `_cell_args` (the cell arguments that
    `get_config` reports). The cell's attributes are readable on the layer
    (`layer.units`, `layer.kernel_initializer`, ...), as in Keras 2.
    """

    _cell_class = None
    _cell_args = ()

    def __init__(self, arguments, **kwargs):
        """Builds the cell from `arguments`, the subclass's `locals()`."""
        cell_kwargs = {key: arguments[key] for key in self._cell_args
                       if key != 'units'}
        if cell_kwargs.get('implementation') == 0:
            # Keras 1 `consume_less='cpu'`-era value; 1 computes the same.
            cell_kwargs['implementation'] = 1
        for key in ('dtype', 'trainable'):
            if key in kwargs:
                cell_kwargs[key] = kwargs[key]
        cell = self._cell_class(arguments['units'], **cell_kwargs)
        activity_regularizer = arguments['activity_regularizer']
        super(_CellLayer, self).__init__(
            cell, return_sequences=arguments['return_sequences'],
            return_state=arguments['return_state'],
            go_backwards=arguments['go_backwards'],
            stateful=arguments['stateful'], unroll=arguments['unroll'],
            **kwargs)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.input_spec = [InputSpec(ndim=3)]

    def get_config(self):
        return flat_cell_config(self, self._cell_args)

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if 'implementation' in config and config['implementation'] == 0:
            config['implementation'] = 1
        return cls(**config)


_COMMON_CELL_ARGS = (
    'units', 'activation', 'use_bias', 'kernel_initializer',
    'recurrent_initializer', 'bias_initializer', 'kernel_regularizer',
    'recurrent_regularizer', 'bias_regularizer', 'kernel_constraint',
    'recurrent_constraint', 'bias_constraint', 'dropout', 'recurrent_dropout')

for _name in _COMMON_CELL_ARGS + ('recurrent_activation', 'implementation',
                                  'unit_forget_bias', 'reset_after'):
    setattr(_CellLayer, _name, cell_property(_name))


class SimpleRNN(_CellLayer):
    """Fully-connected RNN where the output is to be fed back to input.

    # Arguments
        units: Positive integer, dimensionality of the output space.
        activation, use_bias, *_initializer, *_regularizer, *_constraint,
        dropout, recurrent_dropout: see `SimpleRNNCell`.
        activity_regularizer: Regularizer function applied to the output.
        return_sequences: Boolean. Whether to return the last output in the
            output sequence, or the full sequence.
        return_state: Boolean. Whether to return the last state in addition
            to the output.
        go_backwards: Boolean. If True, process the input sequence backwards
            and return the reversed sequence.
        stateful: Boolean. If True, the last state for each sample at index
            i in a batch will be used as initial state for the sample of
            index i in the following batch.
        unroll: Boolean. If True, the network will be unrolled, else a
            symbolic loop will be used.

    # Input shape
        3D tensor with shape `(batch_size, timesteps, input_dim)`.

    # Output shape
        `(batch_size, units)`, or `(batch_size, timesteps, units)` with
        `return_sequences`; with `return_state`, a list whose first entry
        is the output and the others the final states `(batch_size, units)`.
    """

    _cell_class = SimpleRNNCell
    _cell_args = _COMMON_CELL_ARGS

    @interfaces.legacy_recurrent_support
    def __init__(self, units,
                 activation='tanh',
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 recurrent_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 recurrent_constraint=None,
                 bias_constraint=None,
                 dropout=0.,
                 recurrent_dropout=0.,
                 return_sequences=False,
                 return_state=False,
                 go_backwards=False,
                 stateful=False,
                 unroll=False,
                 **kwargs):
        kwargs.pop('implementation', None)
        super(SimpleRNN, self).__init__(locals(), **kwargs)


class GRU(_CellLayer):
    """Gated Recurrent Unit - Cho et al. 2014.

    # Arguments
        units: Positive integer, dimensionality of the output space.
        activation, recurrent_activation, use_bias, *_initializer,
        *_regularizer, *_constraint, dropout, recurrent_dropout,
        implementation, reset_after: see `GRUCell`.
        activity_regularizer, return_sequences, return_state, go_backwards,
        stateful, unroll: see `SimpleRNN`.

    # Input shape
        3D tensor with shape `(batch_size, timesteps, input_dim)`.

    # Output shape
        As `SimpleRNN`.
    """

    _cell_class = GRUCell
    _cell_args = _COMMON_CELL_ARGS + ('recurrent_activation',
                                      'implementation', 'reset_after')

    @interfaces.legacy_recurrent_support
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
                 activity_regularizer=None,
                 kernel_constraint=None,
                 recurrent_constraint=None,
                 bias_constraint=None,
                 dropout=0.,
                 recurrent_dropout=0.,
                 implementation=2,
                 return_sequences=False,
                 return_state=False,
                 go_backwards=False,
                 stateful=False,
                 unroll=False,
                 reset_after=False,
                 **kwargs):
        super(GRU, self).__init__(locals(), **kwargs)


class LSTM(_CellLayer):
    """Long Short-Term Memory layer - Hochreiter 1997.

    # Arguments
        units: Positive integer, dimensionality of the output space.
        activation, recurrent_activation, use_bias, *_initializer,
        unit_forget_bias, *_regularizer, *_constraint, dropout,
        recurrent_dropout, implementation: see `LSTMCell`.
        activity_regularizer, return_sequences, return_state, go_backwards,
        stateful, unroll: see `SimpleRNN`.

    # Input shape
        3D tensor with shape `(batch_size, timesteps, input_dim)`.

    # Output shape
        As `SimpleRNN`; with `return_state` the states are `[h, c]`.
    """

    _cell_class = LSTMCell
    _cell_args = _COMMON_CELL_ARGS + ('recurrent_activation',
                                      'unit_forget_bias', 'implementation')

    @interfaces.legacy_recurrent_support
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
                 activity_regularizer=None,
                 kernel_constraint=None,
                 recurrent_constraint=None,
                 bias_constraint=None,
                 dropout=0.,
                 recurrent_dropout=0.,
                 implementation=2,
                 return_sequences=False,
                 return_state=False,
                 go_backwards=False,
                 stateful=False,
                 unroll=False,
                 **kwargs):
        super(LSTM, self).__init__(locals(), **kwargs)
