"""`Network`: a directed acyclic graph of layers (functional API), or a
subclassed model whose `call` uses layers set as attributes."""
from __future__ import absolute_import

import warnings

from .. import backend as K
from ..legacy import interfaces
from ..utils.generic_utils import (to_list, unpack_singleton, object_list_uid,
                                   has_arg)
from ..utils.layer_utils import get_source_inputs
from .base_layer import (Layer, Node, disable_tracking, graph_scope,
                         weight_assignments, _unique)
from .base_layer import _as_shape_list as as_shape_list
from .input_spec import tensor_shape
from .network_graph import map_graph_network, make_node_key
from . import network_serialization

__all__ = ['Network', 'get_source_inputs']


class Network(network_serialization.NetworkIOMixin, Layer):
    """A `Network` is a directed acyclic graph of layers.

    It is the topological form of a "model". A `Model`
    is simply a `Network` with added training routines.

    Two ways to instantiate it:
    - functional: `Network(inputs, outputs, name=None)` where the inputs
      come from `Input()` and the outputs are obtained by calling layers
      on them;
    - subclassing: define the layers in `__init__` (as attributes) and the
      forward pass in `call(inputs)`; the network is built on first call.

    # Properties
        name, inputs, outputs, layers, input_spec (list of InputSpecs),
        trainable_weights, non_trainable_weights, weights, updates,
        state_updates, stateful, losses, uses_learning_phase.

    # Methods
        __call__, summary, get_layer, get_weights, set_weights, get_config,
        compute_output_shape, save, save_weights, load_weights, to_json,
        to_yaml, reset_states.

    # Class Methods
        from_config
    """

    @interfaces.legacy_model_constructor_support
    def __init__(self, *args, **kwargs):
        if len(args) >= 2 or ('inputs' in kwargs and 'outputs' in kwargs) \
                or (len(args) == 1 and 'outputs' in kwargs):
            names = ['inputs', 'outputs', 'name']
            for name, value in zip(names, args):
                if name in kwargs:
                    raise TypeError('Network got multiple values for %r.'
                                    % name)
                kwargs[name] = value
            self._init_graph_network(**kwargs)
            # Later attribute assignments do not change a graph's layers.
            object.__setattr__(self, '_auto_track_sub_layers', False)
        else:
            if args:
                kwargs.setdefault('name', args[0])
            self._init_subclassed_network(**kwargs)

    # ------------------------------------------------------------------
    # Construction
    # ------------------------------------------------------------------

    def _base_init(self, name=None, trainable=True, dtype=None):
        # `dtype` (Keras 2.3): the model's own dtype attribute; the layers
        # inside keep theirs.
        if not name:
            prefix = self.__class__.__name__.lower()
            name = prefix + '_' + str(K.get_uid(prefix))
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        self._is_compiled = False
        self.optimizer = None
        self._network_nodes = set()
        self._nodes_by_depth = {}
        self._layers_by_depth = {}
        self._input_layers = []
        self._output_layers = []
        self._input_coordinates = []
        self._output_coordinates = []
        self._output_mask_cache = {}
        self._output_tensor_cache = {}
        self._output_shape_cache = {}

    def _init_subclassed_network(self, name=None, trainable=True,
                                 dtype=None, **kwargs):
        if kwargs:
            raise TypeError('%s: unexpected keyword argument(s) %s.'
                            % (self.__class__.__name__, sorted(kwargs)))
        object.__setattr__(self, '_auto_track_sub_layers', True)
        self._base_init(name=name, trainable=trainable, dtype=dtype)
        self._is_graph_network = False
        self._expects_training_arg = has_arg(self.call, 'training')
        self.inputs = []
        self.outputs = []
        self.built = False

    @disable_tracking
    def _init_graph_network(self, inputs, outputs, name=None,
                            trainable=True, dtype=None, **kwargs):
        if kwargs:
            raise TypeError('%s: unexpected keyword argument(s) %s.'
                            % (self.__class__.__name__, sorted(kwargs)))
        self._base_init(name=name, trainable=trainable, dtype=dtype)
        self._is_graph_network = True
        self._expects_training_arg = False
        self.inputs = list(to_list(inputs, allow_tuple=True))
        self.outputs = list(to_list(outputs, allow_tuple=True))
        self._check_graph_tensors()

        self._input_layers = []
        self._input_coordinates = []
        for x in self.inputs:
            layer, node_index, tensor_index = x._keras_history
            self._input_layers.append(layer)
            self._input_coordinates.append((layer, node_index, tensor_index))
        self._output_layers = []
        self._output_coordinates = []
        for x in self.outputs:
            layer, node_index, tensor_index = x._keras_history
            self._output_layers.append(layer)
            self._output_coordinates.append((layer, node_index,
                                             tensor_index))

        nodes, nodes_by_depth, layers, layers_by_depth = map_graph_network(
            self.inputs, self.outputs)
        self._network_nodes = nodes
        self._nodes_by_depth = nodes_by_depth
        self._layers = layers
        self._layers_by_depth = layers_by_depth

        self.input_names = [layer.name for layer in self._input_layers]
        self.output_names = [layer.name for layer in self._output_layers]
        self._feed_input_names = []
        self._feed_inputs = []
        self._feed_input_shapes = []
        for i, layer in enumerate(self._input_layers):
            if getattr(layer, 'is_placeholder', False):
                self._feed_input_names.append(layer.name)
                self._feed_inputs.append(self.inputs[i])
                self._feed_input_shapes.append(self.inputs[i]._keras_shape)

        masks = [self._tensor_mask(x) for x in self.inputs]
        key = object_list_uid(self.inputs) + '_' + object_list_uid(masks)
        self._output_mask_cache[key] = unpack_singleton(
            [self._tensor_mask(x) for x in self.outputs])

        Node(outbound_layer=self, inbound_layers=[], node_indices=[],
             tensor_indices=[], input_tensors=self.inputs,
             output_tensors=self.outputs,
             input_masks=[None for _ in self.inputs],
             output_masks=[None for _ in self.outputs],
             input_shapes=[x._keras_shape for x in self.inputs],
             output_shapes=[x._keras_shape for x in self.outputs])
        self.built = True

    def _check_graph_tensors(self):
        cls_name = self.__class__.__name__
        if len(set(id(x) for x in self.inputs)) != len(self.inputs):
            raise ValueError('The list of inputs passed to the model is '
                             'redundant. All inputs should only appear '
                             'once. Found: %s' % (self.inputs,))
        for x in self.inputs:
            if not hasattr(x, '_keras_history'):
                raise ValueError('Input tensors to a %s must come from '
                                 '`keras.layers.Input`. Received: %s '
                                 '(missing previous layer metadata).'
                                 % (cls_name, x))
            layer, node_index, _ = x._keras_history
            if len(layer._inbound_nodes) > 1 or (
                    layer._inbound_nodes and
                    layer._inbound_nodes[0].inbound_layers):
                warnings.warn('%s inputs must come from `keras.layers.Input` '
                              '(thus holding past layer metadata), they '
                              'cannot be the output of a previous non-Input '
                              'layer. Here, a tensor specified as input to '
                              '"%s" was not an Input tensor, it was '
                              'generated by layer %s.'
                              % (cls_name, self.name, layer.name))
        for x in self.outputs:
            if not hasattr(x, '_keras_history'):
                raise ValueError('Output tensors to a %s must be the output '
                                 'of a Keras `Layer` (thus holding past layer '
                                 'metadata). Found: %s' % (cls_name, x))

    @staticmethod
    def _tensor_mask(x):
        layer, node_index, tensor_index = x._keras_history
        return layer._inbound_nodes[node_index].output_masks[tensor_index]

    def __setattr__(self, name, value):
        if isinstance(value, Layer) and '_layers' not in self.__dict__:
            raise RuntimeError('It looks like you are subclassing `Model` '
                               'and you forgot to call '
                               '`super(YourClass, self).__init__()`. Always '
                               'start with this line.')
        super(Network, self).__setattr__(name, value)

    # ------------------------------------------------------------------
    # Properties
    # ------------------------------------------------------------------

    @property
    def layers(self):
        """The layers of the network (graph order, or tracking order for a
        subclassed model)."""
        return list(self._layers)

    @property
    def input_spec(self):
        """The input specs of the input layers (None, one spec or a
        list)."""
        override = self.__dict__.get('_input_spec_override')
        if override is not None or not self._is_graph_network_safe():
            return override
        specs = []
        for layer in self._input_layers:
            if layer.input_spec is None:
                specs.append(None)
            else:
                specs += to_list(layer.input_spec, allow_tuple=True)
        if all(spec is None for spec in specs):
            return None
        return unpack_singleton(specs)

    @input_spec.setter
    def input_spec(self, value):
        object.__setattr__(self, '_input_spec_override', value)

    def _is_graph_network_safe(self):
        return self.__dict__.get('_is_graph_network', False)

    @property
    def uses_learning_phase(self):
        if any(getattr(x, '_uses_learning_phase', False)
               for x in getattr(self, 'outputs', None) or []):
            return True
        if self._is_graph_network_safe():
            return False
        return any(getattr(layer, 'uses_learning_phase', False)
                   for layer in self._layers)

    @property
    def stateful(self):
        return any(getattr(layer, 'stateful', False)
                   for layer in self._layers)

    @stateful.setter
    def stateful(self, value):
        pass  # derived from the layers

    def reset_states(self):
        """Resets the states of all stateful layers."""
        for layer in self._layers:
            if hasattr(layer, 'reset_states') and \
                    getattr(layer, 'stateful', False):
                layer.reset_states()

    @property
    def state_updates(self):
        """The updates of stateful layers (e.g. RNN states), which must run
        even at inference time."""
        updates = []
        for layer in self._layers:
            if getattr(layer, 'stateful', False) and \
                    hasattr(layer, 'updates'):
                updates += layer.updates
        return _unique(updates)

    def _layers_node_inputs(self, layer):
        """Input tensor lists of the layer's nodes that are in this
        network."""
        for index, node in enumerate(layer._inbound_nodes):
            if make_node_key(layer.name, index) in self._network_nodes:
                yield node.input_tensors

    def _collect_conditional(self, method):
        values = []
        for layer in self._layers:
            getter = getattr(layer, method, None)
            if getter is None:
                continue
            for inputs in self._layers_node_inputs(layer):
                values += getter(inputs)
            values += getter(None)
        return values

    @property
    def updates(self):
        """The updates of the layers, for the calls made in this network
        (plus unconditional updates)."""
        if not self.trainable and not self.stateful:
            return []
        if not self._is_graph_network_safe():
            return Layer.updates.fget(self)
        return _unique(self._collect_conditional('get_updates_for') +
                       self._per_input_updates.get(None, []))

    @property
    def losses(self):
        """The losses of the layers, for the calls made in this network
        (plus unconditional losses such as weight regularization)."""
        if not self._is_graph_network_safe():
            return Layer.losses.fget(self)
        return _unique(self._collect_conditional('get_losses_for') +
                       self._per_input_losses.get(None, []))

    def get_updates_for(self, inputs):
        """The updates of the layers that depend on `inputs` (None: the
        unconditional ones), e.g. the moving averages of batch normalization.
        """
        if not self._is_graph_network_safe():
            return Layer.get_updates_for(self, inputs)
        key = object_list_uid(inputs) if inputs is not None else None
        return list(self._per_input_updates.get(key, []))

    def get_losses_for(self, inputs):
        """The losses of the layers that depend on `inputs` (None: the
        unconditional ones), e.g. activity regularization.
        """
        if not self._is_graph_network_safe():
            return Layer.get_losses_for(self, inputs)
        key = object_list_uid(inputs) if inputs is not None else None
        return list(self._per_input_losses.get(key, []))

    # ------------------------------------------------------------------
    # Weights
    # ------------------------------------------------------------------

    def _all_weights_per_layer(self):
        """Own weights, then each layer's weights (the `get_weights`
        order)."""
        weights = self._trainable_weights + self._non_trainable_weights
        for layer in self._layers:
            weights += layer.weights
        return _unique(weights)

    def get_weights(self):
        """Retrieves the weights of the model.

        # Returns
            A flat list of Numpy arrays: each layer's weights, layer by
            layer (the order `set_weights` expects).
        """
        return K.batch_get_value(self._all_weights_per_layer())

    def set_weights(self, weights):
        """Sets the weights of the model.

        # Arguments
            weights: A list of Numpy arrays with shapes and types matching
                the output of `model.get_weights()`.

        # Raises
            ValueError: if the number of arrays or a shape does not match
                (the message names the layer and the weight).
        """
        from .saving_conversions import preprocess_weights_for_loading
        weights = list(weights)
        expected = len(self._all_weights_per_layer())
        if len(weights) != expected:
            raise ValueError('Model %s expects %d weight arrays, but '
                             'set_weights received %d.'
                             % (self.name, expected, len(weights)))
        tuples = []
        own = self._trainable_weights + self._non_trainable_weights
        tuples += weight_assignments(self, own, weights[:len(own)])
        weights = weights[len(own):]
        for layer in self._layers:
            count = len(layer.weights)
            if not count:
                continue
            values = preprocess_weights_for_loading(layer, weights[:count])
            tuples += weight_assignments(layer, layer.weights, values)
            weights = weights[count:]
        K.batch_set_value(tuples)

    def get_layer(self, name=None, index=None):
        """Retrieves a layer based on either its name (unique) or index.

        If `name` and `index` are both provided, `index` will take
        precedence. Indices are based on order of horizontal graph
        traversal (bottom-up).

        # Arguments
            name: String, name of layer.
            index: Integer, index of layer.

        # Returns
            A layer instance.

        # Raises
            ValueError: In case of invalid layer name or index.
        """
        if index is not None:
            if len(self.layers) <= index:
                raise ValueError('Was asked to retrieve layer at index %d '
                                 'but model %s only has %d layers.'
                                 % (index, self.name, len(self.layers)))
            return self.layers[index]
        if not name:
            raise ValueError('Provide either a layer name or layer index.')
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError('No such layer: %s (model %s has: %s).'
                         % (name, self.name,
                            [layer.name for layer in self.layers]))

    # ------------------------------------------------------------------
    # Calling the network
    # ------------------------------------------------------------------

    def call(self, inputs, mask=None):
        """Calls the model on new inputs.

        In this case `call` just reapplies
        all ops in the graph to the new inputs
        (e.g. build a new computational graph from the provided inputs).

        A model is callable on non-Keras tensors.

        # Arguments
            inputs: A tensor or list of tensors.
            mask: A mask or list of masks. A mask can be
                either a tensor or None (no mask).

        # Returns
            A tensor if there is a single output, or
            a list of tensors if there are more than one outputs.
        """
        if not self._is_graph_network_safe():
            raise NotImplementedError('Model %s is subclassed: it must '
                                      'define `call`.' % self.name)
        inputs = to_list(inputs, allow_tuple=True)
        masks = [None] * len(inputs) if mask is None else to_list(mask)
        key = object_list_uid(inputs) + '_' + object_list_uid(masks)
        if key in self._output_tensor_cache:
            return self._output_tensor_cache[key]
        outputs, _, _ = self.run_internal_graph(inputs, masks)
        return outputs

    def compute_mask(self, inputs, mask):
        """The output mask(s) of the network for `inputs` and their `mask`,
        computed by running the masks through the layer graph.
        """
        if not self._is_graph_network_safe():
            return Layer.compute_mask(self, inputs, mask) \
                if not self.supports_masking else mask
        inputs = to_list(inputs, allow_tuple=True)
        masks = [None] * len(inputs) if mask is None else to_list(mask)
        key = object_list_uid(inputs) + '_' + object_list_uid(masks)
        if key in self._output_mask_cache:
            return self._output_mask_cache[key]
        _, output_masks, _ = self.run_internal_graph(inputs, masks)
        return output_masks

    def compute_output_shape(self, input_shape):
        """The output shape(s) of the network for `input_shape`, computed
        layer by layer through the graph.

        # Raises
            ValueError: if the number of shapes is not the number of inputs.
        """
        if not self._is_graph_network_safe():
            return super(Network, self).compute_output_shape(input_shape)
        input_shapes = as_shape_list(input_shape, len(self._input_layers))
        if len(input_shapes) != len(self._input_layers):
            raise ValueError('Invalid input_shape argument %s: model %s has '
                             '%d tensor inputs.' % (input_shape, self.name,
                                                    len(self._input_layers)))
        key = ', '.join(str(s) for s in input_shapes)
        if key in self._output_shape_cache:
            return self._output_shape_cache[key]
        known = {}
        for (layer, node_index, tensor_index), shape in zip(
                self._input_coordinates, input_shapes):
            known[(id(layer), node_index, tensor_index)] = shape
        for depth in sorted(self._nodes_by_depth, reverse=True):
            for node in self._nodes_by_depth[depth]:
                layer = node.outbound_layer
                if not node.inbound_layers:
                    continue
                shapes = [known[(id(inbound), n, t)] for inbound, n, t in
                          zip(node.inbound_layers, node.node_indices,
                              node.tensor_indices)]
                out = as_shape_list(layer.compute_output_shape(
                    unpack_singleton(shapes)), len(node.output_tensors))
                node_index = layer._inbound_nodes.index(node)
                for i, shape in enumerate(out):
                    known[(id(layer), node_index, i)] = shape
        result = unpack_singleton([known[(id(layer), n, t)] for layer, n, t
                                   in self._output_coordinates])
        self._output_shape_cache[key] = result
        return result

    def _infer_output_shape(self, input_shape, outputs):
        if self._is_graph_network_safe():
            return super(Network, self)._infer_output_shape(input_shape,
                                                            outputs)
        # Subclassed: the layers called inside `call` set the shapes.
        return [tensor_shape(x) for x in outputs]

    def run_internal_graph(self, inputs, masks=None):
        """Computes output tensors for new inputs.

        # Note:
            - Expects `inputs` to be a list (potentially with 1 element).
            - Can be run on non-Keras tensors.

        # Arguments
            inputs: List of tensors
            masks: List of masks (tensors or None).

        # Returns
            Three lists: output_tensors, output_masks, output_shapes
        """
        if masks is None:
            masks = [None] * len(inputs)
        tensor_map = {}
        for x, y, mask in zip(self.inputs, inputs, masks):
            tensor_map[id(x)] = (y, mask)

        for depth in sorted(self._nodes_by_depth, reverse=True):
            for node in self._nodes_by_depth[depth]:
                computed = [tensor_map[id(x)] for x in node.input_tensors
                            if id(x) in tensor_map]
                if len(computed) != len(node.input_tensors):
                    continue
                if all(id(x) in tensor_map for x in node.output_tensors):
                    continue  # an input layer's node: nothing to compute
                self._run_node(node, computed, inputs, tensor_map)

        output_tensors, output_masks, output_shapes = [], [], []
        for x in self.outputs:
            if id(x) not in tensor_map:
                raise ValueError('Model %s could not compute output %s.'
                                 % (self.name, x))
            tensor, mask = tensor_map[id(x)]
            output_tensors.append(tensor)
            output_masks.append(mask)
            if output_shapes is not None and hasattr(tensor, '_keras_shape'):
                output_shapes.append(tensor._keras_shape)
            else:
                output_shapes = None

        key = object_list_uid(inputs) + '_' + object_list_uid(masks)
        output_tensors = unpack_singleton(output_tensors)
        output_masks = unpack_singleton(output_masks)
        self._output_tensor_cache[key] = output_tensors
        self._output_mask_cache[key] = output_masks
        if output_shapes is not None and \
                all(hasattr(x, '_keras_shape') for x in inputs):
            shape_key = ', '.join(str(x._keras_shape) for x in inputs)
            output_shapes = unpack_singleton(output_shapes)
            self._output_shape_cache[shape_key] = output_shapes
        return output_tensors, output_masks, output_shapes

    def _run_node(self, node, computed, inputs, tensor_map):
        """Applies `node.outbound_layer` to the computed tensors (without
        creating a node) and records outputs, updates and losses."""
        layer = node.outbound_layer
        kwargs = dict(node.arguments or {})
        tensors = [t for t, _ in computed]
        tensor_masks = [m for _, m in computed]
        with K.name_scope(layer.name):
            x = unpack_singleton(tensors)
            mask = unpack_singleton(tensor_masks)
            if has_arg(layer.call, 'mask') and 'mask' not in kwargs:
                kwargs['mask'] = mask
            outputs = to_list(layer.call(x, **kwargs))
            out_masks = layer.compute_mask(x, mask)
            if out_masks is None:
                out_masks = [None] * len(outputs)
            else:
                out_masks = to_list(out_masks)
            regularizer = getattr(layer, 'activity_regularizer', None)
            if regularizer is not None:
                with K.name_scope('activity_regularizer'):
                    penalties = [regularizer(o) for o in outputs]
                layer.add_loss(penalties, inputs=tensors)
        if len(out_masks) != len(outputs):
            raise ValueError('Layers should have equal number of output '
                             'tensors and output masks. Layer %s has %d '
                             'output tensors and %d output masks.'
                             % (layer.name, len(outputs), len(out_masks)))
        self.add_update(layer.get_updates_for(tensors), inputs)
        self.add_update(layer.get_updates_for(None), None)
        self.add_loss(layer.get_losses_for(tensors), inputs)
        self.add_loss(layer.get_losses_for(None), None)

        if all(hasattr(t, '_keras_shape') for t in tensors):
            shapes = as_shape_list(layer.compute_output_shape(
                unpack_singleton([t._keras_shape for t in tensors])),
                len(outputs))
            uses_lp = any(getattr(t, '_uses_learning_phase', False)
                          for t in tensors)
            for out, shape in zip(outputs, shapes):
                out._keras_shape = shape
                out._uses_learning_phase = (
                    getattr(out, '_uses_learning_phase', False) or uses_lp)
        for ref, out, mask in zip(node.output_tensors, outputs, out_masks):
            tensor_map[id(ref)] = (out, mask)

    # ------------------------------------------------------------------
    # Build (subclassed models)
    # ------------------------------------------------------------------

    def build(self, input_shape=None):
        """Builds a subclassed model by calling it on placeholders of the
        given shape (graph networks are built at construction).

        # Arguments
            input_shape: a shape tuple (with the batch axis) or a list of
                them, one per input.
        """
        if self._is_graph_network_safe() or self.built:
            self.built = True
            return
        if input_shape is None:
            raise ValueError('Model %s: `build` needs an input_shape.'
                             % self.name)
        self.built = True
        multiple = isinstance(input_shape, list) and input_shape and \
            isinstance(input_shape[0], (tuple, list))
        shapes = as_shape_list(input_shape,
                               len(input_shape) if multiple else 1)
        with graph_scope():
            placeholders = [K.placeholder(shape=s) for s in shapes]
            for p, s in zip(placeholders, shapes):
                p._keras_shape = s
            self.call(unpack_singleton(placeholders))

    # ------------------------------------------------------------------
    # Serialization & saving
    # ------------------------------------------------------------------

    def get_config(self):
        """The config of the network: its layers, their inbound nodes, and the
        input and output layers (what `from_config` rebuilds it from).

        # Raises
            NotImplementedError: for a subclassed model without its own
                `get_config`.
        """
        if not self._is_graph_network_safe():
            raise NotImplementedError('Subclassed model %s has no config: '
                                      'implement `get_config` or save only '
                                      'its weights.' % self.name)
        return network_serialization.get_network_config(self)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """Instantiates a Model from its config (output of `get_config()`).

        # Arguments
            config: Model config dictionary.
            custom_objects: Optional dictionary mapping names
                (strings) to custom classes or functions to be
                considered during deserialization.

        # Returns
            A model instance.

        # Raises
            ValueError: In case of improperly formatted config dict.
        """
        return network_serialization.network_from_config(
            cls, config, custom_objects=custom_objects)
