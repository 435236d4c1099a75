"""Safe mode: loading a model file or config never runs code stored in it.

A `Lambda` whose function is unknown bytecode (here: a function that
writes a marker file when it runs, as an attacker's payload would) is
refused by every loader unless `safe_mode=False`; functions this program
knows (custom objects, registered objects, the library's own) load with
the defaults, matched by name and bytecode.
"""
import copy
import os

import numpy as np
import pytest

import keras
from keras import backend as K
from keras import layers
from keras.models import (Model, Sequential, load_model, model_from_json,
                          model_from_yaml, model_from_config, clone_model)
from keras.utils import safe_mode
from keras.utils.generic_utils import custom_object_scope

def payload(t):
    """Stands for an attacker's code: leaves a trace when it runs (it only
    uses builtins, as rebuilt bytecode gets other globals)."""
    with open(__import__('os').environ['KERAS_TEST_PAYLOAD'], 'a') as f:
        f.write('ran\n')
    return t


def double(t):
    return t * 2


@pytest.fixture
def marker(tmp_path, monkeypatch):
    monkeypatch.setenv('KERAS_TEST_PAYLOAD', str(tmp_path / 'payload-ran'))
    return tmp_path / 'payload-ran'


def _model(function, **kwargs):
    inputs = layers.Input(shape=(3,))
    outputs = layers.Lambda(function, name='lam', **kwargs)(inputs)
    return Model(inputs, outputs)


@pytest.fixture
def poisoned(marker, tmp_path):
    """A model file, JSON and YAML configs whose Lambda runs `payload`."""
    model = _model(payload)
    model.compile('sgd', 'mse')
    path = str(tmp_path / 'poisoned.h5')
    model.save(path)
    files = {'h5': path, 'json': model.to_json(), 'yaml': model.to_yaml(),
             'config': {'class_name': 'Model', 'config': model.get_config()}}
    os.remove(str(marker))  # it ran while the attacker built the model
    return files


LOADERS = {
    'load_model': lambda f, **kw: load_model(f['h5'], **kw),
    'load_model_compile_false': lambda f, **kw: load_model(
        f['h5'], compile=False, **kw),
    'model_from_json': lambda f, **kw: model_from_json(f['json'], **kw),
    'model_from_yaml': lambda f, **kw: model_from_yaml(f['yaml'], **kw),
    'model_from_config': lambda f, **kw: model_from_config(f['config'],
                                                           **kw),
}


@pytest.mark.parametrize('loader', sorted(LOADERS))
def test_unknown_bytecode_is_refused_by_default(poisoned, marker, loader):
    with pytest.raises(ValueError) as err:
        LOADERS[loader](poisoned)
    assert isinstance(err.value, safe_mode.UnsafeDeserializationError)
    message = str(err.value)
    assert 'Lambda layer "lam"' in message
    assert 'safe_mode=False' in message
    assert 'enable_unsafe_deserialization' in message
    assert not marker.exists()


@pytest.mark.parametrize('loader', sorted(LOADERS))
def test_unknown_bytecode_runs_only_with_safe_mode_false(poisoned, marker,
                                                         loader):
    model = LOADERS[loader](poisoned, safe_mode=False)
    assert marker.exists()
    x = np.arange(6, dtype='float32').reshape(2, 3)
    np.testing.assert_allclose(model.predict(x), x)


def test_h5_file_names_the_file_in_the_refusal(poisoned):
    with pytest.raises(ValueError, match='poisoned.h5'):
        load_model(poisoned['h5'])


def test_enable_unsafe_deserialization(poisoned, marker, monkeypatch):
    monkeypatch.setitem(safe_mode._STATE, 'unsafe_enabled', False)
    assert keras.config.in_safe_mode()
    keras.config.enable_unsafe_deserialization()
    assert not keras.config.in_safe_mode()
    model = layers.Lambda.from_config(
        _model(payload).layers[1].get_config())
    assert model.function is not payload and callable(model.function)
    # An explicit safe_mode=True still wins for that call.
    with pytest.raises(safe_mode.UnsafeDeserializationError):
        load_model(poisoned['h5'], safe_mode=True)


