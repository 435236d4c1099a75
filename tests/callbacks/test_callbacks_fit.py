"""Callbacks inside a real (tiny) `fit`."""
import numpy as np
import pytest

from keras import backend as K
from keras import callbacks
from keras.engine.input_layer import Input
from keras.engine.training import Model
from keras.layers import Dense


def _model():
    x = Input((3,))
    model = Model(x, Dense(1)(x))
    model.compile('sgd', 'mse')
    return model


def _data():
    rng = np.random.RandomState(0)
    x = rng.rand(8, 3).astype('float32')
    return x, x.sum(axis=1, keepdims=True)


def test_fit_with_scheduler_history_checkpoint_and_csv(tmp_path):
    model = _model()
    x, y = _data()
    path = str(tmp_path / 'w{epoch}.h5')
    history = model.fit(
        x, y, batch_size=4, epochs=3, verbose=0, validation_data=(x, y),
        callbacks=[callbacks.LearningRateScheduler(lambda e: 0.01 * (e + 1)),
                   callbacks.ModelCheckpoint(path, save_weights_only=True),
                   callbacks.CSVLogger(str(tmp_path / 'log.csv'))])
    assert history.epoch == [0, 1, 2]
    np.testing.assert_allclose(history.history['lr'], [0.01, 0.02, 0.03],
                               rtol=1e-6)
    assert len(history.history['val_loss']) == 3
    assert K.get_value(model.optimizer.lr) == pytest.approx(0.03)
    for epoch in (1, 2, 3):
        assert (tmp_path / ('w%d.h5' % epoch)).exists()
    lines = (tmp_path / 'log.csv').read_text().splitlines()
    assert lines[0] == 'epoch,loss,lr,val_loss' and len(lines) == 4


def test_fit_early_stopping_restores_best_weights():
    model = _model()
    x, y = _data()
    # the learning rate explodes after epoch 0: val_loss only gets worse
    schedule = callbacks.LearningRateScheduler(
        lambda epoch: 0.01 if epoch == 0 else 5.0)
    best = {}

    class KeepFirst(callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            if epoch == 0:
                best['weights'] = self.model.get_weights()

    stopper = callbacks.EarlyStopping(monitor='val_loss', patience=1,
                                      restore_best_weights=True)
    history = model.fit(x, y, batch_size=8, epochs=10, verbose=0,
                        validation_data=(x, y),
                        callbacks=[schedule, KeepFirst(), stopper])
    assert len(history.epoch) == 2
    for got, want in zip(model.get_weights(), best['weights']):
        np.testing.assert_allclose(got, want)
