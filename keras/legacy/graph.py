"""The Keras 0.x / 1 `Graph` container, on top of the functional engine.

A `Graph` names its inputs, nodes and outputs; it is trained and queried
with dicts keyed by those names:

```python
graph = Graph()
graph.add_input(name='input1', input_shape=(32,))
graph.add_input(name='input2', input_shape=(32,))
graph.add_node(Dense(16), name='dense1', input='input1')
graph.add_node(Dense(4), name='dense2', input='input2')
graph.add_node(Dense(4), name='dense3', input='dense1')
graph.add_output(name='output1', inputs=['dense2', 'dense3'],
                 merge_mode='sum')
graph.add_output(name='output2', input='dense1')
graph.compile('rmsprop', {'output1': 'mse', 'output2': 'mse'})
graph.fit({'input1': x1, 'input2': x2, 'output1': y1, 'output2': y2},
          nb_epoch=10)
predictions = graph.predict({'input1': x1, 'input2': x2})  # a dict
```

Nodes are recorded and the functional graph is made when the model is
compiled (or, for inputs given only by `ndim`, from the first data it
sees). The model is then a functional `Model` whose input layers carry the
input names and whose output layers carry the output names (an output
that is a node's output gets a linear `Activation` layer of the output's
name), so it saves, loads and trains as one.
"""
import numpy as np

from ..engine.input_layer import Input
from ..engine.training import Model
from . import interfaces
from .layers import keras2_merge_layer

__all__ = ['Graph']


def _names(input, inputs):
    """The list of names of an `input=` / `inputs=` pair."""
    if input is not None and inputs:
        raise TypeError('Graph: give either `input` or `inputs`, not both.')
    return [input] if input is not None else list(inputs or [])


