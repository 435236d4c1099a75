"""`Node`: one call of a layer on some inputs, the edge of the layer graph."""
from __future__ import absolute_import


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
