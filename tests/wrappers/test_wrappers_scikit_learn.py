"""Tests of keras.wrappers.scikit_learn (tiny models: every fit builds and
compiles a new one)."""
import numpy as np
import pytest

from keras.layers import Dense
from keras.models import Sequential
from keras.optimizers import Adam
from keras.wrappers.scikit_learn import BaseWrapper
from keras.wrappers.scikit_learn import KerasClassifier
from keras.wrappers.scikit_learn import KerasRegressor

N_FEATURES = 3


def _data(n=40, seed=0):
    rng = np.random.RandomState(seed)
    x = rng.randn(n, N_FEATURES).astype('float32')
    y = (x[:, 0] + x[:, 1] > 0).astype('int64')
    return x, y


def build_classifier(hidden=4, n_classes=2, loss='categorical_crossentropy',
                     metrics=('accuracy',)):
    model = Sequential()
    model.add(Dense(hidden, activation='tanh', input_shape=(N_FEATURES,)))
    if loss == 'binary_crossentropy':
        model.add(Dense(1, activation='sigmoid'))
    else:
        model.add(Dense(n_classes, activation='softmax'))
    model.compile(optimizer=Adam(0.05), loss=loss, metrics=list(metrics))
    return model


def build_regressor(hidden=4):
    model = Sequential()
    model.add(Dense(hidden, activation='relu', input_shape=(N_FEATURES,)))
    model.add(Dense(1))
    model.compile(optimizer='sgd', loss='mse')
    return model


def test_check_get_set_params():
    clf = KerasClassifier(build_classifier, hidden=3, epochs=2, batch_size=8,
                          verbose=0, nb_epoch=1)
    params = clf.get_params()
    assert params['build_fn'] is build_classifier
    assert params['hidden'] == 3 and params['epochs'] == 2
    with pytest.raises(ValueError, match='bogus is not a legal parameter'):
        KerasClassifier(build_classifier, bogus=1)
    with pytest.raises(ValueError, match='not a legal parameter'):
        clf.set_params(wrong=2)
    assert clf.set_params(hidden=5) is clf and clf.sk_params['hidden'] == 5
    assert clf.filter_sk_params(build_classifier) == {'hidden': 5}
    assert clf.filter_sk_params(Sequential.fit, {'epochs': 9}) == \
        {'epochs': 9, 'batch_size': 8, 'verbose': 0}

    class Builder(object):
        def __call__(self, width=2):
            return build_regressor(width)

    KerasRegressor(Builder(), width=3)
    with pytest.raises(ValueError, match='hidden'):
        KerasRegressor(Builder(), hidden=3)

    class Subclassed(KerasRegressor):
        def __call__(self, depth=1):
            return build_regressor()

    Subclassed(depth=2)
    with pytest.raises(ValueError, match='width'):
        Subclassed(width=2)
    assert issubclass(KerasClassifier, BaseWrapper)


def test_classifier_fit_predict_proba_score():
    x, y = _data()
    labels = np.array(['neg', 'pos'])[y]
    clf = KerasClassifier(build_classifier, hidden=6, epochs=40,
                          batch_size=40, verbose=0)
    clf.fit(x, labels)
    assert clf.classes_.tolist() == ['neg', 'pos'] and clf.n_classes_ == 2
    pred = clf.predict(x)
    assert pred.shape == (40,) and set(pred) <= {'neg', 'pos'}
    proba = clf.predict_proba(x)
    assert proba.shape == (40, 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1., rtol=1e-5)
    np.testing.assert_array_equal(pred, clf.classes_[proba.argmax(axis=1)])
    acc = clf.score(x, labels)
    np.testing.assert_allclose(acc, np.mean(pred == labels), atol=1e-6)
    assert acc > 0.7  # linearly separable data


def test_binary_sigmoid_classifier_and_errors():
    x, y = _data(n=12)
    clf = KerasClassifier(build_classifier, loss='binary_crossentropy',
                          epochs=1, verbose=0)
    clf.fit(x, y.reshape(-1, 1), sample_weight=np.ones(12))
    proba = clf.predict_proba(x)
    assert proba.shape == (12, 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1., rtol=1e-6)
    assert set(clf.predict(x)) <= {0, 1}
    with pytest.raises(ValueError, match='invalid shape for y'):
        clf.fit(x, np.zeros((12, 1, 1)))

    no_acc = KerasClassifier(build_classifier, metrics=(), epochs=1,
                             verbose=0)
    no_acc.fit(x, y)
    with pytest.raises(ValueError, match='metrics=\\["accuracy"\\]'):
        no_acc.score(x, y)


def test_regressor_predict_and_score():
    x, _ = _data(n=16)
    y = x.dot(np.array([1., -2., 0.5], dtype='float32'))
    reg = KerasRegressor(build_regressor, epochs=2, batch_size=16, verbose=0)
    history = reg.fit(x, y)
    assert len(history.history['loss']) == 2
    pred = reg.predict(x)
    assert pred.shape == (16,)
    loss = np.mean((reg.model.predict(x)[:, 0] - y) ** 2)
    np.testing.assert_allclose(reg.score(x, y), -loss, rtol=1e-4)


def test_with_scikit_learn_cross_validation():
    sklearn = pytest.importorskip(
        'sklearn', reason='scikit-learn is optional (requirements-test.txt)')
    from sklearn.base import clone
    from sklearn.model_selection import cross_val_score

    x, y = _data(n=20)
    clf = KerasClassifier(build_classifier, hidden=2, epochs=1, verbose=0)
    copy = clone(clf)
    assert copy.get_params()['hidden'] == 2 and copy is not clf
    scores = cross_val_score(clf, x, y, cv=2)
    assert scores.shape == (2,)
    assert np.all((scores >= 0) & (scores <= 1))
    assert sklearn.__version__
