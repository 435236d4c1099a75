"""Keras 0.x layer spellings: each builds the layer its Keras 2 call
describes (same config, same weights, same outputs), warns once with that
call, and a positional input size is checked at build time."""
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose

import keras
from keras import backend as K
from keras import layers
from keras.layers import Input
from keras.models import Model


def _legacy_messages(record):
    return [str(w.message) for w in record if 'Keras 2 API' in str(w.message)]


def _make(factory):
    """(layer, legacy warning messages) of `factory()`."""
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter('always')
        layer = factory()
    return layer, _legacy_messages(record)


def _comparable(config):
    config = dict(config)
    config.pop('name', None)
    if 'layer' in config:  # wrappers
        config['layer'] = dict(config['layer'],
                               config=_comparable(config['layer']['config']))
    return config


def _conv_full_reference(x, kernel, bias):
    """NumPy full 2D correlation of channels-first `x` with a
    `(rows, cols, in, out)` kernel: zero padding of `kernel - 1`."""
    rows, cols = kernel.shape[:2]
    padded = np.pad(x, ((0, 0), (0, 0), (rows - 1, rows - 1),
                        (cols - 1, cols - 1)))
    out_r = padded.shape[2] - rows + 1
    out_c = padded.shape[3] - cols + 1
    out = np.zeros((x.shape[0], kernel.shape[3], out_r, out_c))
    for i in range(out_r):
        for j in range(out_c):
            patch = padded[:, :, i:i + rows, j:j + cols]
            out[:, :, i, j] = np.einsum('ncrs,rsco->no', patch, kernel)
    return out + bias[None, :, None, None]


CASES = [
    ('dense', lambda: layers.Dense(6, 4, init='uniform', activation='tanh'),
     lambda: layers.Dense(4, kernel_initializer='uniform', activation='tanh',
                          input_shape=(6,)), (6,)),
    ('dense_init_activation_positional',
     lambda: layers.Dense(6, 4, 'normal', 'relu'),
     lambda: layers.Dense(4, kernel_initializer='normal', activation='relu',
                          input_shape=(6,)), (6,)),
    ('conv2d_full',
     lambda: layers.Convolution2D(4, 3, 3, 2, border_mode='full'),
     lambda: layers.Conv2D(4, (3, 2), padding='full',
                           data_format='channels_first'), (3, 5, 6)),
    ('conv2d_subsample',
     lambda: layers.Convolution2D(4, 2, 3, 3, subsample=(2, 2),
                                  activation='relu'),
     lambda: layers.Conv2D(4, (3, 3), strides=(2, 2), activation='relu',
                           data_format='channels_first'), (2, 7, 7)),
    ('conv2d_tf_ordering',
     lambda: layers.Convolution2D(4, 2, 3, 3, border_mode='same',
                                  dim_ordering='tf'),
     lambda: layers.Conv2D(4, (3, 3), padding='same',
                           data_format='channels_last'), (5, 5, 2)),
    ('conv1d',
     lambda: layers.Convolution1D(3, 5, 2, border_mode='same'),
     lambda: layers.Conv1D(5, 2, padding='same', input_shape=(None, 3)),
     (7, 3)),
    ('conv1d_full',
     lambda: layers.Convolution1D(3, 5, 2, border_mode='full'),
     lambda: layers.Conv1D(5, 2, padding='full', input_shape=(None, 3)),
     (7, 3)),
    ('maxpool_poolsize',
     lambda: layers.MaxPooling2D(poolsize=(2, 2)),
     lambda: layers.MaxPooling2D(pool_size=(2, 2),
                                 data_format='channels_first'), (2, 6, 4)),
    ('maxpool_stride',
     lambda: layers.MaxPooling2D(poolsize=(3, 3), stride=(1, 2)),
     lambda: layers.MaxPooling2D(pool_size=(3, 3), strides=(1, 2),
                                 data_format='channels_first'), (2, 6, 7)),
    ('maxpool_keep_border',
     lambda: layers.MaxPooling2D(poolsize=(2, 2), ignore_border=False),
     lambda: layers.MaxPooling2D(pool_size=(2, 2), padding='same',
                                 data_format='channels_first'), (2, 5, 5)),
    ('maxpool1d_keep_border',
     lambda: layers.MaxPooling1D(pool_length=2, ignore_border=False),
     lambda: layers.MaxPooling1D(pool_size=2, padding='same'), (5, 3)),
    ('embedding',
     lambda: layers.Embedding(10, 4, init='uniform'),
     lambda: layers.Embedding(10, 4, embeddings_initializer='uniform'),
     'int'),
    ('lstm',
     lambda: layers.LSTM(3, 5, init='glorot_uniform', inner_init='orthogonal',
                         activation='tanh', inner_activation='hard_sigmoid',
                         return_sequences=True),
     lambda: layers.LSTM(5, kernel_initializer='glorot_uniform',
                         recurrent_initializer='orthogonal',
                         activation='tanh',
                         recurrent_activation='hard_sigmoid',
                         return_sequences=True, input_shape=(None, 3)),
     (4, 3)),
    ('gru',
     lambda: layers.GRU(3, 5, 'glorot_uniform', 'orthogonal', 'sigmoid'),
     lambda: layers.GRU(5, kernel_initializer='glorot_uniform',
                        recurrent_initializer='orthogonal',
                        activation='sigmoid', input_shape=(None, 3)),
     (4, 3)),
    ('simplernn',
     lambda: layers.SimpleRNN(3, 5, truncate_gradient=-1),
     lambda: layers.SimpleRNN(5, input_shape=(None, 3)), (4, 3)),
    ('repeat', lambda: layers.Repeat(3), lambda: layers.RepeatVector(3),
     (4,)),
    ('timedistributeddense',
     lambda: layers.TimeDistributedDense(3, 5, activation='relu'),
     lambda: layers.TimeDistributed(layers.Dense(5, activation='relu'),
                                    input_shape=(None, 3)), (4, 3)),
    ('batchnorm',
     lambda: layers.BatchNormalization((5,), 1e-6),
     lambda: layers.BatchNormalization(epsilon=1e-6, input_shape=(5,)),
     (5,)),
    ('prelu', lambda: layers.PReLU((2, 3)),
     lambda: layers.PReLU(input_shape=(2, 3)), (2, 3)),
    ('reshape', lambda: layers.Reshape(2, 3),
     lambda: layers.Reshape((2, 3)), (6,)),
    ('reshape_dims', lambda: layers.Reshape(dims=(3, 2)),
     lambda: layers.Reshape((3, 2)), (6,)),
    ('dropout', lambda: layers.Dropout(p=0.5), lambda: layers.Dropout(0.5),
     (6,)),
]