class Graph(Model):
    """Keras 0.x / 1 graph container: arbitrary connections between named
    inputs, nodes and outputs, trained and queried with dicts.

    # Arguments
        name: name of the model.
        inputs, outputs: (used when loading a saved model) the input and
            output tensors of the functional graph.

    # Methods
        add_input, add_node, add_shared_node, add_output; `fit`,
        `evaluate`, `predict`, `train_on_batch`, `test_on_batch`,
        `predict_on_batch` take (and `predict*` return) dicts keyed by
        the input and output names; they also accept the `Model` forms.
    """

    def __init__(self, name=None, inputs=None, outputs=None):
        if inputs is not None:  # rebuilt from a saved config
            super().__init__(inputs=inputs, outputs=outputs, name=name)
            self._graph_inputs = {
                layer.name: (layer.batch_input_shape, layer.dtype)
                for layer in self._input_layers}
            self._graph_ops = []
            self._graph_output_names = list(self.output_names)
            self._graph_names = set(self._graph_inputs) | set(
                layer.name for layer in self.layers)
            return
        interfaces.warn_legacy_name(
            'Graph', 'the functional API: `Model(inputs=[...], '
            'outputs=[...])` with named `Input` and output layers',
            code=False)
        super().__init__(name=name)
        self._graph_inputs = {}
        self._graph_ops = []
        self._graph_output_names = []
        self._graph_names = set()

    # ------------------------------------------------------------------
    # Building
    # ------------------------------------------------------------------

    def _new_name(self, name, what):
        if not name or not isinstance(name, str):
            raise ValueError('Graph.%s: `name` must be a non-empty string, '
                             'got %r.' % (what, name))
        if name in self._graph_names:
            raise ValueError('Graph.%s: duplicate node name %r.'
                             % (what, name))
        if self.built:
            raise RuntimeError('Graph %s is already built: no node can be '
                               'added.' % self.name)
        self._graph_names.add(name)

    def _known(self, names, what):
        for name in names:
            if name not in self._graph_names:
                raise ValueError('Graph.%s: unknown input node %r (known: '
                                 '%s).' % (what, name,
                                           sorted(self._graph_names)))

    def add_input(self, name, input_shape=None, batch_input_shape=None,
                  dtype='float', ndim=None):
        """Adds a named input.

        # Arguments
            name: the input's name (the key of its data in `fit`).
            input_shape: shape without the batch axis.
            batch_input_shape: shape with the batch axis.
            dtype: `'float'` (floatx) or `'int'` (int32), or a dtype name.
            ndim: Keras 0.1: the rank (batch axis included); the sizes are
                then read from the first data.
        """
        self._new_name(name, 'add_input')
        if batch_input_shape is None and input_shape is not None:
            batch_input_shape = (None,) + tuple(input_shape)
        if batch_input_shape is None and ndim is None:
            raise ValueError('Graph.add_input(%r): give `input_shape`, '
                             '`batch_input_shape` or `ndim`.' % name)
        dtype = {'float': None, 'int': 'int32'}.get(dtype, dtype)
        self._graph_inputs[name] = (batch_input_shape, dtype)

    def _merged(self, tensors, names, merge_mode, concat_axis, dot_axes,
                name):
        """The tensor of `names`: one tensor, a merge of several, or the
        list (`merge_mode=None`)."""
        values = [tensors[n] for n in names]
        if len(values) == 1:
            return values[0]
        if merge_mode is None:
            return values
        layer = keras2_merge_layer(merge_mode, concat_axis, dot_axes, name)
        return layer(values)

    def add_node(self, layer, name, input=None, inputs=None,
                 merge_mode='concat', concat_axis=-1, dot_axes=-1,
                 create_output=False):
        """Adds a layer, applied to one node (`input`) or to several
        (`inputs`, merged with `merge_mode`: 'sum', 'mul', 'concat', 'ave',
        'cos', 'dot', 'max', or None to pass the list).

        # Arguments
            layer: the layer; it is renamed `name`.
            name: the node's name.
            input, inputs: the name, or names, of its input nodes.
            merge_mode, concat_axis, dot_axes: how several inputs merge.
            create_output: also make the node an output of that name.
        """
        self._new_name(name, 'add_node')
        sources = _names(input, inputs)
        self._known(sources, 'add_node')
        layer.name = name

        def op(tensors):
            merged = self._merged(tensors, sources, merge_mode, concat_axis,
                                  dot_axes, name + '_merge')
            tensors[name] = layer(merged)
        self._graph_ops.append(op)
        if create_output:
            self._graph_output_names.append(name)

    def add_shared_node(self, layer, name, inputs=None, merge_mode=None,
                        concat_axis=-1, dot_axes=-1, outputs=None,
                        create_output=False):
        """Adds one layer applied to several input nodes (shared weights).

        # Arguments
            layer: the layer.
            name: the node's name: the merge of the outputs when
                `merge_mode` is given.
            inputs: the names of the input nodes.
            merge_mode, concat_axis, dot_axes: how the outputs merge.
            outputs: without `merge_mode`, the names of the output nodes
                (one per input).
            create_output: also make the merged node an output.
        """
        sources = list(inputs or [])
        self._known(sources, 'add_shared_node')
        outputs = list(outputs or [])
        if merge_mode is None and len(outputs) != len(sources):
            raise ValueError('Graph.add_shared_node(%r): without '
                             '`merge_mode`, give one output name per input '
                             '(%d inputs, outputs=%r).'
                             % (name, len(sources), outputs))
        for node_name in ([name] if merge_mode is not None else outputs):
            self._new_name(node_name, 'add_shared_node')
        layer.name = name

        def op(tensors):
            results = [layer(tensors[n]) for n in sources]
            if merge_mode is not None:
                tensors[name] = self._merged(
                    dict(zip(sources, results)), sources, merge_mode,
                    concat_axis, dot_axes, name + '_merge')
            else:
                tensors.update(zip(outputs, results))
        self._graph_ops.append(op)
        if create_output and merge_mode is not None:
            self._graph_output_names.append(name)

    def add_output(self, name, input=None, inputs=None, merge_mode='concat',
                   concat_axis=-1, dot_axes=-1):
        """Adds a named output: a node, or the merge of several.

        # Arguments
            name: the output's name (the key of its targets in `fit`).
            input, inputs: the name, or names, of the nodes it outputs.
            merge_mode, concat_axis, dot_axes: how several nodes merge.
        """
        sources = _names(input, inputs)
        self._known(sources, 'add_output')
        if sources != [name]:
            self._new_name(name, 'add_output')

        def op(tensors):
            if sources == [name]:
                return
            if len(sources) == 1:
                layer = _linear(name)
                tensors[name] = layer(tensors[sources[0]])
            else:
                tensors[name] = self._merged(tensors, sources, merge_mode,
                                             concat_axis, dot_axes, name)
        self._graph_ops.append(op)
        self._graph_output_names.append(name)

    def _build_graph(self, data=None):
        """Makes the functional graph (input shapes from `data` where only
        `ndim` was given)."""
        if self.built and self.outputs:
            return
        if not self._graph_output_names:
            raise ValueError('Graph %s has no output: call `add_output`.'
                             % self.name)
        tensors, inputs = {}, []
        for name, (shape, dtype) in self._graph_inputs.items():
            if shape is None:
                if data is None or name not in data:
                    raise ValueError('Graph input %r was given by `ndim` '
                                     'only: its shape is read from the data, '
                                     'which has no entry %r.' % (name, name))
                shape = (None,) + tuple(np.shape(data[name])[1:])
            x = Input(batch_shape=shape, dtype=dtype, name=name)
            tensors[name] = x
            inputs.append(x)
        for op in self._graph_ops:
            op(tensors)
        outputs = [tensors[name] for name in self._graph_output_names]
        deferred = getattr(self, '_deferred_compile', False)
        optimizer = self.optimizer  # the graph's making resets it
        self._init_graph_network(inputs, outputs, name=self.name)
        self.built = True
        if deferred:
            self.compile(optimizer, **dict(self._compile_args))

    def compile(self, optimizer, loss=None, *args, **kwargs):
        """Configures the model for training (`loss`: one per output,
        a dict keyed by output name); the graph is made here unless an
        input's shape waits for data. See `Model.compile`."""
        if not (self.built and self.outputs) and \
                all(shape is not None
                    for shape, _ in self._graph_inputs.values()):
            self._build_graph()
        return super().compile(optimizer, loss, *args, **kwargs)

    # ------------------------------------------------------------------
    # Dict data
    # ------------------------------------------------------------------

    def _split(self, data):
        """`(x, y)` lists from a dict keyed by input and output names."""
        self._build_graph(data)
        missing = [n for n in self._graph_inputs if n not in data]
        if missing:
            raise ValueError('Graph %s: the data has no entry for the '
                             'input(s) %s (keys: %s).'
                             % (self.name, missing, sorted(data)))
        x = [data[n] for n in self._graph_inputs]
        y = [data[n] for n in self._graph_output_names if n in data]
        if y and len(y) != len(self._graph_output_names):
            raise ValueError('Graph %s: the data has targets for some '
                             'outputs but not for %s.'
                             % (self.name, [n for n in
                                            self._graph_output_names
                                            if n not in data]))
        return x, (y or None)

    def _as_dict(self, outputs):
        outputs = outputs if isinstance(outputs, list) else [outputs]
        return dict(zip(self._graph_output_names, outputs))

    @interfaces.legacy_fit_support
    def fit(self, x=None, y=None, *args, **kwargs):
        """`fit(data_dict, batch_size, epochs, ...)`: `data_dict` holds
        the inputs and the targets by name (`validation_data` may be such
        a dict too). Array forms as in `Model.fit`."""
        if isinstance(x, dict) and y is None:
            validation = kwargs.get('validation_data')
            if isinstance(validation, dict):
                kwargs['validation_data'] = self._split(validation)
            x, y = self._split(x)
        return super().fit(x, y, *args, **kwargs)

    @interfaces.legacy_evaluate_support
    def evaluate(self, x=None, y=None, *args, **kwargs):
        """`evaluate(data_dict, batch_size, ...)`: the loss (and metrics);
        array forms as in `Model.evaluate`."""
        if isinstance(x, dict) and y is None:
            x, y = self._split(x)
        return super().evaluate(x, y, *args, **kwargs)

    def predict(self, x, *args, **kwargs):
        """`predict(data_dict, batch_size, ...)`: a dict of the outputs by
        name; array forms as in `Model.predict`."""
        if isinstance(x, dict):
            inputs, _ = self._split(x)
            return self._as_dict(super().predict(inputs, *args, **kwargs))
        return super().predict(x, *args, **kwargs)

    def train_on_batch(self, x, y=None, *args, **kwargs):
        """`train_on_batch(data_dict)`: one update; returns the loss."""
        if isinstance(x, dict) and y is None:
            x, y = self._split(x)
        return super().train_on_batch(x, y, *args, **kwargs)

    def test_on_batch(self, x, y=None, *args, **kwargs):
        """`test_on_batch(data_dict)`: the loss on one batch."""
        if isinstance(x, dict) and y is None:
            x, y = self._split(x)
        return super().test_on_batch(x, y, *args, **kwargs)

    def predict_on_batch(self, x):
        """`predict_on_batch(data_dict)`: a dict of the outputs."""
        if isinstance(x, dict):
            inputs, _ = self._split(x)
            return self._as_dict(super().predict_on_batch(inputs))
        return super().predict_on_batch(x)


def _linear(name):
    """The identity layer that names an output."""
    from ..layers.core import Activation
    return Activation('linear', name=name)
