"""The `RNN` layer (a loop over any cell) and `StackedRNNCells`."""
import warnings

import numpy as np

from .. import backend as K
from ..engine.base_layer import Layer, InputSpec
from ..engine.base_layer_utils import unique_objects
from ..utils.generic_utils import has_arg, to_list

__all__ = ['RNN', 'StackedRNNCells']


def cell_property(name):
    """A read-only property forwarding to `self.cell.<name>`."""
    return property(lambda self: getattr(self.cell, name),
                    doc='The cell\'s `%s`.' % name)


def flat_cell_config(layer, cell_args):
    """The config of an RNN layer built around one cell, Keras 2 style:
    the cell's arguments `cell_args` at the top level, no `cell` entry."""
    from .. import regularizers
    cell_config = layer.cell.get_config()
    config = {key: cell_config[key] for key in cell_args
              if key in cell_config}
    config['activity_regularizer'] = regularizers.serialize(
        layer.activity_regularizer)
    base_config = RNN.get_config(layer)
    del base_config['cell']
    config.update(base_config)
    return config


def _state_sizes(cell):
    """The cell's state sizes as a list."""
    if hasattr(cell.state_size, '__len__'):
        return list(cell.state_size)
    return [cell.state_size]


def _output_size(cell):
    if getattr(cell, 'output_size', None) is not None:
        return cell.output_size
    return _state_sizes(cell)[0]


def _all_keras_tensors(layer, tensors):
    """Whether the initial states and constants `tensors` are all Keras
    tensors (they then enter the graph as inputs of the layer) or all plain
    backend tensors/variables (passed to `call` as they are), as in Keras
    2.3.

    # Raises
        ValueError: if they mix the two kinds.
    """
    flags = [K.is_keras_tensor(t) for t in tensors]
    if any(flags) and not all(flags):
        raise ValueError('%s: the initial state or constants of an RNN '
                         'layer cannot be specified with a mix of Keras '
                         'tensors and non-Keras tensors (a "Keras tensor" '
                         'is a tensor that was returned by a Keras layer, '
                         'or by `Input`).' % layer.name)
    return bool(flags) and all(flags)


def split_inputs_list(inputs, num_constants):
    """`[inputs, *initial_states, *constants]` (what a recurrent layer is
    called on when its states and constants are Keras tensors) ->
    `(inputs, initial_states or None, constants or None)`; anything but a
    list is returned as the inputs."""
    if not isinstance(inputs, list):
        return inputs, None, None
    constants = None
    if num_constants and len(inputs) > 1:
        constants = inputs[-num_constants:]
        inputs = inputs[:-num_constants]
    return inputs[0], (inputs[1:] or None), constants


def call_with_extra_inputs(layer, layer_call, inputs, initial_state,
                           constants, first_spec, **kwargs):
    """Calls a recurrent layer (or a wrapper of one) with initial states
    and constants, as Keras 2.3 does: Keras tensors enter the node as
    inputs, `[inputs, *initial_state, *constants]` (so the model graph
    records them), plain backend tensors are passed to `call` as keyword
    arguments. Shared by `RNN` and `Bidirectional`.

    # Arguments
        layer: the layer (its `input_spec` covers the list during the call).
        layer_call: the `Layer.__call__` to run (bound to `layer`).
        inputs, initial_state, constants: the call's tensors (lists or None).
        first_spec: the InputSpec of `inputs`.
        **kwargs: the other call arguments.

    # Raises
        ValueError: if the states and constants mix Keras and non-Keras
            tensors.
    """
    full_input, full_spec = [inputs], [first_spec]
    for name, tensors in (('initial_state', initial_state),
                          ('constants', constants)):
        if tensors is not None:
            kwargs[name] = tensors
            full_input += tensors
            full_spec += [InputSpec(shape=K.int_shape(t)) for t in tensors]
    if not _all_keras_tensors(layer, full_input[1:]):
        return layer_call(inputs, **kwargs)
    # They travel in the inputs list (as node arguments they would be
    # saved with the model config).
    kwargs.pop('initial_state', None)
    kwargs.pop('constants', None)
    original_spec = layer.input_spec
    layer.input_spec = full_spec
    try:
        return layer_call(full_input, **kwargs)
    finally:
        layer.input_spec = original_spec


