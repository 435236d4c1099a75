"""`CuDNNGRU` and `CuDNNLSTM`: recurrent layers with cuDNN's equations and
weight layout, for TensorFlow on a GPU.

Their weights differ from `GRU`/`LSTM` only by a second (recurrent) bias;
`keras.engine.saving` converts between the two layouts when a file saved
with one is loaded into the other.
"""
from .. import backend as K
from .. import constraints
from .. import initializers
from .. import regularizers
from ..engine.base_layer import InputSpec
from .recurrent_cells import GRUCell, LSTMCell
from .rnn_base import RNN

__all__ = ['CuDNNGRU', 'CuDNNLSTM']


def _check_cudnn_available(layer_name):
    """Raises a clear error where cuDNN cannot run."""
    if K.backend() != 'tensorflow':
        raise RuntimeError(
            '%s: CuDNN layers need the TensorFlow backend with a GPU; the '
            'current backend is %r. Use `LSTM`/`GRU` (for `CuDNNGRU`, '
            '`GRU(..., reset_after=True, recurrent_activation=\'sigmoid\')`), '
            'which load the same weights.' % (layer_name, K.backend()))
    gpus = getattr(K, '_get_available_gpus', lambda: [])()
    if not gpus:
        raise RuntimeError(
            '%s: CuDNN layers need a GPU, and TensorFlow sees none on this '
            'machine. Use `LSTM`/`GRU` instead (for `CuDNNGRU`, '
            '`GRU(..., reset_after=True, recurrent_activation=\'sigmoid\')`): '
            'they load the same weights.' % layer_name)


class _CuDNNCellMixin(object):
    """Cell equations of cuDNN: a separate input and recurrent bias.

    The bias is stored flat, `(2 * gates * units,)`: the input biases of
    every gate, then the recurrent biases.
    """

    def _bias_shape(self):
        return (2 * self._gates * self.units,)

    def _input_bias(self):
        if self.bias is None:
            return None
        return self.bias[:self._gates * self.units]

    def _recurrent_bias(self):
        return self.bias[self._gates * self.units:]


class _CuDNNLSTMCell(_CuDNNCellMixin, LSTMCell):

    def _bias_initializer(self):
        if not self.unit_forget_bias:
            return self.bias_initializer
        units, base = self.units, self.bias_initializer

        def bias_initializer(shape, *args, **kwargs):
            return K.concatenate([
                base((units * 5,), *args, **kwargs),
                initializers.Ones()((units,), *args, **kwargs),
                base((units * 2,), *args, **kwargs)])
        return bias_initializer

    def step(self, projected_inputs, states, training=None):
        return super(_CuDNNLSTMCell, self).step(
            projected_inputs + self._recurrent_bias(), states, training)


class _CuDNNGRUCell(_CuDNNCellMixin, GRUCell):

    def __init__(self, units, **kwargs):
        super(_CuDNNGRUCell, self).__init__(units, reset_after=True,
                                            recurrent_activation='sigmoid',
                                            **kwargs)

    def step(self, projected_inputs, states, training=None):
        h_tm1 = states[0]
        units = self.units
        inner = K.bias_add(K.dot(h_tm1, self.recurrent_kernel),
                           self._recurrent_bias())
        z = self.recurrent_activation(projected_inputs[:, :units] +
                                      inner[:, :units])
        r = self.recurrent_activation(projected_inputs[:, units:2 * units] +
                                      inner[:, units:2 * units])
        hh = self.activation(projected_inputs[:, 2 * units:] +
                             r * inner[:, 2 * units:])
        h = z * h_tm1 + (1 - z) * hh
        return h, [h]


