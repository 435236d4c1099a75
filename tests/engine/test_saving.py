"""Tests of HDF5 saving/loading: layout, round trips, errors, conversions,
files of other Keras 2 writers (tf_keras, a hand-written fixture, the other
backend)."""
import io
import json
import os
import pickle
import subprocess
import sys
import warnings

import h5py
import numpy as np
import pytest

import keras
from keras import backend as K
from keras.engine import Layer, Input, saving
from keras.engine.saving_conversions import preprocess_weights_for_loading
from keras.layers import (Dense, BatchNormalization, Conv1D, Conv2D, LSTM,
                          GRU, Bidirectional, TimeDistributed)
from keras.models import Model, Sequential, load_model
from keras.utils.io_utils import (H5Dict, HDF5Matrix,
                                  save_attributes_to_hdf5_group,
                                  load_attributes_from_hdf5_group,
                                  HDF5_OBJECT_HEADER_LIMIT)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
SUFFIX = ':0' if K.backend() == 'tensorflow' else ''


class MyScale(Layer):
    """Custom test layer (needs custom_objects to load)."""

    def build(self, input_shape):
        self.kernel = self.add_weight('kernel', (input_shape[-1],),
                                      initializer='ones')
        self.built = True

    def call(self, inputs):
        return inputs * self.kernel


def _functional_model():
    x = Input((4,), name='x')
    h = Dense(3, name='hidden')(x)
    h = BatchNormalization(name='bn')(h)
    y = Dense(2, name='out')(h)
    return Model(x, y, name='func')


def _randomize(model, seed=0):
    rng = np.random.RandomState(seed)
    model.set_weights([rng.uniform(0.5, 1.5, w.shape).astype('float32')
                       for w in model.get_weights()])


def _data(*shape):
    return np.random.RandomState(1).rand(*shape).astype('float32')


def _attr_text(value):
    return value.decode('utf8') if isinstance(value, bytes) else value


def test_file_layout_and_round_trip(tmp_path):
    model = _functional_model()
    _randomize(model)
    model.compile(keras.optimizers.SGD(lr=0.01, momentum=0.9), 'mse',
                  metrics=['mae'])
    model.train_on_batch(_data(2, 4), _data(2, 2))
    path = str(tmp_path / 'model.h5')
    model.save(path)

    with h5py.File(path, 'r') as f:
        assert _attr_text(f.attrs['keras_version']) == keras.__version__
        assert _attr_text(f.attrs['backend']) == K.backend()
        config = json.loads(_attr_text(f.attrs['model_config']))
        assert config['class_name'] == 'Model'
        training = json.loads(_attr_text(f.attrs['training_config']))
        assert set(training) == {'optimizer_config', 'loss', 'metrics',
                                 'weighted_metrics', 'sample_weight_mode',
                                 'loss_weights'}
        assert training['optimizer_config']['class_name'] == 'SGD'
        assert training['loss'] == 'mse'
        weights = f['model_weights']
        assert load_attributes_from_hdf5_group(weights, 'layer_names') == [
            'x', 'hidden', 'bn', 'out']
        assert load_attributes_from_hdf5_group(weights['x'],
                                               'weight_names') == []
        bn_names = load_attributes_from_hdf5_group(weights['bn'],
                                                   'weight_names')
        assert bn_names == ['bn/gamma' + SUFFIX, 'bn/beta' + SUFFIX,
                            'bn/moving_mean' + SUFFIX,
                            'bn/moving_variance' + SUFFIX]
        kernel = weights['hidden']['hidden/kernel' + SUFFIX]
        assert kernel.shape == (4, 3)
        assert 'hidden' in weights['hidden']   # nested group from the '/'
        assert 'optimizer_weights' in f

    loaded = load_model(path)
    assert loaded.optimizer.__class__.__name__ == 'SGD'
    for got, want in zip(loaded.get_weights(), model.get_weights()):
        np.testing.assert_array_equal(got, want)
    for got, want in zip(loaded.optimizer.get_weights(),
                         model.optimizer.get_weights()):
        np.testing.assert_allclose(got, want)
    data = _data(3, 4)
    np.testing.assert_allclose(loaded.predict(data), model.predict(data),
                               rtol=1e-6)