def zero_states(inputs, sizes):
    """Zero states `(batch, size)` for each of `sizes`, with the symbolic
    batch size of `inputs` `(batch, timesteps, ...)`."""
    zeros = K.sum(K.zeros_like(inputs), axis=tuple(range(1, K.ndim(inputs))))
    zeros = K.expand_dims(zeros)  # (batch, 1)
    return [K.tile(zeros, [1, size]) for size in sizes]


def run_loop(layer, step, sequence, initial_states, mask=None,
             constants=None, pos_extra_outputs_states=None, inputs=None):
    """The loop of every recurrent layer (`RNN`, the legacy `Recurrent`, the
    recurrent_advanced decoders): checks `unroll`, runs `K.rnn` with the
    layer's `go_backwards` / `unroll`, and, for a stateful layer, adds the
    updates of its first `len(layer.states)` states.

    # Arguments
        layer: the recurrent layer.
        step: `(step_inputs, states) -> (output, new_states)`.
        sequence: what the loop runs over, `(batch, timesteps, ...)`.
        initial_states: list of tensors.
        mask: the timestep mask, or None.
        constants: tensors passed to every step after the states.
        pos_extra_outputs_states: states returned as their whole
            (time-major) history instead of their last value.
        inputs: what the stateful updates are conditional on.

    # Returns
        `(last_output, outputs, final_states)` as `K.rnn`.

    # Raises
        ValueError: for `unroll=True` without a static number of timesteps.
    """
    timesteps = K.int_shape(sequence)[1]
    if layer.unroll and timesteps is None:
        raise ValueError('%s: cannot unroll a RNN if the time dimension is '
                         'undefined. Set `unroll=False` or give the layer a '
                         'fixed number of timesteps (e.g. `input_shape='
                         '(timesteps, features)` or `input_length`).'
                         % layer.name)
    last_output, outputs, states = K.rnn(
        step, sequence, initial_states, constants=constants,
        go_backwards=layer.go_backwards, mask=mask, unroll=layer.unroll,
        input_length=timesteps,
        pos_extra_outputs_states=pos_extra_outputs_states)
    if layer.stateful:
        layer.add_update([(layer.states[i], states[i])
                          for i in range(len(layer.states))],
                         inputs if inputs is not None else sequence)
    return last_output, outputs, states


