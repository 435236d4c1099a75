"""Tests of keras.models: re-exports, model_from_config, clone_model."""
import numpy as np
import pytest

import keras
from keras import backend as K
from keras import models
from keras.engine import saving
from keras.layers import Dense, Dropout, Input, add


def _run(model, data):
    data = data if isinstance(data, list) else [data]
    return K.function(model.inputs, model.outputs)(data)


def test_reexports():
    assert models.Model is keras.Model is keras.engine.training.Model
    assert models.Sequential is keras.Sequential
    assert models.Input is keras.Input is keras.layers.Input
    assert models.InputLayer is keras.layers.InputLayer
    assert models.save_model is saving.save_model
    assert models.load_model is saving.load_model
    assert models.model_from_config is saving.model_from_config
    assert models.model_from_json is saving.model_from_json
    assert models.model_from_yaml is saving.model_from_yaml


def test_model_from_config_rejects_list():
    with pytest.raises(TypeError, match='Sequential.from_config'):
        models.model_from_config([{'class_name': 'Dense', 'config': {}}])


def _shared_model():
    a, b = Input((3,), name='a'), Input((3,), name='b')
    shared = Dense(2, name='shared')
    y = Dense(1, name='head')(add([shared(a), shared(b)]))
    return models.Model([a, b], Dropout(0.5)(y), name='shared_model')


def test_clone_functional_model():
    model = _shared_model()
    clone = models.clone_model(model)
    assert clone.name == model.name
    assert [l.name for l in clone.layers] == [l.name for l in model.layers]
    assert len(clone.get_layer('shared')._inbound_nodes) == 2
    assert not any(w1 is w2 for w1, w2 in zip(clone.weights, model.weights))
    clone.set_weights(model.get_weights())
    data = [np.random.rand(2, 3).astype('float32') for _ in range(2)]
    np.testing.assert_allclose(_run(clone, data)[0], _run(model, data)[0],
                               rtol=1e-6)
    assert clone.uses_learning_phase


def test_clone_functional_model_on_given_tensors():
    model = _shared_model()
    a, b = Input((3,)), Input((3,))
    clone = models.clone_model(model, input_tensors=[a, b])
    assert clone.inputs[0] is a and clone.inputs[1] is b
    raw = K.placeholder(shape=(None, 3))
    clone2 = models.clone_model(model, input_tensors=[raw, b])
    assert clone2.layers[0].name.startswith('input_wrapper_for_')
    with pytest.raises(ValueError, match='has 2 inputs'):
        models.clone_model(model, input_tensors=[a])


def test_clone_sequential_model():
    model = models.Sequential([Dense(4, input_shape=(3,)), Dense(2)])
    clone = models.clone_model(model)
    assert isinstance(clone, models.Sequential)
    assert clone.output_shape == (None, 2)
    clone.set_weights(model.get_weights())
    data = np.random.rand(2, 3).astype('float32')
    np.testing.assert_allclose(_run(clone, data)[0], _run(model, data)[0],
                               rtol=1e-6)
    x = Input((3,))
    on_input = models.clone_model(model, input_tensors=x)
    assert on_input.inputs[0] is x
    raw = K.placeholder(shape=(None, 3))
    assert models.clone_model(model, input_tensors=raw).output_shape == \
        (None, 2)
    with pytest.raises(ValueError, match='InputLayer'):
        models.clone_model(model, input_tensors=Dense(3)(x))
    with pytest.raises(ValueError, match='at most one tensor'):
        models.clone_model(model, input_tensors=[x, x])


def test_clone_model_with_nested_model():
    inner = models.Sequential([Dense(2, input_shape=(3,))])
    x = Input((3,))
    model = models.Model(x, Dense(1)(inner(x)))
    clone = models.clone_model(model)
    assert isinstance(clone.layers[1], models.Sequential)
    assert clone.layers[1] is not inner
    assert len(clone.weights) == 4
    with pytest.raises(ValueError, match='Model'):
        models._clone_functional_model(Dense(2))
