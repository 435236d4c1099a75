"""Keras 0.x / 1 spellings of models and optimizers (fit, evaluate,
generators, `Model(input=, output=)`, `get_updates`, `lr`), the 0.x
`Graph` container, and the module / layer names Keras 2.3 dropped."""
import os
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose

import keras
from keras import backend as K
from keras.layers import Input, Dense
from keras.models import Model, Sequential


def _legacy_messages(record):
    return [str(w.message) for w in record
            if 'Keras 2 API' in str(w.message)]


def _quiet(call):
    """(result, legacy warning messages) of `call()`."""
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter('always')
        result = call()
    return result, _legacy_messages(record)


def _data(n=32, seed=0):
    rng = np.random.RandomState(seed)
    x = rng.rand(n, 4).astype('float32')
    y = np.eye(3)[(x.sum(1) * 3 / 4).astype(int) % 3].astype('float32')
    return x, y


def _twin_models(metrics=None):
    """Two identical compiled MLPs (same initial weights)."""
    models = []
    for _ in range(2):
        model = Sequential([Dense(5, activation='tanh', input_shape=(4,)),
                            Dense(3, activation='softmax')])
        model.compile('sgd', 'categorical_crossentropy', metrics=metrics)
        models.append(model)
    models[1].set_weights(models[0].get_weights())
    return models


def _batches(x, y, batch_size=8):
    while True:
        for i in range(0, len(x), batch_size):
            yield x[i:i + batch_size], y[i:i + batch_size]


def test_fit_generator_keras1_spelling_is_the_keras2_call():
    x, y = _data()
    old, new = _twin_models()
    _, messages = _quiet(lambda: old.fit_generator(
        _batches(x, y), samples_per_epoch=40, nb_epoch=2,
        validation_data=_batches(x, y), nb_val_samples=20, nb_worker=1,
        pickle_safe=False, max_q_size=4, verbose=0))
    assert len(messages) == 1, messages
    assert 'steps_per_epoch=5' in messages[0]
    assert 'validation_steps=3' in messages[0]
    assert 'epochs=2' in messages[0] and 'workers=1' in messages[0]
    new.fit_generator(_batches(x, y), steps_per_epoch=5, epochs=2,
                      validation_data=_batches(x, y), validation_steps=3,
                      workers=1, use_multiprocessing=False,
                      max_queue_size=4, verbose=0)
    for a, b in zip(old.get_weights(), new.get_weights()):
        assert_allclose(a, b, rtol=1e-6)


def test_evaluate_and_predict_generator_val_samples():
    x, y = _data(16)
    model, _ = _twin_models()
    (loss, messages) = _quiet(lambda: model.evaluate_generator(
        _batches(x, y), val_samples=16))
    assert len(messages) == 1 and 'steps=2' in messages[0]
    assert_allclose(loss, model.evaluate(x, y, verbose=0), rtol=1e-5)
    preds, _ = _quiet(lambda: model.predict_generator(
        (b[0] for b in _batches(x, y)), val_samples=12))
    assert preds.shape == (16, 3)  # 2 batches of 8 hold the 12 samples
    assert_allclose(preds, model.predict(x), rtol=1e-5)


def test_fit_nb_epoch_show_accuracy_and_evaluate():
    x, y = _data()
    old, new = _twin_models()
    history, messages = _quiet(lambda: old.fit(
        x, y, batch_size=8, nb_epoch=2, show_accuracy=True, verbose=0,
        shuffle=False))
    assert len(messages) == 1 and 'epochs=2' in messages[0]
    assert 'metrics=["accuracy"]' in messages[0]
    assert len(history.history['loss']) == 2
    assert 'acc' in history.history or 'accuracy' in history.history
    new.compile('sgd', 'categorical_crossentropy', metrics=['accuracy'])
    new.fit(x, y, batch_size=8, epochs=2, verbose=0, shuffle=False)
    for a, b in zip(old.get_weights(), new.get_weights()):
        assert_allclose(a, b, rtol=1e-6)
    (loss, acc), _ = _quiet(lambda: old.evaluate(x, y, show_accuracy=True,
                                                 verbose=0))
    expected = np.mean(old.predict(x).argmax(1) == y.argmax(1))
    assert_allclose(acc, expected, rtol=1e-6)
    assert_allclose(old.predict_classes(x), old.predict(x).argmax(1))
    assert_allclose(old.predict_proba(x), old.predict(x))