@pytest.mark.parametrize('old,new,shape', [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_old_spelling_is_the_keras2_layer(old, new, shape):
    old_layer, messages = _make(old)
    new_layer, new_messages = _make(new)
    assert len(messages) == 1, messages
    assert new_messages == []
    assert type(old_layer) is type(new_layer)
    assert _comparable(old_layer.get_config()) == \
        _comparable(new_layer.get_config())

    rng = np.random.RandomState(0)
    if shape == 'int':
        x = Input((5,), dtype='int32')
        data = rng.randint(0, 10, (2, 5))
    else:
        x = Input(shape)
        data = rng.rand(2, *shape).astype('float32')
    model = Model(x, [old_layer(x), new_layer(x)])
    old_weights = old_layer.get_weights()
    assert [w.shape for w in old_weights] == \
        [w.shape for w in new_layer.get_weights()]
    assert [w.name.split('/')[-1] for w in old_layer.weights] == \
        [w.name.split('/')[-1] for w in new_layer.weights]
    new_layer.set_weights(old_weights)
    old_out, new_out = model.predict(data)
    assert_allclose(old_out, new_out, rtol=1e-6, atol=1e-6)


def test_full_convolution_matches_numpy_on_both_engines():
    layer, _ = _make(lambda: layers.Convolution2D(3, 2, 3, 2,
                                                  border_mode='full'))
    x = Input((2, 4, 5))
    model = Model(x, layer(x))
    data = np.random.RandomState(1).rand(2, 2, 4, 5).astype('float32')
    kernel, bias = layer.get_weights()
    bias = np.arange(3, dtype='float32')
    layer.set_weights([kernel, bias])
    out = model.predict(data)
    assert out.shape == (2, 3, 4 + 3 - 1, 5 + 2 - 1)
    assert_allclose(out, _conv_full_reference(data, kernel, bias),
                    rtol=1e-5, atol=1e-5)


def test_keras0_image_layout_whatever_the_global_setting():
    assert K.image_data_format() == 'channels_last'
    conv, _ = _make(lambda: layers.Convolution2D(8, 3, 3, 3))
    pool, _ = _make(lambda: layers.MaxPooling2D(poolsize=(2, 2)))
    keras1, _ = _make(lambda: layers.Convolution2D(8, 3, 3))
    assert conv.data_format == pool.data_format == 'channels_first'
    assert keras1.data_format == 'channels_last'


@pytest.mark.parametrize('factory,shape,declared,real', [
    (lambda: layers.Dense(10, 3), (5,), 'input size 10', 'size 5'),
    (lambda: layers.Convolution2D(8, 4, 3, 3), (3, 6, 6), 'input size 4',
     'size 3'),
    (lambda: layers.LSTM(6, 3), (4, 5), 'input size 6', 'size 5'),
    (lambda: layers.TimeDistributedDense(6, 3), (4, 5), 'input size 6',
     'size 5'),
    (lambda: layers.BatchNormalization((4,)), (5,), 'input shape (4,)',
     'input shape (5,)'),
], ids=['dense', 'conv2d', 'lstm', 'timedistributeddense', 'batchnorm'])
def test_declared_input_size_is_checked_at_build(factory, shape, declared,
                                                 real):
    from keras.layers import Activation
    layer, _ = _make(factory)
    x = Activation('linear')(Input(shape))
    with pytest.raises(ValueError) as info:
        layer(x)
    message = str(info.value)
    assert layer.name in message and declared in message and real in message


def test_declared_size_checked_in_a_sequential_built_from_data():
    from keras.models import Sequential
    model = Sequential()
    _make(lambda: model.add(layers.Convolution2D(4, 3, 3, 3)))
    _make(lambda: model.add(layers.Flatten()))
    _make(lambda: model.add(layers.Dense(99, 2)))
    model.compile('sgd', 'mse')
    with pytest.raises(ValueError, match='declared an input size 99'):
        model.fit(np.zeros((2, 3, 4, 4)), np.zeros((2, 2)), verbose=0)


@pytest.mark.parametrize('factory,match', [
    (lambda: layers.Dense(20, 64, units=32), 'disagrees with `units=32`'),
    (lambda: layers.Dense(20, units=64), r'Dense\(64\)'),
    (lambda: layers.LSTM(5, 3, output_dim=4), 'disagrees'),
    (lambda: layers.LSTM(5, units=3), 'LSTM'),
    (lambda: layers.Conv1D(4, 3, 2, padding='same'), 'ambiguous|mixed'),
    (lambda: layers.SimpleRNN(3, 5, truncate_gradient=10), 'truncate'),
    (lambda: layers.MaxPooling2D(poolsize=(2, 2), stride=(1, 1),
                                 ignore_border=False), 'ignore_border'),
], ids=['dense_units', 'dense_one_positional', 'lstm_output_dim',
        'lstm_units', 'conv1d_keras2_keywords', 'truncate_gradient',
        'keep_border_stride'])
def test_bad_mixtures_are_clear_errors(factory, match):
    with pytest.raises((ValueError, TypeError), match=match):
        _make(factory)


def test_agreeing_mixture_is_accepted():
    layer, messages = _make(lambda: layers.Dense(20, 64, units=64))
    assert layer.units == 64 and len(messages) == 1


def test_conversions_inside_old_names_warn_once():
    _, messages = _make(lambda: layers.TimeDistributedDense(
        3, 5, init='normal', W_regularizer='l2'))
    assert len(messages) == 1
    assert 'kernel_initializer="normal"' in messages[0]
    assert messages[0].count('Keras 2 API') == 1


def test_keras0_dense_weights_argument():
    kernel = np.arange(6, dtype='float32').reshape(3, 2) / 10
    bias = np.array([1., -1.], dtype='float32')
    layer, _ = _make(lambda: layers.Dense(3, 2, weights=[kernel, bias]))
    x = Input((3,))
    model = Model(x, layer(x))
    data = np.random.RandomState(2).rand(4, 3).astype('float32')
    assert_allclose(model.predict(data), data @ kernel + bias, rtol=1e-6)
