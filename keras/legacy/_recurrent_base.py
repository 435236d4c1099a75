# -*- coding: utf-8 -*-
"""The Keras 2.0 `Recurrent` abstract base class (superseded by `RNN` +
cells) and `ConvRecurrent2D`; subclasses implement `build`, `step` and
usually `get_constants` / `preprocess_input`. Re-exported by
`keras.legacy.layers`."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import numpy as np

from .. import backend as K
from ..engine.base_layer import InputSpec
from ..engine.base_layer import Layer
from ..utils import conv_utils
from ..layers.rnn_base import call_with_extra_inputs, run_loop, zero_states
from ..layers._utils import layer_error as _error


class Recurrent(Layer):
    """Abstract base class for recurrent layers (Keras 2.0 API).

    Subclasses define `self.units`, `self.states` (a list, one entry per
    state, set in `build`) and `step(inputs, states) -> (output,
    new_states)`.

    # Arguments
        return_sequences: Boolean. Whether to return the last output in the
            output sequence, or the full sequence.
        return_state: Boolean. Whether to return the last state in addition
            to the output.
        go_backwards: Boolean. If True, process the input sequence backwards
            and return the reversed sequence.
        stateful: Boolean. If True, the last state of each sample at index
            i in a batch is used as initial state for the sample of index i
            in the following batch.
        unroll: Boolean. If True, the network is unrolled (needs a known
            number of timesteps).
        implementation: one of {0, 1, 2}, the computation mode of the
            subclass.

    # Input shape
        3D tensor with shape `(batch_size, timesteps, input_dim)`.

    # Output shape
        `(batch_size, timesteps, units)` with `return_sequences`, else
        `(batch_size, units)`; with `return_state`, a list whose further
        entries are the states `(batch_size, units)`.

    # Masking
        Supported (e.g. after an `Embedding` with `mask_zero=True`).
    """

    def __init__(self, return_sequences=False,
                 return_state=False,
                 go_backwards=False,
                 stateful=False,
                 unroll=False,
                 implementation=2,
                 **kwargs):
        super(Recurrent, self).__init__(**kwargs)
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.unroll = unroll
        self.implementation = implementation
        self.supports_masking = True
        self.input_spec = [InputSpec(ndim=3)]
        self.state_spec = None
        self.dropout = 0
        self.recurrent_dropout = 0

    def _state_count(self):
        states = getattr(self, 'states', None)
        return len(states) if states else 1

    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list):
            input_shape = input_shape[0]
        if self.return_sequences:
            output_shape = (input_shape[0], input_shape[1], self.units)
        else:
            output_shape = (input_shape[0], self.units)
        if self.return_state:
            state_shape = [(input_shape[0], self.units)
                           for _ in range(self._state_count())]
            return [output_shape] + state_shape
        return output_shape

    def compute_mask(self, inputs, mask):
        if isinstance(mask, list):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            return [output_mask] + [None] * self._state_count()
        return output_mask

    def step(self, inputs, states):
        """One timestep: returns `(output, new_states)`."""
        raise NotImplementedError

    def get_constants(self, inputs, training=None):
        """Tensors passed to every `step` after the states (e.g. dropout
        masks)."""
        return []

    def get_initial_state(self, inputs):
        """Zero states `(samples, units)`, built from `inputs` `(samples,
        timesteps, input_dim)` so that the batch size is symbolic."""
        return zero_states(inputs, [self.units] * len(self.states))

    def preprocess_input(self, inputs, training=None):
        """Transformation of the whole input sequence before the loop."""
        return inputs

    def __call__(self, inputs, initial_state=None, **kwargs):
        # Keras tensors given as `initial_state` become extra inputs of the
        # node (so that the model graph records them).
        if initial_state is None:
            return super(Recurrent, self).__call__(inputs, **kwargs)
        if not isinstance(initial_state, (list, tuple)):
            initial_state = [initial_state]
        input_spec = self.input_spec[0] if isinstance(self.input_spec, list) \
            else self.input_spec
        return call_with_extra_inputs(
            self, super(Recurrent, self).__call__, inputs,
            list(initial_state), None, input_spec, **kwargs)

    def call(self, inputs, mask=None, training=None, initial_state=None):
        if isinstance(inputs, list):
            initial_state = inputs[1:]
            inputs = inputs[0]
        elif initial_state is not None:
            pass
        elif self.stateful:
            initial_state = self.states
        else:
            initial_state = self.get_initial_state(inputs)
        if isinstance(mask, list):
            mask = mask[0]
        if len(initial_state) != len(self.states):
            raise _error(self, 'expects %d states, but it received %d '
                         'initial states.' % (len(self.states),
                                              len(initial_state)))
        constants = self.get_constants(inputs, training=None)
        preprocessed_input = self.preprocess_input(inputs, training=None)
        last_output, outputs, states = run_loop(
            self, self.step, preprocessed_input, initial_state, mask=mask,
            constants=constants, inputs=inputs)
        if 0 < self.dropout + self.recurrent_dropout:
            last_output._uses_learning_phase = True
            outputs._uses_learning_phase = True
        output = outputs if self.return_sequences else last_output
        if self.return_state:
            states = list(states) if isinstance(states, (list, tuple)) \
                else [states]
            return [output] + states
        return output

    def _batch_size(self):
        spec = self.input_spec[0] if isinstance(self.input_spec, list) \
            else self.input_spec
        shape = getattr(spec, 'shape', None)
        if not shape or shape[0] is None:
            raise _error(self, 'if a RNN is stateful, it needs to know its '
                         'batch size. Specify the batch size of your input '
                         'tensors: pass `batch_input_shape` (or '
                         '`batch_shape`) to the first layer.')
        return shape[0]

    def reset_states(self, states=None):
        """Resets the states of a stateful layer (to zeros, or to the given
        NumPy arrays)."""
        if not self.stateful:
            raise AttributeError('Layer must be stateful.')
        batch_size = self._batch_size()
        if self.states[0] is None:
            self.states = [K.zeros((batch_size, self.units))
                           for _ in self.states]
        elif states is None:
            for state in self.states:
                K.set_value(state, np.zeros((batch_size, self.units)))
        else:
            if not isinstance(states, (list, tuple)):
                states = [states]
            if len(states) != len(self.states):
                raise _error(self, 'expects %d states, but it received %d '
                             'state values.' % (len(self.states),
                                                len(states)))
            for index, (value, state) in enumerate(zip(states, self.states)):
                if value.shape != (batch_size, self.units):
                    raise _error(self, 'state %d is incompatible: expected '
                                 'shape %s, found shape %s.'
                                 % (index, (batch_size, self.units),
                                    value.shape))
                K.set_value(state, value)

    def get_config(self):
        config = dict(super(Recurrent, self).get_config())
        config.update({'return_sequences': self.return_sequences,
                       'return_state': self.return_state,
                       'go_backwards': self.go_backwards,
                       'stateful': self.stateful,
                       'unroll': self.unroll,
                       'implementation': self.implementation})
        return config


class ConvRecurrent2D(Recurrent):
    """Abstract base class for convolutional recurrent layers (Keras 2.0
    API); do not use in a model, it is not a functional layer.

    # Arguments
        filters: Integer, the number of output filters.
        kernel_size: An integer or tuple/list of 2 integers.
        strides: An integer or tuple/list of 2 integers.
        padding: `"valid"` or `"same"`.
        data_format: `"channels_last"` or `"channels_first"`.
        dilation_rate: An integer or tuple/list of 2 integers.
        return_sequences, go_backwards, stateful: as `Recurrent`.

    # Input shape
        5D tensor `(samples, timesteps, channels, rows, cols)`
        (channels_first) or `(samples, timesteps, rows, cols, channels)`.
    """

    def __init__(self, filters,
                 kernel_size,
                 strides=(1, 1),
                 padding='valid',
                 data_format=None,
                 dilation_rate=(1, 1),
                 return_sequences=False,
                 go_backwards=False,
                 stateful=False,
                 **kwargs):
        super(ConvRecurrent2D, self).__init__(**kwargs)
        self.filters = filters
        self.kernel_size = conv_utils.normalize_tuple(kernel_size, 2,
                                                      'kernel_size')
        self.strides = conv_utils.normalize_tuple(strides, 2, 'strides')
        self.padding = conv_utils.normalize_padding(padding)
        self.data_format = K.normalize_data_format(data_format)
        self.dilation_rate = conv_utils.normalize_tuple(dilation_rate, 2,
                                                        'dilation_rate')
        self.return_sequences = return_sequences
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.input_spec = [InputSpec(ndim=5)]
        self.state_spec = None

    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list):
            input_shape = input_shape[0]
        if self.data_format == 'channels_first':
            rows, cols = input_shape[3], input_shape[4]
        else:
            rows, cols = input_shape[2], input_shape[3]
        rows = conv_utils.conv_output_length(rows, self.kernel_size[0],
                                             padding=self.padding,
                                             stride=self.strides[0],
                                             dilation=self.dilation_rate[0])
        cols = conv_utils.conv_output_length(cols, self.kernel_size[1],
                                             padding=self.padding,
                                             stride=self.strides[1],
                                             dilation=self.dilation_rate[1])
        if self.data_format == 'channels_first':
            step_shape = (self.filters, rows, cols)
        else:
            step_shape = (rows, cols, self.filters)
        if self.return_sequences:
            output_shape = (input_shape[0], input_shape[1]) + step_shape
        else:
            output_shape = (input_shape[0],) + step_shape
        if self.return_state:
            state_shape = (input_shape[0],) + step_shape
            return [output_shape] + [state_shape] * self._state_count()
        return output_shape

    def get_config(self):
        config = super(ConvRecurrent2D, self).get_config()
        config.update({'filters': self.filters,
                       'kernel_size': self.kernel_size,
                       'strides': self.strides,
                       'padding': self.padding,
                       'data_format': self.data_format,
                       'dilation_rate': self.dilation_rate})
        return config
