"""Helpers on Caffe net definitions: layer types, phase rules, input sizes,
and the layer graph.

The graph helpers keep the multimodal fork's representation: a dict from a
node to the list of nodes it feeds. `parse_network` first builds the graph
of layers and blobs (layer nodes are named `'caffe_layer_<index>'`, blob
nodes by the blob name), `acyclic` removes the cycles of in-place layers
(a layer whose top is its bottom) by giving every rewritten version of a
blob its own node, and `merge_layer_blob` leaves a graph of layer indices
only (layer `i` -> the layers that read one of its tops).
"""
from . import caffe_pb2

# Caffe's V1 layer type enum -> the type name of the current format.
V1_TYPE_NAMES = {
    0: 'None', 1: 'Accuracy', 2: 'BNLL', 3: 'Concat', 4: 'Convolution',
    5: 'Data', 6: 'Dropout', 7: 'EuclideanLoss', 8: 'Flatten',
    9: 'HDF5Data', 10: 'HDF5Output', 11: 'Im2col', 12: 'ImageData',
    13: 'InfogainLoss', 14: 'InnerProduct', 15: 'LRN',
    16: 'MultinomialLogisticLoss', 17: 'Pooling', 18: 'ReLU', 19: 'Sigmoid',
    20: 'Softmax', 21: 'SoftmaxWithLoss', 22: 'Split', 23: 'TanH',
    24: 'WindowData', 25: 'Eltwise', 26: 'Power',
    27: 'SigmoidCrossEntropyLoss', 28: 'HingeLoss', 29: 'MemoryData',
    30: 'ArgMax', 31: 'Threshold', 32: 'DummyData', 33: 'Slice', 34: 'MVN',
    35: 'AbsVal', 36: 'Silence', 37: 'ContrastiveLoss', 38: 'Exp',
    39: 'Deconvolution',
}

#: The fork's table: V1 type number -> upper-case type name (the current
#: format's name in upper case, so that `layer_type` gives the same name for
#: a V1 layer and for its current-format equivalent).
layer_num_to_name = {number: name.upper()
                     for number, name in V1_TYPE_NAMES.items()}

# Data layers whose second top is a label (never an input of the model).
_LABELLED_DATA = ('data', 'imagedata', 'memorydata', 'hdf5data', 'windowdata')

_LAYER_PREFIX = 'caffe_layer_'


def layer_type(layer):
    """The lower-case type name of a layer of either format.

    # Arguments
        layer: a `LayerParameter` (type given as a string) or a
            `V1LayerParameter` (type given as an enum number).

    # Returns
        e.g. `'convolution'`, `'innerproduct'`, `'softmaxwithloss'`.

    # Raises
        ValueError: an unknown V1 type number.
    """
    kind = layer.type
    if isinstance(kind, int):
        if kind not in layer_num_to_name:
            raise ValueError('Layer "%s": unknown V1 layer type number %d.'
                             % (layer.name, kind))
        kind = layer_num_to_name[kind]
    return str(kind).lower()


def is_data_input(layer):
    """Whether `layer` is a data layer reading a data set (its tops: the
    data, then the label)."""
    return layer_type(layer) in _LABELLED_DATA


def get_data_dim(layer):
    """The `[channels, height, width]` a data layer produces, or `[]` when
    its definition does not say (the size then comes from the data set).

    Cropping (`transform_param.crop_size`) fixes the height and width;
    `ImageData` also reads `new_height`/`new_width` and `is_color`,
    `MemoryData` its `channels`/`height`/`width`. Colour images have 3
    channels unless `force_gray` is set.
    """
    kind = layer_type(layer)
    transform = layer.transform_param
    channels = 1 if transform.force_gray else 3
    crop = transform.crop_size
    if kind == 'memorydata':
        param = layer.memory_data_param
        if not (param.channels and param.height and param.width):
            return []
        if crop:
            return [param.channels, crop, crop]
        return [param.channels, param.height, param.width]
    if kind == 'imagedata':
        param = layer.image_data_param
        channels = 3 if param.is_color else 1
        crop = crop or param.crop_size
        if crop:
            return [channels, crop, crop]
        if param.new_height and param.new_width:
            return [channels, param.new_height, param.new_width]
        return []
    if kind == 'data':
        crop = crop or layer.data_param.crop_size
    elif kind == 'windowdata':
        crop = crop or layer.window_data_param.crop_size
    else:
        return []
    return [channels, crop, crop] if crop else []


def state_meets_rule(rule, phase, level=0, stages=()):
    """Caffe's test of a `NetStateRule` against the net state (phase,
    level, stages)."""
    if rule.HasField('phase') and rule.phase != phase:
        return False
    if rule.HasField('min_level') and level < rule.min_level:
        return False
    if rule.HasField('max_level') and level > rule.max_level:
        return False
    if any(stage not in stages for stage in rule.stage):
        return False
    return not any(stage in stages for stage in rule.not_stage)