class _CuDNNRNN(RNN):
    """An `RNN` over a cuDNN-equation cell; checks cuDNN is available."""

    _cell_class = None

    _WEIGHT_ARGS = ('kernel_initializer', 'recurrent_initializer',
                    'bias_initializer', 'kernel_regularizer',
                    'recurrent_regularizer', 'bias_regularizer',
                    'kernel_constraint', 'recurrent_constraint',
                    'bias_constraint')

    def __init__(self, arguments, cell_kwargs=None, **kwargs):
        """Builds the cell from `arguments`, the subclass's `locals()`."""
        units = arguments['units']
        cell_kwargs = dict(cell_kwargs or {})
        cell_kwargs.update((key, arguments[key]) for key in self._WEIGHT_ARGS)
        cell = self._cell_class(units, **cell_kwargs)
        activity_regularizer = arguments['activity_regularizer']
        super(_CuDNNRNN, self).__init__(
            cell, return_sequences=arguments['return_sequences'],
            return_state=arguments['return_state'],
            stateful=arguments['stateful'], **kwargs)
        self.units = units
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.input_spec = [InputSpec(ndim=3)]

    def build(self, input_shape):
        _check_cudnn_available(self.name)
        super(_CuDNNRNN, self).build(input_shape)

    def get_config(self):
        cell = self.cell
        config = {
            'units': self.units,
            'kernel_initializer': initializers.serialize(
                cell.kernel_initializer),
            'recurrent_initializer': initializers.serialize(
                cell.recurrent_initializer),
            'bias_initializer': initializers.serialize(cell.bias_initializer),
            'kernel_regularizer': regularizers.serialize(
                cell.kernel_regularizer),
            'recurrent_regularizer': regularizers.serialize(
                cell.recurrent_regularizer),
            'bias_regularizer': regularizers.serialize(cell.bias_regularizer),
            'activity_regularizer': regularizers.serialize(
                self.activity_regularizer),
            'kernel_constraint': constraints.serialize(cell.kernel_constraint),
            'recurrent_constraint': constraints.serialize(
                cell.recurrent_constraint),
            'bias_constraint': constraints.serialize(cell.bias_constraint),
        }
        base_config = super(_CuDNNRNN, self).get_config()
        for key in ('cell', 'go_backwards', 'unroll'):
            base_config.pop(key, None)
        config.update(base_config)
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class CuDNNGRU(_CuDNNRNN):
    """Fast GRU implementation backed by cuDNN (TensorFlow, GPU only).

    # Arguments
        units: Positive integer, dimensionality of the output space.
        *_initializer, *_regularizer, *_constraint: as `GRU`.
        activity_regularizer: Regularizer function applied to the output.
        return_sequences, return_state, stateful: as `RNN`.

    # Raises
        RuntimeError: when built on the theano backend or without a GPU.
    """

    _cell_class = _CuDNNGRUCell

    def __init__(self, units,
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
                 return_sequences=False,
                 return_state=False,
                 stateful=False,
                 **kwargs):
        super(CuDNNGRU, self).__init__(locals(), **kwargs)


class CuDNNLSTM(_CuDNNRNN):
    """Fast LSTM implementation backed by cuDNN (TensorFlow, GPU only).

    # Arguments
        units: Positive integer, dimensionality of the output space.
        *_initializer, unit_forget_bias, *_regularizer, *_constraint:
            as `LSTM`.
        activity_regularizer: Regularizer function applied to the output.
        return_sequences, return_state, stateful: as `RNN`.

    # Raises
        RuntimeError: when built on the theano backend or without a GPU.
    """

    _cell_class = _CuDNNLSTMCell

    def __init__(self, units,
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
                 return_sequences=False,
                 return_state=False,
                 stateful=False,
                 **kwargs):
        self.unit_forget_bias = unit_forget_bias
        super(CuDNNLSTM, self).__init__(
            locals(), cell_kwargs={'unit_forget_bias': unit_forget_bias,
                                   'activation': 'tanh',
                                   'recurrent_activation': 'sigmoid'},
            **kwargs)

    def get_config(self):
        config = super(CuDNNLSTM, self).get_config()
        config['unit_forget_bias'] = self.unit_forget_bias
        return config
