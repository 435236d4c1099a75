"""Model.compile / fit / evaluate / predict on arrays, both backends."""
import numpy as np
import pytest

from keras import backend as K
from keras import optimizers
from keras import regularizers
from keras.callbacks import Callback
from keras.engine import training_utils
from keras.layers import Dense, Dropout, Input, Masking
from keras.models import Model, Sequential


def _mlp(n_in=4, n_out=1, activation='sigmoid', hidden=8, name=None):
    inputs = Input(shape=(n_in,), name='x')
    h = Dense(hidden, activation='tanh')(inputs)
    outputs = Dense(n_out, activation=activation, name=name or 'y')(h)
    return Model(inputs, outputs)


def _linear(n_in=3, n_out=2, use_bias=False):
    """A linear model with fixed, known weights (W[i, j] = 0.1 (i + j))."""
    inputs = Input(shape=(n_in,))
    layer = Dense(n_out, use_bias=use_bias, kernel_initializer='zeros')
    model = Model(inputs, layer(inputs))
    w = 0.1 * np.add.outer(np.arange(n_in), np.arange(n_out))
    layer.set_weights([w.astype('float32')] +
                      ([np.zeros(n_out, 'float32')] if use_bias else []))
    return model, w


def _data(n=256, n_in=4, seed=0):
    rng = np.random.RandomState(seed)
    x = rng.randn(n, n_in).astype('float32')
    y = (x[:, :1] + x[:, 1:2] > 0).astype('float32')
    return x, y


# --------------------------------------------------------------------------
# training_utils (pure NumPy helpers)
# --------------------------------------------------------------------------

def test_make_batches_and_batch_shuffle():
    assert training_utils.make_batches(10, 4) == [(0, 4), (4, 8), (8, 10)]
    np.random.seed(1)
    idx = training_utils.batch_shuffle(np.arange(10), 4)
    assert sorted(idx.tolist()) == list(range(10))
    assert idx[-2:].tolist() == [8, 9]  # partial batch stays last
    blocks = {tuple(idx[i:i + 4]) for i in (0, 4)}
    assert blocks == {(0, 1, 2, 3), (4, 5, 6, 7)}


def test_standardize_weights_and_class_weights():
    y = np.array([[1, 0], [0, 1], [0, 1]], 'float32')
    w = training_utils.standardize_weights(y, class_weight={0: 2., 1: .5})
    np.testing.assert_allclose(w, [2., .5, .5])
    w = training_utils.standardize_weights(
        y, sample_weight=np.array([1., 2, 3]), class_weight={0: 2., 1: .5})
    np.testing.assert_allclose(w, [2., 1., 1.5])
    assert training_utils.standardize_weights(y).tolist() == [1, 1, 1]
    with pytest.raises(ValueError, match='class_weight'):
        training_utils.standardize_weights(y, class_weight={0: 1.})
    with pytest.raises(ValueError, match='temporal'):
        training_utils.standardize_weights(y, sample_weight=np.ones((3, 2)))


def test_should_run_validation():
    assert [training_utils.should_run_validation(2, e) for e in range(4)] == \
        [False, True, False, True]
    assert training_utils.should_run_validation([1, 3], 0)
    assert not training_utils.should_run_validation([1, 3], 1)
    with pytest.raises(ValueError):
        training_utils.should_run_validation(0, 1)


def test_standardize_input_data_forms():
    a, b = np.zeros((5, 2)), np.zeros((5, 3))
    out = training_utils.standardize_input_data({'b': b, 'a': a}, ['a', 'b'],
                                                [(None, 2), (None, 3)])
    assert out[0] is a and out[1] is b
    out = training_utils.standardize_input_data(np.zeros(5), ['a'])
    assert out[0].shape == (5, 1)


# --------------------------------------------------------------------------
# end-to-end training
# --------------------------------------------------------------------------

