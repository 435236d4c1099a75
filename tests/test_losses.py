"""Loss functions and classes against NumPy, reductions, sample weights,
serialization."""
import numpy as np
import pytest

from keras import backend as K
from keras import losses
from keras import objectives
from keras.utils import losses_utils

rng = np.random.RandomState(1337)
Y_TRUE = rng.rand(4, 3).astype('float32')
Y_PRED = rng.rand(4, 3).astype('float32') + 0.05
ONE_HOT = np.eye(3, dtype='float32')[[0, 2, 1, 2]]
PROBS = Y_PRED / Y_PRED.sum(axis=-1, keepdims=True)
EPS = 1e-7


def _evaluate(fn, *arrays, **kwargs):
    tensors = [K.variable(a) for a in arrays]
    return K.eval(fn(*tensors, **kwargs))


def np_logcosh(t, p):
    return np.mean(np.log(np.cosh(p - t)), axis=-1)


def np_huber(t, p, delta=1.0):
    e = np.abs(p - t)
    return np.where(e <= delta, 0.5 * e ** 2, 0.5 * delta ** 2 +
                    delta * (e - delta))


def np_cce(t, p):
    p = np.clip(p / p.sum(-1, keepdims=True), EPS, 1 - EPS)
    return -np.sum(t * np.log(p), axis=-1)


def np_bce(t, p):
    """Keras 2.3's formula for the current backend (TensorFlow adds
    epsilon again inside the logarithms, Theano does not)."""
    p = np.clip(p, EPS, 1 - EPS)
    inner = EPS if K.backend() == 'tensorflow' else 0.
    return -np.mean(t * np.log(p + inner) + (1 - t) * np.log(1 - p + inner),
                    axis=-1)


def np_cosine(t, p):
    t = t / np.linalg.norm(t, axis=-1, keepdims=True)
    p = p / np.linalg.norm(p, axis=-1, keepdims=True)
    return -np.sum(t * p, axis=-1)


REFERENCES = [
    ('mean_squared_error', lambda t, p: np.mean((p - t) ** 2, -1)),
    ('mean_absolute_error', lambda t, p: np.mean(np.abs(p - t), -1)),
    ('mean_absolute_percentage_error',
     lambda t, p: 100. * np.mean(np.abs((t - p) / np.clip(np.abs(t), EPS,
                                                            None)), -1)),
    ('mean_squared_logarithmic_error',
     lambda t, p: np.mean((np.log(np.clip(p, EPS, None) + 1) -
                           np.log(np.clip(t, EPS, None) + 1)) ** 2, -1)),
    ('squared_hinge',
     lambda t, p: np.mean(np.maximum(1. - t * p, 0.) ** 2, -1)),
    ('hinge', lambda t, p: np.mean(np.maximum(1. - t * p, 0.), -1)),
    ('categorical_hinge',
     lambda t, p: np.maximum(0., np.max((1 - t) * p, -1) -
                             np.sum(t * p, -1) + 1.)),
    ('logcosh', np_logcosh),
    ('huber_loss', np_huber),
    ('binary_crossentropy', np_bce),
    ('kullback_leibler_divergence',
     lambda t, p: np.sum(np.clip(t, EPS, 1) *
                         np.log(np.clip(t, EPS, 1) / np.clip(p, EPS, 1)),
                         -1)),
    ('poisson', lambda t, p: np.mean(p - t * np.log(p + EPS), -1)),
    ('cosine_proximity', np_cosine),
]


@pytest.mark.parametrize('name,reference', REFERENCES,
                         ids=[r[0] for r in REFERENCES])
def test_loss_functions_match_numpy(name, reference):
    fn = losses.get(name)
    np.testing.assert_allclose(_evaluate(fn, Y_TRUE, Y_PRED),
                               reference(Y_TRUE, Y_PRED), rtol=1e-4,
                               atol=1e-6)


def test_hinge_converts_binary_labels():
    labels = (Y_TRUE > 0.5).astype('float32')
    expected = np.mean(np.maximum(1. - (2 * labels - 1) * Y_PRED, 0.), -1)
    np.testing.assert_allclose(_evaluate(losses.hinge, labels, Y_PRED),
                               expected, rtol=1e-5)