def test_sequential_layer_names_and_compile_false(tmp_path):
    model = Sequential([Dense(3, input_shape=(2,), name='d1'),
                        Dense(1, name='d2')])
    path = str(tmp_path / 'seq.h5')
    model.save(path)
    with h5py.File(path, 'r') as f:
        assert load_attributes_from_hdf5_group(
            f['model_weights'], 'layer_names') == ['d1', 'd2']
        assert 'training_config' not in f.attrs
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        loaded = load_model(path, compile=False)
    assert not [w for w in caught if 'training configuration' in
                str(w.message)]
    assert isinstance(loaded, Sequential)
    with pytest.warns(UserWarning, match='No training configuration'):
        load_model(path)
    data = _data(2, 2)
    np.testing.assert_allclose(loaded.predict(data), model.predict(data),
                               rtol=1e-6)


def test_file_like_and_h5py_targets(tmp_path):
    model = _functional_model()
    _randomize(model)
    stream = io.BytesIO()
    keras.models.save_model(model, stream)
    stream.seek(0)
    loaded = load_model(stream)
    data = _data(2, 4)
    np.testing.assert_allclose(loaded.predict(data), model.predict(data),
                               rtol=1e-6)
    path = str(tmp_path / 'group.h5')
    with h5py.File(path, 'w') as f:
        saving.save_model(model, f.create_group('inner'))
    with h5py.File(path, 'r') as f:
        again = saving.load_model(f['inner'])
    np.testing.assert_allclose(again.predict(data), model.predict(data),
                               rtol=1e-6)


def test_pickle_and_deepcopy():
    import copy
    model = _functional_model()
    _randomize(model)
    data = _data(2, 4)
    for clone in (pickle.loads(pickle.dumps(model)), copy.deepcopy(model)):
        assert clone is not model
        np.testing.assert_allclose(clone.predict(data), model.predict(data),
                                   rtol=1e-6)
    state = saving.pickle_model(model)
    assert isinstance(saving.unpickle_model(state), Model)


def test_save_and_load_weights(tmp_path):
    model = _functional_model()
    _randomize(model)
    path = str(tmp_path / 'weights.h5')
    model.save_weights(path)
    with h5py.File(path, 'r') as f:
        assert load_attributes_from_hdf5_group(f, 'layer_names') == [
            'x', 'hidden', 'bn', 'out']
        assert _attr_text(f.attrs['backend']) == K.backend()
    other = _functional_model()
    other.load_weights(path)
    for got, want in zip(other.get_weights(), model.get_weights()):
        np.testing.assert_array_equal(got, want)
    # load_weights also reads a full model file.
    full = str(tmp_path / 'full.h5')
    model.save(full)
    third = _functional_model()
    third.load_weights(full)
    np.testing.assert_array_equal(third.get_weights()[0],
                                  model.get_weights()[0])
    with pytest.raises(ValueError, match='No model found'):
        load_model(path)


def test_load_weights_topology_mismatch_errors(tmp_path):
    model = _functional_model()
    path = str(tmp_path / 'weights.h5')
    model.save_weights(path)
    small = Sequential([Dense(3, input_shape=(4,))])
    with pytest.raises(ValueError, match='containing 3 layers'):
        small.load_weights(path)
    x = Input((4,))
    wrong = Model(x, Dense(2, name='out')(BatchNormalization(name='bn')(
        Dense(5, name='hidden')(x))))
    with pytest.raises(ValueError) as info:
        wrong.load_weights(path)
    message = str(info.value)
    assert 'hidden' in message and 'kernel' in message
    assert '(4, 5)' in message and '(4, 3)' in message


def test_load_weights_by_name(tmp_path):
    model = _functional_model()
    _randomize(model)
    path = str(tmp_path / 'weights.h5')
    model.save_weights(path)
    x = Input((4,))
    h = Dense(3, name='hidden')(x)
    y = Dense(7, name='new_head')(h)
    other = Model(x, y)
    other.load_weights(path, by_name=True)
    np.testing.assert_array_equal(other.get_layer('hidden').get_weights()[0],
                                  model.get_layer('hidden').get_weights()[0])
    x = Input((4,))
    mismatched = Model(x, Dense(5, name='out')(Dense(3, name='hidden')(x)))
    with pytest.raises(ValueError, match='out.*kernel.*\\(3, 5\\).*'
                                         '\\(3, 2\\)'):
        mismatched.load_weights(path, by_name=True)
    with pytest.warns(UserWarning, match='Skipping loading'):
        mismatched.load_weights(path, by_name=True, skip_mismatch=True)
    np.testing.assert_array_equal(
        mismatched.get_layer('hidden').get_weights()[0],
        model.get_layer('hidden').get_weights()[0])
    with pytest.raises(ValueError, match='skip_mismatch'):
        mismatched.load_weights(path, skip_mismatch=True)