def test_compile_class_mode_is_dropped_with_one_warning():
    model, _ = _twin_models()
    _, messages = _quiet(lambda: model.compile(
        'rmsprop', 'categorical_crossentropy', class_mode='categorical'))
    assert len(messages) == 1 and 'class_mode' in messages[0]
    assert model.optimizer.__class__.__name__ == 'RMSprop'


def test_model_input_output_keywords():
    x = Input((4,))
    y = Dense(2, name='d')(x)
    old, messages = _quiet(lambda: Model(input=x, output=y))
    assert len(messages) == 1 and 'inputs=' in messages[0]
    new = Model(inputs=x, outputs=y)
    assert old.get_config() == new.get_config() or \
        old.get_config()['layers'] == new.get_config()['layers']
    with pytest.raises(TypeError, match='inputs'):
        Model(input=x, inputs=x, outputs=y)


def test_optimizer_lr_and_keras1_get_updates():
    from keras.optimizers import SGD, Adam
    old, messages = _quiet(lambda: SGD(lr=0.2, momentum=0.5))
    assert len(messages) == 1 and 'learning_rate=0.2' in messages[0]
    assert old.get_config() == SGD(learning_rate=0.2,
                                   momentum=0.5).get_config()
    adam, messages = _quiet(lambda: Adam(lr=0.01))
    assert len(messages) == 1
    assert_allclose(K.get_value(adam.lr), 0.01, rtol=1e-6)

    results = []
    for keras1 in (True, False):
        w = K.variable(np.array([1., -2.], dtype='float32'))
        loss = K.sum(K.square(w))
        opt = SGD(learning_rate=0.1)
        if keras1:
            updates, messages = _quiet(lambda: opt.get_updates([w], {}, loss))
            assert len(messages) == 1
        else:
            updates = opt.get_updates(loss, [w])
        K.function([], [], updates=updates)([])
        results.append(K.get_value(w))
    assert_allclose(results[0], results[1])
    assert_allclose(results[1], [1. - 0.2, -2. + 0.4], rtol=1e-6)


# ----------------------------------------------------------------------
# Graph
# ----------------------------------------------------------------------

def _graph():
    from keras.models import Graph
    graph = Graph()
    graph.add_input(name='input1', input_shape=(6,))
    graph.add_input(name='input2', input_shape=(6,))
    graph.add_node(Dense(5), name='dense1', input='input1')
    graph.add_node(Dense(3), name='dense2', input='input2')
    graph.add_node(Dense(3), name='dense3', input='dense1')
    graph.add_output(name='output1', inputs=['dense2', 'dense3'],
                     merge_mode='sum')
    graph.add_output(name='output2', input='dense1')
    graph.compile('rmsprop', {'output1': 'mse', 'output2': 'mse'})
    return graph


def _graph_data(n=32):
    rng = np.random.RandomState(3)
    x1, x2 = rng.rand(n, 6), rng.rand(n, 6)
    return {'input1': x1, 'input2': x2,
            'output1': x1[:, :3] - x2[:, 3:], 'output2': x1[:, :5] * 0.5}


