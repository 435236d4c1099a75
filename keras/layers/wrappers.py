"""Layers that wrap another layer: `Wrapper`, `TimeDistributed`,
`Bidirectional`."""
import copy

from .. import backend as K
from ..engine.base_layer import Layer, InputSpec
from .rnn_base import call_with_extra_inputs, split_inputs_list
from ..utils.generic_utils import CustomObjectScope
from ..utils.generic_utils import has_arg, object_list_uid

__all__ = ['Wrapper', 'TimeDistributed', 'Bidirectional']


class Wrapper(Layer):
    """Abstract wrapper base class: a layer that owns another layer.

    Its weights, updates and losses are those of the wrapped layer.

    # Arguments
        layer: The layer to be wrapped.
    """

    def __init__(self, layer, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError('%s: `layer` must be a Layer instance, got %r.'
                             % (self.__class__.__name__, layer))
        self.layer = layer
        # Maps the uid of the wrapper's inputs to the inputs the inner layer
        # saw (Keras 2.3: `TimeDistributed` records its reshaped inputs, and
        # updates and masks of the inner layer are looked up through it).
        self._input_map = {}
        super(Wrapper, self).__init__(**kwargs)

    def _inner_inputs(self, inputs):
        """The inputs the inner layer saw for the wrapper's `inputs`."""
        if inputs is None:
            return None
        return self._input_map.get(object_list_uid(inputs), inputs)

    def build(self, input_shape=None):
        self.built = True

    @property
    def activity_regularizer(self):
        return getattr(self.layer, 'activity_regularizer', None)

    @activity_regularizer.setter
    def activity_regularizer(self, value):
        if value is not None:
            self.layer.activity_regularizer = value

    @property
    def trainable(self):
        return self.layer.trainable

    @trainable.setter
    def trainable(self, value):
        self.layer.trainable = value

    @property
    def trainable_weights(self):
        return self.layer.trainable_weights

    @property
    def non_trainable_weights(self):
        return self.layer.non_trainable_weights

    @property
    def updates(self):
        return self.layer.updates + self._updates

    @property
    def losses(self):
        return self.layer.losses + self._losses

    def get_updates_for(self, inputs=None):
        updates = self.layer.get_updates_for(self._inner_inputs(inputs))
        return updates + super(Wrapper, self).get_updates_for(inputs)

    def get_losses_for(self, inputs=None):
        losses = self.layer.get_losses_for(inputs)
        return losses + super(Wrapper, self).get_losses_for(inputs)

    def get_weights(self):
        return self.layer.get_weights()

    def set_weights(self, weights):
        self.layer.set_weights(weights)

    def get_config(self):
        config = {'layer': {'class_name': self.layer.__class__.__name__,
                            'config': self.layer.get_config()}}
        base_config = super(Wrapper, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from . import deserialize as deserialize_layer
        config = dict(config)
        layer = deserialize_layer(config.pop('layer'),
                                  custom_objects=custom_objects)
        return cls(layer, **config)


def _dynamic_shape(tensor, static_dims, start):
    """`static_dims` with each None replaced by `K.shape(tensor)[start+i]`."""
    shape = list(static_dims)
    for i, dim in enumerate(shape):
        if dim is None:
            shape[i] = K.shape(tensor)[start + i]
    return tuple(shape)


class TimeDistributed(Wrapper):
    """Applies a layer to every temporal slice of an input.

    The input should be at least 3D; dimension 1 is the temporal one. The
    layer is applied to the batch of all timesteps at once (the time axis is
    folded into the batch axis), which computes the same as a loop.

    # Arguments
        layer: a layer instance (a model works too).

    # Example
    ```python
        model = Sequential()
        model.add(TimeDistributed(Dense(8), input_shape=(10, 16)))
        # now model.output_shape == (None, 10, 8)
    ```
    """

    def __init__(self, layer, **kwargs):
        super(TimeDistributed, self).__init__(layer, **kwargs)
        self.supports_masking = True

    def _inner_shape(self, input_shape):
        return (input_shape[0],) + tuple(input_shape[2:])

    def build(self, input_shape):
        input_shape = tuple(input_shape)
        if len(input_shape) < 3:
            raise ValueError('%s: `TimeDistributed` needs an input of at '
                             'least rank 3 (batch, time, ...), got shape %s.'
                             % (self.name, input_shape))
        self.input_spec = InputSpec(shape=input_shape)
        if not self.layer.built:
            self.layer.build(self._inner_shape(input_shape))
            self.layer.built = True
        super(TimeDistributed, self).build()

    def compute_output_shape(self, input_shape):
        inner_output = self.layer.compute_output_shape(
            self._inner_shape(input_shape))
        return (inner_output[0], input_shape[1]) + tuple(inner_output[1:])

    def _fold(self, tensor, static_shape):
        """(batch, time, ...) -> (batch * time, ...)."""
        return K.reshape(tensor, (-1,) + _dynamic_shape(
            tensor, static_shape[2:], 2))

    def _unfold(self, tensor, inputs, inner_static_shape):
        """(batch * time, ...) -> (batch, time, ...), time from `inputs`."""
        time = K.int_shape(inputs)[1]
        if time is None:
            time = K.shape(inputs)[1]
        return K.reshape(tensor, (-1, time) + _dynamic_shape(
            tensor, inner_static_shape[1:], 1))

    def call(self, inputs, training=None, mask=None):
        input_shape = K.int_shape(inputs)
        kwargs = {}
        if has_arg(self.layer.call, 'training'):
            kwargs['training'] = training
        if has_arg(self.layer.call, 'mask') and mask is not None:
            kwargs['mask'] = self._fold(mask, K.int_shape(mask))
        inner_inputs = self._fold(inputs, input_shape)
        self._input_map[object_list_uid(inputs)] = inner_inputs
        y = self.layer.call(inner_inputs, **kwargs)
        if hasattr(y, '_uses_learning_phase'):
            uses_learning_phase = y._uses_learning_phase
        else:
            uses_learning_phase = False
        output_shape = self.compute_output_shape(input_shape)
        y = self._unfold(y, inputs, (output_shape[0],) + output_shape[2:])
        if (hasattr(self, 'activity_regularizer') and
                self.activity_regularizer is not None):
            self.add_loss(self.activity_regularizer(y), inputs)
        if uses_learning_phase:
            y._uses_learning_phase = True
        return y

    def compute_mask(self, inputs, mask=None):
        input_shape = K.int_shape(inputs)
        inner_mask = None
        if mask is not None:
            inner_mask = self._fold(mask, K.int_shape(mask))
        inner_inputs = self._input_map.get(object_list_uid(inputs))
        if inner_inputs is None:
            inner_inputs = self._fold(inputs, input_shape)
        inner_output_mask = self.layer.compute_mask(inner_inputs, inner_mask)
        if inner_output_mask is None:
            if mask is None:
                return None
            # The inner layer drops the mask: keep a per-timestep mask.
            output_mask = mask
            for _ in range(2, K.ndim(mask)):
                output_mask = K.any(output_mask, axis=-1)
            return output_mask
        inner_shape = K.int_shape(inner_output_mask)
        return self._unfold(inner_output_mask, inputs,
                            (None,) + tuple(inner_shape[1:]))


def _cell_classes(layer):
    """The classes of the cells inside the recurrent `layer`, by name."""
    cells = [getattr(layer, 'cell', None)]
    cells += list(getattr(cells[0], 'cells', []))
    return {type(cell).__name__: type(cell) for cell in cells
            if cell is not None}


class Bidirectional(Wrapper):
    """Bidirectional wrapper for RNNs.

    # Arguments
        layer: `Recurrent` instance.
        merge_mode: Mode by which outputs of the forward and backward RNNs
            will be combined. One of {'sum', 'mul', 'concat', 'ave', None}.
            If None, the outputs will not be combined, they will be returned
            as a list.
        weights: Initial weights to load in the Bidirectional model
            (forward weights, then backward weights).

    # Raises
        ValueError: In case of invalid `merge_mode` argument.

    # Examples
    ```python
        model = Sequential()
        model.add(Bidirectional(LSTM(10, return_sequences=True),
                                input_shape=(5, 10)))
        model.add(Bidirectional(LSTM(10)))
        model.add(Dense(5))
    ```
    """

    _MERGE_MODES = ('sum', 'mul', 'ave', 'concat', None)

    def __init__(self, layer, merge_mode='concat', weights=None, **kwargs):
        if merge_mode not in self._MERGE_MODES:
            raise ValueError('Invalid merge mode %r. Merge mode should be '
                             'one of {"sum", "mul", "ave", "concat", None}'
                             % (merge_mode,))
        self.forward_layer = copy.copy(layer)
        config = layer.get_config()
        config['go_backwards'] = not config['go_backwards']
        # A user-defined cell need not be registered to be copied.
        with CustomObjectScope(_cell_classes(layer)):
            self.backward_layer = layer.__class__.from_config(config)
        self.forward_layer.name = 'forward_' + self.forward_layer.name
        self.backward_layer.name = 'backward_' + self.backward_layer.name
        self.merge_mode = merge_mode
        if weights:
            half = len(weights) // 2
            self.forward_layer.initial_weights = weights[:half]
            self.backward_layer.initial_weights = weights[half:]
        self.stateful = layer.stateful
        self.return_sequences = layer.return_sequences
        self.return_state = layer.return_state
        super(Bidirectional, self).__init__(layer, **kwargs)
        self.supports_masking = True
        self.input_spec = layer.input_spec
        self._num_constants = None

    @property
    def trainable(self):
        return getattr(self, '_bidirectional_trainable', True)

    @trainable.setter
    def trainable(self, value):
        self._bidirectional_trainable = value
        self.forward_layer.trainable = value
        self.backward_layer.trainable = value

    def get_weights(self):
        return self.forward_layer.get_weights() + \
            self.backward_layer.get_weights()

    def set_weights(self, weights):
        half = len(weights) // 2
        self.forward_layer.set_weights(weights[:half])
        self.backward_layer.set_weights(weights[half:])

    def compute_output_shape(self, input_shape):
        output_shape = self.forward_layer.compute_output_shape(input_shape)
        state_shape = None
        if self.return_state:
            state_shape = list(output_shape[1:])
            output_shape = output_shape[0]
        output_shape = tuple(output_shape)
        if self.merge_mode == 'concat':
            output_shape = output_shape[:-1] + (output_shape[-1] * 2,)
            output_shape = [output_shape]
        elif self.merge_mode is None:
            output_shape = [output_shape, output_shape]
        else:
            output_shape = [output_shape]
        if self.return_state:
            return output_shape + state_shape + copy.copy(state_shape)
        if len(output_shape) == 1:
            return output_shape[0]
        return output_shape

    def __call__(self, inputs, initial_state=None, constants=None, **kwargs):
        inputs, initial_state, constants = \
            self.forward_layer._standardize_args(inputs, initial_state,
                                                 constants)
        if initial_state is None and constants is None:
            return super(Bidirectional, self).__call__(inputs, **kwargs)
        if initial_state is not None and len(initial_state) % 2:
            raise ValueError('%s: `initial_state` must hold the forward '
                             'states then the backward states (an even '
                             'count), got %d tensors.'
                             % (self.name, len(initial_state)))
        if constants is not None:
            self._num_constants = len(constants)
            self.forward_layer._num_constants = self._num_constants
            self.backward_layer._num_constants = self._num_constants
        return call_with_extra_inputs(
            self, super(Bidirectional, self).__call__, inputs, initial_state,
            constants, None, **kwargs)

    def call(self, inputs, mask=None, training=None, initial_state=None,
             constants=None):
        if isinstance(inputs, list):
            inputs, initial_state, constants = split_inputs_list(
                inputs, self._num_constants)
        kwargs = {}
        if has_arg(self.layer.call, 'training'):
            kwargs['training'] = training
        if has_arg(self.layer.call, 'mask'):
            kwargs['mask'] = mask[0] if isinstance(mask, list) else mask
        if constants is not None:
            kwargs['constants'] = constants
        if initial_state is not None:
            half = len(initial_state) // 2
            forward_kwargs = dict(kwargs, initial_state=initial_state[:half])
            backward_kwargs = dict(kwargs, initial_state=initial_state[half:])
        else:
            forward_kwargs = backward_kwargs = kwargs
        y = self.forward_layer.call(inputs, **forward_kwargs)
        y_rev = self.backward_layer.call(inputs, **backward_kwargs)
        if self.return_state:
            states = y[1:] + y_rev[1:]
            y, y_rev = y[0], y_rev[0]
        if self.return_sequences:
            y_rev = K.reverse(y_rev, 1)
        if self.merge_mode == 'concat':
            output = K.concatenate([y, y_rev])
        elif self.merge_mode == 'sum':
            output = y + y_rev
        elif self.merge_mode == 'ave':
            output = (y + y_rev) / 2
        elif self.merge_mode == 'mul':
            output = y * y_rev
        else:
            output = [y, y_rev]
        if getattr(y, '_uses_learning_phase', False) or \
                getattr(y_rev, '_uses_learning_phase', False):
            for out in output if isinstance(output, list) else [output]:
                out._uses_learning_phase = True
        if self.return_state:
            if self.merge_mode is None:
                return output + states
            return [output] + states
        return output

    def reset_states(self):
        self.forward_layer.reset_states()
        self.backward_layer.reset_states()

    def build(self, input_shape):
        with K.name_scope(self.forward_layer.name):
            self.forward_layer.build(input_shape)
            self.forward_layer.built = True
        with K.name_scope(self.backward_layer.name):
            self.backward_layer.build(input_shape)
            self.backward_layer.built = True
        self.built = True

    def compute_mask(self, inputs, mask):
        if isinstance(mask, list):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        output_mask = [output_mask, output_mask] if self.merge_mode is None \
            else output_mask
        if self.return_state:
            states_count = len(self.forward_layer.states) * 2
            masks = output_mask if isinstance(output_mask, list) \
                else [output_mask]
            return masks + [None] * states_count
        return output_mask

    @property
    def trainable_weights(self):
        return (self.forward_layer.trainable_weights +
                self.backward_layer.trainable_weights)

    @property
    def non_trainable_weights(self):
        return (self.forward_layer.non_trainable_weights +
                self.backward_layer.non_trainable_weights)

    @property
    def updates(self):
        return self.forward_layer.updates + self.backward_layer.updates

    def get_updates_for(self, inputs=None):
        return (self.forward_layer.get_updates_for(inputs) +
                self.backward_layer.get_updates_for(inputs))

    @property
    def losses(self):
        return self.forward_layer.losses + self.backward_layer.losses

    def get_losses_for(self, inputs=None):
        return (self.forward_layer.get_losses_for(inputs) +
                self.backward_layer.get_losses_for(inputs))

    @property
    def constraints(self):
        constraints = {}
        for layer in (self.forward_layer, self.backward_layer):
            constraints.update(getattr(layer, 'constraints', {}) or {})
        return constraints

    def get_config(self):
        config = {'merge_mode': self.merge_mode}
        if self._num_constants is not None:
            config['num_constants'] = self._num_constants
        base_config = super(Bidirectional, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        num_constants = config.pop('num_constants', None)
        layer = super(Bidirectional, cls).from_config(
            config, custom_objects=custom_objects)
        layer._num_constants = num_constants
        # The directions split a flat `[inputs, *states, *constants]` list
        # with it when the reloaded layer is called.
        layer.forward_layer._num_constants = num_constants
        layer.backward_layer._num_constants = num_constants
        return layer
