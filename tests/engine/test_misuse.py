"""The misuse table: bad values given to the public entry points raise a
`ValueError`/`TypeError` naming the argument, with the expected and the
actual value; NaN in the training data warns once; good values of the
same kind (NumPy integers, integral floats) are accepted."""
import warnings

import numpy as np
import pytest

from keras import backend as K
from keras import layers
from keras.callbacks import Callback
from keras.models import Model, Sequential

X = np.zeros((8, 3), 'float32')
Y = np.zeros((8, 2), 'float32')


def _model():
    inputs = layers.Input(shape=(3,), name='features')
    model = Model(inputs, layers.Dense(2, name='scores')(inputs))
    model.compile('sgd', 'mse')
    return model


def _embedding_model():
    model = Sequential([layers.Embedding(3, 2, input_length=1,
                                         name='words')])
    model.compile('sgd', 'mse')
    return model


def _sum_function():
    a, b = K.placeholder((None, 2)), K.placeholder((None, 2))
    return K.function([a, b], [a + b])


def _generator():
    while True:
        yield X, Y


# (case, call, error type, words the message must contain)
CASES = [
    ('batch_size=0', lambda: _model().fit(X, Y, batch_size=0, verbose=0),
     ValueError, ['batch_size', '>= 1', 'got 0']),
    ('batch_size=-1', lambda: _model().fit(X, Y, batch_size=-1, verbose=0),
     ValueError, ['batch_size', 'got -1']),
    ('batch_size=2.5', lambda: _model().fit(X, Y, batch_size=2.5,
                                            verbose=0),
     TypeError, ['batch_size', '2.5']),
    ('batch_size="a"', lambda: _model().fit(X, Y, batch_size='a',
                                            verbose=0),
     TypeError, ['batch_size', "'a'"]),
    ('evaluate batch_size=0', lambda: _model().evaluate(X, Y, batch_size=0,
                                                        verbose=0),
     ValueError, ['evaluate', 'batch_size']),
    ('predict batch_size=0', lambda: _model().predict(X, batch_size=0),
     ValueError, ['predict', 'batch_size']),
    ('predict steps=-1', lambda: _model().predict(X, steps=-1),
     ValueError, ['predict', 'steps', 'got -1']),
    ('epochs=-1', lambda: _model().fit(X, Y, epochs=-1, verbose=0),
     ValueError, ['epochs', '>= 0', 'got -1']),
    ('epochs="a"', lambda: _model().fit(X, Y, epochs='a', verbose=0),
     TypeError, ['epochs', "'a'"]),
    ('initial_epoch=-1', lambda: _model().fit(X, Y, initial_epoch=-1,
                                              verbose=0),
     ValueError, ['initial_epoch', 'got -1']),
    ('steps_per_epoch=-2', lambda: _model().fit(X, Y, steps_per_epoch=-2,
                                                verbose=0),
     ValueError, ['steps_per_epoch', 'got -2']),
    ('validation_split=1.5', lambda: _model().fit(
        X, Y, validation_split=1.5, verbose=0),
     ValueError, ['validation_split', '[0, 1)', '1.5']),
    ('validation_split=-0.1', lambda: _model().fit(
        X, Y, validation_split=-0.1, verbose=0),
     ValueError, ['validation_split', '-0.1']),
    ('validation_split="a"', lambda: _model().fit(
        X, Y, validation_split='a', verbose=0),
     TypeError, ['validation_split', "'a'"]),
    ('verbose=5', lambda: _model().fit(X, Y, verbose=5),
     ValueError, ['verbose', '0, 1 or 2', '5']),
    ('shuffle="yes"', lambda: _model().fit(X, Y, shuffle='yes', verbose=0),
     ValueError, ['shuffle', "'yes'"]),
    ('callbacks="a"', lambda: _model().fit(X, Y, callbacks='a', verbose=0),
     TypeError, ['callbacks', 'Callback', "'a'"]),
    ('callbacks=[1]', lambda: _model().fit(X, Y, callbacks=[1], verbose=0),
     TypeError, ['callbacks', 'item 0', 'int']),
    ('predict callbacks="a"', lambda: _model().predict(X, callbacks='a'),
     TypeError, ['callbacks', "'a'"]),
    ('strings in x', lambda: _model().fit(np.array([['a', 'b', 'c']] * 8),
                                          Y, verbose=0),
     TypeError, ['input', 'features', 'float32', '<U1']),
    ('strings in y', lambda: _model().fit(X, np.array([['a', 'b']] * 8),
                                          verbose=0),
     TypeError, ['target', 'scores', 'float32']),
    ('strings in train_on_batch', lambda: _model().train_on_batch(
        np.array([['a', 'b', 'c']]), Y[:1]),
     TypeError, ['input', 'features']),
    ('empty arrays', lambda: _model().fit(X[:0], Y[:0], verbose=0),
     ValueError, ['fit', 'no samples', '(0, 3)']),
    ('empty evaluate', lambda: _model().evaluate(X[:0], Y[:0], verbose=0),
     ValueError, ['evaluate', 'no samples']),
    ('empty train_on_batch', lambda: _model().train_on_batch(X[:0], Y[:0]),
     ValueError, ['train_on_batch', 'no samples']),
    ('fit without y', lambda: _model().fit(X, verbose=0),
     ValueError, ['`y` is None', 'scores']),
    ('predict(None)', lambda: _model().predict(None),
     ValueError, ['input', 'features', '`x` is None']),
    ('fit(None, y)', lambda: _model().fit(None, Y, verbose=0),
     ValueError, ['input', 'features', '`x` is None']),
    ('predict_on_batch(None)', lambda: _model().predict_on_batch(None),
     ValueError, ['features', '`x` is None']),
    ('evaluate without y', lambda: _model().evaluate(X, verbose=0),
     ValueError, ['`y` is None']),
    ('K.function input count', lambda: _sum_function()([np.zeros((1, 2))]),
     ValueError, ['expect', '2 inputs', 'got 1']),
    ('Embedding index out of range', lambda: _embedding_model().predict(
        np.array([[5]])),
     ValueError, ['words', '[0, 3)', 'input_dim', '5']),
    ('Embedding negative index', lambda: _embedding_model().fit(
        np.array([[-1]]), np.zeros((1, 1, 2)), verbose=0),
     ValueError, ['words', '-1']),
    ('fit_generator epochs=-1', lambda: _model().fit_generator(
        _generator(), steps_per_epoch=1, epochs=-1, verbose=0),
     ValueError, ['fit_generator', 'epochs']),
    ('fit_generator steps_per_epoch=0', lambda: _model().fit_generator(
        _generator(), steps_per_epoch=0, verbose=0),
     ValueError, ['fit_generator', 'steps_per_epoch', 'got 0']),
    ('predict_generator steps="a"', lambda: _model().predict_generator(
        (x for x, _ in _generator()), steps='a'),
     TypeError, ['predict_generator', 'steps', "'a'"]),
    ('evaluate_generator steps=-3', lambda: _model().evaluate_generator(
        _generator(), steps=-3),
     ValueError, ['evaluate_generator', 'steps', '-3']),
    ('Dense("a")', lambda: layers.Dense('a'), TypeError,
     ['Dense', 'units', "'a'"]),
    ('Dense(2.5)', lambda: layers.Dense(2.5), TypeError,
     ['Dense', 'units', '2.5']),
    ('Dense(0)', lambda: layers.Dense(0), ValueError,
     ['Dense', 'units', 'got 0']),
    ('Dense(True)', lambda: layers.Dense(True), TypeError,
     ['Dense', 'units', 'True']),
    ('Conv2D(0, 3)', lambda: layers.Conv2D(0, 3), ValueError,
     ['Conv2D', 'filters', 'got 0']),
    ('Conv1D(1.5, 3)', lambda: layers.Conv1D(1.5, 3), TypeError,
     ['Conv1D', 'filters', '1.5']),
    ('Dropout(2.0)', lambda: layers.Dropout(2.0), ValueError,
     ['Dropout', 'rate', '[0, 1)', '2.0']),
    ('Dropout(-0.1)', lambda: layers.Dropout(-0.1), ValueError,
     ['Dropout', 'rate', '-0.1']),
    ('Dropout(1.0)', lambda: layers.Dropout(1.0), ValueError,
     ['Dropout', 'rate', '1.0']),
    ('Dropout("a")', lambda: layers.Dropout('a'), TypeError,
     ['Dropout', 'rate', "'a'"]),
    ('SpatialDropout2D(1.5)', lambda: layers.SpatialDropout2D(1.5),
     ValueError, ['SpatialDropout2D', 'rate']),
    ('GaussianDropout(3)', lambda: layers.GaussianDropout(3), ValueError,
     ['GaussianDropout', 'rate']),
    ('AlphaDropout(-1)', lambda: layers.AlphaDropout(-1), ValueError,
     ['AlphaDropout', 'rate']),
    ('Input(shape=3)', lambda: layers.Input(shape=3), TypeError,
     ['Input', 'shape', 'shape=(3,)']),
    ('Input(shape=(-2,))', lambda: layers.Input(shape=(-2,)), ValueError,
     ['Input', 'shape', '(-2,)']),
    ('Input(shape=("a",))', lambda: layers.Input(shape=('a',)), TypeError,
     ['Input', 'shape', "'a'"]),
    ('Input(shape=(2.5,))', lambda: layers.Input(shape=(2.5,)), TypeError,
     ['Input', 'shape', '2.5']),
    ('Input(batch_shape=5)', lambda: layers.Input(batch_shape=5), TypeError,
     ['Input', 'batch_shape']),
    ('InputLayer(input_shape=(-1, 2))', lambda: layers.InputLayer(
        input_shape=(-1, 2)), ValueError, ['InputLayer', 'input_shape']),
]