def test_mlp_learns_and_logs_accuracy():
    x, y = _data(512)
    model = _mlp()
    model.compile(optimizers.Adam(lr=0.05), 'binary_crossentropy',
                  metrics=['acc'])
    history = model.fit(x, y, batch_size=32, epochs=8, verbose=0)
    assert set(history.history) == {'loss', 'acc'}
    assert history.history['acc'][-1] > 0.9
    loss, acc = model.evaluate(x, y, verbose=0)
    assert acc > 0.9
    pred = model.predict(x)
    assert pred.shape == (512, 1) and pred.dtype == np.float32
    np.testing.assert_allclose(acc, np.mean((pred > 0.5) == y), atol=1e-6)


def test_metric_names_follow_user_spelling():
    x, y = _data(64)
    model = _mlp()
    model.compile('sgd', 'binary_crossentropy', metrics=['accuracy'])
    assert model.metrics_names == ['loss', 'accuracy']
    history = model.fit(x, y, epochs=1, verbose=0)
    assert 'accuracy' in history.history


def test_accuracy_resolution_sparse_and_categorical():
    rng = np.random.RandomState(0)
    x = rng.randn(20, 4).astype('float32')
    labels = rng.randint(0, 3, size=(20,))
    model = _mlp(n_out=3, activation='softmax')
    model.compile('sgd', 'sparse_categorical_crossentropy', metrics=['acc'])
    _, acc = model.evaluate(x, labels[:, None], verbose=0)
    pred = model.predict(x)
    np.testing.assert_allclose(acc, np.mean(pred.argmax(-1) == labels),
                               atol=1e-6)
    model.compile('sgd', 'categorical_crossentropy', metrics=['acc'])
    _, acc2 = model.evaluate(x, np.eye(3)[labels], verbose=0)
    np.testing.assert_allclose(acc2, acc, atol=1e-6)


def test_batch_calls_match_numpy():
    model, w = _linear()
    model.compile(optimizers.SGD(lr=0.), 'mse')
    x = np.arange(12, dtype='float32').reshape(4, 3) / 10.
    y = np.ones((4, 2), 'float32')
    expected = np.mean((x.dot(w) - y) ** 2)
    assert np.ndim(model.test_on_batch(x, y)) == 0
    np.testing.assert_allclose(model.test_on_batch(x, y), expected, rtol=1e-5)
    np.testing.assert_allclose(model.train_on_batch(x, y), expected, rtol=1e-5)
    np.testing.assert_allclose(model.predict_on_batch(x), x.dot(w), rtol=1e-5)
    np.testing.assert_allclose(model.evaluate(x, y, batch_size=3, verbose=0),
                               expected, rtol=1e-5)


def test_sgd_step_matches_numpy():
    model, w = _linear()
    model.compile(optimizers.SGD(lr=0.1), 'mse')
    x = np.arange(12, dtype='float32').reshape(4, 3) / 10.
    y = np.ones((4, 2), 'float32')
    grad = 2. * x.T.dot(x.dot(w) - y) / y.size
    model.train_on_batch(x, y)
    np.testing.assert_allclose(model.get_weights()[0], w - 0.1 * grad,
                               rtol=1e-5)


def test_sample_weight_and_class_weight():
    model, w = _linear(n_out=1)
    model.compile(optimizers.SGD(lr=0.), 'mse')
    x = np.arange(12, dtype='float32').reshape(4, 3) / 10.
    y = np.array([[0.], [1.], [1.], [0.]], 'float32')
    err = (x.dot(w) - y)[:, 0] ** 2
    sw = np.array([1., 2., 0., 3.], 'float32')
    np.testing.assert_allclose(model.test_on_batch(x, y, sample_weight=sw),
                               np.sum(err * sw) / 4., rtol=1e-5)
    cw = {0: 2., 1: 0.5}
    loss = model.train_on_batch(x, y, class_weight=cw)
    np.testing.assert_allclose(loss, np.sum(err * np.array([2, .5, .5, 2])) / 4,
                               rtol=1e-5)


