"""Model files written by other Keras 2 implementations: tf_keras 2.x files
(later config keys, renamed objects, `Functional`, new optimizers and their
state) and a hand-made Keras 2.0 file load, predict as their writer did
(1e-5), compile from their training config and train one more step."""
import json
import warnings

import h5py
import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import backend as K
from keras.engine.saving_upgrades import upgrade_model_config
from keras.engine.saving_upgrades import upgrade_optimizer_config
from keras.models import load_model


def _tf_keras_models(k, rng):
    """(name, model, inputs, compile arguments, targets) written below."""
    L = k.layers
    x5 = rng.rand(8, 5).astype('float32')
    a, b = L.Input((5,), name='a'), L.Input((3,), name='b')
    h = L.concatenate([L.Dense(4)(a), b])
    multi = k.Model([a, b], [L.Dense(1, name='o1')(h),
                             L.Dense(2, activation='sigmoid', name='o2')(h)])
    seq = rng.randint(1, 10, (6, 7))
    seq[:2, 5:] = 0
    inner = k.Sequential([L.Dense(3, input_shape=(4,)), L.Dense(2)],
                         name='inner')
    nested_in = L.Input((4,))
    m1, m2 = L.Input((3,)), L.Input((3,))
    merged = L.Average()([L.Minimum()([L.Maximum()([L.Subtract()([
        L.Multiply()([L.Add()([m1, m2]), m2]), m1]), m1]), m2]), m1])
    return [
        ('sequential', k.Sequential([
            L.Dense(4, activation='relu', input_shape=(5,),
                    kernel_regularizer='l2'),
            L.Dropout(0.3, seed=1), L.Dense(2, activation='softmax')]), x5,
         dict(optimizer='adam', loss='categorical_crossentropy',
              metrics=['accuracy']), np.eye(2)[rng.randint(0, 2, 8)]),
        ('functional_multi', multi, [x5, rng.rand(8, 3).astype('float32')],
         dict(optimizer=k.optimizers.SGD(learning_rate=0.05, momentum=0.9,
                                         clipnorm=1.0),
              loss={'o1': 'mse', 'o2': 'binary_crossentropy'},
              loss_weights={'o1': 1.0, 'o2': 0.5},
              metrics={'o2': ['accuracy']}),
         [rng.rand(8, 1), rng.randint(0, 2, (8, 2)).astype('float32')]),
        ('regularized', k.Sequential([L.Dense(
            3, input_shape=(2,), kernel_regularizer=k.regularizers.L2(0.01),
            bias_regularizer=k.regularizers.L1L2(0.01, 0.02),
            kernel_initializer=k.initializers.GlorotUniform(seed=1),
            kernel_constraint=k.constraints.MaxNorm(2.))]),
         rng.rand(8, 2).astype('float32'),
         dict(optimizer=k.optimizers.RMSprop(learning_rate=0.01),
              loss='mse'), rng.rand(8, 3)),
        ('convnets', k.Sequential([
            L.Conv2D(4, 3, padding='same', input_shape=(8, 8, 3)),
            L.BatchNormalization(), L.MaxPooling2D(),
            L.SeparableConv2D(3, 3), L.GlobalAveragePooling2D(),
            L.Dense(2)]), rng.rand(4, 8, 8, 3).astype('float32'), None, None),
        ('conv1d_3d', k.Sequential([
            L.Conv1D(3, 3, input_shape=(10, 2)), L.GlobalMaxPooling1D(),
            L.Dense(2)]), rng.rand(4, 10, 2).astype('float32'), None, None),
        ('rnn_masked', k.Sequential([
            L.Embedding(10, 4, mask_zero=True, input_length=7),
            L.LSTM(3, return_sequences=True), L.GRU(3, return_sequences=True),
            L.SimpleRNN(2)]), seq, None, None),
        ('bidirectional', k.Sequential([
            L.Bidirectional(L.LSTM(3, return_sequences=True),
                            input_shape=(5, 2)),
            L.Bidirectional(L.GRU(2)), L.Dense(1)]),
         rng.rand(4, 5, 2).astype('float32'), None, None),
        ('nested', k.Model(nested_in, L.Dense(1)(inner(nested_in))),
         rng.rand(4, 4).astype('float32'), None, None),
        ('locally_connected', k.Sequential([
            L.LocallyConnected1D(2, 3, input_shape=(6, 2)), L.Flatten(),
            L.Dense(1)]), rng.rand(3, 6, 2).astype('float32'), None, None),
        ('convlstm', k.Sequential([L.ConvLSTM2D(
            2, 3, padding='same', input_shape=(3, 5, 5, 1))]),
         rng.rand(2, 3, 5, 5, 1).astype('float32'), None, None),
        ('activations_noise', k.Sequential([
            L.Dense(4, input_shape=(3,)), L.LeakyReLU(0.2), L.PReLU(),
            L.ELU(), L.ThresholdedReLU(0.1), L.Softmax(),
            L.GaussianNoise(0.1), L.GaussianDropout(0.1),
            L.AlphaDropout(0.1), L.ReLU(max_value=6.)]),
         rng.rand(4, 3).astype('float32'), None, None),
        ('merge', k.Model([m1, m2], L.Concatenate()(
            [merged, L.Dot(axes=1)([m1, m2])])),
         [rng.rand(4, 3).astype('float32'),
          rng.rand(4, 3).astype('float32')], None, None),
    ]


