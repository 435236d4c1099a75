"""Drawing models as graphs with pydot and GraphViz."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import os

try:
    import pydot
except ImportError:  # optional dependency: checked when a plot is asked
    pydot = None


def _check_pydot():
    """Raises an ImportError saying what to install when pydot or the
    GraphViz `dot` program is missing."""
    if pydot is None:
        raise ImportError('Failed to import `pydot`. Please install `pydot` '
                          '(e.g. `pip install pydot`) and GraphViz '
                          '(https://www.graphviz.org/) for `plot_model` and '
                          '`model_to_dot` to work.')
    try:
        # Render a blank graph to check that GraphViz can be called.
        pydot.Dot.create(pydot.Dot())
    except (OSError, AssertionError) as e:
        raise ImportError('`pydot` failed to call GraphViz (%s). Please '
                          'install GraphViz (https://www.graphviz.org/, e.g. '
                          '`apt-get install graphviz`) and ensure that its '
                          'executables (`dot`) are in the $PATH.' % (e,))


def is_model(layer):
    """Whether `layer` is a Keras `Model`."""
    from ..engine.training import Model
    return isinstance(layer, Model)


def _is_network(layer):
    from ..engine.network import Network
    return isinstance(layer, Network)


def is_wrapped_model(layer):
    """Whether `layer` is a wrapper (e.g. `TimeDistributed`) around a
    model."""
    from ..layers.wrappers import Wrapper
    return isinstance(layer, Wrapper) and _is_network(layer.layer)


def add_edge(dot, src, dst):
    """Adds an edge from node `src` to node `dst` unless it exists."""
    if not dot.get_edge(src, dst):
        dot.add_edge(pydot.Edge(src, dst))


def _layer_label(layer, show_shapes, show_layer_names):
    layer_name = layer.name
    class_name = layer.__class__.__name__
    from ..layers.wrappers import Wrapper
    if isinstance(layer, Wrapper):
        inner = layer.layer
        layer_name = '{}({})'.format(layer_name, inner.name)
        class_name = '{}({})'.format(class_name, inner.__class__.__name__)
    label = ('{}: {}'.format(layer_name, class_name) if show_layer_names
             else class_name)
    if not show_shapes:
        return label
    try:
        output_labels = str(layer.output_shape)
    except AttributeError:
        output_labels = 'multiple'
    try:
        input_labels = str(layer.input_shape)
    except AttributeError:
        input_labels = 'multiple'
    return '%s\n|{input:|output:}|{{%s}|{%s}}' % (label, input_labels,
                                                   output_labels)


def _model_layers(model):
    from ..engine.sequential import Sequential
    if isinstance(model, Sequential) and not model.built:
        model.build()
    return getattr(model, '_layers', None) or model.layers


def _inbound_layers(model, layer):
    """The layers feeding `layer` through the nodes that belong to `model`."""
    network_nodes = getattr(model, '_network_nodes', None)
    for i, node in enumerate(layer._inbound_nodes):
        node_key = layer.name + '_ib-' + str(i)
        if network_nodes is not None and node_key not in network_nodes:
            continue
        inbound = node.inbound_layers
        for inbound_layer in (inbound if isinstance(inbound, (list, tuple))
                              else [inbound]):
            yield inbound_layer


def model_to_dot(model,
                 show_shapes=False,
                 show_layer_names=True,
                 rankdir='TB',
                 expand_nested=False,
                 dpi=96,
                 subgraph=False):
    """Convert a Keras model to dot format.

    # Arguments
        model: A Keras model instance.
        show_shapes: whether to display shape information.
        show_layer_names: whether to display layer names.
        rankdir: `rankdir` argument passed to PyDot,
            a string specifying the format of the plot:
            'TB' creates a vertical plot;
            'LR' creates a horizontal plot.
        expand_nested: whether to expand nested models into clusters.
        dpi: dot DPI.
        subgraph: whether to return a pydot.Cluster instance.

    # Returns
        A `pydot.Dot` instance representing the Keras model or
        a `pydot.Cluster` instance representing nested model if
        `subgraph=True`.

    # Raises
        ImportError: if pydot or GraphViz is not available.
    """
    _check_pydot()
    if subgraph:
        dot = pydot.Cluster(style='dashed', graph_name=model.name)
        dot.set('label', model.name)
        dot.set('labeljust', 'l')
    else:
        dot = pydot.Dot()
        dot.set('rankdir', rankdir)
        dot.set('concentrate', True)
        dot.set('dpi', dpi)
        dot.set_node_defaults(shape='record')

    if not getattr(model, '_is_graph_network', True):
        dot.add_node(pydot.Node(str(id(model)), label=model.name))
        return dot

    layers = _model_layers(model)
    # For expanded sub-models: the (first, last) node names of their cluster.
    clusters = {}
    for layer in layers:
        nested = None
        if expand_nested:
            if _is_network(layer):
                nested = layer
            elif is_wrapped_model(layer):
                nested = layer.layer
        if nested is not None:
            cluster = model_to_dot(nested, show_shapes, show_layer_names,
                                   rankdir, expand_nested, subgraph=True)
            nodes = cluster.get_nodes()
            clusters[id(layer)] = (nodes[0].get_name(),
                                   nodes[-1].get_name())
            dot.add_subgraph(cluster)
        else:
            label = _layer_label(layer, show_shapes, show_layer_names)
            dot.add_node(pydot.Node(str(id(layer)), label=label))

    for layer in layers:
        dst = clusters.get(id(layer), (str(id(layer)),) * 2)[0]
        for inbound_layer in _inbound_layers(model, layer):
            src = clusters.get(id(inbound_layer),
                               (str(id(inbound_layer)),) * 2)[1]
            add_edge(dot, src, dst)
    return dot


def plot_model(model,
               to_file='model.png',
               show_shapes=False,
               show_layer_names=True,
               rankdir='TB',
               expand_nested=False,
               dpi=96):
    """Converts a Keras model to dot format and save to a file.

    # Arguments
        model: A Keras model instance
        to_file: File name of the plot image.
        show_shapes: whether to display shape information.
        show_layer_names: whether to display layer names.
        rankdir: `rankdir` argument passed to PyDot,
            a string specifying the format of the plot:
            'TB' creates a vertical plot;
            'LR' creates a horizontal plot.
        expand_nested: whether to expand nested models into clusters.
        dpi: dot DPI.

    # Returns
        A Jupyter notebook Image object if Jupyter is installed.
        This enables in-line display of the model plots in notebooks.

    # Raises
        ImportError: if pydot or GraphViz is not available.
    """
    dot = model_to_dot(model, show_shapes=show_shapes,
                       show_layer_names=show_layer_names, rankdir=rankdir,
                       expand_nested=expand_nested, dpi=dpi)
    _, extension = os.path.splitext(to_file)
    extension = extension[1:] if extension else 'png'
    dot.write(to_file, format=extension)
    # Return the image as a Jupyter Image object, to be displayed in-line.
    if extension != 'pdf':
        try:
            from IPython import display
            return display.Image(filename=to_file)
        except ImportError:
            pass