def test_crossentropies():
    np.testing.assert_allclose(
        _evaluate(losses.categorical_crossentropy, ONE_HOT, PROBS),
        np_cce(ONE_HOT, PROBS), rtol=1e-5)
    logits = np.log(PROBS)
    np.testing.assert_allclose(
        _evaluate(losses.categorical_crossentropy, ONE_HOT, logits,
                  from_logits=True), np_cce(ONE_HOT, PROBS), rtol=1e-4)
    smoothed = ONE_HOT * 0.8 + 0.2 / 3
    np.testing.assert_allclose(
        _evaluate(losses.categorical_crossentropy, ONE_HOT, PROBS,
                  label_smoothing=0.2), np_cce(smoothed, PROBS), rtol=1e-5)
    labels = np.argmax(ONE_HOT, -1).astype('float32')
    np.testing.assert_allclose(
        _evaluate(losses.sparse_categorical_crossentropy, labels, PROBS),
        np_cce(ONE_HOT, PROBS), rtol=1e-4)
    binary = (Y_TRUE > 0.5).astype('float32')
    np.testing.assert_allclose(
        _evaluate(losses.binary_crossentropy, binary, Y_PRED / 1.1,
                  label_smoothing=0.1),
        np_bce(binary * 0.9 + 0.05, Y_PRED / 1.1), rtol=1e-4)


def test_aliases():
    assert losses.mse is losses.MSE is losses.mean_squared_error
    assert losses.mae is losses.MAE is losses.mean_absolute_error
    assert losses.mape is losses.mean_absolute_percentage_error
    assert losses.msle is losses.mean_squared_logarithmic_error
    assert losses.kld is losses.KLD is losses.kullback_leibler_divergence
    assert losses.cosine is losses.cosine_proximity
    assert objectives.mse is losses.mse
    assert objectives.CategoricalCrossentropy is \
        losses.CategoricalCrossentropy


def test_loss_class_reductions_and_sample_weight():
    mse = losses.MeanSquaredError()
    per_sample = np.mean((Y_PRED - Y_TRUE) ** 2, -1)
    np.testing.assert_allclose(_evaluate(mse, Y_TRUE, Y_PRED),
                               per_sample.mean(), rtol=1e-5)
    weights = np.array([1., 0., 2., 0.5], dtype='float32')
    np.testing.assert_allclose(
        K.eval(mse(K.variable(Y_TRUE), K.variable(Y_PRED),
                   sample_weight=K.variable(weights))),
        np.sum(per_sample * weights) / 4., rtol=1e-5)
    total = losses.MeanAbsoluteError(reduction=losses_utils.Reduction.SUM)
    np.testing.assert_allclose(_evaluate(total, Y_TRUE, Y_PRED),
                               np.sum(np.mean(np.abs(Y_PRED - Y_TRUE), -1)),
                               rtol=1e-5)
    none = losses.Huber(delta=0.3, reduction='none')
    np.testing.assert_allclose(_evaluate(none, Y_TRUE, Y_PRED),
                               np_huber(Y_TRUE, Y_PRED, 0.3), rtol=1e-5)
    with pytest.raises(ValueError, match='Reduction'):
        losses.MeanSquaredError(reduction='mean')


def test_loss_class_config_round_trip():
    loss = losses.CategoricalCrossentropy(from_logits=True,
                                          label_smoothing=0.1, name='cce')
    config = loss.get_config()
    assert config == {'reduction': 'sum_over_batch_size', 'name': 'cce',
                      'from_logits': True, 'label_smoothing': 0.1}
    restored = losses.deserialize(losses.serialize(loss))
    assert isinstance(restored, losses.CategoricalCrossentropy)
    assert restored.get_config() == config
    np.testing.assert_allclose(_evaluate(restored, ONE_HOT, np.log(PROBS)),
                               _evaluate(loss, ONE_HOT, np.log(PROBS)))
    assert losses.is_categorical_crossentropy(loss)
    assert losses.is_categorical_crossentropy('categorical_crossentropy')
    assert not losses.is_categorical_crossentropy(losses.mse)


def test_get_and_serialize():
    assert losses.get('mse') is losses.mean_squared_error
    assert losses.get(None) is None
    assert losses.serialize(losses.mse) == 'mean_squared_error'
    assert isinstance(losses.get({'class_name': 'Huber',
                                  'config': {'delta': 2.0}}), losses.Huber)
    with pytest.raises(ValueError):
        losses.get('no_such_loss')
    with pytest.raises(ValueError):
        losses.get(3)