def test_truncated_and_corrupt_files(tmp_path):
    model = _functional_model()
    path = str(tmp_path / 'model.h5')
    model.save(path)
    with h5py.File(path, 'a') as f:
        del f['model_weights']['out']['out']['bias' + SUFFIX]
    with pytest.raises(ValueError) as info:
        load_model(path)
    message = str(info.value)
    assert '"out"' in message and 'out/bias' in message
    model.save(path)
    with h5py.File(path, 'a') as f:
        group = f['model_weights']['out']
        del group['out']['kernel' + SUFFIX]
        group.create_dataset('out/kernel' + SUFFIX, data=np.zeros((3, 5)))
    with pytest.raises(ValueError, match='out.*kernel.*\\(3, 2\\).*'
                                         '\\(3, 5\\)'):
        load_model(path)
    with open(path, 'rb') as f:
        head = f.read(2048)
    broken = str(tmp_path / 'cut.h5')
    with open(broken, 'wb') as f:
        f.write(head)
    with pytest.raises(OSError, match='cut.h5'):
        load_model(broken)


def test_custom_objects(tmp_path):
    x = Input((3,))
    model = Model(x, MyScale(name='scale')(x))
    path = str(tmp_path / 'custom.h5')
    model.save(path)
    with pytest.raises(ValueError, match='Unknown layer: MyScale'):
        load_model(path)
    loaded = load_model(path, custom_objects={'MyScale': MyScale})
    assert isinstance(loaded.get_layer('scale'), MyScale)
    with keras.utils.CustomObjectScope({'MyScale': MyScale}):
        assert isinstance(load_model(path).layers[1], MyScale)


def test_attribute_chunking(tmp_path):
    names = ['layer_with_a_long_name_%05d' % i for i in range(4000)]
    with h5py.File(str(tmp_path / 'attrs.h5'), 'w') as f:
        save_attributes_to_hdf5_group(f, 'layer_names', names)
        assert 'layer_names' not in f.attrs
        assert 'layer_names0' in f.attrs and 'layer_names1' in f.attrs
        assert all(f.attrs[k].nbytes <= HDF5_OBJECT_HEADER_LIMIT
                   for k in f.attrs)
        assert load_attributes_from_hdf5_group(f, 'layer_names') == names
        assert H5Dict(f)['layer_names'] == names
        with pytest.raises(RuntimeError, match='larger than'):
            save_attributes_to_hdf5_group(
                f, 'huge', ['x' * (HDF5_OBJECT_HEADER_LIMIT + 1)])


def _write_keras23_fixture(path, kernel1, bias1, kernel2, bias2):
    """A file laid out as Keras 2.3.1 on Theano writes it (weights.md §4),
    with `layer_names` split in chunks."""
    config = {'class_name': 'Sequential', 'config': {
        'name': 'sequential_1', 'layers': [
            {'class_name': 'Dense', 'config': {
                'name': 'dense_1', 'trainable': True,
                'batch_input_shape': [None, 3], 'dtype': 'float32',
                'units': 2, 'activation': 'relu', 'use_bias': True,
                'kernel_initializer': {'class_name': 'VarianceScaling',
                                       'config': {'scale': 1.0,
                                                  'mode': 'fan_avg',
                                                  'distribution': 'uniform',
                                                  'seed': None}},
                'bias_initializer': {'class_name': 'Zeros', 'config': {}},
                'kernel_regularizer': None, 'bias_regularizer': None,
                'activity_regularizer': None, 'kernel_constraint': None,
                'bias_constraint': None}},
            {'class_name': 'Dense', 'config': {
                'name': 'dense_2', 'trainable': True, 'dtype': 'float32',
                'units': 1, 'activation': 'linear', 'use_bias': True,
                'kernel_initializer': {'class_name': 'Zeros', 'config': {}},
                'bias_initializer': {'class_name': 'Zeros', 'config': {}},
                'kernel_regularizer': None, 'bias_regularizer': None,
                'activity_regularizer': None, 'kernel_constraint': None,
                'bias_constraint': None}}]}}
    training = {'optimizer_config': {'class_name': 'SGD', 'config': {
        'lr': 0.01, 'momentum': 0.0, 'decay': 0.0, 'nesterov': False}},
        'loss': 'mean_squared_error', 'metrics': [],
        'weighted_metrics': None, 'sample_weight_mode': None,
        'loss_weights': None}
    with h5py.File(path, 'w') as f:
        f.attrs['keras_version'] = b'2.3.1'
        f.attrs['backend'] = b'theano'
        f.attrs['model_config'] = json.dumps(config).encode('utf8')
        f.attrs['training_config'] = json.dumps(training).encode('utf8')
        group = f.create_group('model_weights')
        group.attrs['layer_names0'] = np.array([b'dense_1'])
        group.attrs['layer_names1'] = np.array([b'dense_2'])
        group.attrs['backend'] = b'theano'
        group.attrs['keras_version'] = b'2.3.1'
        for name, kernel, bias in (('dense_1', kernel1, bias1),
                                   ('dense_2', kernel2, bias2)):
            layer = group.create_group(name)
            layer.attrs['weight_names'] = np.array(
                [(name + '/kernel').encode(), (name + '/bias').encode()])
            layer.create_dataset(name + '/kernel', data=kernel)
            layer.create_dataset(name + '/bias', data=bias)


