"""`Node`: one call of a layer on some inputs, the edge of the layer graph."""
from __future__ import absolute_import

from ..utils.generic_utils import unpack_singleton


class Node(object):
    """A connection between layers: created each time a layer is called
    on Keras tensors.

    The node is appended to `outbound_layer._inbound_nodes`, and to the
    `_outbound_nodes` of every layer in `inbound_layers`.

    For the `i`-th input tensor of the call,
    `input_tensors[i] == inbound_layers[i]._inbound_nodes[node_indices[i]]
    .output_tensors[tensor_indices[i]]`.

    # Arguments
        outbound_layer: the layer that was called (the layer that takes
            `input_tensors` and turns them into `output_tensors`).
        inbound_layers: list of layers, one per input tensor, that
            produced the input tensors (empty for an `InputLayer`).
        node_indices: list of integers, the node index in each inbound
            layer that produced the input tensor.
        tensor_indices: list of integers, the output index of each input
            tensor in its producing node.
        input_tensors: list of input tensors.
        output_tensors: list of output tensors.
        input_masks: list of input masks (a mask can be a tensor or None).
        output_masks: list of output masks.
        input_shapes: list of input shape tuples.
        output_shapes: list of output shape tuples.
        arguments: dictionary of keyword arguments the layer was called
            with (besides the inputs), or None.
    """

    def __init__(self, outbound_layer,
                 inbound_layers, node_indices, tensor_indices,
                 input_tensors, output_tensors,
                 input_masks, output_masks,
                 input_shapes, output_shapes,
                 arguments=None):
        self.outbound_layer = outbound_layer
        self.inbound_layers = inbound_layers
        self.node_indices = node_indices
        self.tensor_indices = tensor_indices
        self.input_tensors = input_tensors
        self.output_tensors = output_tensors
        self.input_masks = input_masks
        self.output_masks = output_masks
        self.input_shapes = input_shapes
        self.output_shapes = output_shapes
        self.arguments = arguments

        for layer in inbound_layers:
            if layer is not None:
                layer._outbound_nodes.append(self)
        outbound_layer._inbound_nodes.append(self)

    def get_config(self):
        """Names and indices of the connection (for debugging and plots)."""
        inbound_names = [layer.name if layer is not None else None
                         for layer in self.inbound_layers]
        return {'outbound_layer': self.outbound_layer.name,
                'inbound_layers': inbound_names,
                'node_indices': self.node_indices,
                'tensor_indices': self.tensor_indices}

    def __repr__(self):
        return '<Node %s <- %s>' % (
            self.outbound_layer.name,
            [layer.name for layer in self.inbound_layers])


class NodeAccessorsMixin(object):
    """The `Layer` methods and properties that read its inbound nodes:
    `input`, `output`, masks and shapes, per node or for a single node."""

    def _get_node_attribute_at_index(self, node_index, attr, attr_name):
        if not self._inbound_nodes:
            raise RuntimeError('The layer %s has never been called and thus '
                               'has no defined %s.' % (self.name, attr_name))
        if not len(self._inbound_nodes) > node_index:
            raise ValueError('Asked to get %s at node %d of layer %s, but '
                             'the layer has only %d inbound nodes.'
                             % (attr_name, node_index, self.name,
                                len(self._inbound_nodes)))
        values = getattr(self._inbound_nodes[node_index], attr)
        return unpack_singleton(values)

    def get_input_shape_at(self, node_index):
        """Input shape(s) of the layer at the given node."""
        return self._get_node_attribute_at_index(node_index, 'input_shapes',
                                                 'input shape')

    def get_output_shape_at(self, node_index):
        """Output shape(s) of the layer at the given node."""
        return self._get_node_attribute_at_index(node_index, 'output_shapes',
                                                 'output shape')

    def get_input_at(self, node_index):
        """Input tensor(s) of the layer at the given node."""
        return self._get_node_attribute_at_index(node_index, 'input_tensors',
                                                 'input')

    def get_output_at(self, node_index):
        """Output tensor(s) of the layer at the given node."""
        return self._get_node_attribute_at_index(node_index,
                                                 'output_tensors', 'output')

    def get_input_mask_at(self, node_index):
        """Input mask(s) of the layer at the given node."""
        return self._get_node_attribute_at_index(node_index, 'input_masks',
                                                 'input mask')

    def get_output_mask_at(self, node_index):
        """Output mask(s) of the layer at the given node."""
        return self._get_node_attribute_at_index(node_index, 'output_masks',
                                                 'output mask')

    def _single_node_attribute(self, attr, attr_name, accessor):
        if not self._inbound_nodes:
            raise AttributeError('Layer %s is not connected (it has never '
                                 'been called), no %s to return.'
                                 % (self.name, attr_name))
        if len(self._inbound_nodes) > 1:
            raise AttributeError('Layer %s has multiple inbound nodes, hence '
                                 'the notion of "layer %s" is ill-defined. '
                                 'Use `%s(node_index)` instead.'
                                 % (self.name, attr_name, accessor))
        return self._get_node_attribute_at_index(0, attr, attr_name)

    @property
    def input(self):
        """Input tensor(s) of the layer (only with a single inbound node)."""
        return self._single_node_attribute('input_tensors', 'input',
                                           'get_input_at')

    @property
    def output(self):
        """Output tensor(s) of the layer (only with a single inbound
        node)."""
        return self._single_node_attribute('output_tensors', 'output',
                                           'get_output_at')

    @property
    def input_mask(self):
        return self._single_node_attribute('input_masks', 'input mask',
                                           'get_input_mask_at')

    @property
    def output_mask(self):
        return self._single_node_attribute('output_masks', 'output mask',
                                           'get_output_mask_at')

    def _shared_shape(self, attr, attr_name, accessor):
        if not self._inbound_nodes:
            raise AttributeError('The layer %s has never been called and '
                                 'thus has no defined %s.'
                                 % (self.name, attr_name))
        shapes = [getattr(node, attr) for node in self._inbound_nodes]
        if any(str(s) != str(shapes[0]) for s in shapes[1:]):
            raise AttributeError('The layer "%s" has multiple inbound nodes, '
                                 'with different %ss. Hence the notion of '
                                 '"%s" is ill-defined for the layer. Use '
                                 '`%s(node_index)` instead.'
                                 % (self.name, attr_name, attr_name,
                                    accessor))
        return unpack_singleton(shapes[0])

    @property
    def input_shape(self):
        """Input shape tuple(s) of the layer (the same at every node)."""
        return self._shared_shape('input_shapes', 'input shape',
                                  'get_input_shape_at')

    @property
    def output_shape(self):
        """Output shape tuple(s) of the layer (the same at every node)."""
        return self._shared_shape('output_shapes', 'output shape',
                                  'get_output_shape_at')
