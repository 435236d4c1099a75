"""Config of functional networks (Keras 2.3 format) and JSON helpers.

Format of `get_network_config`:
`{'name', 'layers': [{'name', 'class_name', 'config', 'inbound_nodes'}],
'input_layers': [[name, node_index, tensor_index]], 'output_layers': ...}`
where every inbound node is a list of
`[inbound_layer_name, node_index, tensor_index, call_kwargs]`.
"""
from __future__ import absolute_import

import copy
import json
import warnings

import numpy as np

from .. import backend as K
from ..utils.generic_utils import unpack_singleton
from .network_graph import make_node_key


def get_json_type(obj):
    """Serializes objects JSON cannot handle (Numpy values, Keras objects).

    # Arguments
        obj: the object to serialize.

    # Returns
        JSON-serializable structure representing `obj`.

    # Raises
        TypeError: if `obj` cannot be serialized.
    """
    if hasattr(obj, 'get_config'):
        return {'class_name': obj.__class__.__name__,
                'config': obj.get_config()}
    if type(obj).__module__ == np.__name__:
        if isinstance(obj, np.ndarray):
            return obj.tolist()
        return obj.item()
    if callable(obj):
        return obj.__name__
    if type(obj).__name__ == type.__name__:
        return obj.__name__
    if isinstance(obj, bytes):
        return obj.decode('utf-8')
    if hasattr(obj, 'as_list'):  # a TensorShape
        return obj.as_list()
    raise TypeError('Not JSON Serializable: %r' % (obj,))


def _node_conversion_map(network):
    """Maps the keys of the network's nodes to their index in the rebuilt
    network (nodes outside the network are dropped; a nested network's
    node 0 is the one it creates itself)."""
    from .network import Network
    conversion = {}
    for layer in network.layers:
        kept = 1 if isinstance(layer, Network) else 0
        for index, _ in enumerate(layer._inbound_nodes):
            key = make_node_key(layer.name, index)
            if key in network._network_nodes:
                conversion[key] = kept
                kept += 1
    return conversion


def _call_kwargs(layer, node):
    if not node.arguments:
        return {}
    try:
        json.dumps(node.arguments)
        return node.arguments
    except TypeError:
        warnings.warn('Layer %s was passed non-serializable keyword '
                      'arguments: %s. They will not be included in the '
                      'serialized model (and thus will be missing at '
                      'deserialization time).' % (layer.name, node.arguments))
        return {}


def _coordinates(network, layers, coordinates, conversion):
    result = []
    for layer, (_, node_index, tensor_index) in zip(layers, coordinates):
        key = make_node_key(layer.name, node_index)
        if key in network._network_nodes:
            result.append([layer.name, conversion[key], tensor_index])
    return result


def get_network_config(network):
    """The Keras 2.3 config of a functional network (a dict)."""
    conversion = _node_conversion_map(network)
    layer_configs = []
    for layer in network.layers:
        inbound_nodes = []
        for index, node in enumerate(layer._inbound_nodes):
            if make_node_key(layer.name, index) not in \
                    network._network_nodes or not node.inbound_layers:
                continue
            kwargs = _call_kwargs(layer, node)
            node_data = []
            for inbound, node_index, tensor_index in zip(
                    node.inbound_layers, node.node_indices,
                    node.tensor_indices):
                new_index = conversion.get(
                    make_node_key(inbound.name, node_index), 0)
                node_data.append([inbound.name, new_index, tensor_index,
                                  kwargs])
            inbound_nodes.append(node_data)
        layer_configs.append({'name': layer.name,
                              'class_name': layer.__class__.__name__,
                              'config': layer.get_config(),
                              'inbound_nodes': inbound_nodes})
    config = {'name': network.name,
              'layers': layer_configs,
              'input_layers': _coordinates(network, network._input_layers,
                                           network._input_coordinates,
                                           conversion),
              'output_layers': _coordinates(network, network._output_layers,
                                            network._output_coordinates,
                                            conversion)}
    return copy.deepcopy(config)


def _as_coordinate_list(entries):
    """Later Keras 2 writers store a single input as a flat
    `[name, node, tensor]`: normalize to a list of them."""
    if entries and isinstance(entries[0], str):
        return [entries]
    return entries