def test_losses_utils():
    values = K.variable(np.ones((2, 3), dtype='float32'))
    weights = losses_utils.broadcast_weights(
        values, K.variable(np.array([[1.], [2.]], dtype='float32')))
    np.testing.assert_allclose(K.eval(weights), [[1, 1, 1], [2, 2, 2]])
    with pytest.raises(ValueError):
        losses_utils.broadcast_weights(K.variable(np.ones(3)),
                                       K.variable(np.ones((3, 2))))
    y_pred, y_true = losses_utils.squeeze_or_expand_dimensions(
        K.variable(np.ones((4, 1))), K.variable(np.ones(4)))
    assert K.int_shape(y_pred) == (4,)
    loss = losses_utils.compute_weighted_loss(
        K.variable(np.array([1., 2., 3.], dtype='float32')),
        sample_weight=2.0, reduction=losses_utils.Reduction.SUM)
    assert K.eval(loss) == pytest.approx(12.0)
    assert set(losses_utils.Reduction.all()) == {'none', 'sum',
                                                 'sum_over_batch_size'}


def test_fork_losses():
    """The argument lists NMT-Keras's online learning passes (nmt_keras/
    online_models.py), against NumPy."""
    rng = np.random.RandomState(5)
    y = np.eye(4, dtype='float32')[rng.randint(0, 4, size=(2, 3))]
    h = np.eye(4, dtype='float32')[rng.randint(0, 4, size=(2, 3))]
    py = rng.dirichlet(np.ones(4), size=(2, 3)).astype('float32')
    ph = rng.dirichlet(np.ones(4), size=(2, 3)).astype('float32')
    mask_y = np.array([[1, 1, 0], [1, 1, 1]], 'float32')
    mask_h = np.array([[1, 0, 0], [1, 1, 0]], 'float32')
    ce_y = -(y * np.log(py)).sum(-1)
    ce_h = -(h * np.log(ph)).sum(-1)
    t = [K.constant(a) for a in (y, py, h, ph)]
    masks = [K.constant(mask_y), K.constant(mask_h)]

    assert K.eval(losses.log_diff(t)) == pytest.approx(
        ce_y.mean() - ce_h.mean(), rel=1e-4)  # no clipping, as the fork

    weight = np.array([[0.5], [2.]], 'float32')
    gain = np.maximum(mask_y * np.exp(-ce_y) - mask_h * np.exp(-ce_h), 0.)
    expected = ce_y - np.log(1. + weight * gain)
    got = K.eval(losses.weighted_log_diff(t + masks + [K.constant(weight)]))
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-6)
    assert losses.pas_weighted_log_diff is losses.weighted_log_diff

    got = K.eval(losses.weighted_categorical_crossentropy(
        t[:2] + [K.constant(weight)]))
    np.testing.assert_allclose(got, weight * ce_y, rtol=1e-4)

    w_y, w_h = np.array([[1.], [0.5]], 'float32'), np.array([[0.2], [1.]],
                                                              'float32')
    expected = (w_y[:, 0] * (ce_y * mask_y).sum(1) / mask_y.sum(1) -
                w_h[:, 0] * (ce_h * mask_h).sum(1) / mask_h.sum(1))
    got = K.eval(losses.minmax_categorical_crossentropy(
        t + masks + [K.constant(w_y), K.constant(w_h)]))
    np.testing.assert_allclose(got, expected, rtol=1e-4)

    with pytest.raises(ValueError, match='weighted_log_diff expects .*7'):
        losses.weighted_log_diff(t + [K.constant(weight)])
    with pytest.raises(ValueError, match='minmax_categorical_crossentropy'):
        losses.minmax_categorical_crossentropy(t)


def test_fork_loss_in_a_lambda_trainer_model():
    """NMT-Keras's online trainer: Lambda(weighted_log_diff) on
    [y_true, y_pred, h_true, h_pred, mask_y, mask_h, weight], compiled with
    `lambda y_true, y_pred: y_pred`."""
    from keras.layers import Input, Lambda, Dense, TimeDistributed
    from keras.models import Model
    src = Input(shape=(3, 2))
    probs = TimeDistributed(Dense(4, activation='softmax'))(src)
    y_true, h_true = Input(shape=(3, 4)), Input(shape=(3, 4))
    mask_y, mask_h = Input(shape=(3,)), Input(shape=(3,))
    weight = Input(shape=(1,))
    out = Lambda(losses.weighted_log_diff, output_shape=(1,))(
        [y_true, probs, h_true, probs, mask_y, mask_h, weight])
    model = Model([src, y_true, h_true, mask_y, mask_h, weight], out)
    model.compile('sgd', loss=lambda yt, yp: yp)
    rng = np.random.RandomState(1)
    onehot = np.eye(4, dtype='float32')[rng.randint(0, 4, size=(2, 3))]
    data = [rng.rand(2, 3, 2).astype('float32'), onehot, onehot[::-1],
            np.ones((2, 3), 'float32'), np.ones((2, 3), 'float32'),
            np.ones((2, 1), 'float32')]
    loss = model.train_on_batch(data, np.zeros((2, 1), 'float32'))
    assert np.isfinite(loss)