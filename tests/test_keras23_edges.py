"""Keras 2.3 behaviours at the edges that third-party code relies on:
argument validation no stricter than 2.3, unknown ranks, utilities,
training API edges (issue 12)."""
import json

import numpy as np
import pytest

import keras
from keras import backend as K
from keras import layers as L
from keras.models import Model, Sequential, model_from_json, load_model


I64 = np.int64


# --------------------------------------------------------------------------
# 1. Argument validation not stricter than Keras 2.3
# --------------------------------------------------------------------------

def test_numpy_integer_arguments_build_serialize_and_reload(tmp_path):
    model = Sequential([
        L.Conv2D(filters=I64(4), kernel_size=(I64(3), np.int32(2)),
                 strides=I64(1), input_shape=(6, 6, 2)),
        L.ZeroPadding2D(I64(1)),
        L.Cropping2D(I64(1)),
        L.MaxPooling2D(I64(2)),
        L.Reshape((I64(2), I64(-1))),
        L.Permute((I64(2), I64(1))),
        L.Dense(I64(3)),
        L.BatchNormalization(axis=I64(-1)),
        L.Flatten(),
        L.RepeatVector(I64(2)),
        L.LSTM(units=I64(2)),
    ])
    conv = model.layers[0]
    assert conv.filters == 4 and conv.kernel_size == (3, 2)
    assert type(conv.kernel_size[0]) is int
    assert model.output_shape == (None, 2)
    x = np.random.RandomState(0).rand(2, 6, 6, 2).astype('float32')
    expected = model.predict(x)
    clone = model_from_json(model.to_json())
    clone.set_weights(model.get_weights())
    np.testing.assert_allclose(clone.predict(x), expected, atol=1e-6)
    path = str(tmp_path / 'np_ints.h5')
    model.save(path)
    np.testing.assert_allclose(load_model(path).predict(x), expected,
                               atol=1e-6)


def test_numpy_integer_axes_and_units():
    a, b = L.Input((3,)), L.Input((3,))
    out = L.Dot(axes=I64(1))([a, b])
    model = Model([a, b], out)
    x1 = np.arange(6, dtype='float32').reshape(2, 3)
    x2 = np.ones((2, 3), dtype='float32')
    np.testing.assert_allclose(model.predict([x1, x2]),
                               (x1 * x2).sum(1, keepdims=True))
    assert L.Dot(axes=(I64(1), I64(1))).axes == (1, 1)
    with pytest.raises(TypeError):
        L.Dot(axes='1')
    # still refused as before: not integers at all
    with pytest.raises((TypeError, ValueError)):
        L.Conv2D(filters=4, kernel_size='3')


def test_cropping1d_that_leaves_nothing_gives_an_empty_axis():
    inputs = L.Input((3, 2))
    layer = L.Cropping1D((1, 2))
    outputs = layer(inputs)
    assert K.int_shape(outputs) == (None, 0, 2)
    assert layer.compute_output_shape((None, 3, 2)) == (None, 0, 2)
    y = Model(inputs, outputs).predict(np.ones((2, 3, 2), 'float32'))
    assert y.shape == (2, 0, 2)
    with pytest.raises(ValueError, match='cropping'):
        L.Cropping1D((2, 2))(L.Input((3, 2)))


# --------------------------------------------------------------------------
# 2. Tensors of unknown rank (K.ndim(x) is None)
# --------------------------------------------------------------------------

unknown_rank = pytest.mark.skipif(
    K.backend() != 'tensorflow',
    reason='PyTensor tensors always have a known rank')


@unknown_rank
@pytest.mark.parametrize('cls,reference', [
    (L.Add, lambda a, b: a + b),
    (L.Subtract, lambda a, b: a - b),
    (L.Multiply, lambda a, b: a * b),
    (L.Average, lambda a, b: (a + b) / 2),
    (L.Maximum, np.maximum),
    (L.Minimum, np.minimum),
])
def test_merge_layers_on_unknown_rank(cls, reference):
    x, y = K.placeholder(shape=None), K.placeholder(shape=None)
    assert K.ndim(x) is None
    out = cls()([x, y])
    rng = np.random.RandomState(1)
    a, b = rng.rand(2, 3, 2), rng.rand(2, 3, 2)
    np.testing.assert_allclose(K.function([x, y], [out])([a, b])[0],
                               reference(a, b), atol=1e-6)
    # an unknown rank next to a known one
    z = K.placeholder(shape=(None, 3, 2))
    out = cls()([x, z])
    np.testing.assert_allclose(K.function([x, z], [out])([a, b])[0],
                               reference(a, b), atol=1e-6)