def test_hand_written_keras23_file(tmp_path):
    rng = np.random.RandomState(3)
    k1, b1 = rng.randn(3, 2).astype('float32'), rng.randn(2).astype('f4')
    k2, b2 = rng.randn(2, 1).astype('float32'), rng.randn(1).astype('f4')
    path = str(tmp_path / 'keras23.h5')
    _write_keras23_fixture(path, k1, b1, k2, b2)
    model = load_model(path)
    assert isinstance(model, Sequential)
    assert [l.name for l in model.layers] == ['dense_1', 'dense_2']
    assert model.optimizer.__class__.__name__ == 'SGD'
    np.testing.assert_array_equal(model.get_weights()[0], k1)
    data = _data(4, 3)
    expected = np.maximum(data.dot(k1) + b1, 0).dot(k2) + b2
    np.testing.assert_allclose(model.predict(data), expected, rtol=1e-5,
                               atol=1e-6)
    other = Sequential([Dense(2, input_shape=(3,)), Dense(1)])
    other.load_weights(path)
    np.testing.assert_array_equal(other.get_weights()[3], b2)


# ----------------------------------------------------------------------
# preprocess_weights_for_loading
# ----------------------------------------------------------------------

def _built(layer, shape):
    layer(Input(shape))
    return layer


def test_keras1_lstm_and_gru_gate_arrays():
    lstm = _built(LSTM(2), (5, 3))
    rng = np.random.RandomState(0)
    gates = []   # Keras 1 order: i, c, f, o; each W (3, 2), U (2, 2), b (2,)
    for _ in range(4):
        gates += [rng.randn(3, 2), rng.randn(2, 2), rng.randn(2)]
    kernel, recurrent, bias = preprocess_weights_for_loading(
        lstm, gates, original_keras_version='1')
    np.testing.assert_array_equal(kernel, np.concatenate(
        [gates[0], gates[6], gates[3], gates[9]], axis=-1))
    np.testing.assert_array_equal(bias, np.concatenate(
        [gates[2], gates[8], gates[5], gates[11]]))
    assert recurrent.shape == (2, 8)
    gru = _built(GRU(2), (5, 3))
    gates = []
    for _ in range(3):
        gates += [rng.randn(3, 2), rng.randn(2, 2), rng.randn(2)]
    kernel, recurrent, bias = preprocess_weights_for_loading(
        gru, gates, original_keras_version='1')
    np.testing.assert_array_equal(recurrent, np.concatenate(
        [gates[1], gates[4], gates[7]], axis=-1))
    assert kernel.shape == (3, 6) and bias.shape == (6,)


def test_keras1_convolution_kernels():
    conv = _built(Conv2D(4, (2, 3), data_format='channels_first'),
                  (5, 6, 7))
    old = np.random.rand(4, 5, 2, 3)   # (filters, input, rows, cols)
    new = preprocess_weights_for_loading(conv, [old, np.zeros(4)],
                                         original_keras_version='1',
                                         original_backend='tensorflow')
    np.testing.assert_array_equal(new[0], np.transpose(old, (2, 3, 1, 0)))
    conv1d = _built(Conv1D(4, 3), (10, 5))
    legacy = np.random.rand(4, 5, 3, 1)  # (filters, input_dim, length, 1)
    new = preprocess_weights_for_loading(conv1d, [legacy, np.zeros(4)],
                                         original_keras_version='1',
                                         original_backend='tensorflow')
    np.testing.assert_array_equal(
        new[0], np.transpose(legacy, (2, 3, 1, 0))[:, 0, :, :])