def test_temporal_sample_weights():
    inputs = Input(shape=(3, 2))
    layer = Dense(1, use_bias=False, kernel_initializer='ones')
    model = Model(inputs, layer(inputs))
    model.compile(optimizers.SGD(lr=0.), 'mse', sample_weight_mode='temporal')
    x = np.arange(12, dtype='float32').reshape(2, 3, 2) / 10.
    y = np.zeros((2, 3, 1), 'float32')
    sw = np.array([[1., 0., 2.], [0., 1., 1.]], 'float32')
    err = x.sum(-1) ** 2
    np.testing.assert_allclose(model.test_on_batch(x, y, sample_weight=sw),
                               np.sum(err * sw) / 6., rtol=1e-5)
    with pytest.raises(ValueError, match='sample_weight'):
        model.test_on_batch(x, y, sample_weight=np.ones(2, 'float32'))


def test_masked_loss_averages_unmasked_timesteps():
    inputs = Input(shape=(3, 2))
    masked = Masking(mask_value=0.)(inputs)
    outputs = Dense(1, use_bias=False, kernel_initializer='ones')(masked)
    model = Model(inputs, outputs)
    model.compile(optimizers.SGD(lr=0.), 'mse')
    x = np.array([[[1, 1], [0, 0], [2, 0]], [[0, 0], [1, 2], [0, 0]]],
                 'float32')
    y = np.zeros((2, 3, 1), 'float32')
    mask = np.any(x != 0, axis=-1)
    err = x.sum(-1) ** 2
    np.testing.assert_allclose(model.test_on_batch(x, y),
                               err[mask].mean(), rtol=1e-5)


def test_regularization_loss_is_added():
    inputs = Input(shape=(3,))
    layer = Dense(1, use_bias=False, kernel_initializer='ones',
                  kernel_regularizer=regularizers.l2(0.5))
    model = Model(inputs, layer(inputs))
    model.compile(optimizers.SGD(lr=0.), 'mse')
    x = np.ones((2, 3), 'float32')
    y = np.zeros((2, 1), 'float32')
    np.testing.assert_allclose(model.test_on_batch(x, y), 9. + 0.5 * 3,
                               rtol=1e-5)


def test_multi_io_with_loss_weights():
    a, b = Input(shape=(2,), name='a'), Input(shape=(3,), name='b')
    out1 = Dense(1, name='out1', kernel_initializer='ones',
                 use_bias=False)(a)
    out2 = Dense(2, name='out2', activation='softmax')(b)
    model = Model([a, b], [out1, out2])
    model.compile(optimizers.SGD(lr=0.),
                  loss={'out1': 'mse', 'out2': 'categorical_crossentropy'},
                  loss_weights={'out1': 2., 'out2': 0.},
                  metrics={'out2': ['acc']})
    assert model.metrics_names == ['loss', 'out1_loss', 'out2_loss',
                                   'out2_acc']
    xa = np.ones((4, 2), 'float32')
    xb = np.random.rand(4, 3).astype('float32')
    y1 = np.zeros((4, 1), 'float32')
    y2 = np.eye(2, dtype='float32')[[0, 1, 0, 1]]
    loss, l1, l2, acc = model.test_on_batch({'a': xa, 'b': xb},
                                            {'out1': y1, 'out2': y2})
    np.testing.assert_allclose(l1, 4., rtol=1e-5)
    np.testing.assert_allclose(loss, 2. * l1, rtol=1e-5)
    model.compile(optimizers.Adam(lr=0.05),
                  loss=['mse', 'categorical_crossentropy'],
                  loss_weights=[1., 0.5], metrics=['acc'])
    history = model.fit([xa, xb], [y1, y2], epochs=3, batch_size=2, verbose=0)
    assert {'out1_loss', 'out2_loss', 'out1_acc', 'out2_acc'} <= \
        set(history.history)
    assert history.history['out1_loss'][-1] < 4.


def test_output_without_loss_needs_no_target():
    a = Input(shape=(2,))
    out1 = Dense(1, name='out1')(a)
    out2 = Dense(1, name='out2', trainable=False)(a)  # no gradient needed
    model = Model(a, [out1, out2])
    with pytest.warns(UserWarning, match='out2'):
        model.compile('sgd', loss={'out1': 'mse'})
    x = np.ones((4, 2), 'float32')
    model.fit(x, np.zeros((4, 1), 'float32'), verbose=0)
    assert len(model.predict(x)) == 2


