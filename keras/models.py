"""Model-related utilities: saving/loading, configs, cloning."""
from __future__ import absolute_import

from .utils.generic_utils import to_list
from .utils.safe_mode import SafeModeScope
from .engine.input_layer import Input, InputLayer
from .engine.training import Model
from .engine.sequential import Sequential
from .legacy.graph import Graph
from .engine.saving import (save_model, load_model,  # noqa: F401
                            model_from_config, model_from_yaml,
                            model_from_json)

__all__ = ['Model', 'Sequential', 'Graph', 'Input', 'InputLayer', 'save_model',
           'load_model', 'model_from_config', 'model_from_yaml',
           'model_from_json', 'clone_model']


def _clone_layer(layer):
    # The config comes from a live layer, not from a file: its Lambda
    # functions are the program's own (no safe-mode refusal).
    with SafeModeScope(False):
        return layer.__class__.from_config(layer.get_config())


def _clone_inputs(model, input_tensors, layer_map):
    """Input tensors of the clone: new placeholders, or the given tensors
    (wrapped in an InputLayer when they are not Keras tensors)."""
    if input_tensors is None:
        tensors = []
        for layer in model._input_layers:
            x = Input(batch_shape=layer.batch_input_shape, dtype=layer.dtype,
                      sparse=layer.sparse, name=layer.name)
            layer_map[layer] = x._keras_history[0]
            tensors.append(x)
        return tensors
    tensors = []
    for i, x in enumerate(to_list(input_tensors, allow_tuple=True)):
        if not hasattr(x, '_keras_history'):
            original = model._input_layers[i]
            x = Input(tensor=x, name='input_wrapper_for_' + original.name)
            layer_map[original] = x._keras_history[0]
        tensors.append(x)
    return tensors


def _clone_functional_model(model, input_tensors=None):
    """Clones a functional `Model` instance: new layers (same configs, new
    weights) connected the same way, on new or given inputs."""
    if not isinstance(model, Model):
        raise ValueError('Expected `model` argument to be a `Model` '
                         'instance, got %r' % (model,))
    if isinstance(model, Sequential):
        raise ValueError('Expected `model` argument to be a functional '
                         '`Model` instance, got a `Sequential` instance '
                         'instead: %r' % (model,))
    layer_map = {}
    inputs = _clone_inputs(model, input_tensors, layer_map)
    if len(inputs) != len(model.inputs):
        raise ValueError('Model %s has %d inputs, but %d input tensors were '
                         'given to clone it.' % (model.name,
                                                 len(model.inputs),
                                                 len(inputs)))
    tensor_map = {id(x): y for x, y in zip(model.inputs, inputs)}
    for depth in sorted(model._nodes_by_depth, reverse=True):
        for node in model._nodes_by_depth[depth]:
            layer = node.outbound_layer
            if layer not in layer_map:
                layer_map[layer] = _clone_layer(layer)
            new_layer = layer_map[layer]
            if isinstance(new_layer, InputLayer):
                continue
            if not all(id(x) in tensor_map for x in node.input_tensors):
                continue
            computed = [tensor_map[id(x)] for x in node.input_tensors]
            kwargs = dict(node.arguments or {})
            outputs = to_list(new_layer(computed[0] if len(computed) == 1
                                        else computed, **kwargs))
            for ref, out in zip(node.output_tensors, outputs):
                tensor_map[id(ref)] = out
    outputs = []
    for x in model.outputs:
        if id(x) not in tensor_map:
            raise ValueError('Could not compute output %s of model %s.'
                             % (x, model.name))
        outputs.append(tensor_map[id(x)])
    return Model(inputs, outputs, name=model.name)


def _clone_sequential_model(model, input_tensors=None):
    """Clones a `Sequential` model instance: new layers (same configs, new
    weights), optionally on top of a given input tensor."""
    if not isinstance(model, Sequential):
        raise ValueError('Expected `model` argument to be a `Sequential` '
                         'model instance, but got: %r' % (model,))
    layers = [_clone_layer(layer) for layer in model.layers]
    if input_tensors is None:
        return Sequential(layers=layers, name=model.name)
    tensors = to_list(input_tensors, allow_tuple=True)
    if len(tensors) != 1:
        raise ValueError('To clone a `Sequential` model, we expect at most '
                         'one tensor as part of `input_tensors`.')
    x = tensors[0]
    if hasattr(x, '_keras_history'):
        origin = x._keras_history[0]
        if not isinstance(origin, InputLayer):
            raise ValueError('Cannot clone a `Sequential` model on top of a '
                             'tensor that comes from a Keras layer other '
                             'than an `InputLayer`. Use the functional API '
                             'instead.')
        return Sequential(layers=[origin] + layers, name=model.name)
    x = Input(tensor=x, name='input_wrapper_for_' + model.name)
    return Sequential(layers=[x._keras_history[0]] + layers,
                      name=model.name)


def clone_model(model, input_tensors=None):
    """Clone any `Model` instance.

    Model cloning is similar to calling a model on new inputs,
    except that it creates new layers (and thus new weights) instead
    of sharing the weights of the existing layers.

    # Arguments
        model: Instance of `Model`
            (could be a functional model or a Sequential model).
        input_tensors: optional list of input tensors
            to build the model upon. If not provided,
            placeholders will be created.

    # Returns
        An instance of `Model` reproducing the behavior
        of the original model, on top of new inputs tensors,
        using newly instantiated weights.

    # Raises
        ValueError: in case of invalid `model` argument value.
    """
    if isinstance(model, Sequential):
        return _clone_sequential_model(model, input_tensors=input_tensors)
    return _clone_functional_model(model, input_tensors=input_tensors)