def layer_included(layer, phase, level=0, stages=()):
    """Caffe's rule: with `include` rules, a layer is kept when one of them
    is met; otherwise it is kept unless one of its `exclude` rules is met.
    """
    if len(layer.include):
        return any(state_meets_rule(rule, phase, level, stages)
                   for rule in layer.include)
    return not any(state_meets_rule(rule, phase, level, stages)
                   for rule in layer.exclude)


def normalize_phase(phase):
    """`'train'`/`'test'` (any case) or Caffe's `TRAIN` (0) / `TEST` (1) ->
    0 or 1.

    # Raises
        ValueError: anything else.
    """
    if isinstance(phase, str) and phase.lower() in ('train', 'test'):
        return caffe_pb2.TRAIN if phase.lower() == 'train' else caffe_pb2.TEST
    if not isinstance(phase, bool) and phase in (caffe_pb2.TRAIN,
                                                 caffe_pb2.TEST):
        return int(phase)
    raise ValueError("`phase` must be 'train' or 'test' (or Caffe's TRAIN = "
                     "0 / TEST = 1), got %r." % (phase,))


def is_caffe_layer(node):
    """Whether a node of the layer/blob graph is a layer (not a blob)."""
    return isinstance(node, str) and node.startswith(_LAYER_PREFIX)


def sanitize(string):
    """The layer index of a layer node name (`'caffe_layer_3'` -> 3)."""
    if not is_caffe_layer(string):
        raise ValueError('%r is not a layer node (expected "%s<index>").'
                         % (string, _LAYER_PREFIX))
    return int(string[len(_LAYER_PREFIX):])


def _layer_blob_graph(layers, phase):
    """Layer nodes -> their tops; blob nodes -> the layers reading them, in
    the order of the definition. In-place layers make cycles."""
    network = {}
    for index, layer in enumerate(layers):
        if not layer_included(layer, phase):
            continue
        key = _LAYER_PREFIX + str(index)
        network[key] = list(layer.top)
        for blob in list(layer.top) + list(layer.bottom):
            network.setdefault(blob, [])
        for blob in layer.bottom:
            network[blob].append(key)
    return network


def acyclic(network):
    """Removes the cycles of in-place layers from a layer/blob graph.

    For a blob `b` read by layers `L1 ... Lk` (in definition order), where
    `Li` also writes `b`: `Li` now writes a new node `b_<i>`, and the
    layers after `Li` read `b_<i>`; the layers before `Li` keep reading
    `b`. Applied until no cycle is left. Returns a new graph.
    """
    network = {node: list(succ) for node, succ in network.items()}
    queue = [node for node in network if not is_caffe_layer(node)]
    while queue:
        blob = queue.pop(0)
        readers = network[blob]
        for position, reader in enumerate(readers):
            if blob not in network.get(reader, ()):
                continue
            version = '%s_%d' % (blob, position)
            while version in network:
                version += '_'
            network[reader] = [version if top == blob else top
                               for top in network[reader]]
            network[version] = readers[position + 1:]
            network[blob] = readers[:position + 1]
            queue.insert(0, version)
            break
    return network


def merge_layer_blob(network):
    """A layer/blob graph -> a graph of layer indices (layer -> the layers
    that read one of its tops)."""
    merged = {}
    for node, tops in network.items():
        if not is_caffe_layer(node):
            continue
        successors = merged.setdefault(sanitize(node), [])
        for blob in tops:
            for reader in network.get(blob, ()):
                index = sanitize(reader)
                if index not in successors:
                    successors.append(index)
    return merged


def parse_network(layers, phase):
    """The graph of the layers kept in `phase`: layer index -> indices of
    the layers that read its outputs.

    # Arguments
        layers: the layers of a net definition (either format).
        phase: 0 (TRAIN) or 1 (TEST), or `'train'`/`'test'`.
    """
    return merge_layer_blob(acyclic(_layer_blob_graph(
        layers, normalize_phase(phase))))


def reverse(network):
    """The graph with every edge reversed (node -> its predecessors)."""
    reversed_network = {node: [] for node in network}
    for node, successors in network.items():
        for successor in successors:
            reversed_network.setdefault(successor, []).append(node)
    return reversed_network


def get_outputs(network):
    """The nodes that feed no other node (the ends of the graph)."""
    return [node for node, successors in network.items() if not successors]


def get_inputs(network):
    """The nodes that no other node feeds (the starts of the graph)."""
    return get_outputs(reverse(network))


def remove_label_paths(layers, network, inputs, outputs):
    """Removes the edges from data layers straight to output layers (the
    label a data layer hands to a loss). Returns the changed `network`.

    # Arguments
        layers: the layers, indexable by the nodes of `network`.
        network: a graph of layer indices (`parse_network`).
        inputs, outputs: nodes of `network` (`get_inputs`, `get_outputs`).
    """
    for source in inputs:
        if not is_data_input(layers[source]):
            continue
        network[source] = [node for node in network[source]
                           if node not in outputs]
    return network