def test_validation_split_data_and_freq():
    x, y = _data(40)
    model = _mlp()
    model.compile('sgd', 'binary_crossentropy', metrics=['acc'])
    h = model.fit(x, y, epochs=2, validation_split=0.25, verbose=0)
    assert len(h.history['val_loss']) == 2 and 'val_acc' in h.history
    h = model.fit(x, y, epochs=4, validation_data=(x[:8], y[:8]),
                  validation_freq=2, verbose=0)
    assert len(h.history['val_loss']) == 2
    h = model.fit(x, y, epochs=3, validation_data=(x[:8], y[:8]),
                  validation_freq=[1, 3], verbose=0)
    expected = model.evaluate(x[:8], y[:8], verbose=0)
    np.testing.assert_allclose(h.history['val_loss'][-1], expected[0],
                               rtol=1e-5)


class _BatchRecorder(Callback):
    def __init__(self):
        super(_BatchRecorder, self).__init__()
        self.sizes, self.epochs = [], []

    def on_batch_end(self, batch, logs=None):
        self.sizes.append(logs['size'])

    def on_epoch_begin(self, epoch, logs=None):
        self.epochs.append(epoch)


def test_shuffle_modes_initial_epoch_and_callbacks():
    x, y = _data(10)
    model = _mlp()
    model.compile('sgd', 'binary_crossentropy')
    for shuffle in (True, False, 'batch'):
        rec = _BatchRecorder()
        h = model.fit(x, y, batch_size=4, epochs=3, initial_epoch=1,
                      shuffle=shuffle, callbacks=[rec], verbose=0)
        assert rec.sizes == [4, 4, 2] * 2
        assert rec.epochs == [1, 2] and h.epoch == [1, 2]


def test_steps_per_epoch_with_arrays():
    x, y = _data(8)
    model = _mlp()
    model.compile('sgd', 'binary_crossentropy')
    rec = _BatchRecorder()
    model.fit(x, y, steps_per_epoch=3, epochs=1, callbacks=[rec], verbose=0)
    assert len(rec.sizes) == 3


def test_functions_are_cached():
    x, y = _data(16)
    model = _mlp()
    opt = optimizers.SGD(lr=0.01)
    model.compile(opt, 'binary_crossentropy')
    model.fit(x, y, verbose=0)
    train_function = model.train_function
    model.fit(x, y, verbose=0)
    model.predict(x)
    predict_function = model.predict_function
    model.compile(opt, 'binary_crossentropy')  # same configuration
    assert model.train_function is train_function
    model.predict(x)
    assert model.predict_function is predict_function


def test_trainable_is_frozen_at_compile_time():
    x, y = _data(16)
    inputs = Input(shape=(4,))
    layer = Dense(1)
    model = Model(inputs, layer(inputs))
    model.compile(optimizers.SGD(lr=0.1), 'mse')
    layer.trainable = False
    before = layer.get_weights()[0].copy()
    with pytest.warns(UserWarning, match='trainable'):
        model.train_on_batch(x, y)
    assert not np.allclose(before, layer.get_weights()[0])
    model.compile(optimizers.SGD(lr=0.1), 'mse')
    before = layer.get_weights()[0].copy()
    model.train_on_batch(x, y)
    np.testing.assert_allclose(before, layer.get_weights()[0])


def test_learning_phase_is_fed_in_training():
    inputs = Input(shape=(50,))
    outputs = Dropout(0.5)(inputs)
    model = Model(inputs, outputs)
    model.compile(optimizers.SGD(lr=0.), 'mae')
    x = np.ones((4, 50), 'float32')
    y = np.ones((4, 50), 'float32')
    assert model.uses_learning_phase
    np.testing.assert_allclose(model.test_on_batch(x, y), 0., atol=1e-6)
    np.testing.assert_allclose(model.predict(x), x)
    # training mode: about half the units are dropped (|1 - 0| = 1) and the
    # rest are scaled by 2 (|1 - 2| = 1): mean absolute error of 1.
    np.testing.assert_allclose(model.train_on_batch(x, y), 1., atol=1e-6)