@pytest.fixture(scope='module')
def tf_keras_files(tmp_path_factory):
    """Writes the files once with tf_keras (the peer implementation)."""
    k = pytest.importorskip('tf_keras')
    directory = tmp_path_factory.mktemp('tf_keras_files')
    files = {}
    for name, model, x, compile_args, y in _tf_keras_models(
            k, np.random.RandomState(0)):
        if compile_args:  # eagerly: no tracing, a few seconds at most
            model.compile(run_eagerly=True, **compile_args)
            model.fit(x, y, epochs=1, batch_size=4, verbose=0)
        path = str(directory / (name + '.h5'))
        model.save(path)
        expected = model(x, training=False)
        expected = [np.asarray(e) for e in expected] \
            if isinstance(expected, list) else np.asarray(expected)
        files[name] = (path, x, expected, y)
    return files


NAMES = ['sequential', 'functional_multi', 'regularized', 'convnets',
         'conv1d_3d', 'rnn_masked', 'bidirectional', 'nested',
         'locally_connected', 'convlstm', 'activations_noise', 'merge']


def _as_list(x):
    return x if isinstance(x, list) else [x]


@pytest.mark.parametrize('name', NAMES)
def test_tf_keras_file_predicts_as_written(tf_keras_files, name):
    path, x, expected, _ = tf_keras_files[name]
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        model = load_model(path, compile=False)
    for ours, theirs in zip(_as_list(model.predict(x)), _as_list(expected)):
        assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize('name,optimizer,config', [
    ('sequential', 'Adam', {'learning_rate': 0.001, 'beta_1': 0.9,
                            'beta_2': 0.999, 'epsilon': 1e-7,
                            'amsgrad': False}),
    ('functional_multi', 'SGD', {'learning_rate': 0.05, 'momentum': 0.9,
                                 'nesterov': False, 'clipnorm': 1.0}),
    ('regularized', 'RMSprop', {'learning_rate': 0.01, 'rho': 0.9,
                                'epsilon': 1e-7}),
])
def test_tf_keras_training_config_and_state(tf_keras_files, name, optimizer,
                                            config):
    path, x, _, y = tf_keras_files[name]
    model = load_model(path)
    assert type(model.optimizer).__name__ == optimizer
    ours = model.optimizer.get_config()
    for key, value in config.items():
        assert ours[key] == pytest.approx(value, rel=1e-6), key
    # tf_keras trained 2 batches: iterations and slots restored by name.
    assert K.get_value(model.optimizer.iterations) == 2
    with h5py.File(path, 'r') as f:
        group = f['optimizer_weights']
        names = [n.decode() if isinstance(n, bytes) else n
                 for n in group.attrs['weight_names']]
        saved = {n: np.asarray(group[n]) for n in names}
    first_slot = [n for n in names if n != 'iteration:0'][0]
    state = K.batch_get_value(model.optimizer.weights)
    assert any(s.shape == saved[first_slot].shape and
               np.array_equal(s, saved[first_slot]) for s in state)
    before = [w.copy() for w in model.get_weights()]
    model.train_on_batch(x, y)
    assert K.get_value(model.optimizer.iterations) == 3
    assert any(np.abs(a - b).max() > 0
               for a, b in zip(before, model.get_weights()))
    assert len(model.metrics_names) >= 1


