"""Walking the layer graph between input and output tensors.

Pure functions on `Node`s and `_keras_history`, used by `Network`.
"""
from __future__ import absolute_import

import collections


def make_node_key(layer_name, node_index):
    """The key of a layer's node in `Network._network_nodes`."""
    return layer_name + '_ib-' + str(node_index)


def _check_unique_names(layers):
    counts = collections.Counter(layer.name for layer in layers)
    for name, count in counts.items():
        if count != 1:
            raise ValueError('The name "%s" is used %d times in the model. '
                             'All layer names should be unique.'
                             % (name, count))


def _depth_first_nodes(outputs):
    """Nodes reachable from `outputs`, each after the nodes it depends on.

    # Returns
        (nodes in order of completion, the set of node keys,
        {layer: first-visit index}).
    """
    finished = set()
    in_progress = set()
    ordered = []
    network_nodes = set()
    layer_indices = {}

    def visit(tensor, layer, node_index):
        node = layer._inbound_nodes[node_index]
        if id(node) in in_progress:
            raise ValueError('The tensor %s at layer "%s" is part of a '
                             'cycle.' % (tensor, layer.name))
        if id(node) in finished:
            return
        network_nodes.add(make_node_key(layer.name, node_index))
        layer_indices.setdefault(layer, len(layer_indices))
        in_progress.add(id(node))
        for x, inbound, index in zip(node.input_tensors, node.inbound_layers,
                                     node.node_indices):
            if inbound is not None:
                visit(x, inbound, index)
        in_progress.discard(id(node))
        finished.add(id(node))
        ordered.append(node)

    for x in outputs:
        layer, node_index, _ = x._keras_history
        visit(x, layer, node_index)
    return ordered, network_nodes, layer_indices


def map_graph_network(inputs, outputs):
    """Validates a graph network's topology and gathers its layers & nodes.

    # Arguments
        inputs: List of input tensors.
        outputs: List of outputs tensors.

    # Returns
        A tuple `(nodes, nodes_by_depth, layers, layers_by_depth)`.
        - nodes: set of node keys (`make_node_key`) of the network.
        - nodes_by_depth: dict mapping ints (depth) to lists of node
          instances (depth 0: the nodes producing the outputs).
        - layers: list of layers, deepest first.
        - layers_by_depth: dict mapping ints (depth) to lists of layers.

    # Raises
        ValueError: if the graph has a cycle, is disconnected from the
            inputs, or two layers share a name.
    """
    ordered, network_nodes, layer_indices = _depth_first_nodes(outputs)

    node_depths = {}
    layer_depths = {}
    nodes_by_id = {}
    for node in reversed(ordered):
        nodes_by_id[id(node)] = node
        depth = node_depths.setdefault(id(node), 0)
        depth = max(depth, layer_depths.get(node.outbound_layer, 0))
        layer_depths[node.outbound_layer] = depth
        node_depths[id(node)] = depth
        for inbound, index in zip(node.inbound_layers, node.node_indices):
            if inbound is None:
                continue
            inbound_node = inbound._inbound_nodes[index]
            previous = node_depths.get(id(inbound_node), 0)
            node_depths[id(inbound_node)] = max(depth + 1, previous)

    nodes_by_depth = collections.defaultdict(list)
    for node_id, depth in node_depths.items():
        nodes_by_depth[depth].append(nodes_by_id[node_id])
    # Keep a deterministic order inside a depth: first-completed first.
    position = {id(node): i for i, node in enumerate(ordered)}
    for depth in nodes_by_depth:
        nodes_by_depth[depth].sort(key=lambda n: position[id(n)])

    layers_by_depth = collections.defaultdict(list)
    for layer, depth in layer_depths.items():
        layers_by_depth[depth].append(layer)

    depth_keys = sorted(layers_by_depth.keys(), reverse=True)
    layers = []
    for depth in depth_keys:
        layers_for_depth = layers_by_depth[depth]
        layers_for_depth.sort(key=lambda layer: layer_indices[layer])
        layers.extend(layers_for_depth)

    _check_connected(inputs, nodes_by_depth)
    _check_unique_names(layers)
    return network_nodes, dict(nodes_by_depth), layers, dict(layers_by_depth)


def _check_connected(inputs, nodes_by_depth):
    computable = set(id(x) for x in inputs)
    done_layers = []
    for depth in sorted(nodes_by_depth.keys(), reverse=True):
        for node in nodes_by_depth[depth]:
            layer = node.outbound_layer
            for x in node.input_tensors:
                if id(x) not in computable:
                    raise ValueError(
                        'Graph disconnected: cannot obtain value for tensor '
                        '%s at layer "%s". The following previous layers '
                        'were accessed without issue: %s'
                        % (x, layer.name, done_layers))
            for x in node.output_tensors:
                computable.add(id(x))
            done_layers.append(layer.name)