@pytest.mark.parametrize('case, call, error, words', CASES,
                         ids=[c[0] for c in CASES])
def test_misuse_gives_clear_error(case, call, error, words):
    with pytest.raises(error) as err:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            call()
    message = str(err.value)
    for word in words:
        assert word in message, (case, word, message)


def test_numpy_integers_and_integral_floats_are_accepted():
    layer = layers.Dense(np.int64(3))
    assert layer.units == 3 and type(layer.units) is int
    assert layers.Dense(4.0).units == 4  # `n / 2` in Python 3 code
    assert layers.Conv2D(np.int32(2), 3).filters == 2
    assert layers.Dropout(np.float32(0.5)).rate == 0.5
    assert K.int_shape(layers.Input(shape=(np.int64(3),))) == (None, 3)
    model = _model()
    history = model.fit(X, Y, batch_size=np.int64(4), epochs=np.int32(2),
                        verbose=0)
    assert len(history.history['loss']) == 2


def test_nan_in_fit_data_warns_once():
    model = _model()
    x = X.copy()
    x[0, 0] = np.nan
    with pytest.warns(UserWarning) as record:
        model.fit(x, Y, epochs=2, batch_size=4, verbose=0)
    nan = [str(r.message) for r in record if 'NaN' in str(r.message)]
    assert len(nan) == 1
    assert 'features' in nan[0] and '1 NaN/Inf' in nan[0]
    assert 'TerminateOnNaN' in nan[0]
    y = Y.copy()
    y[1, 1] = np.inf
    with pytest.warns(UserWarning, match='target "scores" contains 1'):
        model.fit(X, y, verbose=0)
    with warnings.catch_warnings():  # clean data: no warning
        warnings.simplefilter('error')
        model.fit(X, Y, verbose=0)


def test_callback_duck_types_and_none_are_accepted():
    class Minimal(object):
        def set_model(self, model):
            self.model = model

        def set_params(self, params):
            self.params = params

        def __getattr__(self, name):
            if name.startswith('on_'):
                return lambda *args, **kwargs: None
            raise AttributeError(name)

    model = _model()
    model.fit(X, Y, verbose=0, callbacks=None)
    model.fit(X, Y, verbose=0, callbacks=(Callback(),))
    model.fit(X, Y, verbose=0, callbacks=[Minimal()])