def test_graph_two_inputs_two_outputs_trains_and_round_trips(tmp_path):
    data = _graph_data()
    graph, messages = _quiet(_graph)
    assert len(messages) == 1 and 'functional API' in messages[0]
    before = graph.evaluate(data, batch_size=16, verbose=0)
    history, _ = _quiet(lambda: graph.fit(data, batch_size=16, nb_epoch=30,
                                          verbose=0))
    after = graph.evaluate(data, batch_size=16, verbose=0)
    assert after[0] < before[0]
    assert len(history.history['loss']) == 30

    preds = graph.predict({'input1': data['input1'],
                           'input2': data['input2']})
    assert sorted(preds) == ['output1', 'output2']
    weights = {layer.name: layer.get_weights() for layer in graph.layers}
    d1 = data['input1'] @ weights['dense1'][0] + weights['dense1'][1]
    expected1 = (data['input2'] @ weights['dense2'][0] +
                 weights['dense2'][1] + d1 @ weights['dense3'][0] +
                 weights['dense3'][1])
    assert_allclose(preds['output1'], expected1, rtol=1e-4, atol=1e-5)
    assert_allclose(preds['output2'], d1, rtol=1e-4, atol=1e-5)

    path = os.path.join(str(tmp_path), 'graph.h5')
    graph.save(path)
    loaded = keras.models.load_model(path)
    assert loaded.__class__.__name__ == 'Graph'
    again = loaded.predict(data)
    for name in preds:
        assert_allclose(again[name], preds[name], rtol=1e-6, atol=1e-6)
    loss = loaded.train_on_batch(data)
    assert np.all(np.isfinite(loss))
    assert sorted(loaded.predict_on_batch(data)) == ['output1', 'output2']


def test_graph_ndim_inputs_shared_nodes_and_errors():
    from keras.models import Graph
    graph, _ = _quiet(Graph)
    graph.add_input(name='a', ndim=2)
    graph.add_input(name='b', ndim=2)
    shared = Dense(2)
    graph.add_shared_node(shared, name='shared', inputs=['a', 'b'],
                          merge_mode='concat')
    graph.add_output(name='out', input='shared')
    with pytest.raises(ValueError, match='duplicate'):
        graph.add_node(Dense(1), name='shared', input='a')
    with pytest.raises(ValueError, match='unknown input node'):
        graph.add_node(Dense(1), name='c', input='nope')
    graph.compile('sgd', {'out': 'mse'})
    rng = np.random.RandomState(0)
    data = {'a': rng.rand(4, 3), 'b': rng.rand(4, 3),
            'out': rng.rand(4, 4)}
    _quiet(lambda: graph.fit(data, nb_epoch=1, verbose=0))
    out = graph.predict(data)['out']
    kernel, bias = shared.get_weights()
    expected = np.concatenate([data['a'] @ kernel + bias,
                               data['b'] @ kernel + bias], axis=-1)
    assert_allclose(out, expected, rtol=1e-4, atol=1e-5)
    with pytest.raises(ValueError, match='no entry'):
        graph.predict({'a': data['a']})


# ----------------------------------------------------------------------
# Names Keras 2.3 dropped
# ----------------------------------------------------------------------

def test_old_module_names_import():
    from keras.layers.core import (Repeat, TimeDistributedDense,  # noqa
                                   AutoEncoder, MaxoutDense, Highway)
    from keras.layers import containers
    from keras.layers.advanced_activations import (  # noqa: F401
        ParametricSoftplus, ThresholdedLinear)
    from keras.utils.np_utils import (to_categorical,
                                      categorical_probas_to_classes)
    from keras import objectives, initializations
    assert containers.Sequential is Sequential
    assert containers.Graph is keras.models.Graph
    p = np.array([[0.1, 0.9], [0.8, 0.2]])
    assert list(categorical_probas_to_classes(p)) == [1, 0]
    assert_allclose(to_categorical([1, 0], 2), [[0, 1], [1, 0]])
    assert objectives.mean_squared_error is keras.losses.mean_squared_error
    variable = initializations.get('uniform')((3, 4), name='w')
    value = K.get_value(variable)
    assert value.shape == (3, 4) and np.abs(value).max() <= 0.05


