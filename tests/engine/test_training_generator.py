"""fit/evaluate/predict from generators and Sequences, with workers."""
import threading

import numpy as np
import pytest

from keras import optimizers
from keras.layers import Dense, Input
from keras.models import Model
from keras.utils import Sequence

RNG = np.random.RandomState(0)
X = RNG.randn(48, 4).astype('float32')
Y = (X[:, :1] > 0).astype('float32')


def _model():
    inputs = Input(shape=(4,))
    model = Model(inputs, Dense(1, activation='sigmoid')(inputs))
    model.compile(optimizers.SGD(lr=0.1), 'binary_crossentropy',
                  metrics=['acc'])
    return model


class _Batches(Sequence):
    def __init__(self, batch_size=8):
        self.batch_size = batch_size
        self.epochs_ended = 0

    def __len__(self):
        return len(X) // self.batch_size

    def __getitem__(self, i):
        s = slice(i * self.batch_size, (i + 1) * self.batch_size)
        return X[s], Y[s]

    def on_epoch_end(self):
        self.epochs_ended += 1


def _threadsafe_batches(batch_size=8, with_weights=False):
    """An endless generator safe to share between worker threads."""
    lock = threading.Lock()
    state = {'i': 0}
    n = len(X) // batch_size

    def gen():
        while True:  # runs under the iterator's lock
            i = state['i'] % n
            state['i'] += 1
            s = slice(i * batch_size, (i + 1) * batch_size)
            if with_weights:
                yield X[s], Y[s], np.ones(batch_size, 'float32')
            else:
                yield X[s], Y[s]

    class SafeIterator(object):
        def __init__(self):
            self.it = gen()

        def __iter__(self):
            return self

        def __next__(self):
            with lock:
                return next(self.it)
    return SafeIterator()


def test_fit_generator_with_thread_workers():
    model = _model()
    h = model.fit_generator(_threadsafe_batches(), steps_per_epoch=6,
                            epochs=2, workers=2, verbose=0,
                            validation_data=_threadsafe_batches(),
                            validation_steps=2)
    assert set(h.history) == {'loss', 'acc', 'val_loss', 'val_acc'}
    assert len(h.history['loss']) == 2


def test_fit_generator_with_weights_in_main_thread():
    model = _model()
    h = model.fit_generator(_threadsafe_batches(with_weights=True),
                            steps_per_epoch=3, epochs=1, workers=0,
                            verbose=0, validation_data=(X, Y))
    assert 'val_loss' in h.history


@pytest.mark.parametrize('workers', [0, 2])
def test_sequence_training_and_agreement_with_arrays(workers):
    model = _model()
    seq = _Batches()
    h = model.fit(seq, epochs=2, workers=workers, verbose=0)
    assert len(h.history['loss']) == 2
    if workers == 0:
        assert seq.epochs_ended >= 1
    loss, acc = model.evaluate_generator(_Batches(), workers=workers)
    ref_loss, ref_acc = model.evaluate(X, Y, batch_size=8, verbose=0)
    np.testing.assert_allclose(loss, ref_loss, rtol=1e-5)
    np.testing.assert_allclose(acc, ref_acc, rtol=1e-5)
    pred = model.predict_generator(_Batches(), workers=workers)
    np.testing.assert_allclose(pred, model.predict(X), rtol=1e-5)
    np.testing.assert_allclose(model.predict(_Batches()), pred, rtol=1e-6)
    np.testing.assert_allclose(model.evaluate(_Batches(), verbose=0)[0],
                               ref_loss, rtol=1e-5)


def test_generator_argument_errors():
    model = _model()
    with pytest.raises(ValueError, match='steps_per_epoch'):
        model.fit_generator(_threadsafe_batches(), epochs=1, verbose=0)
    with pytest.raises(ValueError, match='`y` argument'):
        model.fit(_Batches(), Y, verbose=0)
    with pytest.raises(ValueError, match='batch_size'):
        model.fit(_Batches(), batch_size=4, verbose=0)

    def bad():
        while True:
            yield X[:2]
    with pytest.raises(ValueError, match='Output of generator'):
        model.fit_generator(bad(), steps_per_epoch=1, workers=0, verbose=0)

    def short():
        yield X[:8], Y[:8]
    with pytest.raises(ValueError, match='ran out of data'):
        model.fit_generator(short(), steps_per_epoch=3, workers=0, verbose=0)