def _model_custom_objects(custom_objects):
    """Custom objects plus the class names later Keras 2 writers use for
    functional models."""
    from .training import Model
    merged = {'Functional': Model, 'Model': Model}
    merged.update(custom_objects or {})
    return merged


def network_from_config(cls, config, custom_objects=None):
    """Rebuilds a functional network from its config.

    # Arguments
        cls: the network class to instantiate (`Model`, `Network`...).
        config: the dict written by `get_network_config`.
        custom_objects: dict of user classes/functions used by the layers.

    # Returns
        A network instance.

    # Raises
        ValueError: on a malformed config (unknown layer name, node data of
            the wrong length, nodes that can never be computed).
    """
    from ..layers import deserialize as deserialize_layer
    custom_objects = _model_custom_objects(custom_objects)
    created = {}
    pending = {}   # layer name -> list of node data not processed yet
    order = []

    for layer_data in config['layers']:
        layer = deserialize_layer(layer_data, custom_objects=custom_objects)
        name = layer_data.get('name', layer.name)
        created[name] = layer
        order.append(name)
        pending[name] = list(layer_data.get('inbound_nodes', []))

    def try_node(layer, node_data):
        """Calls `layer` on the tensors described by node_data; returns
        False when an inbound node does not exist yet."""
        tensors = []
        kwargs = {}
        for entry in node_data:
            if isinstance(entry, dict):  # {'args': ..} forms are not Keras 2
                raise ValueError('Unsupported node format in config of '
                                 'layer %s: %r' % (layer.name, entry))
            if len(entry) == 3:
                inbound_name, node_index, tensor_index = entry
            elif len(entry) == 4:
                inbound_name, node_index, tensor_index, kwargs = entry
            else:
                raise ValueError('Improperly formatted model config: node '
                                 'data %r of layer %s.' % (entry, layer.name))
            if inbound_name not in created:
                raise ValueError('Layer %s is connected to unknown layer '
                                 '%r.' % (layer.name, inbound_name))
            inbound = created[inbound_name]
            if len(inbound._inbound_nodes) <= node_index:
                return False
            node = inbound._inbound_nodes[node_index]
            tensors.append(node.output_tensors[tensor_index])
        if tensors:
            layer(unpack_singleton(tensors), **(kwargs or {}))
        return True

    while any(pending.values()):
        progress = False
        for name in order:
            queue = pending[name]
            while queue and try_node(created[name], queue[0]):
                queue.pop(0)
                progress = True
        if not progress:
            stuck = [n for n in order if pending[n]]
            raise ValueError('Cannot rebuild the model from its config: the '
                             'inputs of layer(s) %s are never computed.'
                             % stuck)

    def tensors_at(entries):
        tensors = []
        for name, node_index, tensor_index in _as_coordinate_list(entries):
            if name not in created:
                raise ValueError('Model config refers to unknown layer %r.'
                                 % name)
            node = created[name]._inbound_nodes[node_index]
            tensors.append(node.output_tensors[tensor_index])
        return tensors

    inputs = tensors_at(config['input_layers'])
    outputs = tensors_at(config['output_layers'])
    return cls(inputs=inputs, outputs=outputs, name=config.get('name'))