@pytest.mark.parametrize('name,cls', [
    ('uniform', 'RandomUniform'), ('normal', 'RandomNormal'),
    ('lecun_uniform', 'VarianceScaling'),
    ('glorot_uniform', 'VarianceScaling'), ('he_normal', 'VarianceScaling'),
    ('orthogonal', 'Orthogonal'), ('identity', 'Identity'),
    ('zero', 'Zeros'), ('one', 'Ones')])
def test_keras0_init_names(name, cls):
    layer, messages = _quiet(lambda: keras.layers.Dense(4, 4, init=name))
    assert len(messages) == 1
    assert layer.kernel_initializer.__class__.__name__ == cls
    x = Input((4,))
    layer(x)
    kernel = layer.get_weights()[0]
    if name == 'identity':
        assert_allclose(kernel, np.eye(4))
    if name in ('zero', 'one'):
        assert_allclose(kernel, np.full((4, 4), float(name == 'one')))


def test_parametric_softplus_thresholded_linear_autoencoder():
    from keras.layers import ParametricSoftplus, ThresholdedLinear
    from keras.layers.core import AutoEncoder
    rng = np.random.RandomState(0)
    data = (rng.rand(3, 4) * 4 - 2).astype('float32')
    x = Input((4,))
    softplus = ParametricSoftplus(alpha_init=0.5, beta_init=2.0)
    threshold = ThresholdedLinear(theta=1.0)
    encoder, decoder = Dense(2, activation='tanh'), Dense(4)
    auto, messages = _quiet(lambda: AutoEncoder(encoder, decoder))
    assert len(messages) == 1
    code_only, _ = _quiet(lambda: AutoEncoder(
        encoder, decoder, output_reconstruction=False))
    model = Model(x, [softplus(x), threshold(x), auto(x), code_only(x)])
    out_sp, out_th, out_ae, out_code = model.predict(data)
    assert_allclose(out_sp, 0.5 * np.log1p(np.exp(2.0 * data)), rtol=1e-5)
    assert_allclose(out_th, data * (np.abs(data) >= 1.0))
    w1, b1 = encoder.get_weights()
    w2, b2 = decoder.get_weights()
    code = np.tanh(data @ w1 + b1)
    assert_allclose(out_code, code, rtol=1e-5, atol=1e-6)
    assert_allclose(out_ae, code @ w2 + b2, rtol=1e-5, atol=1e-6)
    assert [w.shape for w in softplus.get_weights()] == [(4,), (4,)]
    assert len(auto.trainable_weights) == 4
    restored = ParametricSoftplus.from_config(softplus.get_config())
    assert restored.get_config() == softplus.get_config()
    again = AutoEncoder.from_config(auto.get_config())
    assert again.output_reconstruction is True


def test_old_optimizer_config_loads_without_warning():
    from keras import optimizers
    optimizer, messages = _quiet(lambda: optimizers.deserialize(
        {'class_name': 'SGD', 'config': {'lr': 0.3, 'momentum': 0.1}}))
    assert messages == []
    assert_allclose(K.get_value(optimizer.learning_rate), 0.3, rtol=1e-6)


def test_input_dtype_and_keras20_add_weight_order():
    from keras.engine.input_layer import InputLayer
    from keras.layers import Layer
    layer, messages = _quiet(lambda: InputLayer(input_shape=(3,),
                                                input_dtype='int32'))
    assert len(messages) == 1 and 'dtype="int32"' in messages[0]
    assert layer.dtype == 'int32'

    class Scale(Layer):
        def build(self, input_shape):
            self.w = self.add_weight((input_shape[-1],), 'w',
                                     initializer='ones')
            self.built = True

        def call(self, x):
            return x * self.w

    scale = Scale()
    _, messages = _quiet(lambda: scale(Input((4,))))
    assert len(messages) == 1 and 'add_weight' in messages[0]
    assert scale.weights[0].name.split('/')[-1].startswith('w')
    assert scale.get_weights()[0].shape == (4,)