@unknown_rank
def test_concatenate_on_unknown_rank_as_keras23():
    x, y = K.placeholder(shape=None), K.placeholder(shape=None)
    a, b = np.ones((2, 3)), np.zeros((2, 3))
    # Keras 2.3's backend: a negative axis on an unknown rank is axis 0
    out = L.Concatenate()([x, y])
    np.testing.assert_allclose(K.function([x, y], [out])([a, b])[0],
                               np.concatenate([a, b], 0))
    out = L.Concatenate(axis=1)([x, y])
    np.testing.assert_allclose(K.function([x, y], [out])([a, b])[0],
                               np.concatenate([a, b], 1))


@unknown_rank
def test_losses_on_unknown_rank():
    yt, yp, sw = (K.placeholder(shape=None) for _ in range(3))
    t = np.array([[0., 1., 0.], [1., 0., 0.]])
    p = np.array([[.2, .7, .1], [.5, .25, .25]])
    w = np.array([1., 3.])
    mse = ((t - p) ** 2).mean(-1)
    cce = -(t * np.log(p / p.sum(-1, keepdims=True))).sum(-1)
    for fn, per_sample in ((keras.losses.mean_squared_error, mse),
                           (keras.losses.categorical_crossentropy, cce)):
        f = K.function([yt, yp], [fn(yt, yp)])
        np.testing.assert_allclose(f([t, p])[0], per_sample, rtol=1e-5)
    for obj, per_sample in ((keras.losses.MeanSquaredError(), mse),
                            (keras.losses.CategoricalCrossentropy(), cce)):
        f = K.function([yt, yp, sw], [obj(yt, yp, sample_weight=sw)])
        np.testing.assert_allclose(f([t, p, w])[0],
                                   (per_sample * w).mean(), rtol=1e-5)
    labels = K.placeholder(shape=None)
    sparse = keras.losses.sparse_categorical_crossentropy(labels, yp)
    f = K.function([labels, yp], [sparse])
    np.testing.assert_allclose(f([np.array([1., 0.]), p])[0], cce,
                               rtol=1e-5)


# --------------------------------------------------------------------------
# 3. Utilities
# --------------------------------------------------------------------------

def test_conv_lengths_with_every_keras23_padding():
    from keras.utils import conv_utils
    # (input, kernel, padding, stride, dilation) -> output, by hand
    for args, expected in (((10, 3, 'valid', 1, 1), 8),
                           ((10, 3, 'same', 3, 1), 4),
                           ((10, 3, 'full', 1, 1), 12),
                           ((10, 3, 'full', 2, 2), 7),
                           ((10, 3, 'causal', 1, 4), 10),
                           ((10, 3, 'causal', 3, 1), 4)):
        assert conv_utils.conv_output_length(*args) == expected, args
    assert conv_utils.conv_output_length(None, 3, 'full', 1) is None
    for padding, expected in (('valid', 10), ('same', 8), ('full', 6)):
        assert conv_utils.conv_input_length(8, 3, padding, 1) == expected
    with pytest.raises(ValueError, match='padding'):
        conv_utils.conv_output_length(10, 3, 'bogus', 1)


def test_h5dict_attributes_round_trip_bytes(tmp_path):
    from keras.utils.io_utils import H5Dict
    path = str(tmp_path / 'attrs.h5')
    values = {'plain': b'abc', 'nul': b'a\x00b', 'trailing': b'ab\x00',
              'empty': b'', 'text': 'caf\u00e9'}
    with H5Dict(path, mode='w') as f:
        for key, value in values.items():
            f[key] = value
        f['group']['inner'] = b'\x01\x02'
    with H5Dict(path, mode='r') as f:
        for key, value in values.items():
            assert f[key] == value and type(f[key]) is type(value), key
        assert f['group']['inner'] == b'\x01\x02'
    memory = H5Dict({})
    memory['b'] = b'xyz'
    assert memory['b'] == b'xyz'


def test_ask_to_proceed_with_overwrite(monkeypatch):
    from keras.utils.io_utils import ask_to_proceed_with_overwrite
    answers = iter(['maybe', 'Y'])
    monkeypatch.setattr('builtins.input', lambda *args: next(answers))
    assert ask_to_proceed_with_overwrite('/tmp/model.h5') is True
    monkeypatch.setattr('builtins.input', lambda *args: 'n')
    assert ask_to_proceed_with_overwrite('/tmp/model.h5') is False