def test_backend_kernel_flip():
    # Keras 2's Theano wrote true-convolution kernels; both our engines
    # compute correlations (like TensorFlow), so only those are flipped.
    conv = _built(Conv2D(2, (2, 3)), (5, 5, 1))
    kernel = np.random.rand(2, 3, 1, 2)
    flipped = preprocess_weights_for_loading(conv, [kernel, np.zeros(2)],
                                             '2.3.1', 'theano')[0]
    np.testing.assert_array_equal(flipped, kernel[::-1, ::-1])
    for backend in ('tensorflow', 'cntk'):
        same = preprocess_weights_for_loading(conv, [kernel, np.zeros(2)],
                                              '2.3.1', backend)[0]
        np.testing.assert_array_equal(same, kernel)
    unknown = preprocess_weights_for_loading(conv, [kernel, np.zeros(2)],
                                             '2.3.1', None)[0]
    np.testing.assert_array_equal(unknown, kernel)
    reshaped = preprocess_weights_for_loading(
        conv, [kernel.reshape((6, 2)), np.zeros(2)], '2.3.1', 'tensorflow',
        reshape=True)[0]
    assert reshaped.shape == (2, 3, 1, 2)


class CuDNNLSTM(Layer):
    """Stand-in with the class name of the cuDNN layer (the conversions
    only look at the class name; the real layer needs a GPU to build)."""


class CuDNNGRU(Layer):
    """Stand-in, see CuDNNLSTM."""


def test_cudnn_conversions():
    units = 2
    lstm = _built(LSTM(units), (4, 3))
    cudnn = CuDNNLSTM()
    rng = np.random.RandomState(1)
    kernel, recurrent = rng.randn(3, 8), rng.randn(2, 8)
    cudnn_bias = rng.randn(16)
    converted = preprocess_weights_for_loading(lstm, [kernel, recurrent,
                                                      cudnn_bias])
    np.testing.assert_allclose(converted[2], cudnn_bias[:8] + cudnn_bias[8:])
    np.testing.assert_array_equal(converted[1][:, :2], recurrent[:, :2].T)
    back = preprocess_weights_for_loading(cudnn, converted)
    np.testing.assert_allclose(back[0], kernel)
    np.testing.assert_allclose(back[1], recurrent)
    np.testing.assert_allclose(back[2], np.tile(0.5 * converted[2], 2))
    gru = _built(GRU(units), (4, 3))
    with pytest.raises(ValueError, match='not compatible'):
        preprocess_weights_for_loading(
            gru, [rng.randn(3, 6), rng.randn(2, 6), rng.randn(12)])
    gru_ra = _built(GRU(units, reset_after=True), (4, 3))
    out = preprocess_weights_for_loading(
        gru_ra, [rng.randn(3, 6), rng.randn(2, 6), rng.randn(12)])
    assert out[2].shape == (2, 6)
    cudnn_gru = CuDNNGRU()
    assert preprocess_weights_for_loading(
        cudnn_gru, out)[2].shape == (12,)


def test_nested_conversions():
    bidir = _built(Bidirectional(LSTM(2)), (4, 3))
    rng = np.random.RandomState(2)
    one_side = [rng.randn(3, 8), rng.randn(2, 8), rng.randn(16)]
    out = preprocess_weights_for_loading(bidir, one_side + one_side)
    assert [w.shape for w in out] == [(3, 8), (2, 8), (8,)] * 2
    td = _built(TimeDistributed(Conv1D(2, 2)), (3, 5, 4))
    kernel = rng.rand(2, 4, 2)
    out = preprocess_weights_for_loading(td, [kernel, np.zeros(2)],
                                         '2.3.1', 'theano')
    np.testing.assert_array_equal(out[0], kernel[::-1])
    inner = Sequential([Dense(2, input_shape=(3,)),
                        BatchNormalization()])
    x = Input((3,))
    outer = Model(x, inner(x))
    values = [w for w in K.batch_get_value(inner.weights)]
    out = preprocess_weights_for_loading(inner, values)
    assert [w.shape for w in out] == [w.shape for w in values]
    outer.set_weights(outer.get_weights())


