"""Tests of `Sequential`: add/pop, input shapes, deferred build, configs."""
import numpy as np
import pytest

from keras import backend as K
from keras.engine import InputLayer, Input
from keras.engine.sequential import Sequential
from keras.layers import Dense, Activation
from keras import models


def _run(model, data):
    return K.function(model.inputs, model.outputs)([data])[0]


def test_add_with_input_shape_variants():
    for kwargs in ({'input_shape': (3,)}, {'input_dim': 3},
                   {'batch_input_shape': (None, 3)}):
        model = Sequential()
        model.add(Dense(2, **kwargs))
        model.add(Dense(1))
        assert model.built
        assert model.input_shape == (None, 3)
        assert model.output_shape == (None, 1)
    assert models.Sequential is Sequential


def test_layers_omit_auto_input_layer_and_values():
    first, second = Dense(4, input_shape=(3,)), Dense(2)
    model = Sequential([first, second], name='stack')
    assert model.name == 'stack'
    assert model.layers == [first, second]
    assert isinstance(model._layers[0], InputLayer)
    assert model._layers[0].name == first.name + '_input'
    data = np.random.rand(5, 3).astype('float32')
    (k1, b1), (k2, b2) = first.get_weights(), second.get_weights()
    np.testing.assert_allclose(_run(model, data),
                               (data.dot(k1) + b1).dot(k2) + b2,
                               rtol=1e-5, atol=1e-6)
    assert model.model is model


def test_explicit_input_layer_first():
    model = Sequential()
    model.add(InputLayer(input_shape=(3,)))
    model.add(Dense(2))
    assert model.output_shape == (None, 2)
    assert len(model.layers) == 1


def test_add_non_layer_raises():
    with pytest.raises(TypeError, match='instance of class Layer'):
        Sequential().add('dense')


def test_pop():
    model = Sequential([Dense(4, input_shape=(3,)), Dense(2), Dense(1)])
    model.pop()
    assert len(model.layers) == 2
    assert model.output_shape == (None, 2)
    data = np.random.rand(2, 3).astype('float32')
    assert _run(model, data).shape == (2, 2)
    model.pop()
    model.pop()
    assert model.layers == []
    with pytest.raises(TypeError, match='no layers'):
        model.pop()


def test_deferred_build():
    model = Sequential()
    model.add(Dense(4))
    model.add(Dense(1))
    assert not model.built
    assert model.inputs == []
    with pytest.raises(ValueError, match='not yet been built'):
        model.summary()
    model.build((None, 3))
    assert model.built
    assert model.output_shape == (None, 1)
    assert len(model.weights) == 4
    config = model.get_config()
    assert config['build_input_shape'] == (None, 3)
    clone = Sequential.from_config(config)
    assert clone.built and clone.output_shape == (None, 1)


def test_deferred_build_on_call():
    model = Sequential([Dense(2), Activation('relu')])
    x = Input((5,))
    y = model(x)
    assert model.built
    assert y._keras_shape == (None, 2)


def test_config_formats():
    model = Sequential([Dense(2, input_shape=(3,), name='d1'),
                        Dense(1, name='d2')], name='seq')
    config = model.get_config()
    assert config['name'] == 'seq'
    assert [l['class_name'] for l in config['layers']] == ['Dense', 'Dense']
    assert 'build_input_shape' not in config
    clone = Sequential.from_config(config)
    assert clone.get_config() == config
    old_style = Sequential.from_config(config['layers'])
    assert [l.name for l in old_style.layers] == ['d1', 'd2']
    clone.set_weights(model.get_weights())
    data = np.random.rand(2, 3).astype('float32')
    np.testing.assert_allclose(_run(clone, data), _run(model, data),
                               rtol=1e-6)
    from_json = models.model_from_json(model.to_json())
    assert isinstance(from_json, Sequential)
    assert from_json.get_config() == config


def test_later_keras2_sequential_config_with_input_layer():
    config = {'name': 'sequential',
              'layers': [{'class_name': 'InputLayer',
                          'config': {'batch_input_shape': [None, 4],
                                     'dtype': 'float32', 'sparse': False,
                                     'ragged': False,
                                     'name': 'dense_input'}},
                         {'class_name': 'Dense',
                          'config': {'name': 'dense', 'units': 2,
                                     'activation': 'linear'}}]}
    model = models.model_from_config({'class_name': 'Sequential',
                                      'config': config})
    assert [l.name for l in model.layers] == ['dense']
    assert model.input_shape == (None, 4)


def test_nested_sequential():
    inner = Sequential([Dense(3, input_shape=(2,)), Dense(3)])
    outer = Sequential([inner, Dense(1)])
    assert outer.input_shape == (None, 2)
    assert outer.layers[0] is inner
    assert len(outer.weights) == 6
    clone = Sequential.from_config(outer.get_config())
    clone.set_weights(outer.get_weights())
    data = np.random.rand(2, 2).astype('float32')
    np.testing.assert_allclose(_run(clone, data), _run(outer, data),
                               rtol=1e-6)


def test_trainable_flag_survives_add():
    model = Sequential([Dense(2, input_shape=(3,))])
    model.trainable = False
    model.add(Dense(1))
    assert not model.trainable
    assert model.trainable_weights == []
    assert len(model.non_trainable_weights) == 4


def test_summary_and_predict_classes():
    model = Sequential([Dense(3, input_shape=(2,), activation='softmax')])
    lines = []
    model.summary(print_fn=lines.append)
    text = '\n'.join(lines)
    assert 'Connected to' not in text and 'Total params: 9' in text
    data = np.random.rand(4, 2).astype('float32')
    proba = model.predict_proba(data)
    np.testing.assert_allclose(proba.sum(axis=-1), 1., rtol=1e-5)
    np.testing.assert_array_equal(model.predict_classes(data),
                                  proba.argmax(axis=-1))