def test_hdf5matrix_index_errors(tmp_path):
    import h5py
    from keras.utils.io_utils import HDF5Matrix
    path = str(tmp_path / 'data.h5')
    with h5py.File(path, 'w') as f:
        f['x'] = np.arange(20).reshape(10, 2)
    m = HDF5Matrix(path, 'x', start=2, end=8)
    assert len(m) == 6 and m.shape == (6, 2)
    np.testing.assert_array_equal(m[0], [4, 5])
    np.testing.assert_array_equal(m[-1], [14, 15])
    np.testing.assert_array_equal(m[[0, 2]], [[4, 5], [8, 9]])
    for index in (6, -7, [0, 6]):
        with pytest.raises(IndexError, match='out of range'):
            m[index]
    with pytest.raises(IndexError):
        m['a']


def test_func_dump_and_load_of_builtins_and_numpy_functions():
    import math
    from keras.utils.generic_utils import func_dump, func_load
    for fn in (len, max, math.sqrt, np.sum, np.add, np.mean,
               np.linalg.norm):
        dumped = func_dump(fn)
        json.dumps(dumped)
        assert func_load(dumped) is fn
        assert func_load(*dumped) is fn
    square = func_load(func_dump(lambda x, k=2: x ** k))
    assert square(3) == 9
    with pytest.raises(TypeError, match='func_dump'):
        func_dump(object())
    with pytest.raises(ValueError, match='cannot resolve'):
        func_load(('keras-function-reference:os:system', None, None))