def test_sequential_model_trains_and_casts_float64():
    model = Sequential([Dense(4, activation='relu', input_shape=(3,)),
                        Dense(1)])
    model.compile('rmsprop', 'mse', metrics=['mae'])
    x = np.random.rand(20, 3)  # float64 data
    y = np.random.rand(20)     # 1D targets become columns
    h = model.fit(x, y, batch_size=5, epochs=2, verbose=0)
    assert set(h.history) == {'loss', 'mean_absolute_error'} or \
        set(h.history) == {'loss', 'mae'}
    assert model.predict(x).dtype == np.float32


def test_static_input_batch_size_is_used_and_checked():
    inputs = Input(batch_shape=(4, 3))
    model = Model(inputs, Dense(1)(inputs))
    model.compile('sgd', 'mse')
    x = np.ones((8, 3), 'float32')
    y = np.ones((8, 1), 'float32')
    model.fit(x, y, verbose=0)  # the batch size is taken from the input
    with pytest.raises(ValueError, match='batch_size'):
        model.fit(x, y, batch_size=2, verbose=0)


def test_weighted_metrics_and_metric_objects():
    from keras import metrics
    model, w = _linear(n_out=1)
    model.compile(optimizers.SGD(lr=0.), 'mse',
                  metrics=['mae', metrics.MeanSquaredError()],
                  weighted_metrics=['mae'])
    assert model.metrics_names == ['loss', 'mae', 'mean_squared_error',
                                   'mae_1']
    x = np.arange(18, dtype='float32').reshape(6, 3) / 10.
    y = np.zeros((6, 1), 'float32')
    sw = np.array([1., 0., 2., 1., 0., 1.], 'float32')
    err = (x.dot(w) - y)[:, 0]
    loss, mae, mse, wmae = model.evaluate(x, y, sample_weight=sw,
                                          batch_size=4, verbose=0)
    np.testing.assert_allclose(loss, np.mean(err ** 2 * sw), rtol=1e-5)
    # stateful metrics cover the whole data set, not the last batch
    np.testing.assert_allclose(mae, np.mean(np.abs(err)), rtol=1e-5)
    np.testing.assert_allclose(mse, np.mean(err ** 2), rtol=1e-5)
    np.testing.assert_allclose(wmae, np.sum(np.abs(err) * sw) / sw.sum(),
                               rtol=1e-5)
    assert model.evaluate_on_metrics(x, y, verbose=0)['mae'] == \
        pytest.approx(mae, rel=1e-5)


def test_metrics_accumulate_or_reset_on_batch():
    model, w = _linear(n_out=1)
    model.compile(optimizers.SGD(lr=0.), 'mse', metrics=['mae'])
    x = np.ones((2, 3), 'float32')
    y0, y1 = np.zeros((2, 1), 'float32'), np.ones((2, 1), 'float32')
    pred = x.dot(w)[0, 0]
    _, mae = model.test_on_batch(x, y0)
    np.testing.assert_allclose(mae, pred, rtol=1e-5)
    model.test_on_batch(x, y0, reset_metrics=False)
    _, mae = model.test_on_batch(x, y1, reset_metrics=False)
    np.testing.assert_allclose(mae, (pred + abs(pred - 1)) / 2, rtol=1e-5)


def test_target_tensors_are_used_instead_of_fed_targets():
    model, w = _linear(n_out=1)
    target = K.constant(np.ones((4, 1), 'float32'))
    model.compile(optimizers.SGD(lr=0.), 'mse', target_tensors=[target])
    x = np.arange(12, dtype='float32').reshape(4, 3) / 10.
    expected = np.mean((x.dot(w) - 1.) ** 2)
    h = model.fit(x, None, batch_size=4, epochs=1, verbose=0)
    np.testing.assert_allclose(h.history['loss'][0], expected, rtol=1e-5)