class NetworkIOMixin(object):
    """The `Network` methods that serialize it: JSON/YAML configs, HDF5
    saving and loading (delegated to `keras.engine.saving`), pickling and
    the printed summary."""

    def _updated_config(self):
        from .. import __version__ as keras_version
        return {'class_name': self.__class__.__name__,
                'config': self.get_config(),
                'keras_version': keras_version,
                'backend': K.backend()}

    def to_json(self, **kwargs):
        """Returns a JSON string containing the network configuration.

        To load a network from a JSON save file, use
        `keras.models.model_from_json(json_string, custom_objects={})`.

        # Arguments
            **kwargs: Additional keyword arguments
                to be passed to `json.dumps()`.

        # Returns
            A JSON string.
        """
        return json.dumps(self._updated_config(),
                          default=get_json_type,
                          **kwargs)

    def to_yaml(self, **kwargs):
        """Returns a yaml string containing the network configuration.

        To load a network from a yaml save file, use
        `keras.models.model_from_yaml(yaml_string, custom_objects={})`.

        # Arguments
            **kwargs: Additional keyword arguments
                to be passed to `yaml.dump()`.

        # Returns
            A YAML string.
        """
        import yaml
        config = json.loads(self.to_json())
        return yaml.dump(config, **kwargs)

    def save(self, filepath, overwrite=True, include_optimizer=True):
        """Saves the model to a single HDF5 file (see
        `keras.models.save_model`): architecture, weights, training
        configuration and optimizer state.

        # Arguments
            filepath: one of the following:
                - string, path to the file to save the model to
                - h5py.File or h5py.Group object where to save the model
                - any file-like object implementing the method `write`
                  that accepts `bytes` data (e.g. `io.BytesIO`).
            overwrite: Whether we should overwrite any existing
                model at the target location, or instead
                ask the user with a manual prompt.
            include_optimizer: If True, save optimizer's state together.
        """
        from . import saving
        saving.save_model(self, filepath, overwrite, include_optimizer)

    def save_weights(self, filepath, overwrite=True):
        """Dumps all layer weights to a HDF5 file.

        The weight file has:
            - `layer_names` (attribute), a list of strings
                (ordered names of model layers).
            - For every layer, a `group` named `layer.name`
                - For every such layer group, a group attribute `weight_names`,
                    a list of strings
                    (ordered names of weights tensor of the layer).
                - For every weight in the layer, a dataset
                    storing the weight value, named after the weight tensor.

        # Arguments
            filepath: String, path to the file to save the weights to.
            overwrite: Whether to silently overwrite any existing file at
                the target location, or provide the user with a manual
                prompt.
        """
        from . import saving
        saving.save_weights(self, filepath, overwrite=overwrite)

    def load_weights(self, filepath, by_name=False, skip_mismatch=False,
                     reshape=False):
        """Loads all layer weights from a HDF5 save file.

        If `by_name` is False (default) weights are loaded
        based on the network's topology, meaning the architecture
        should be the same as when the weights were saved.
        Note that layers that don't have weights are not taken
        into account in the topological ordering, so adding or
        removing layers is fine as long as they don't have weights.

        If `by_name` is True, weights are loaded into layers
        only if they share the same name. This is useful
        for fine-tuning or transfer-learning models where
        some of the layers have changed.

        # Arguments
            filepath: String, path to the weights file to load.
            by_name: Boolean, whether to load weights by name
                or by topological order.
            skip_mismatch: Boolean, whether to skip loading of layers
                where there is a mismatch in the number of weights,
                or a mismatch in the shape of the weight
                (only valid when `by_name`=True).
            reshape: Reshape weights to fit the layer when the correct
                number of values are present but the shape does not match.
        """
        from . import saving
        saving.load_weights(self, filepath, by_name=by_name,
                            skip_mismatch=skip_mismatch, reshape=reshape)

    def __getstate__(self):
        from . import saving
        return saving.pickle_model(self)

    def __setstate__(self, state):
        from . import saving
        model = saving.unpickle_model(state)
        self.__dict__.update(model.__dict__)

    def summary(self, line_length=None, positions=None, print_fn=None):
        """Prints a string summary of the network.

        # Arguments
            line_length: Total length of printed lines
                (e.g. set this to adapt the display to different
                terminal window sizes).
            positions: Relative or absolute positions of log elements
                in each line. If not provided,
                defaults to `[.33, .55, .67, 1.]`.
            print_fn: Print function to use.
                It will be called on each line of the summary.
                You can set it to a custom function
                in order to capture the string summary.
                It defaults to `print` (prints to stdout).

        # Raises
            ValueError: if the model is not built yet.
        """
        if not self.built:
            raise ValueError('This model has not yet been built. Build the '
                             'model first by calling build() or calling '
                             'fit() with some data. Or specify input_shape '
                             'or batch_input_shape in the first layer for '
                             'automatic build.')
        from ..utils.layer_utils import print_summary
        return print_summary(self, line_length=line_length,
                             positions=positions, print_fn=print_fn)