class StackedRNNCells(Layer):
    """Wrapper allowing a stack of RNN cells to behave as a single cell.

    # Arguments
        cells: List of RNN cell instances.

    # Examples
    ```python
        cells = [keras.layers.LSTMCell(output_dim) for _ in range(2)]
        inputs = keras.Input((timesteps, input_dim))
        x = keras.layers.RNN(cells)(inputs)
    ```
    """

    def __init__(self, cells, **kwargs):
        for cell in cells:
            if not hasattr(cell, 'call'):
                raise ValueError('All cells must have a `call` method. '
                                 'received cells: %r' % (cells,))
            if not hasattr(cell, 'state_size'):
                raise ValueError('All cells must have a `state_size` '
                                 'attribute. received cells: %r' % (cells,))
        self.cells = cells
        # Keras 2.3: `reverse_state_order=True` keeps the Keras 2.2 order of
        # the flat state list (last cell's states first).
        self.reverse_state_order = kwargs.pop('reverse_state_order', False)
        if self.reverse_state_order:
            warnings.warn('`reverse_state_order=True` in `StackedRNNCells` '
                          'will soon be deprecated. Please update the code '
                          'to work with the natural order of states if you '
                          'rely on the RNN states, e.g. '
                          '`RNN(return_state=True)`.', stacklevel=2)
        super(StackedRNNCells, self).__init__(**kwargs)

    def _state_order(self):
        """The cells in the order of their states in the flat state list."""
        return self.cells[::-1] if self.reverse_state_order else self.cells

    @property
    def state_size(self):
        sizes = []
        for cell in self._state_order():
            sizes += _state_sizes(cell)
        return tuple(sizes)

    @property
    def output_size(self):
        return _output_size(self.cells[-1])

    def _split_states(self, states):
        """The flat state list as one list per cell, in cell order."""
        nested, offset = [], 0
        for cell in self._state_order():
            count = len(_state_sizes(cell))
            nested.append(list(states[offset:offset + count]))
            offset += count
        return nested[::-1] if self.reverse_state_order else nested

    def call(self, inputs, states, constants=None, **kwargs):
        new_nested = []
        for cell, cell_states in zip(self.cells,
                                     self._split_states(states)):
            cell_kwargs = {k: v for k, v in kwargs.items()
                           if has_arg(cell.call, k)}
            if constants is not None and has_arg(cell.call, 'constants'):
                cell_kwargs['constants'] = constants
            inputs, cell_states = cell.call(inputs, cell_states,
                                            **cell_kwargs)
            new_nested.append(to_list(cell_states))
        if self.reverse_state_order:
            new_nested = new_nested[::-1]
        return inputs, [state for group in new_nested for state in group]

    def build(self, input_shape):
        if isinstance(input_shape, list):
            constants_shape = input_shape[1:]
            input_shape = input_shape[0]
        else:
            constants_shape = None
        for cell in self.cells:
            if isinstance(cell, Layer) and not cell.built:
                # Built in the RNN's scope, as Keras 2 names the weights.
                if constants_shape is not None:
                    cell.build([input_shape] + constants_shape)
                else:
                    cell.build(input_shape)
                cell.built = True
            input_shape = tuple(input_shape[:-1]) + (_output_size(cell),)
        self.built = True

    def reset_dropout_masks(self):
        for cell in self.cells:
            if hasattr(cell, 'reset_dropout_masks'):
                cell.reset_dropout_masks()

    def get_config(self):
        cells = [{'class_name': cell.__class__.__name__,
                  'config': cell.get_config()} for cell in self.cells]
        config = {'cells': cells}
        if self.reverse_state_order:
            # Not in Keras 2.3's config (which lost it); kept for round trips.
            config['reverse_state_order'] = True
        base_config = super(StackedRNNCells, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from . import deserialize as deserialize_layer
        config = dict(config)
        cells = [deserialize_layer(cell, custom_objects=custom_objects)
                 for cell in config.pop('cells')]
        return cls(cells, **config)

    def _cell_weights(self, attribute):
        weights = []
        for cell in self.cells:
            if isinstance(cell, Layer):
                weights += getattr(cell, attribute)
        return weights

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        return self._cell_weights('trainable_weights')

    @property
    def non_trainable_weights(self):
        weights = self._cell_weights('non_trainable_weights')
        if not self.trainable:
            return self._cell_weights('trainable_weights') + weights
        return weights

    def get_weights(self):
        return K.batch_get_value(self.weights)

    def set_weights(self, weights):
        tuples = []
        for cell in self.cells:
            if isinstance(cell, Layer):
                count = len(cell.weights)
                tuples += list(zip(cell.weights, weights[:count]))
                weights = weights[count:]
        K.batch_set_value(tuples)

    @property
    def losses(self):
        losses = []
        for cell in self.cells:
            if isinstance(cell, Layer):
                losses += cell.losses
        return unique_objects(losses + super(StackedRNNCells, self).losses)

    def get_losses_for(self, inputs=None):
        losses = []
        for cell in self.cells:
            if isinstance(cell, Layer):
                losses += cell.get_losses_for(inputs)
        return unique_objects(
            losses + super(StackedRNNCells, self).get_losses_for(inputs))


class RNN(Layer):
    """Base class for recurrent layers: runs a cell over a sequence.

    # Arguments
        cell: A RNN cell instance (a layer with `call(inputs, states)`
            returning `(output, new_states)` and a `state_size` attribute,
            optionally `output_size`), or a list of cells (stacked).
        return_sequences: Boolean. Whether to return the last output in the
            output sequence, or the full sequence.
        return_state: Boolean. Whether to return the last state in addition
            to the output.
        go_backwards: Boolean. If True, process the input sequence backwards
            and return the reversed sequence.
        stateful: Boolean. If True, the last state for each sample at index
            i in a batch is used as initial state for the sample of index i
            in the following batch (needs a fixed batch size).
        unroll: Boolean. If True, the network will be unrolled, else a
            symbolic loop will be used (needs a fixed number of timesteps).

    # Input shape
        3D tensor with shape `(batch_size, timesteps, input_dim)`.

    # Output shape
        - with `return_state`: a list of tensors, the output then the
          states, each `(batch_size, units)`.
        - with `return_sequences`: `(batch_size, timesteps, units)`.
        - else, `(batch_size, units)`.

    # Masking
        Supports masking of timesteps (e.g. after an `Embedding` with
        `mask_zero=True`): a masked step keeps the previous output and
        states.

    # Initial state and constants
        Call the layer with `initial_state=[...]` (tensors) to start from
        given states, and with `constants=[...]` to pass tensors that the
        cell receives at every step (`cell.call(inputs, states,
        constants=...)`).
    """

    def __init__(self, cell,
                 return_sequences=False,
                 return_state=False,
                 go_backwards=False,
                 stateful=False,
                 unroll=False,
                 **kwargs):
        if isinstance(cell, (list, tuple)):
            cell = StackedRNNCells(cell)
        if not hasattr(cell, 'call'):
            raise ValueError('`cell` should have a `call` method. '
                             'The RNN was passed: %r' % (cell,))
        if not hasattr(cell, 'state_size'):
            raise ValueError('The RNN cell should have an attribute '
                             '`state_size` (tuple of integers, one integer '
                             'per RNN state).')
        super(RNN, self).__init__(**kwargs)
        self.cell = cell
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.unroll = unroll
        self.supports_masking = True
        self.input_spec = [InputSpec(ndim=3)]
        self.state_spec = None
        self._states = None
        self.constants_spec = None
        self._num_constants = None

    # -- states ------------------------------------------------------------

    @property
    def states(self):
        if self._states is None:
            return [None] * len(_state_sizes(self.cell))
        return self._states

    @states.setter
    def states(self, states):
        self._states = states

    def get_initial_state(self, inputs):
        """Zero states `(batch, size)` for each state of the cell."""
        return zero_states(inputs, _state_sizes(self.cell))

    # -- shapes and masks --------------------------------------------------

    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list):
            input_shape = input_shape[0]
        output_dim = _output_size(self.cell)
        if self.return_sequences:
            output_shape = (input_shape[0], input_shape[1], output_dim)
        else:
            output_shape = (input_shape[0], output_dim)
        if self.return_state:
            return [output_shape] + [(input_shape[0], size)
                                     for size in _state_sizes(self.cell)]
        return output_shape

    def compute_mask(self, inputs, mask):
        if isinstance(mask, list):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            return [output_mask] + [None] * len(_state_sizes(self.cell))
        return output_mask

    def build(self, input_shape):
        if isinstance(input_shape, list) and \
                isinstance(input_shape[0], (list, tuple)):
            if self._num_constants:
                constants_shape = input_shape[-self._num_constants:]
            else:
                constants_shape = None
            input_shape = input_shape[0]
        else:
            constants_shape = None
        input_shape = tuple(input_shape)
        if len(input_shape) != 3:
            raise ValueError('%s: expected inputs of rank 3 (batch, '
                             'timesteps, features), got shape %s.'
                             % (self.name, input_shape))
        batch_size = input_shape[0] if self.stateful else None
        self.input_spec[0] = InputSpec(shape=(batch_size, None) +
                                       input_shape[2:])
        step_input_shape = (input_shape[0],) + input_shape[2:]
        if isinstance(self.cell, Layer) and not self.cell.built:
            if constants_shape is not None:
                self.cell.build([step_input_shape] + list(constants_shape))
            else:
                self.cell.build(step_input_shape)
            self.cell.built = True
        state_sizes = _state_sizes(self.cell)
        if self.state_spec is not None:
            spec_sizes = [spec.shape[-1] for spec in self.state_spec]
            if spec_sizes != state_sizes:
                raise ValueError(
                    '%s: an `initial_state` was passed that is not '
                    'compatible with `cell.state_size`. Received '
                    '`state_spec`=%s; however `cell.state_size` is %s.'
                    % (self.name, spec_sizes, state_sizes))
        else:
            self.state_spec = [InputSpec(shape=(None, size))
                               for size in state_sizes]
        if self.stateful:
            self.reset_states()
        self.built = True

    # -- calling -----------------------------------------------------------

    def _standardize_args(self, inputs, initial_state, constants):
        """Splits `[inputs, *states, *constants]` lists into their parts."""
        if isinstance(inputs, list):
            inputs, listed_states, listed_constants = split_inputs_list(
                inputs, self._num_constants)
            initial_state = listed_states or initial_state
            constants = listed_constants or constants

        def to_list_or_none(x):
            if x is None or isinstance(x, list):
                return x
            if isinstance(x, tuple):
                return list(x)
            return [x]

        return (inputs, to_list_or_none(initial_state),
                to_list_or_none(constants))

    def __call__(self, inputs, initial_state=None, constants=None, **kwargs):
        inputs, initial_state, constants = self._standardize_args(
            inputs, initial_state, constants)
        if initial_state is None and constants is None:
            return super(RNN, self).__call__(inputs, **kwargs)

        if initial_state is not None:
            self.state_spec = [InputSpec(shape=K.int_shape(state))
                               for state in initial_state]
        if constants is not None:
            self.constants_spec = [InputSpec(shape=K.int_shape(constant))
                                   for constant in constants]
            self._num_constants = len(constants)
        return call_with_extra_inputs(
            self, super(RNN, self).__call__, inputs, initial_state,
            constants, self.input_spec[0], **kwargs)

    def call(self, inputs, mask=None, training=None, initial_state=None,
             constants=None):
        if isinstance(inputs, list):
            # Called with [inputs, *states, *constants] by __call__.
            inputs, initial_state, constants = split_inputs_list(
                inputs, self._num_constants)
        if initial_state is None:
            initial_state = (self.states if self.stateful
                             else self.get_initial_state(inputs))
        if isinstance(mask, list):
            mask = mask[0]
        states_count = len(_state_sizes(self.cell))
        if len(initial_state) != states_count:
            raise ValueError('%s expects %d states, but it received %d '
                             'initial states.' % (self.name, states_count,
                                                  len(initial_state)))
        cell_kwargs = {}
        if has_arg(self.cell.call, 'training'):
            cell_kwargs['training'] = training
        if hasattr(self.cell, 'reset_dropout_masks'):
            self.cell.reset_dropout_masks()

        if hasattr(self.cell, 'project_inputs') and (
                constants is None or has_arg(self.cell.step, 'constants')):
            # Fast path: every timestep's input projection in one product.
            sequence = self.cell.project_inputs(inputs, training=training)
            # Create the recurrent dropout masks outside the loop.
            self.cell.get_recurrent_dropout_masks(initial_state[0], training)
            num_constants = len(constants) if constants else 0

            def step(projected, states):
                if not num_constants:
                    return self.cell.step(projected, states,
                                          training=training)
                return self.cell.step(projected, states[:-num_constants],
                                      constants=states[-num_constants:],
                                      training=training)
        else:
            sequence = inputs
            if constants is not None:
                if not has_arg(self.cell.call, 'constants'):
                    raise ValueError('%s: the cell does not accept '
                                     '`constants` in its `call` method.'
                                     % self.name)

                def step(step_inputs, states):
                    step_constants = states[-self._num_constants:]
                    states = states[:-self._num_constants]
                    return self.cell.call(step_inputs, states,
                                          constants=step_constants,
                                          **cell_kwargs)
            else:
                def step(step_inputs, states):
                    return self.cell.call(step_inputs, states, **cell_kwargs)

        last_output, outputs, states = run_loop(
            self, step, sequence, initial_state, mask=mask,
            constants=constants, inputs=inputs,
            pos_extra_outputs_states=getattr(
                self.cell, 'pos_extra_outputs_states', None))

        output = outputs if self.return_sequences else last_output
        # Keras 2.3: dropout follows the learning phase only when the call
        # leaves `training` unset.
        if getattr(last_output, '_uses_learning_phase', False) or \
                (training is None and (getattr(self.cell, 'dropout', 0) or
                                       getattr(self.cell,
                                               'recurrent_dropout', 0))):
            output._uses_learning_phase = True
            for state in states:
                state._uses_learning_phase = True
        if self.return_state:
            return [output] + list(states)
        return output

    def reset_states(self, states=None):
        """Resets (or sets) the states of a stateful RNN.

        # Arguments
            states: None (zeros), or a list of NumPy arrays, one per state,
                each `(batch_size, state_size)`.

        # Raises
            AttributeError: if the layer is not stateful.
            ValueError: if the batch size is unknown or a state has the
                wrong shape.
        """
        if not self.stateful:
            raise AttributeError('Layer must be stateful.')
        batch_size = self.input_spec[0].shape[0]
        if not batch_size:
            raise ValueError(
                'If a RNN is stateful, it needs to know its batch size. '
                'Specify the batch size of your input tensors: \n'
                '- If using a Sequential model, specify the batch size by '
                'passing a `batch_input_shape` argument to your first '
                'layer.\n- If using the functional API, specify the batch '
                'size by passing a `batch_shape` argument to your Input '
                'layer.')
        sizes = _state_sizes(self.cell)
        if self._states is None or self._states[0] is None:
            self._states = [K.zeros((batch_size, size)) for size in sizes]
        if states is None:
            K.batch_set_value([(state, np.zeros((batch_size, size)))
                               for state, size in zip(self._states, sizes)])
            return
        states = to_list(states)
        if len(states) != len(self._states):
            raise ValueError('Layer %s expects %d states, but it received '
                             '%d state values. Input received: %r'
                             % (self.name, len(self._states), len(states),
                                states))
        for index, (value, size) in enumerate(zip(states, sizes)):
            if value.shape != (batch_size, size):
                raise ValueError('State %d is incompatible with layer %s: '
                                 'expected shape=%s, found shape=%s'
                                 % (index, self.name, (batch_size, size),
                                    value.shape))
        K.batch_set_value(list(zip(self._states, states)))

    # -- weights and config -------------------------------------------------

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        if isinstance(self.cell, Layer):
            return self.cell.trainable_weights
        return []

    @property
    def non_trainable_weights(self):
        if isinstance(self.cell, Layer):
            if not self.trainable:
                return self.cell.weights
            return self.cell.non_trainable_weights
        return []

    @property
    def losses(self):
        # Each loss once: the cell is also a tracked sub-layer, whose
        # losses the base class already includes (Keras 2.3 counts 3 for
        # an LSTM with kernel, recurrent and bias regularizers).
        layer_losses = super(RNN, self).losses
        if isinstance(self.cell, Layer):
            return unique_objects(self.cell.losses + layer_losses)
        return layer_losses

    def get_losses_for(self, inputs=None):
        layer_losses = super(RNN, self).get_losses_for(inputs)
        if isinstance(self.cell, Layer):
            return unique_objects(self.cell.get_losses_for(inputs) +
                                  layer_losses)
        return layer_losses

    def get_config(self):
        config = {'return_sequences': self.return_sequences,
                  'return_state': self.return_state,
                  'go_backwards': self.go_backwards,
                  'stateful': self.stateful,
                  'unroll': self.unroll}
        if self._num_constants is not None:
            config['num_constants'] = self._num_constants
        config['cell'] = {'class_name': self.cell.__class__.__name__,
                          'config': self.cell.get_config()}
        base_config = super(RNN, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from . import deserialize as deserialize_layer
        config = dict(config)
        cell = deserialize_layer(config.pop('cell'),
                                 custom_objects=custom_objects)
        num_constants = config.pop('num_constants', None)
        layer = cls(cell, **config)
        layer._num_constants = num_constants
        return layer
