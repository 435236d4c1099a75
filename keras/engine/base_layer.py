"""The base `Layer` class, `InputSpec`, `Node` and the call machinery.

A layer is called on Keras tensors (tensors that carry `_keras_history`,
`_keras_shape` and `_uses_learning_phase`); each call records a `Node`,
which is what the functional `Network` walks.
"""
from __future__ import absolute_import

from .. import backend as K
from ..legacy import interfaces
from ..legacy.interfaces import check_declared_input
from ..utils.generic_utils import (to_list, unpack_singleton, object_list_uid,
                                   has_arg, is_all_none)
from .input_spec import InputSpec, assert_input_compatibility, tensor_shape
from .node import Node, NodeAccessorsMixin
from .base_layer_utils import lift_eager_tensor
from .base_layer_utils import (to_snake_case, disable_tracking, is_metric,
                               unique_objects, short_weight_name,
                               normalize_dtype, graph_scope,
                               weight_assignments, collect_previous_mask,
                               collect_input_shape, as_shape_list,
                               KERNEL_NAMES, BIAS_NAMES)

# Names other engine modules import from here.
_unique = unique_objects
_normalize_dtype = normalize_dtype
_as_shape_list = as_shape_list

__all__ = ['Layer', 'InputSpec', 'Node', 'disable_tracking']

_ALLOWED_KWARGS = frozenset([
    'input_shape', 'batch_input_shape', 'batch_size', 'dtype', 'name',
    'trainable', 'weights', 'input_dtype', 'reset_after',
    'W_learning_rate_multiplier', 'b_learning_rate_multiplier',
    'kernel_learning_rate_multiplier', 'bias_learning_rate_multiplier',
    'learning_rate_multipliers'])

# Per-weight learning-rate multipliers: keyword -> short weight names.
_KERNEL_MULTIPLIERS = ('kernel_learning_rate_multiplier',
                       'W_learning_rate_multiplier')
_BIAS_MULTIPLIERS = ('bias_learning_rate_multiplier',
                     'b_learning_rate_multiplier')

# Attributes never scanned for sub-layers (the engine's own bookkeeping).
_UNTRACKED_ATTRIBUTES = frozenset([
    '_layers', '_inbound_nodes', '_outbound_nodes', '_input_layers',
    '_output_layers', '_metrics'])