# ----------------------------------------------------------------------
# Files written by other Keras 2 implementations
# ----------------------------------------------------------------------

def _tf_keras_custom_objects():
    """Initializer class names of later Keras 2 versions that our
    initializers module may not know yet."""
    from keras import initializers
    names = {'GlorotUniform': initializers.glorot_uniform,
             'GlorotNormal': initializers.glorot_normal,
             'HeNormal': initializers.he_normal,
             'HeUniform': initializers.he_uniform}
    return {k: v for k, v in names.items() if not hasattr(initializers, k)}


def test_files_written_by_tf_keras(tmp_path):
    tf_keras = pytest.importorskip('tf_keras')
    rng = np.random.RandomState(0)
    data_a = rng.rand(6, 4).astype('float32')
    data_b = rng.rand(6, 3).astype('float32')

    seq = tf_keras.Sequential([
        tf_keras.layers.Dense(5, input_shape=(4,), activation='relu'),
        tf_keras.layers.Dense(2, activation='softmax')])
    seq.compile('adam', 'mse')
    seq_path = str(tmp_path / 'tfk_seq.h5')
    seq.save(seq_path)
    seq_expected = seq.predict(data_a, verbose=0)

    a = tf_keras.Input((4,), name='a')
    b = tf_keras.Input((3,), name='b')
    shared = tf_keras.layers.Dense(3, name='shared')
    merged = tf_keras.layers.concatenate([shared(tf_keras.layers.Dense(
        3, name='proj')(a)), shared(b)])
    out = tf_keras.layers.Dense(1, name='out')(merged)
    func = tf_keras.Model([a, b], out)
    func_path = str(tmp_path / 'tfk_func.h5')
    func.save(func_path)
    func_weights_path = str(tmp_path / 'tfk_func_weights.h5')
    func.save_weights(func_weights_path)
    func_expected = func.predict([data_a, data_b], verbose=0)

    custom = _tf_keras_custom_objects()
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        ours = load_model(seq_path, custom_objects=custom)
    assert isinstance(ours, Sequential)
    np.testing.assert_allclose(ours.predict(data_a), seq_expected,
                               rtol=1e-5, atol=1e-6)

    ours = load_model(func_path, custom_objects=custom, compile=False)
    assert [l.name for l in ours.layers] == [l.name for l in func.layers]
    np.testing.assert_allclose(ours.predict([data_a, data_b]),
                               func_expected, rtol=1e-5, atol=1e-6)

    from keras.layers import concatenate
    a2, b2 = Input((4,), name='a'), Input((3,), name='b')
    shared2 = Dense(3, name='shared')
    rebuilt = Model([a2, b2], Dense(1, name='out')(concatenate(
        [shared2(Dense(3, name='proj')(a2)), shared2(b2)])))
    rebuilt.load_weights(func_weights_path)
    np.testing.assert_allclose(rebuilt.predict([data_a, data_b]),
                               func_expected, rtol=1e-5, atol=1e-6)
    by_name = Model(a2, Dense(3, name='proj')(a2))
    by_name.load_weights(func_weights_path, by_name=True)
    np.testing.assert_array_equal(by_name.layers[1].get_weights()[0],
                                  func.get_layer('proj').get_weights()[0])


def test_convnet_written_by_tf_keras(tmp_path):
    # tf_keras writes `groups` in convolution configs and class-style
    # initializer names; both load, and the kernels are not flipped.
    tf_keras = pytest.importorskip('tf_keras')
    x = np.random.RandomState(1).rand(3, 8, 8, 2).astype('float32')
    model = tf_keras.Sequential([
        tf_keras.layers.Conv2D(3, 3, input_shape=(8, 8, 2),
                               activation='relu'),
        tf_keras.layers.MaxPooling2D(),
        tf_keras.layers.Flatten(),
        tf_keras.layers.Dense(2)])
    path = str(tmp_path / 'tfk_conv.h5')
    model.save(path)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        ours = load_model(path, compile=False)
    np.testing.assert_allclose(ours.predict(x), model.predict(x, verbose=0),
                               rtol=1e-5, atol=1e-6)


