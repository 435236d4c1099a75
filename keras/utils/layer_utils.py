"""Utilities about layers and models: parameter counts, summaries, source
inputs of a tensor, kernel conversions."""
from __future__ import absolute_import, print_function

import numpy as np

from .. import backend as K

_CONV_CLASSES = ('Conv1D', 'Conv2D', 'Conv3D', 'Conv2DTranspose')


def count_params(weights):
    """Count the total number of scalars composing the weights.

    # Arguments
        weights: An iterable containing the weights on which to compute
            params (each variable counted once).

    # Returns
        The total number of scalars composing the weights
    """
    seen = set()
    total = 0
    for w in weights:
        if id(w) in seen:
            continue
        seen.add(id(w))
        total += int(np.prod(K.int_shape(w), dtype='int64'))
    return total


def get_source_inputs(tensor, layer=None, node_index=None):
    """Returns the list of input tensors necessary to compute `tensor`.

    Output will always be a list of tensors
    (potentially with 1 element).

    # Arguments
        tensor: The tensor to start from.
        layer: Origin layer of the tensor. Will be
            determined via tensor._keras_history if not provided.
        node_index: Origin node index of the tensor.

    # Returns
        List of input tensors.
    """
    if not hasattr(tensor, '_keras_history'):
        return tensor
    if layer is None or node_index:
        layer, node_index, _ = tensor._keras_history
    if not layer._inbound_nodes:
        return [tensor]
    node = layer._inbound_nodes[node_index]
    if not node.inbound_layers or all(l is None for l in node.inbound_layers):
        return list(node.input_tensors)
    sources = []
    for x, inbound, index in zip(node.input_tensors, node.inbound_layers,
                                 node.node_indices):
        if inbound is None:
            continue
        for source in get_source_inputs(x, inbound, index):
            if not any(source is known for known in sources):
                sources.append(source)
    return sources


def _is_sequential_like(model):
    """Whether every layer of the model has one inbound node with at most
    one inbound layer (a stack), so connections need not be printed."""
    if model.__class__.__name__ == 'Sequential' or \
            not getattr(model, '_is_graph_network', False):
        return True
    nodes = []
    for depth_nodes in model._nodes_by_depth.values():
        if len(depth_nodes) > 1 or (len(depth_nodes) == 1 and
                                    len(depth_nodes[0].inbound_layers) > 1):
            return False
        nodes += depth_nodes
    for layer in model.layers:
        used = [node for node in layer._inbound_nodes
                if any(node is n for n in nodes)]
        if len(used) > 1:
            return False
    return True


def _row_printer(positions, print_fn):
    def print_row(fields):
        line = ''
        for i, field in enumerate(fields):
            if i > 0:
                line = line[:-1] + ' '
            line += str(field)
            line = line[:positions[i]]
            line += ' ' * (positions[i] - len(line))
        print_fn(line)
    return print_row


def _layer_output_shape(layer):
    try:
        return layer.output_shape
    except (AttributeError, RuntimeError):
        return 'multiple'


def _connections(layer, relevant_nodes):
    connections = []
    for node in layer._inbound_nodes:
        if relevant_nodes and not any(node is n for n in relevant_nodes):
            continue
        for inbound, node_index, tensor_index in zip(
                node.inbound_layers, node.node_indices, node.tensor_indices):
            if inbound is not None:
                connections.append('%s[%d][%d]' % (inbound.name, node_index,
                                                   tensor_index))
    return connections


def _layer_params(layer):
    try:
        return layer.count_params()
    except ValueError:
        return 0