def test_lambda_from_config_default_and_explicit(marker):
    config = _model(payload).layers[1].get_config()
    with pytest.raises(safe_mode.UnsafeDeserializationError):
        layers.Lambda.from_config(config)
    layer = layers.Lambda.from_config(config, safe_mode=False)
    assert layer.function.__name__ == 'payload'
    assert layer.function is not payload
    with pytest.raises(TypeError, match='safe_mode'):
        safe_mode.SafeModeScope('yes')


def test_known_function_from_custom_objects_loads_by_default(tmp_path):
    model = _model(double)
    path = str(tmp_path / 'double.h5')
    model.save(path)
    x = np.ones((1, 3), 'float32')
    loaded = load_model(path, custom_objects={'double': double})
    assert loaded.get_layer('lam').function is double
    np.testing.assert_allclose(loaded.predict(x), 2 * x)
    again = model_from_json(model.to_json(), custom_objects={'double': double})
    assert again.get_layer('lam').function is double
    with custom_object_scope({'double': double}):
        assert model_from_yaml(model.to_yaml()).get_layer(
            'lam').function is double


def test_function_with_the_right_name_but_other_code_is_refused(tmp_path):
    def double(t):  # same name, other bytecode
        return t * 3

    config = _model(double).layers[1].get_config()
    with pytest.raises(safe_mode.UnsafeDeserializationError):
        layers.Lambda.from_config(config,
                                  custom_objects={'double': globals()[
                                      'double']})


def test_defaults_and_closures_must_match():
    def scale(t, factor=2.):
        return t * factor

    config = _model(scale).layers[1].get_config()
    assert layers.Lambda.from_config(
        config, custom_objects={'scale': scale}).function is scale
    code, _, closure = config['function']
    config['function'] = (code, [5.], closure)  # defaults changed in file
    with pytest.raises(safe_mode.UnsafeDeserializationError):
        layers.Lambda.from_config(config, custom_objects={'scale': scale})


def test_library_function_loads_by_default(tmp_path):
    model = _model(K.l2_normalize, arguments={'axis': -1})
    path = str(tmp_path / 'l2.h5')
    model.save(path)
    loaded = load_model(path)
    assert loaded.get_layer('lam').function is K.l2_normalize
    x = np.array([[3., 4., 0.]], 'float32')
    np.testing.assert_allclose(loaded.predict(x), [[.6, .8, 0.]], rtol=1e-5)


def test_output_shape_and_mask_functions_are_checked_too():
    layer = layers.Lambda(double, output_shape=lambda s: s, name='lam')
    config = layer.get_config()
    with pytest.raises(safe_mode.UnsafeDeserializationError,
                       match='output_shape'):
        layers.Lambda.from_config(config, custom_objects={'double': double})


def test_damaged_payload_is_a_clear_error():
    config = _model(double).layers[1].get_config()
    config['function'] = ['not', 'a']
    with pytest.raises(ValueError, match='not a serialized function'):
        layers.Lambda.from_config(config)
    config['function'] = ('AAAA', None, None)
    with pytest.raises(safe_mode.UnsafeDeserializationError):
        layers.Lambda.from_config(config)


def test_in_memory_copies_keep_working(marker):
    """clone_model, deepcopy and pickle copy live models (the user's own
    functions): no refusal."""
    model = _model(double)
    x = np.ones((2, 3), 'float32')
    np.testing.assert_allclose(clone_model(model).predict(x), 2 * x)
    np.testing.assert_allclose(copy.deepcopy(model).predict(x), 2 * x)
    sequential = Sequential([layers.Lambda(double, input_shape=(3,))])
    np.testing.assert_allclose(clone_model(sequential).predict(x), 2 * x)


def test_fork_wrapper_l2_norm_lambda_loads_by_default():
    """NMT-Keras-style code saves `Lambda(L2_norm)` (bytecode, as Keras 2.3
    wrote every function) and reloads it with `model_from_json`."""
    from keras.layers.normalization import L2_norm
    model = _model(L2_norm)
    loaded = model_from_json(model.to_json())
    assert loaded.get_layer('lam').function is L2_norm
    x = np.array([[3., 0., 4.]], 'float32')
    np.testing.assert_allclose(loaded.predict(x), [[.6, 0., .8]], rtol=1e-5)