class Layer(NodeAccessorsMixin):
    """Abstract base layer class.

    # Properties
        input, output: Input/output tensor(s). Only applicable if the layer
            has exactly one inbound node (called once).
        input_mask, output_mask: Mask tensors (same rule).
        input_shape, output_shape: Shape tuples.
        name: String, must be unique within a model.
        input_spec: List of InputSpec class instances
            each entry describes one required input:
                - ndim
                - dtype
            A layer with `n` input tensors must have
            an `input_spec` of length `n`.
        trainable: Boolean, whether the layer weights
            will be updated during training.
        uses_learning_phase: Whether any operation
            of the layer uses `K.in_training_phase()`
            or `K.in_test_phase()`.
        supports_masking: Boolean.
        trainable_weights, non_trainable_weights, weights: lists of
            variables (trainable first, then non-trainable).
        learning_rate_multipliers: one float per trainable weight once
            built (the factor optimizers apply to that weight's step).
        built: Boolean, whether the layer's weights have been created.

    # Methods
        call(x, mask=None): Where the layer's logic lives.
        __call__(x, mask=None): Wrapper around the layer logic (`call`).
            If x is a Keras tensor, connects the layer to it (creates a
            `Node`) and sets `_keras_history`, `_keras_shape` and
            `_uses_learning_phase` on the outputs.
        get_weights(), set_weights(weights), get_config(),
        count_params(), compute_output_shape(input_shape),
        compute_mask(x, mask), get_input_at(node_index),
        get_output_at(node_index), get_input_shape_at(node_index),
        get_output_shape_at(node_index), get_input_mask_at(node_index),
        get_output_mask_at(node_index).

    # Keyword arguments of the constructor
        input_shape, batch_input_shape, batch_size, dtype (or the old
        input_dtype), name, trainable, weights (initial weight values),
        W_learning_rate_multiplier / kernel_learning_rate_multiplier,
        b_learning_rate_multiplier / bias_learning_rate_multiplier,
        learning_rate_multipliers (list aligned with trainable_weights).
    """

    def __init__(self, **kwargs):
        for kwarg in kwargs:
            if kwarg not in _ALLOWED_KWARGS:
                raise TypeError('Layer %s: keyword argument not understood: '
                                '%r.' % (self.__class__.__name__, kwarg))
        self.input_spec = None
        self.supports_masking = False
        self.stateful = False
        self._trainable_weights = []
        self._non_trainable_weights = []
        self._losses = []
        self._updates = []
        self._per_input_losses = {}
        self._per_input_updates = {}
        self._metrics = []
        self._inbound_nodes = []
        self._outbound_nodes = []
        if '_layers' not in self.__dict__:
            object.__setattr__(self, '_layers', [])
        self._built = False

        name = kwargs.get('name')
        if not name:
            prefix = self.__class__.__name__
            name = to_snake_case(prefix) + '_' + str(K.get_uid(prefix))
        self.name = name
        self.trainable = kwargs.get('trainable', True)

        if 'batch_input_shape' in kwargs and \
                kwargs['batch_input_shape'] is not None:
            self.batch_input_shape = tuple(kwargs['batch_input_shape'])
        elif 'input_shape' in kwargs and kwargs['input_shape'] is not None:
            self.batch_input_shape = ((kwargs.get('batch_size'),) +
                                      tuple(kwargs['input_shape']))
        dtype = normalize_dtype(kwargs.get('dtype'))
        if dtype is None:
            dtype = normalize_dtype(kwargs.get('input_dtype'))
        self.dtype = dtype or K.floatx()
        self._initial_weights = kwargs.get('weights')

        for key in _KERNEL_MULTIPLIERS + _BIAS_MULTIPLIERS:
            if key in kwargs or key not in self.__dict__:
                setattr(self, key, kwargs.get(key))
        if 'learning_rate_multipliers' in kwargs or \
                '_learning_rate_multipliers' not in self.__dict__:
            self._learning_rate_multipliers = kwargs.get(
                'learning_rate_multipliers')

    # ------------------------------------------------------------------
    # Attribute tracking
    # ------------------------------------------------------------------

    def __setattr__(self, name, value):
        if name not in _UNTRACKED_ATTRIBUTES and \
                self.__dict__.get('_auto_track_sub_layers', True):
            self._track_sub_layers(value)
        object.__setattr__(self, name, value)

    def _track_sub_layers(self, value):
        candidates = value if isinstance(value, (list, tuple)) else [value]
        for item in candidates:
            if isinstance(item, Layer) and item is not self and \
                    not is_metric(item):
                layers = self.__dict__.setdefault('_layers', [])
                if not any(item is layer for layer in layers):
                    layers.append(item)

    # ------------------------------------------------------------------
    # Simple properties
    # ------------------------------------------------------------------

    @property
    def built(self):
        return self._built

    @built.setter
    def built(self, value):
        self._built = bool(value)

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)

    @property
    def learning_rate_multipliers(self):
        """Once built: the multiplier of each trainable weight (1.0 where
        none was set). Before: the configured list (or None)."""
        if not self.built:
            return self._learning_rate_multipliers
        return [float(getattr(w, '_learning_rate_multiplier', 1.0))
                for w in self._gather_weights(True)]

    @learning_rate_multipliers.setter
    def learning_rate_multipliers(self, value):
        self._learning_rate_multipliers = (list(value) if value is not None
                                           else None)

    # ------------------------------------------------------------------
    # Weights
    # ------------------------------------------------------------------

    @interfaces.legacy_add_weight_support
    def add_weight(self, name=None, shape=None, dtype=None, initializer=None,
                   regularizer=None, trainable=True, constraint=None):
        """Adds a weight variable to the layer.

        # Arguments
            name: String, the name for the weight variable.
            shape: The shape tuple of the weight (None: a scalar).
            dtype: The dtype of the weight (default: the layer's dtype).
            initializer: An Initializer instance (callable) or its name
                (default: 'glorot_uniform').
            regularizer: An optional Regularizer instance.
            trainable: A boolean, whether the weight should
                be trained via backprop or not (assuming
                that the layer itself is also trainable).
            constraint: An optional Constraint instance.

        # Returns
            The created weight variable.
        """
        from .. import initializers, regularizers, constraints
        shape = () if shape is None else tuple(shape)
        dtype = dtype or self.dtype
        initializer = initializers.get(initializer or 'glorot_uniform')
        regularizer = regularizers.get(regularizer)
        constraint = constraints.get(constraint)
        weight = K.variable(initializer(shape, dtype=dtype), dtype=dtype,
                            name=name, constraint=constraint)
        if constraint is not None and \
                getattr(weight, 'constraint', None) is not constraint:
            try:
                weight.constraint = constraint
            except AttributeError:
                weight._keras_constraint = constraint
        if regularizer is not None:
            with K.name_scope('weight_regularizer'):
                self.add_loss(regularizer(weight))
        if trainable:
            self._trainable_weights.append(weight)
        else:
            self._non_trainable_weights.append(weight)
        return weight

    def _gather_weights(self, trainable_part):
        """Own weights of one kind, then those of tracked sub-layers,
        ignoring the `trainable` flags of this layer."""
        own = (self._trainable_weights if trainable_part
               else self._non_trainable_weights)
        weights = list(own)
        for layer in self._layers:
            weights += (layer.trainable_weights if trainable_part
                        else layer.non_trainable_weights)
        return unique_objects(weights)

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        return self._gather_weights(True)

    @trainable_weights.setter
    def trainable_weights(self, weights):
        self._trainable_weights = list(weights)

    @property
    def non_trainable_weights(self):
        if not self.trainable:
            return unique_objects(self._gather_weights(True) +
                           self._gather_weights(False))
        return self._gather_weights(False)

    @non_trainable_weights.setter
    def non_trainable_weights(self, weights):
        self._non_trainable_weights = list(weights)

    @property
    def weights(self):
        return self.trainable_weights + self.non_trainable_weights

    def get_weights(self):
        """Returns the current weights of the layer, as Numpy arrays
        (in the order of `layer.weights`)."""
        return K.batch_get_value(self.weights)

    def set_weights(self, weights):
        """Sets the weights of the layer from a list of Numpy arrays.

        # Arguments
            weights: a list of Numpy arrays, as many as `layer.weights`
                and with the same shapes (the output of `get_weights`).

        # Raises
            ValueError: if the number of arrays or a shape does not match.
        """
        K.batch_set_value(weight_assignments(self, self.weights, weights))

    def count_params(self):
        """Counts the total number of scalars composing the weights.

        # Raises
            ValueError: if the layer isn't yet built
                (in which case its weights aren't yet defined).
        """
        if not self.built:
            raise ValueError('You tried to call `count_params` on %s, but '
                             'the layer isn\'t built. You can build it '
                             'manually via: `%s.build(batch_input_shape)`.'
                             % (self.name, self.name))
        from ..utils.layer_utils import count_params
        return count_params(self.weights)

    def _apply_learning_rate_multipliers(self):
        """Sets `_learning_rate_multiplier` on the trainable variables from
        the multipliers configured on this layer and its sub-layers."""
        for layer in self._layers:
            layer._apply_learning_rate_multipliers()
        generic = self._learning_rate_multipliers
        kernel = next((getattr(self, k) for k in _KERNEL_MULTIPLIERS
                       if getattr(self, k, None) is not None), None)
        bias = next((getattr(self, k) for k in _BIAS_MULTIPLIERS
                     if getattr(self, k, None) is not None), None)
        if generic is None and kernel is None and bias is None:
            return
        for index, weight in enumerate(self._gather_weights(True)):
            multiplier = None
            if generic is not None and index < len(generic):
                multiplier = generic[index]
            short = short_weight_name(weight)
            if short in KERNEL_NAMES and kernel is not None:
                multiplier = kernel
            elif short in BIAS_NAMES and bias is not None:
                multiplier = bias
            if multiplier is not None:
                weight._learning_rate_multiplier = float(multiplier)

    # ------------------------------------------------------------------
    # Layer logic (to override)
    # ------------------------------------------------------------------

    def build(self, input_shape):
        """Creates the layer weights (subclasses call `add_weight` here).

        # Arguments
            input_shape: Keras tensor (future input to layer)
                or list/tuple of Keras tensors to reference
                for weight shape computations.
        """
        self.built = True

    def call(self, inputs, **kwargs):
        """This is where the layer's logic lives.

        # Arguments
            inputs: Input tensor, or list/tuple of input tensors.
            **kwargs: Additional keyword arguments.

        # Returns
            A tensor or list/tuple of tensors.
        """
        return inputs

    def compute_output_shape(self, input_shape):
        """Computes the output shape of the layer (default: unchanged).

        # Arguments
            input_shape: Shape tuple (tuple of integers)
                or list of shape tuples (one per input tensor).

        # Returns
            An output shape tuple, or a list of them.
        """
        if hasattr(self, 'get_output_shape_for'):
            return self.get_output_shape_for(input_shape)
        return input_shape

    def compute_mask(self, inputs, mask=None):
        """Computes an output mask tensor.

        # Arguments
            inputs: Tensor or list of tensors.
            mask: Tensor or list of tensors.

        # Returns
            None or a tensor (or list of tensors,
                one per output tensor of the layer).

        # Raises
            TypeError: if a mask is passed to a layer that does not
                support masking.
        """
        if not self.supports_masking:
            if not is_all_none(mask):
                raise TypeError('Layer ' + self.name + ' does not support '
                                'masking, but was passed an input_mask: ' +
                                str(mask))
            return None
        return mask

    def assert_input_compatibility(self, inputs):
        """Checks compatibility between the layer and provided inputs.

        # Raises
            ValueError: in case of mismatch between
                the provided inputs and the expectations of the layer
                (message: layer name, expected and found rank/shape/dtype).
        """
        assert_input_compatibility(self.name, self.input_spec, inputs)

    # ------------------------------------------------------------------
    # Calling the layer
    # ------------------------------------------------------------------

    def __call__(self, inputs, **kwargs):
        """Wrapper around self.call(), for handling internal references.

        If a Keras tensor is passed:
            - We call self._add_inbound_node().
            - If necessary, we `build` the layer to match
                the _keras_shape of the input(s).
            - We update the _keras_shape of every input tensor with
                its new shape (obtained via self.compute_output_shape).
            - We update the _keras_history of the output tensor(s)
                with the current layer.

        # Arguments
            inputs: Can be a tensor or list/tuple of tensors.
            **kwargs: Additional keyword arguments to be passed to `call()`.

        # Returns
            Output of the layer's `call` method.

        # Raises
            ValueError: in case the layer is missing shape information
                for its `build` call, or the inputs do not match
                `input_spec`.
        """
        if isinstance(inputs, list):
            inputs = inputs[:]
        with graph_scope(), K.name_scope(self.name):
            if not self.built:
                self._build_for(inputs)
            self.assert_input_compatibility(inputs)

            previous_mask = collect_previous_mask(inputs)
            user_kwargs = dict(kwargs)
            if not is_all_none(previous_mask) and 'mask' not in kwargs \
                    and has_arg(self.call, 'mask'):
                kwargs['mask'] = previous_mask
            input_shape = collect_input_shape(inputs)
            output = self.call(inputs, **kwargs)
            output_mask = self.compute_mask(inputs, previous_mask)

            input_list = to_list(inputs)
            input_ids = set(id(x) for x in input_list)
            output_list = [K.identity(x) if id(x) in input_ids else x
                           for x in to_list(output)]
            output = (output_list if isinstance(output, (list, tuple))
                      else output_list[0])
            output_shape = self._infer_output_shape(input_shape,
                                                    output_list)
            if not isinstance(output_mask, (list, tuple)) and \
                    len(output_list) > 1:
                output_mask = [output_mask] * len(output_list)

            self._add_inbound_node(input_tensors=inputs,
                                   output_tensors=output,
                                   input_masks=previous_mask,
                                   output_masks=output_mask,
                                   input_shapes=input_shape,
                                   output_shapes=output_shape,
                                   arguments=user_kwargs)
            regularizer = getattr(self, 'activity_regularizer', None)
            if regularizer is not None:
                with K.name_scope('activity_regularizer'):
                    penalties = [regularizer(x) for x in output_list]
                self.add_loss(penalties, inputs=input_list)
        return output

    # Layers whose `build` copes with an input of unknown rank (shape None),
    # as Keras 2.3's merge layers did; the others refuse it clearly.
    _accepts_unknown_rank = False

    def _build_for(self, inputs):
        """Builds the layer from the shapes of `inputs` (first call)."""
        self.assert_input_compatibility(inputs)
        shapes = []
        for x in to_list(inputs):
            shape = tensor_shape(x)
            if shape is None and not self._accepts_unknown_rank:
                raise ValueError('You tried to call layer "%s". This layer '
                                 'has no information about its expected '
                                 'input shape, and thus cannot be built. '
                                 'You can build it manually via: '
                                 '`layer.build(batch_input_shape)`'
                                 % self.name)
            shapes.append(shape)
        check_declared_input(self, shapes)
        self.build(unpack_singleton(shapes))
        self.built = True
        self._apply_learning_rate_multipliers()
        if self._initial_weights is not None:
            self.set_weights(self._initial_weights)
            self._initial_weights = None

    def _infer_output_shape(self, input_shape, outputs):
        """Output shapes of a call (from `compute_output_shape`)."""
        if all(s is not None for s in to_list(input_shape)):
            return as_shape_list(self.compute_output_shape(input_shape),
                                  len(outputs))
        return [None] * len(outputs)

    def _add_inbound_node(self, input_tensors, output_tensors,
                          input_masks, output_masks,
                          input_shapes, output_shapes, arguments=None):
        """Creates the `Node` of a call and updates the output tensors'
        `_keras_history`, `_keras_shape` and `_uses_learning_phase`.

        # Arguments
            input_tensors: list of input tensors.
            output_tensors: list of output tensors.
            input_masks: list of input masks (a mask can be a tensor, or
                None).
            output_masks: list of output masks.
            input_shapes: list of input shape tuples.
            output_shapes: list of output shape tuples.
            arguments: dictionary of keyword arguments that were passed
                to the `call` method of the layer at the call that created
                the node.
        """
        input_tensors = to_list(input_tensors)
        output_tensors = to_list(output_tensors)
        input_masks = to_list(input_masks)
        output_masks = to_list(output_masks)
        input_shapes = as_shape_list(input_shapes, len(input_tensors))
        output_shapes = as_shape_list(output_shapes, len(output_tensors))

        inbound_layers, node_indices, tensor_indices = [], [], []
        for x in input_tensors:
            history = getattr(x, '_keras_history', (None, None, None))
            inbound_layers.append(history[0])
            node_indices.append(history[1])
            tensor_indices.append(history[2])

        Node(self, inbound_layers=inbound_layers, node_indices=node_indices,
             tensor_indices=tensor_indices, input_tensors=input_tensors,
             output_tensors=output_tensors, input_masks=input_masks,
             output_masks=output_masks, input_shapes=input_shapes,
             output_shapes=output_shapes, arguments=arguments)

        uses_lp = (any(getattr(x, '_uses_learning_phase', False)
                       for x in input_tensors) or
                   getattr(self, 'uses_learning_phase', False))
        node_index = len(self._inbound_nodes) - 1
        for i, x in enumerate(output_tensors):
            x._keras_shape = output_shapes[i]
            x._uses_learning_phase = (getattr(x, '_uses_learning_phase',
                                              False) or uses_lp)
            x._keras_history = (self, node_index, i)

    # ------------------------------------------------------------------
    # Losses, updates, metrics
    # ------------------------------------------------------------------

    @staticmethod
    def _add_to_bucket(buckets, flat, items, inputs):
        key = object_list_uid(inputs) if inputs is not None else None
        bucket = buckets.setdefault(key, [])
        for item in items:
            if not any(item is known for known in bucket):
                bucket.append(item)
            if not any(item is known for known in flat):
                flat.append(item)

    def add_loss(self, losses, inputs=None):
        """Adds losses to the layer.

        The loss may potentially be conditional on some inputs tensors,
        for instance activity losses are conditional on the layer's inputs.

        # Arguments
            losses: loss tensor or list of loss tensors
                to add to the layer.
            inputs: input tensor or list of inputs tensors to mark
                the losses as conditional on these inputs.
                If None is passed, the loss is assumed unconditional
                (e.g. L2 weight regularization, which only depends
                on the layer's weights variables, not on any inputs tensors).
        """
        if losses is None:
            return
        losses = [lift_eager_tensor(x) for x in to_list(losses)]
        if not losses:
            return
        self._add_to_bucket(self._per_input_losses, self._losses, losses,
                            inputs)

    def add_update(self, updates, inputs=None):
        """Adds updates to the layer.

        The updates may potentially be conditional on some inputs tensors,
        for instance batch norm updates are conditional on the layer's
        inputs.

        # Arguments
            updates: update op or list of update ops
                to add to the layer.
            inputs: input tensor or list of inputs tensors to mark
                the updates as conditional on these inputs.
                If None is passed, the updates are assumed unconditional.
        """
        if updates is None:
            return
        # A (variable, new_value) tuple is one update (Theano style).
        updates = to_list(updates)
        if not updates:
            return
        self._add_to_bucket(self._per_input_updates, self._updates, updates,
                            inputs)

    def _children_attribute(self, attribute):
        values = []
        for layer in self._layers:
            values += getattr(layer, attribute)
        return values

    def get_updates_for(self, inputs):
        """Updates conditional on `inputs` (None: the unconditional ones,
        plus all updates of tracked sub-layers)."""
        key = object_list_uid(inputs) if inputs is not None else None
        updates = list(self._per_input_updates.get(key, []))
        if inputs is None:
            updates += self._children_attribute('updates')
        return unique_objects(updates)

    def get_losses_for(self, inputs):
        """Losses conditional on `inputs` (None: the unconditional ones,
        plus all losses of tracked sub-layers)."""
        key = object_list_uid(inputs) if inputs is not None else None
        losses = list(self._per_input_losses.get(key, []))
        if inputs is None:
            losses += self._children_attribute('losses')
        return unique_objects(losses)

    @property
    def updates(self):
        if not self.trainable and not self.stateful:
            return []
        return unique_objects(self._updates + self._children_attribute('updates'))

    @property
    def losses(self):
        return unique_objects(self._losses + self._children_attribute('losses'))

    @property
    def metrics(self):
        return unique_objects(self._metrics + self._children_attribute('metrics'))

    def add_metric(self, value, name=None):
        """Adds a metric tensor to the layer.

        # Arguments
            value: Metric tensor (the result of calling a `Metric`
                instance, or any scalar tensor, averaged over batches).
            name: String metric name (required for plain tensors).

        # Raises
            ValueError: when several metrics of the layer already have
                this name (as Keras 2.3).
        """
        if name is not None:
            same = [m for m in self._metrics
                    if getattr(m, 'name', None) == name]
            if len(same) > 1:
                raise ValueError(
                    'Layer %s: please provide different names for the '
                    'metrics you have added. We found %d metrics with the '
                    'name: "%s".' % (self.name, len(same), name))
            if same:
                return  # already tracked: a call in `call()` runs again
        metric = getattr(value, '_metric_obj', None)
        if metric is None:
            if not name:
                raise ValueError('Layer %s: add_metric needs a `name` for a '
                                 'plain tensor.' % self.name)
            from .. import metrics as metrics_module
            metric = metrics_module.Mean(name=name)
            metric(value)
        if not any(metric is m for m in self._metrics):
            self._metrics.append(metric)

    # ------------------------------------------------------------------
    # Serialization
    # ------------------------------------------------------------------

    def get_config(self):
        """Returns the config of the layer: a Python dictionary
        (serializable) from which the layer can be re-instantiated with
        `from_config`."""
        config = {'name': self.name, 'trainable': self.trainable}
        if hasattr(self, 'batch_input_shape'):
            config['batch_input_shape'] = self.batch_input_shape
        config['dtype'] = self.dtype
        for key in _KERNEL_MULTIPLIERS + _BIAS_MULTIPLIERS:
            if getattr(self, key, None) is not None:
                config[key] = getattr(self, key)
        if self._learning_rate_multipliers is not None:
            config['learning_rate_multipliers'] = list(
                self._learning_rate_multipliers)
        return config

    @classmethod
    def from_config(cls, config):
        """Creates a layer from its config (the output of `get_config`).

        # Arguments
            config: A Python dictionary, typically the
                output of get_config.

        # Returns
            A layer instance.
        """
        return cls(**config)