def test_tokenizer_on_ragged_input():
    from keras.preprocessing.text import Tokenizer
    ragged = np.empty(3, dtype=object)
    ragged[:] = [['a', 'b'], ['a'], ['c', 'D', 'e']]
    tokenizer = Tokenizer()
    tokenizer.fit_on_texts(ragged)
    assert tokenizer.word_index == {'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5}
    assert tokenizer.texts_to_sequences(
        [np.array(['b', 'a']), ('e', 'zzz')]) == [[2, 1], [5]]
    counts = tokenizer.texts_to_matrix(ragged, mode='count')
    np.testing.assert_array_equal(counts, [[0, 1, 1, 0, 0, 0],
                                           [0, 1, 0, 0, 0, 0],
                                           [0, 0, 0, 1, 1, 1]])
    sequences = np.empty(2, dtype=object)
    sequences[:] = [[1, 2, 2], []]
    np.testing.assert_allclose(
        tokenizer.sequences_to_matrix(sequences, mode='freq'),
        [[0, 1. / 3, 2. / 3, 0, 0, 0], [0] * 6])


def test_backend_module_keeps_keras23_names():
    if K.backend() == 'tensorflow':
        from keras.backend import tensorflow_backend as tb
        assert tb._is_tf_1() is False
        assert isinstance(tb._get_available_gpus(), list)
        assert tb._to_tensor([1, 2], 'float32').dtype.name == 'float32'
        assert tb._preprocess_padding('valid') == 'VALID'
        with pytest.raises(ValueError):
            tb._preprocess_padding('full')
        with pytest.raises(ValueError):
            tb._is_current_explicit_device('TPU')
        x = K.placeholder((None, 3, 4, 5))
        y, tf_format = tb._preprocess_conv2d_input(x, 'channels_first',
                                                   force_transpose=True)
        assert K.int_shape(y) == (None, 4, 5, 3) and tf_format == 'NHWC'
        assert tb._preprocess_conv1d_input(x[:, 0], 'channels_last')[1] \
            == 'NWC'
    else:
        from keras.backend import theano_backend as tb
        assert tb.th_sparse_module is not None
        tb._assert_sparse_module()
        assert tb._is_explicit_shape((2, 3))
        assert not tb._is_explicit_shape((2, 'a'))
        assert tb.T.matrix is not None
    assert tb.py_all([1, 1]) and not tb.py_any([0]) and tb.py_sum([1, 2]) == 3
    assert tb.py_slice(1, 2) == slice(1, 2)
    assert tb.sum is K.sum


# --------------------------------------------------------------------------
# 4. Theano backend: 'full' transposed convolutions, channels-first models
# --------------------------------------------------------------------------

theano_only = pytest.mark.skipif(
    K.backend() != 'theano',
    reason="padding='full' exists on the theano backend only (Keras 2.3)")


def _np_transposed_conv(x, kernel, stride, crop):
    """Channels-last transposed convolution by scattering each input
    position times the kernel, then cropping `crop` on both sides."""
    import itertools
    rank = x.ndim - 2
    ksize = kernel.shape[:rank]
    out = np.zeros((x.shape[0],) + tuple((n - 1) * stride + k for n, k in
                                         zip(x.shape[1:-1], ksize)) +
                   (kernel.shape[-2],))
    for pos in itertools.product(*[range(n) for n in x.shape[1:-1]]):
        window = tuple(slice(p * stride, p * stride + k)
                       for p, k in zip(pos, ksize))
        contrib = np.tensordot(x[(slice(None),) + pos], kernel, ([1], [-1]))
        out[(slice(None),) + window] += contrib
    if crop:
        out = out[(slice(None),) + tuple(slice(c, n - c) for c, n in
                                         zip(crop, out.shape[1:-1]))]
    return out


@theano_only
@pytest.mark.parametrize('cls,shape,stride', [
    (L.Conv2DTranspose, (5, 4, 3), 1),
    (L.Conv2DTranspose, (4, 5, 3), 2),
    (L.Conv3DTranspose, (3, 4, 3, 2), 2),
])
def test_transposed_conv_full_padding(cls, shape, stride):
    rank = len(shape) - 1
    rng = np.random.RandomState(3)
    x = rng.rand(2, *shape).astype('float32')
    results = {}
    for padding in ('valid', 'full'):
        layer = cls(2, 3, strides=stride, padding=padding, use_bias=False)
        inputs = L.Input(shape)
        model = Model(inputs, layer(inputs))
        kernel = rng.rand(*K.int_shape(layer.kernel)).astype('float32')
        layer.set_weights([kernel])
        crop = (2,) * rank if padding == 'full' else None
        expected = _np_transposed_conv(x, kernel, stride, crop)
        assert model.output_shape[1:] == expected.shape[1:]
        results[padding] = model.predict(x)
        np.testing.assert_allclose(results[padding], expected, rtol=1e-4,
                                   atol=1e-5)
    config = layer.get_config()
    assert config['padding'] == 'full'
    assert cls.from_config(config).padding == 'full'


@pytest.mark.skipif(K.backend() == 'theano',
                    reason="padding='full' is accepted on theano")
def test_transposed_conv_full_padding_refused_on_tensorflow():
    with pytest.raises(ValueError, match='padding'):
        L.Conv2DTranspose(2, 3, padding='full')


def test_channels_first_convnet_with_more_channels_than_pixels():
    """A Theano-era channels-first model: 64 channels over 4x4 maps (a
    check reading the channel axis as space would refuse a 5x5 kernel)."""
    model = Sequential([
        L.Conv2D(8, 3, data_format='channels_first', input_shape=(64, 4, 4)),
        L.MaxPooling2D(2, data_format='channels_first'),
        L.Conv2D(4, 1, data_format='channels_first'),
        L.Flatten(),
    ])
    assert model.output_shape == (None, 4)
    x = np.random.RandomState(0).rand(2, 64, 4, 4).astype('float32')
    assert model.predict(x).shape == (2, 4)
    with pytest.raises(ValueError, match='larger than'):
        L.Conv2D(2, 5, data_format='channels_first')(L.Input((64, 4, 4)))


# --------------------------------------------------------------------------
# 5. Training API edges
# --------------------------------------------------------------------------

def _dense_model():
    inputs = L.Input((3,))
    return Model(inputs, L.Dense(1, name='out')(inputs))


def test_subclassed_model_accepts_dtype():
    class Small(Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.dense = L.Dense(2)

        def call(self, inputs):
            return self.dense(inputs)

    model = Small(dtype='float64', name='small')
    assert model.dtype == 'float64' and model.name == 'small'
    assert model.predict(np.ones((2, 3), 'float32')).shape == (2, 2)
    assert Small().dtype == K.floatx()
    with pytest.raises(TypeError, match='unexpected'):
        Small(bogus=1)


def test_model_methods_refuse_unexpected_arguments():
    model = _dense_model()
    model.compile('sgd', 'mse')
    x, y = np.ones((2, 3)), np.ones((2, 1))
    for call in (lambda: model.fit(x, y, verbose=0, bogus=1),
                 lambda: model.evaluate(x, y, verbose=0, bogus=1),
                 lambda: model.predict(x, bogus=1),
                 lambda: model.train_on_batch(x, y, bogus=1),
                 lambda: model.test_on_batch(x, y, bogus=1),
                 lambda: model.predict_on_batch(x, bogus=1)):
        with pytest.raises(TypeError):
            call()


def test_add_metric_inside_call_and_duplicate_names():
    from keras import metrics

    class WithMetric(L.Layer):
        def call(self, inputs):
            self.add_metric(K.mean(inputs), name='input_mean')
            return inputs

    inputs = L.Input((3,))
    model = Model(inputs, L.Dense(1)(WithMetric()(inputs)))
    model.compile('sgd', 'mse')
    x = np.arange(12, dtype='float32').reshape(4, 3)
    history = model.fit(x, np.ones((4, 1)), batch_size=4, epochs=2,
                        verbose=0)
    np.testing.assert_allclose(history.history['input_mean'], [5.5, 5.5],
                               rtol=1e-6)
    assert model.metrics_names.count('input_mean') == 1

    model = _dense_model()
    out = model.outputs[0]
    model.add_metric(metrics.Mean(name='m')(out))
    model.add_metric(metrics.Mean(name='m')(K.sum(out)))
    with pytest.raises(ValueError, match='different names'):
        model.add_metric(K.mean(out), name='m')


def test_target_tensors_errors_and_use():
    model = _dense_model()
    with pytest.raises(ValueError, match='one entry per model output'):
        model.compile('sgd', 'mse', target_tensors=[
            K.placeholder((None, 1)), K.placeholder((None, 1))])
    with pytest.raises(ValueError, match='bad'):
        model.compile('sgd', 'mse',
                      target_tensors={'bad': K.placeholder((None, 1))})
    with pytest.raises(TypeError, match='target_tensors'):
        model.compile('sgd', 'mse', target_tensors=3)
    model.compile('sgd', 'mse',
                  target_tensors=[K.variable(np.full((4, 1), 2.))])
    model.get_layer('out').set_weights([np.zeros((3, 1)), np.zeros(1)])
    # loss against the target variable: mean((0 - 2) ** 2) = 4
    np.testing.assert_allclose(model.train_on_batch(np.ones((4, 3)), None),
                               4., rtol=1e-6)


def test_training_on_input_tensor_and_external_loss():
    data = np.random.RandomState(0).rand(8, 3).astype('float32')
    inputs = L.Input(tensor=K.variable(data))
    model = Model(inputs, L.Dense(1)(inputs))
    model.compile('sgd', 'mse')
    history = model.fit(None, np.ones((8, 1)), steps_per_epoch=1, epochs=3,
                        verbose=0)
    losses = history.history['loss']
    assert losses[-1] < losses[0]

    model = _dense_model()
    outside = K.variable(1.5)
    model.add_loss(K.square(outside))
    model.compile('sgd', 'mse')
    model.get_layer('out').set_weights([np.zeros((3, 1)), np.zeros(1)])
    loss = model.evaluate(np.ones((2, 3)), np.zeros((2, 1)), verbose=0)
    np.testing.assert_allclose(loss, 2.25, rtol=1e-6)
    model.fit(np.ones((2, 3)), np.ones((2, 1)), epochs=1, verbose=0)


def test_warning_when_trainable_weights_changed_since_compile():
    model = _dense_model()
    model.compile('sgd', 'mse')
    model.get_layer('out').trainable = False
    with pytest.warns(UserWarning, match='trainable weights'):
        model.fit(np.ones((2, 3)), np.ones((2, 1)), verbose=0)


@pytest.mark.parametrize('workers', [0, 2])
def test_sequence_whose_length_changes_between_epochs(workers):
    from keras.callbacks import Callback
    from keras.utils import Sequence

    class Shrinking(Sequence):
        def __init__(self):
            self.length = 4

        def __len__(self):
            return self.length

        def __getitem__(self, index):
            if index >= self.length:
                raise IndexError(index)
            return np.ones((2, 3)), np.ones((2, 1))

        def on_epoch_end(self):
            self.length -= 1

    class CountBatches(Callback):
        def on_train_begin(self, logs=None):
            self.counts = []

        def on_epoch_begin(self, epoch, logs=None):
            self.counts.append(0)

        def on_batch_end(self, batch, logs=None):
            self.counts[-1] += 1

    model = _dense_model()
    model.compile('sgd', 'mse')
    counter = CountBatches()
    model.fit_generator(Shrinking(), epochs=3, workers=workers,
                        use_multiprocessing=False, verbose=0,
                        callbacks=[counter])
    assert counter.counts == [4, 3, 2]


@pytest.mark.skipif(K.backend() != 'tensorflow',
                    reason='eager tensors exist on the TensorFlow engine')
def test_eager_tensors_from_user_code_as_input_and_loss():
    import tensorflow as tf
    data = np.random.RandomState(0).rand(8, 3).astype('float32')
    inputs = L.Input(tensor=tf.constant(data))
    model = Model(inputs, L.Dense(1)(inputs))
    model.add_loss(tf.constant(0.5))
    model.compile('sgd', 'mse')
    history = model.fit(None, np.ones((8, 1)), steps_per_epoch=1, epochs=3,
                        verbose=0)
    losses = history.history['loss']
    assert losses[-1] < losses[0] and min(losses) > 0.5
    np.testing.assert_allclose(model.predict(None, steps=1).shape, (8, 1))