def print_summary(model, line_length=None, positions=None, print_fn=None):
    """Prints a summary of a model.

    # Arguments
        model: Keras model instance.
        line_length: Total length of printed lines
            (e.g. set this to adapt the display to different
            terminal window sizes).
        positions: Relative or absolute positions of log elements in each
            line. If not provided, defaults to `[.33, .55, .67, 1.]`
            (`[.45, .85, 1.]` for sequential-like models).
        print_fn: Print function to use (default: `print`).
            It will be called on each line of the summary.
            You can set it to a custom function
            in order to capture the string summary.
    """
    if print_fn is None:
        print_fn = print
    sequential_like = _is_sequential_like(model)
    if sequential_like:
        line_length = line_length or 65
        positions = positions or [.45, .85, 1.]
        header = ['Layer (type)', 'Output Shape', 'Param #']
        relevant_nodes = []
    else:
        line_length = line_length or 98
        positions = positions or [.33, .55, .67, 1.]
        header = ['Layer (type)', 'Output Shape', 'Param #', 'Connected to']
        relevant_nodes = []
        for depth_nodes in model._nodes_by_depth.values():
            relevant_nodes += depth_nodes
    if positions[-1] <= 1:
        positions = [int(line_length * p) for p in positions]
    print_row = _row_printer(positions, print_fn)

    print_fn('Model: "%s"' % model.name)
    print_fn('_' * line_length)
    print_row(header)
    print_fn('=' * line_length)
    layers = model.layers
    for i, layer in enumerate(layers):
        title = '%s (%s)' % (layer.name, layer.__class__.__name__)
        fields = [title, _layer_output_shape(layer), _layer_params(layer)]
        if sequential_like:
            print_row(fields)
        else:
            connections = _connections(layer, relevant_nodes)
            print_row(fields + [connections[0] if connections else ''])
            for connection in connections[1:]:
                print_row(['', '', '', connection])
        print_fn(('=' if i == len(layers) - 1 else '_') * line_length)

    collected = getattr(model, '_collected_trainable_weights', None)
    trainable_count = count_params(collected if collected is not None
                                   else model.trainable_weights)
    non_trainable_count = count_params(model.non_trainable_weights)
    print_fn('Total params: {:,}'.format(trainable_count +
                                         non_trainable_count))
    print_fn('Trainable params: {:,}'.format(trainable_count))
    print_fn('Non-trainable params: {:,}'.format(non_trainable_count))
    print_fn('_' * line_length)


def flip_kernel(kernel):
    """Reverses the spatial axes of a convolution kernel (every axis but the
    last two): converts between true convolution (Theano) and correlation
    (TensorFlow) kernels.

    # Arguments
        kernel: Numpy array, `kernel_size + (input_dim, filters)`.

    # Returns
        The converted kernel (a new array).
    """
    kernel = np.asarray(kernel)
    spatial = tuple(slice(None, None, -1) for _ in range(kernel.ndim - 2))
    return np.copy(kernel[spatial + (slice(None), slice(None))])


def convert_all_kernels_in_model(model):
    """Converts all convolution kernels in a model from Theano to TensorFlow.

    Also works from TensorFlow to Theano.

    # Arguments
        model: target model for the conversion.
    """
    to_assign = []
    for layer in model.layers:
        if layer.__class__.__name__ in _CONV_CLASSES:
            kernel = K.get_value(layer.kernel)
            to_assign.append((layer.kernel, flip_kernel(kernel)))
    K.batch_set_value(to_assign)


def convert_dense_weights_data_format(dense,
                                      previous_feature_map_shape,
                                      target_data_format='channels_first'):
    """Utility useful when changing a convnet's `data_format`.

    When porting the weights of a convnet from one data format to the other,
    if the convnet includes a `Flatten` layer
    (applied to the last convolutional feature map)
    followed by a `Dense` layer, the weights of that `Dense` layer
    should be updated to reflect the new dimension ordering.

    # Arguments
        dense: The target `Dense` layer.
        previous_feature_map_shape: A shape tuple of 3 integers,
            e.g. `(512, 7, 7)`. The shape of the convolutional
            feature map right before the `Flatten` layer that
            came before the target `Dense` layer.
        target_data_format: One of "channels_last", "channels_first".
            Set it "channels_last"
            if converting a "channels_first" model to "channels_last",
            or reciprocally.

    # Raises
        ValueError: on an unknown `target_data_format` or a kernel whose
            first axis does not match the feature map size.
    """
    if target_data_format not in ('channels_last', 'channels_first'):
        raise ValueError('target_data_format must be "channels_last" or '
                         '"channels_first", got %r.' % (target_data_format,))
    weights = dense.get_weights()
    kernel = weights[0]
    size = int(np.prod(previous_feature_map_shape))
    if kernel.shape[0] != size:
        raise ValueError('Layer %s: kernel has %d input rows, but the '
                         'feature map %s has %d values.'
                         % (dense.name, kernel.shape[0],
                            tuple(previous_feature_map_shape), size))
    units = kernel.shape[1]
    if target_data_format == 'channels_first':
        c, h, w = previous_feature_map_shape
        maps = kernel.reshape((h, w, c, units)).transpose((2, 0, 1, 3))
    else:
        h, w, c = previous_feature_map_shape
        maps = kernel.reshape((c, h, w, units)).transpose((1, 2, 0, 3))
    weights[0] = maps.reshape((size, units))
    dense.set_weights(weights)