def test_tf_keras_metrics_and_loss_weights(tf_keras_files):
    path, x, _, y = tf_keras_files['functional_multi']
    model = load_model(path)
    assert model.loss == {'o1': 'mse', 'o2': 'binary_crossentropy'}
    assert model.loss_weights == {'o1': 1.0, 'o2': 0.5}
    results = model.evaluate(x, y, verbose=0)
    assert len(results) == len(model.metrics_names) == 4


def _layer(class_name, **config):
    return {'class_name': class_name, 'config': dict(name='l', **config)}


def test_later_keys_honoured_ignored_or_refused():
    config = {'module': 'keras.src.engine.functional',
              'class_name': 'Functional', 'registered_name': None,
              'build_config': {}, 'config': {'name': 'm', 'layers': [
                  _layer('GaussianNoise', stddev=0.1, seed=3),
                  _layer('LSTM', units=2, time_major=False,
                         kernel_regularizer={
                             'module': 'keras.regularizers',
                             'class_name': 'L2', 'config': {'l2': 0.5},
                             'registered_name': None}),
                  _layer('BatchNormalization', axis=[3]),
                  _layer('InputLayer', ragged=False, sparse=False,
                         dtype={'class_name': 'DTypePolicy',
                                'config': {'name': 'float32'}})]}}
    upgraded = upgrade_model_config(config)
    assert upgraded['class_name'] == 'Model'
    assert 'module' not in upgraded and 'build_config' not in upgraded
    noise, lstm, norm, inp = upgraded['config']['layers']
    assert 'seed' not in noise['config']
    assert 'time_major' not in lstm['config']
    assert lstm['config']['kernel_regularizer'] == {
        'class_name': 'L1L2', 'config': {'l1': 0., 'l2': 0.5}}
    assert norm['config']['axis'] == 3
    assert inp['config']['dtype'] == 'float32'
    assert 'ragged' not in inp['config']
    for layer, key in [(_layer('LSTM', units=2, time_major=True),
                        'time_major'),
                       (_layer('GlobalAveragePooling2D', keepdims=True),
                        'keepdims'),
                       (_layer('InputLayer', ragged=True), 'ragged')]:
        with pytest.raises(ValueError, match="'l'.*%s" % key):
            upgrade_model_config(layer)


def test_new_optimizer_configs_mapped_or_refused():
    mapped = upgrade_optimizer_config({
        'class_name': 'Custom>Adam', 'config': {
            'name': 'Adam', 'weight_decay': None, 'clipnorm': None,
            'global_clipnorm': None, 'clipvalue': 0.5, 'use_ema': False,
            'ema_momentum': 0.99, 'ema_overwrite_frequency': None,
            'jit_compile': True, 'is_legacy_optimizer': False,
            'learning_rate': 0.01, 'beta_1': 0.8, 'beta_2': 0.99,
            'epsilon': 1e-7, 'amsgrad': True}})
    assert mapped == {'class_name': 'Adam', 'config': {
        'clipvalue': 0.5, 'learning_rate': 0.01, 'beta_1': 0.8,
        'beta_2': 0.99, 'epsilon': 1e-7, 'amsgrad': True}}
    for key, value in [('weight_decay', 0.004), ('use_ema', True),
                       ('centered', True), ('global_clipnorm', 1.0)]:
        with pytest.raises(ValueError, match='RMSprop.*%s' % key):
            upgrade_optimizer_config({'class_name': 'RMSprop',
                                      'config': {key: value}})