def test_subclassed_model_builds_on_first_data():
    class Tiny(Model):
        def __init__(self):
            super(Tiny, self).__init__()
            self.hidden = Dense(4, activation='tanh')
            self.out = Dense(1)

        def call(self, inputs):
            return self.out(self.hidden(inputs))

    model = Tiny()
    model.compile(optimizers.SGD(lr=0.05), 'mse')
    x, y = _data(32)
    h = model.fit(x, y, batch_size=8, epochs=2, verbose=0)
    assert len(h.history['loss']) == 2
    assert model.predict(x).shape == (32, 1)


def test_layer_metrics_from_add_metric():
    from keras.engine.base_layer import Layer

    class MeanInput(Layer):
        def call(self, inputs):
            self.add_metric(K.mean(inputs), name='mean_input')
            return inputs

    inputs = Input(shape=(2,))
    outputs = Dense(1, kernel_initializer='zeros')(MeanInput()(inputs))
    model = Model(inputs, outputs)
    model.compile(optimizers.SGD(lr=0.), 'mse')
    assert model.metrics_names == ['loss', 'mean_input']
    x = np.array([[1., 3.], [5., 7.]], 'float32')
    loss, mean_input = model.evaluate(x, np.zeros((2, 1)), verbose=0)
    np.testing.assert_allclose(mean_input, 4., rtol=1e-5)


def test_verbose_modes_print_progress(capsys):
    x, y = _data(32)
    model = _mlp()
    model.compile('sgd', 'binary_crossentropy', metrics=['acc'])
    model.fit(x, y, batch_size=16, epochs=1, verbose=1,
              validation_data=(x, y))
    out = capsys.readouterr().out
    assert 'Epoch 1/1' in out and 'val_acc' in out
    model.fit(x, y, batch_size=16, epochs=1, verbose=2)
    assert 'loss' in capsys.readouterr().out
    model.evaluate(x, y, verbose=1)
    assert '32/32' in capsys.readouterr().out


def test_stateful_rnn_batch_size_must_divide_and_reset():
    from keras.layers import SimpleRNN
    inputs = Input(batch_shape=(2, 3, 1))
    rnn = SimpleRNN(2, stateful=True)
    model = Model(inputs, Dense(1)(rnn(inputs)))
    model.compile('sgd', 'mse')
    assert model.stateful
    x = np.random.rand(4, 3, 1).astype('float32')
    y = np.zeros((4, 1), 'float32')
    model.fit(x, y, batch_size=2, epochs=1, shuffle=False, verbose=0)
    with pytest.raises(ValueError, match='divided by the batch size'):
        model.predict(np.zeros((5, 3, 1), 'float32'), batch_size=2)
    model.reset_states()
    first = model.predict(x[:2], batch_size=2)
    second = model.predict(x[:2], batch_size=2)  # state carried over
    model.reset_states()
    np.testing.assert_allclose(model.predict(x[:2], batch_size=2), first,
                               rtol=1e-5)
    assert not np.allclose(first, second)


def test_sparse_inputs_are_densified_per_batch():
    import scipy.sparse
    model, w = _linear()
    model.compile(optimizers.SGD(lr=0.), 'mse')
    x = np.eye(5, 3, dtype='float32')
    y = np.zeros((5, 2), 'float32')
    expected = model.evaluate(x, y, batch_size=2, verbose=0)
    sparse = scipy.sparse.csr_matrix(x)
    np.testing.assert_allclose(model.evaluate(sparse, y, batch_size=2,
                                              verbose=0), expected, rtol=1e-6)
    np.testing.assert_allclose(model.predict(sparse, batch_size=2),
                               x.dot(w), rtol=1e-6)
    model.fit(sparse, y, batch_size=2, epochs=1, verbose=0)


def test_unbuilt_sequential_builds_and_compiles_on_first_data():
    model = Sequential()
    model.add(Dense(3, activation='relu'))
    model.add(Dense(1))
    model.compile('sgd', 'mse')
    x, y = _data(16)
    model.fit(x, y, batch_size=8, epochs=1, verbose=0)
    assert model.predict(x).shape == (16, 1)