_OTHER_BACKEND_SCRIPT = r'''
import sys
import numpy as np
from keras.layers import Input, Dense, Conv2D, LSTM, Reshape
from keras.models import Model
x = Input((4, 4, 1))
if sys.argv[4] == 'conv':
    h = Reshape((4, 8))(Conv2D(2, (2, 3), padding='same', name='conv')(x))
else:
    h = Reshape((4, 4))(x)
h = LSTM(3, name='lstm')(h)
model = Model(x, Dense(2, name='out')(h))
rng = np.random.RandomState(0)
model.set_weights([rng.uniform(-1, 1, w.shape).astype('float32')
                   for w in model.get_weights()])
data = rng.rand(3, 4, 4, 1).astype('float32')
np.save(sys.argv[2], model.predict(data))
np.save(sys.argv[3], data)
model.save(sys.argv[1])
'''


def _save_on_other_backend(tmp_path, kind):
    other = 'theano' if K.backend() == 'tensorflow' else 'tensorflow'
    script = tmp_path / 'save.py'
    script.write_text(_OTHER_BACKEND_SCRIPT)
    paths = [str(tmp_path / n) for n in ('m.h5', 'pred.npy', 'data.npy')]
    env = dict(os.environ, KERAS_BACKEND=other, PYTHONPATH=ROOT)
    result = subprocess.run([sys.executable, str(script)] + paths + [kind],
                            env=env, cwd=ROOT, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    with h5py.File(paths[0], 'r') as f:
        assert _attr_text(f.attrs['backend']) == other
    return paths


def test_file_saved_on_other_backend_loads(tmp_path):
    path, predictions, data = _save_on_other_backend(tmp_path, 'dense')
    model = load_model(path)
    np.testing.assert_allclose(model.predict(np.load(data)),
                               np.load(predictions), rtol=1e-4, atol=1e-5)


def test_conv_file_saved_on_other_backend_loads(tmp_path):
    path, predictions, data = _save_on_other_backend(tmp_path, 'conv')
    model = load_model(path)
    np.testing.assert_allclose(model.predict(np.load(data)),
                               np.load(predictions), rtol=1e-4, atol=1e-5)


# ----------------------------------------------------------------------
# io_utils
# ----------------------------------------------------------------------

def test_h5dict(tmp_path):
    path = str(tmp_path / 'dict.h5')
    with H5Dict(path, mode='w') as d:
        d['name'] = 'value'
        d['array'] = np.arange(3)
        d['names'] = ['a', 'b']
        d['group']['inner'] = 5
        with pytest.raises(KeyError):
            d['group'] = 1
    with H5Dict(path, mode='r') as d:
        assert _attr_text(d['name']) == 'value'
        np.testing.assert_array_equal(d['array'], np.arange(3))
        assert d['names'] == ['a', 'b']
        assert d['group']['inner'] == 5
        assert 'group' in d and 'missing' not in d
        assert d.get('missing', 7) == 7
        with pytest.raises(ValueError, match='read-only'):
            d['missing']
        with pytest.raises(ValueError, match='read-only'):
            d['new'] = 1
    backing = {}
    d = H5Dict(backing)
    d['array'] = np.ones(2)
    d['sub']['x'] = 1
    assert isinstance(backing['sub'], dict)
    np.testing.assert_array_equal(H5Dict(backing, 'r')['array'], np.ones(2))
    assert H5Dict.is_supported_type(backing)
    assert not H5Dict.is_supported_type(3)
    with pytest.raises(TypeError):
        H5Dict(3)


def test_hdf5_matrix(tmp_path):
    path = str(tmp_path / 'data.h5')
    data = np.arange(20).reshape((10, 2)).astype('float32')
    with h5py.File(path, 'w') as f:
        f.create_dataset('x', data=data)
    matrix = HDF5Matrix(path, 'x', start=2, end=8,
                        normalizer=lambda v: v * 2)
    assert len(matrix) == 6 and matrix.shape == (6, 2)
    assert matrix.ndim == 2 and matrix.size == 12
    assert matrix.dtype == np.float32
    np.testing.assert_array_equal(matrix[0], data[2] * 2)
    np.testing.assert_array_equal(matrix[-1], data[7] * 2)
    np.testing.assert_array_equal(matrix[1:3], data[3:5] * 2)
    np.testing.assert_array_equal(matrix[[3, 0]], data[[5, 2]] * 2)
    with pytest.raises(IndexError):
        matrix[6]