def test_file_with_unsupported_optimizer_loads_uncompiled(tmp_path,
                                                          tf_keras_files):
    path = str(tmp_path / 'decay.h5')
    with open(tf_keras_files['regularized'][0], 'rb') as src:
        data = src.read()
    with open(path, 'wb') as dst:
        dst.write(data)
    with h5py.File(path, 'a') as f:
        training = json.loads(f.attrs['training_config'])
        training['optimizer_config']['config']['weight_decay'] = 0.01
        f.attrs['training_config'] = json.dumps(training).encode('utf8')
    with pytest.warns(UserWarning, match='weight_decay'):
        model = load_model(path)
    assert model.optimizer is None


def test_hand_made_keras20_file(tmp_path):
    """A Keras 2.0 file: `lr` in the optimizer config, epsilon given, the
    RMSprop state saved without the iteration count."""
    rng = np.random.RandomState(5)
    kernel, bias = rng.randn(3, 2).astype('float32'), rng.randn(2)
    accumulators = [rng.rand(3, 2).astype('float32'),
                    rng.rand(2).astype('float32')]
    config = {'class_name': 'Sequential', 'config': [{
        'class_name': 'Dense', 'config': {
            'name': 'dense_1', 'trainable': True,
            'batch_input_shape': [None, 3], 'dtype': 'float32', 'units': 2,
            'activation': 'tanh', 'use_bias': True,
            'kernel_initializer': {'class_name': 'VarianceScaling',
                                   'config': {'scale': 1.0,
                                              'mode': 'fan_avg',
                                              'distribution': 'uniform',
                                              'seed': None}},
            'bias_initializer': {'class_name': 'Zeros', 'config': {}},
            'kernel_regularizer': None, 'bias_regularizer': None,
            'activity_regularizer': None, 'kernel_constraint': None,
            'bias_constraint': None}}]}
    training = {'optimizer_config': {'class_name': 'RMSprop', 'config': {
        'lr': 0.02, 'rho': 0.9, 'epsilon': 1e-08, 'decay': 0.0}},
        'loss': 'mean_squared_error', 'metrics': ['mae'],
        'sample_weight_mode': None, 'loss_weights': None}
    path = str(tmp_path / 'keras20.h5')
    with h5py.File(path, 'w') as f:
        f.attrs['keras_version'] = b'2.0.8'
        f.attrs['backend'] = b'tensorflow'
        f.attrs['model_config'] = json.dumps(config).encode('utf8')
        f.attrs['training_config'] = json.dumps(training).encode('utf8')
        weights = f.create_group('model_weights')
        weights.attrs['layer_names'] = np.array([b'dense_1'])
        weights.attrs['backend'] = b'tensorflow'
        weights.attrs['keras_version'] = b'2.0.8'
        layer = weights.create_group('dense_1')
        layer.attrs['weight_names'] = np.array([b'dense_1/kernel:0',
                                                b'dense_1/bias:0'])
        layer.create_dataset('dense_1/kernel:0', data=kernel)
        layer.create_dataset('dense_1/bias:0', data=bias.astype('float32'))
        state = f.create_group('optimizer_weights')
        state.attrs['weight_names'] = np.array([b'training/RMSprop/Variable:0',
                                                b'training/RMSprop/Variable_1:0'])
        for name, value in zip(state.attrs['weight_names'], accumulators):
            state.create_dataset(name.decode(), data=value)
    model = load_model(path)
    x = rng.rand(4, 3).astype('float32')
    assert_allclose(model.predict(x), np.tanh(x.dot(kernel) + bias),
                    rtol=1e-5, atol=1e-6)
    assert model.optimizer.get_config()['learning_rate'] == \
        pytest.approx(0.02)
    assert model.optimizer.get_config()['epsilon'] == 1e-08
    restored = K.batch_get_value(model.optimizer.weights)
    assert restored[0] == 0
    assert_allclose(restored[1], accumulators[0])
    loss, mae = model.train_on_batch(x, np.zeros((4, 2)))
    assert np.isfinite(loss) and mae > 0
