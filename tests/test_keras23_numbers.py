"""Keras 2.3's exact numbers: optimizer configs (keys and float32 values),
`BinaryCrossentropy` (loss and metric) for probabilities and logits, with
sample weights and label smoothing, and the `selu` constants."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import activations
from keras import backend as K
from keras import losses
from keras import metrics
from keras import optimizers
from keras.utils import losses_utils


def f32(value):
    """A hyper-parameter as Keras 2.3 reports it: read back from a float32
    variable."""
    return float(np.float32(value))


EPS = 1e-7
OPTIMIZER_CONFIGS = [
    (optimizers.SGD, {'learning_rate': f32(0.01), 'momentum': 0.0,
                      'decay': 0.0, 'nesterov': False}),
    (optimizers.RMSprop, {'learning_rate': f32(0.001), 'rho': f32(0.9),
                          'decay': 0.0, 'epsilon': EPS}),
    (optimizers.Adagrad, {'learning_rate': f32(0.01), 'decay': 0.0,
                          'epsilon': EPS}),
    (optimizers.Adadelta, {'learning_rate': 1.0, 'rho': 0.95, 'decay': 0.0,
                           'epsilon': EPS}),
    (optimizers.Adam, {'learning_rate': f32(0.001), 'beta_1': f32(0.9),
                       'beta_2': f32(0.999), 'decay': 0.0, 'epsilon': EPS,
                       'amsgrad': False}),
    (optimizers.Adamax, {'learning_rate': f32(0.002), 'beta_1': f32(0.9),
                         'beta_2': f32(0.999), 'decay': 0.0,
                         'epsilon': EPS}),
    (optimizers.Nadam, {'learning_rate': f32(0.002), 'beta_1': f32(0.9),
                        'beta_2': f32(0.999), 'epsilon': EPS,
                        'schedule_decay': 0.004}),
]


@pytest.mark.parametrize('cls,expected', OPTIMIZER_CONFIGS,
                         ids=[c[0].__name__ for c in OPTIMIZER_CONFIGS])
def test_optimizer_config_exactly_as_keras_23(cls, expected):
    config = cls().get_config()
    assert config == expected
    assert all(type(config[k]) is type(v) for k, v in expected.items())
    # Clip keys only when given; `lr` and `decay` as keywords.
    decay = {'decay': 0.25} if 'decay' in expected else {}
    clipped = cls(lr=0.5, clipnorm=1.5, clipvalue=0.5, **decay)
    config = clipped.get_config()
    assert config['clipnorm'] == 1.5 and config['clipvalue'] == 0.5
    assert config['learning_rate'] == 0.5
    assert 'lr' not in config
    if 'decay' in expected:
        assert config['decay'] == 0.25
    # Files written by Keras 2.2 carry `lr`: they load with the same config.
    legacy = dict(expected, lr=expected['learning_rate'])
    del legacy['learning_rate']
    assert cls.from_config(legacy).get_config() == expected
    round_trip = optimizers.deserialize(optimizers.serialize(clipped))
    assert round_trip.get_config() == clipped.get_config()


def test_optimizer_amsgrad_nesterov_epsilon_kept():
    assert optimizers.Adam(amsgrad=True).get_config()['amsgrad'] is True
    assert optimizers.SGD(momentum=0.5, nesterov=True).get_config() == {
        'learning_rate': f32(0.01), 'momentum': 0.5, 'decay': 0.0,
        'nesterov': True}
    assert optimizers.RMSprop(epsilon=1e-4).get_config()['epsilon'] == 1e-4
    with pytest.raises(TypeError, match='momentum'):
        optimizers.Adam(momentum=0.9)


def _probability_case():
    y_true = np.asarray([1, 0, 1, 0], 'float32').reshape([2, 2])
    y_pred = np.asarray([1, 1, 1, 0], 'float32').reshape([2, 2])
    return y_true, y_pred


def _wrong_prediction_loss():
    """The loss of a prediction of 1 for a target of 0 after clipping to
    `[eps, 1 - eps]`, per backend as in Keras 2.3 (TensorFlow: eps added
    again inside the log, 15.33; Theano: plain log, 15.94)."""
    p = np.float32(1 - EPS)
    if K.backend() == 'tensorflow':
        return -np.log(np.float64(1 - p) + EPS)
    return -np.log(np.float64(1 - p))


LOGITS_TRUE = [[1., 0., 1.], [0., 1., 1.]]
LOGITS = [[100.0, -100.0, 100.0], [100.0, 100.0, -100.0]]


def test_binary_crossentropy_loss_numbers():
    y_true, y_pred = _probability_case()
    bce = losses.BinaryCrossentropy()
    wrong = _wrong_prediction_loss()
    assert_allclose(K.eval(bce(y_true, y_pred)), wrong / 4, rtol=1e-4)
    if K.backend() == 'tensorflow':  # Keras 2.3's own test values
        assert_allclose(K.eval(bce(y_true, y_pred)), 3.833, atol=1e-3)
        assert_allclose(K.eval(bce(y_true, y_pred, sample_weight=2.3)),
                        8.817, atol=1e-3)
    assert_allclose(K.eval(bce(y_true, y_pred, sample_weight=2.3)),
                    wrong * 2.3 / 4, rtol=1e-4)
    weights = K.constant([1.2, 3.4], shape=(2, 1))
    assert_allclose(K.eval(bce(y_true, y_pred, sample_weight=weights)),
                    wrong * 1.2 / 4, rtol=1e-4)
    assert_allclose(K.eval(bce(y_true, y_true)), 0., atol=1e-3)
    # The same numbers from fed placeholders (graph optimizations included).
    t_in, p_in = K.placeholder((None, 2)), K.placeholder((None, 2))
    run = K.function([t_in, p_in], [bce(t_in, p_in)])
    assert_allclose(run([y_true, y_pred])[0], wrong / 4, rtol=1e-4)

    logits = losses.BinaryCrossentropy(from_logits=True)
    t, x = K.constant(LOGITS_TRUE), K.constant(LOGITS)
    assert_allclose(K.eval(logits(t, x)), 100. / 3, rtol=1e-5)
    assert_allclose(K.eval(logits(t, x, sample_weight=2.3)), 230. / 3,
                    rtol=1e-5)
    assert_allclose(K.eval(logits(t, x, sample_weight=K.constant([4., 3.]))),
                    100., rtol=1e-5)
    none = losses.BinaryCrossentropy(from_logits=True,
                                     reduction=losses_utils.Reduction.NONE)
    assert_allclose(K.eval(none(t, x)), [0., 200. / 3], atol=1e-4)
    smooth = losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1)
    assert_allclose(K.eval(smooth(K.constant([[1., 0., 1.]]),
                                  K.constant([[100., -100., -100.]]))),
                    (100. + 50. * 0.1) / 3, rtol=1e-5)


def test_binary_crossentropy_of_a_sigmoid_output():
    # Saturated sigmoid outputs: on TensorFlow Keras 2.3 scores them from
    # the logits (no clipping); on Theano they are clipped.
    logits = K.constant([[30., -30.]])
    target = K.constant([[0., 1.]])
    loss = K.eval(K.binary_crossentropy(target, K.sigmoid(logits)))
    if K.backend() == 'tensorflow':
        assert_allclose(loss, [[30., 30.]], rtol=1e-5)
    else:
        low = -np.log(np.float64(np.float32(EPS)))
        assert_allclose(loss, [[_wrong_prediction_loss(), low]], rtol=1e-4)


def test_binary_crossentropy_metric_numbers():
    y_true, y_pred = _probability_case()
    wrong = _wrong_prediction_loss()
    metric = metrics.BinaryCrossentropy()
    first = metric(K.constant(y_true), K.constant(y_pred))
    assert_allclose(K.eval(first), wrong / 4, rtol=1e-4)
    weighted = metrics.BinaryCrossentropy()
    value = weighted(K.constant(y_true), K.constant(y_pred),
                     sample_weight=K.constant([1.5, 2.]))
    # Per-sample losses [wrong / 2, 0], weighted mean over the samples.
    assert_allclose(K.eval(value), 1.5 * wrong / 2 / 3.5, rtol=1e-4)
    smooth = metrics.BinaryCrossentropy(from_logits=True, label_smoothing=0.1)
    value = smooth(K.constant([[1., 0., 1.]]),
                   K.constant([[100., -100., -100.]]))
    assert_allclose(K.eval(value), 35., rtol=1e-5)
    assert smooth.get_config() == {'name': 'binary_crossentropy',
                                   'dtype': 'float32', 'from_logits': True,
                                   'label_smoothing': 0.1}


def test_selu_constants():
    alpha = 1.6732632423543772848170429916717
    scale = 1.0507009873554804934193349852946
    x = np.array([-50., -1., -0.1, 0., 0.5, 3.], 'float32')
    expected = np.where(x > 0, scale * x, scale * alpha * (np.exp(x) - 1))
    assert_allclose(K.eval(activations.selu(K.constant(x))), expected,
                    rtol=1e-6)
    assert_allclose(K.eval(activations.selu(K.constant([-50.])))[0],
                    -scale * alpha, rtol=1e-6)
