"""`Sequential`: a linear stack of layers."""
from __future__ import absolute_import

import copy
import warnings

from .. import backend as K
from ..utils.layer_utils import get_source_inputs
from .base_layer import Layer
from .input_layer import Input, InputLayer
from .network import Network
from .training import Model

__all__ = ['Sequential']


def _first_leaf_layer(layer):
    """The innermost first layer of (possibly nested) models."""
    while isinstance(layer, Network) and not isinstance(layer, InputLayer):
        if not layer.layers:
            raise ValueError('Cannot add an empty model to a `Sequential` '
                             'model.')
        layer = layer.layers[0]
    return layer


class Sequential(Model):
    """Linear stack of layers.

    # Arguments
        layers: list of layers to add to the model.
        name: name of the model.

    # Note
        The first layer passed to a Sequential model
        should have a defined input shape. What that
        means is that it should have received an `input_shape`
        or `batch_input_shape` argument,
        or for some type of layers (recurrent, Dense...)
        an `input_dim` argument. Otherwise the model is built on its
        first call, `build(input_shape)` or training call.

    # Example

    ```python
        model = Sequential()
        # first layer must have a defined input shape
        model.add(Dense(32, input_dim=500))
        # afterwards, Keras does automatic shape inference
        model.add(Dense(32))

        # also possible (equivalent to the above):
        model = Sequential()
        model.add(Dense(32, input_shape=(500,)))
        model.add(Dense(32))

        # also possible (equivalent to the above):
        model = Sequential()
        # here the batch dimension is None,
        # which means any batch size will be accepted by the model.
        model.add(Dense(32, batch_input_shape=(None, 500)))
        model.add(Dense(32))
    ```
    """

    def __init__(self, layers=None, name=None):
        super(Sequential, self).__init__(name=name)
        object.__setattr__(self, '_auto_track_sub_layers', False)
        self._build_input_shape = None
        for layer in layers or []:
            self.add(layer)

    @property
    def layers(self):
        # The auto-created InputLayer is not reported (Keras 2 behaviour).
        layers = list(self._layers)
        if layers and isinstance(layers[0], InputLayer):
            return layers[1:]
        return layers

    @property
    def model(self):
        """Kept for code written for Keras 1, where Sequential wrapped a
        Model: returns the Sequential itself."""
        return self

    def add(self, layer):
        """Adds a layer instance on top of the layer stack.

        # Arguments
            layer: layer instance.

        # Raises
            TypeError: If `layer` is not a layer instance.
            ValueError: In case the `layer` argument does not
                know its input shape.
            ValueError: In case the `layer` argument has
                multiple output tensors, or is already connected
                somewhere else (forbidden in `Sequential` models).
        """
        if not isinstance(layer, Layer):
            raise TypeError('The added layer must be an instance of class '
                            'Layer. Found: %r' % (layer,))
        self.built = False
        if not self._layers:
            if isinstance(layer, InputLayer) or \
                    getattr(layer, '_called_on_models', False):
                # An input, or a Keras 1 `Merge([left, right])` already
                # called on the outputs of other models.
                self._set_io_from(layer)
            else:
                first = _first_leaf_layer(layer)
                if hasattr(first, 'batch_input_shape'):
                    x = Input(batch_shape=first.batch_input_shape,
                              dtype=first.dtype,
                              name=layer.name + '_input')
                    layer(x)
                    self._set_io_from(layer)
        elif self.outputs:
            output = layer(self.outputs[0])
            if isinstance(output, list):
                raise TypeError('All layers in a Sequential model should '
                                'have a single output tensor. For '
                                'multi-output layers, use the functional '
                                'API.')
            self.outputs = [output]
        if self.inputs:
            self._init_graph_network(self.inputs, self.outputs,
                                     name=self.name)
            self.built = True
        else:
            self._layers.append(layer)

    def _set_io_from(self, layer):
        outputs = layer._inbound_nodes[-1].output_tensors
        if len(outputs) != 1:
            raise ValueError('All layers in a Sequential model should have '
                             'a single output tensor. For multi-output '
                             'layers, use the functional API.')
        self.outputs = [outputs[0]]
        self.inputs = get_source_inputs(self.outputs[0])

    def _init_graph_network(self, inputs, outputs, name=None, **kwargs):
        # Rebuilt after every `add`/`pop`: keep the user's settings.
        trainable = self.__dict__.get('_trainable', True)
        build_input_shape = self.__dict__.get('_build_input_shape')
        super(Sequential, self)._init_graph_network(inputs, outputs,
                                                    name=name, **kwargs)
        self._trainable = trainable
        self._build_input_shape = build_input_shape
        object.__setattr__(self, '_auto_track_sub_layers', False)

    def pop(self):
        """Removes the last layer in the model.

        # Raises
            TypeError: if there are no layers in the model.
        """
        if not self.layers:
            raise TypeError('There are no layers in the model.')
        removed = self._layers.pop()
        if not self.layers:
            self.outputs = []
            self.inputs = []
            self._layers = []
            self.built = False
        elif self.outputs:
            removed._outbound_nodes = []
            last = self.layers[-1]
            last._outbound_nodes = []
            self.outputs = [last._inbound_nodes[-1].output_tensors[0]]
            self._init_graph_network(self.inputs, self.outputs,
                                     name=self.name)
            self.built = True

    def build(self, input_shape=None):
        """Creates the model's graph on an input of the given shape (for
        a model whose first layer had no input shape).

        # Arguments
            input_shape: shape tuple including the batch axis.
        """
        if input_shape and not self.inputs:
            x = Input(batch_shape=tuple(input_shape), dtype=K.floatx(),
                      name=self.name + '_input')
            inputs = x
            for layer in self._layers:
                x = layer(x)
            self.inputs = [inputs]
            self.outputs = [x]
            self._build_input_shape = tuple(input_shape)
        if self.inputs:
            self._init_graph_network(self.inputs, self.outputs,
                                     name=self.name)
            self.built = True

    def __call__(self, inputs, **kwargs):
        if not self.built and not self.inputs:
            from .input_spec import tensor_shape
            shape = tensor_shape(inputs)
            if shape is None:
                raise ValueError('Sequential model %s has no input shape and '
                                 'cannot be built from %s.'
                                 % (self.name, inputs))
            self.build(shape)
        return super(Sequential, self).__call__(inputs, **kwargs)

    def predict_proba(self, x, batch_size=32, verbose=0):
        """Generates class probability predictions for the input samples.

        The input samples are processed batch by batch.

        # Arguments
            x: input data, as a Numpy array or list of Numpy arrays
                (if the model has multiple inputs).
            batch_size: integer.
            verbose: verbosity mode, 0 or 1.

        # Returns
            A Numpy array of probability predictions.
        """
        preds = self.predict(x, batch_size, verbose)
        if preds.min() < 0. or preds.max() > 1.:
            warnings.warn('Network returning invalid probability values. '
                          'The last layer might not normalize predictions '
                          'into probabilities (like softmax or sigmoid '
                          'would).')
        return preds

    def predict_classes(self, x, batch_size=32, verbose=0):
        """Generate class predictions for the input samples.

        The input samples are processed batch by batch.

        # Arguments
            x: input data, as a Numpy array or list of Numpy arrays
                (if the model has multiple inputs).
            batch_size: integer.
            verbose: verbosity mode, 0 or 1.

        # Returns
            A numpy array of class predictions.
        """
        proba = self.predict(x, batch_size=batch_size, verbose=verbose)
        if proba.shape[-1] > 1:
            return proba.argmax(axis=-1)
        return (proba > 0.5).astype('int32')

    def get_config(self):
        """The config: the model's `name`, its `layers` (class name and config of
        each, in order) and, once built, its `build_input_shape`.
        """
        layer_configs = [{'class_name': layer.__class__.__name__,
                          'config': layer.get_config()}
                         for layer in self.layers]
        config = {'name': self.name, 'layers': copy.deepcopy(layer_configs)}
        if self._build_input_shape:
            config['build_input_shape'] = self._build_input_shape
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """Rebuilds a Sequential from `get_config()` output: the Keras 2.3
        dict `{'name', 'layers'}` or the older plain list of layer
        configs."""
        from ..layers import deserialize as deserialize_layer
        from .network_serialization import _model_custom_objects
        if isinstance(config, dict) and 'layers' in config:
            name = config.get('name')
            build_input_shape = config.get('build_input_shape')
            layer_configs = config['layers']
        else:
            name = None
            build_input_shape = None
            layer_configs = config
        custom_objects = _model_custom_objects(custom_objects)
        model = cls(name=name)
        for layer_config in layer_configs:
            model.add(deserialize_layer(layer_config,
                                        custom_objects=custom_objects))
        if not model.inputs and build_input_shape:
            model.build(build_input_shape)
        return model
