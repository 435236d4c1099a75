"""Metric functions and stateful metrics against NumPy: several update
batches, sample weights, reset, config round trips."""
import numpy as np
import pytest

from keras import backend as K
from keras import metrics

rng = np.random.RandomState(42)


def _stream(metric, batches, ndim=2, weighted=False):
    """Feeds `batches` ((y_true, y_pred[, weight]) tuples) through one
    compiled function and returns the result after each batch."""
    y_true = K.placeholder(ndim=ndim)
    y_pred = K.placeholder(ndim=ndim)
    inputs = [y_true, y_pred]
    if weighted:
        weight = K.placeholder(ndim=1)
        inputs.append(weight)
        result = metric(y_true, y_pred, sample_weight=weight)
    else:
        result = metric(y_true, y_pred)
    step = K.function(inputs, [result], updates=metric.updates)
    return [np.asarray(step([np.asarray(a, 'float32') for a in batch])[0])
            for batch in batches]


def test_mean_weighted_over_batches_and_reset():
    m = metrics.Mean(name='my_mean')
    x = K.placeholder(ndim=1)
    w = K.placeholder(ndim=1)
    step = K.function([x, w], [m(x, sample_weight=w)], updates=m.updates)
    assert step([np.array([1., 3.], 'float32'),
                 np.array([1., 1.], 'float32')])[0] == pytest.approx(2.)
    assert step([np.array([5., 7.], 'float32'),
                 np.array([2., 0.], 'float32')])[0] == \
        pytest.approx((1 + 3 + 10) / 4.)
    assert K.eval(m.result()) == pytest.approx(3.5)
    m.reset_states()
    assert step([np.array([4.], 'float32'),
                 np.array([1.], 'float32')])[0] == pytest.approx(4.)
    assert [K.int_shape(v) for v in m.weights] == [(), ()]
    assert m.get_config() == {'name': 'my_mean', 'dtype': K.floatx()}


def test_sum_and_root_mean_squared_error():
    s = metrics.Sum()
    x = K.placeholder(ndim=1)
    step = K.function([x], [s(x)], updates=s.updates)
    step([np.array([1., 2.], 'float32')])
    assert step([np.array([3.], 'float32')])[0] == pytest.approx(6.)
    yt, yp = rng.rand(2, 5, 3), rng.rand(2, 5, 3)
    results = _stream(metrics.RootMeanSquaredError(), [(yt[0], yp[0]),
                                                       (yt[1], yp[1])])
    assert results[-1] == pytest.approx(np.sqrt(np.mean((yt - yp) ** 2)),
                                        rel=1e-5)


def test_mean_metric_wrappers_match_functions():
    y_true = np.eye(4)[rng.randint(0, 4, size=(2, 6))].astype('float32')
    y_pred = rng.rand(2, 6, 4).astype('float32')
    weights = rng.rand(2, 6).astype('float32')
    hits = (y_true.argmax(-1) == y_pred.argmax(-1)).astype('float64')
    results = _stream(metrics.CategoricalAccuracy(),
                      [(y_true[i], y_pred[i], weights[i]) for i in (0, 1)],
                      weighted=True)
    assert results[0] == pytest.approx(np.sum(hits[0] * weights[0]) /
                                       np.sum(weights[0]), rel=1e-5)
    assert results[1] == pytest.approx(np.sum(hits * weights) /
                                       np.sum(weights), rel=1e-5)
    mse = _stream(metrics.MeanSquaredError(),
                  [(y_true[i], y_pred[i]) for i in (0, 1)])
    assert mse[-1] == pytest.approx(np.mean((y_true - y_pred) ** 2),
                                    rel=1e-5)


def test_accuracy_functions():
    y_true = np.array([[0., 1., 0.], [0., 0., 1.], [1., 0., 0.]], 'float32')
    y_pred = np.array([[.1, .8, .1], [.5, .3, .2], [.3, .3, .4]], 'float32')
    ev = lambda fn, t, p, **kw: K.eval(fn(K.variable(t), K.variable(p),
                                          **kw))
    np.testing.assert_allclose(ev(metrics.categorical_accuracy,
                                  y_true, y_pred), [1, 0, 0])
    np.testing.assert_allclose(
        ev(metrics.sparse_categorical_accuracy,
           np.array([[1.], [2.], [0.]], 'float32'), y_pred), [1, 0, 0])
    np.testing.assert_allclose(
        ev(metrics.top_k_categorical_accuracy, y_true, y_pred, k=2),
        [1, 0, 1])
    np.testing.assert_allclose(
        ev(metrics.sparse_top_k_categorical_accuracy,
           np.array([1., 2., 0.], 'float32'), y_pred, k=2), [1, 0, 1])
    np.testing.assert_allclose(
        ev(metrics.binary_accuracy, y_true, y_pred), [1, 2 / 3., 2 / 3.],
        rtol=1e-6)
    np.testing.assert_allclose(
        ev(metrics.binary_accuracy, y_true, y_pred, threshold=0.35),
        [1, 1 / 3., 1 / 3.], rtol=1e-6)
    np.testing.assert_allclose(
        ev(metrics.accuracy, np.array([1., 2., 3.], 'float32'),
           np.array([1., 0., 3.], 'float32')), [1, 0, 1])
    t, p = rng.rand(3, 4), rng.rand(3, 4)
    expected = np.sum(t * p, -1) / (np.linalg.norm(t, axis=-1) *
                                    np.linalg.norm(p, axis=-1))
    np.testing.assert_allclose(ev(metrics.cosine_proximity, t, p), expected,
                               rtol=1e-5)
    assert metrics.cosine is metrics.cosine_similarity is \
        metrics.cosine_proximity
    assert metrics.mse is metrics.mean_squared_error


def test_perplexity_is_the_forks():
    y_true = np.eye(3, dtype='float32')[[0, 1, 2]]
    y_pred = np.array([[.5, .25, .25], [.25, .5, .25], [.2, .3, .5]],
                      'float32')
    value = K.eval(metrics.perplexity(K.variable(y_true),
                                      K.variable(y_pred)))
    # the fork averages -log2 over every predicted probability
    assert value == pytest.approx(2 ** np.mean(-np.log2(y_pred)), rel=1e-5)
    assert metrics.get('perplexity') is metrics.perplexity


def _confusion(y_true, y_pred, threshold, weights=None):
    weights = np.ones_like(y_pred) if weights is None else weights
    pos, pred = y_true != 0, y_pred > threshold
    return {'tp': np.sum(weights * (pos & pred)),
            'fp': np.sum(weights * (~pos & pred)),
            'tn': np.sum(weights * (~pos & ~pred)),
            'fn': np.sum(weights * (pos & ~pred))}


def test_precision_recall_and_counts_over_batches():
    y_true = (rng.rand(2, 8) > 0.5).astype('float32')
    y_pred = rng.rand(2, 8).astype('float32')
    weights = rng.rand(2, 8).astype('float32')
    precision = metrics.Precision(thresholds=[0.3, 0.6])
    recall = metrics.Recall()
    tp = metrics.TruePositives(thresholds=0.4)
    fn = metrics.FalseNegatives()
    t, p, w = (K.placeholder(ndim=1) for _ in range(3))
    outputs = [precision(t, p, sample_weight=w), recall(t, p),
               tp(t, p, sample_weight=w), fn(t, p)]
    updates = precision.updates + recall.updates + tp.updates + fn.updates
    step = K.function([t, p, w], outputs, updates=updates)
    for i in (0, 1):
        results = step([y_true[i], y_pred[i], weights[i]])
    c3 = _confusion(y_true, y_pred, 0.3, weights)
    c6 = _confusion(y_true, y_pred, 0.6, weights)
    np.testing.assert_allclose(
        results[0], [c3['tp'] / (c3['tp'] + c3['fp']),
                     c6['tp'] / (c6['tp'] + c6['fp'])], rtol=1e-5)
    c5 = _confusion(y_true, y_pred, 0.5)
    assert results[1] == pytest.approx(c5['tp'] / (c5['tp'] + c5['fn']),
                                       rel=1e-5)
    assert results[2] == pytest.approx(
        _confusion(y_true, y_pred, 0.4, weights)['tp'], rel=1e-5)
    assert results[3] == pytest.approx(c5['fn'])
    recall.reset_states()
    assert K.eval(recall.result()) == 0.
    assert metrics.Precision.from_config(precision.get_config()).thresholds \
        == [0.3, 0.6]
    with pytest.raises(ValueError, match='Threshold'):
        metrics.Recall(thresholds=1.5)


def test_precision_top_k_and_class_id():
    y_true = np.array([[0, 1, 1, 0], [1, 0, 0, 1]], 'float32')
    y_pred = np.array([[.1, .9, .3, .8], [.2, .4, .9, .7]], 'float32')
    top2 = _stream(metrics.Precision(top_k=2), [(y_true, y_pred)])[0]
    # top-2: row 0 -> {1, 3} (1 hit), row 1 -> {2, 3} (1 hit).
    assert top2 == pytest.approx(0.5)
    by_class = _stream(metrics.Recall(class_id=3), [(y_true, y_pred)])[0]
    assert by_class == pytest.approx(1.0)


def np_roc_auc(y_true, y_pred, num_thresholds):
    thresholds = [0 - 1e-7] + [(i + 1) / (num_thresholds - 1.)
                               for i in range(num_thresholds - 2)] + \
        [1 + 1e-7]
    tpr, fpr = [], []
    for t in thresholds:
        c = _confusion(y_true, y_pred, t)
        tpr.append(c['tp'] / max(c['tp'] + c['fn'], 1e-12))
        fpr.append(c['fp'] / max(c['fp'] + c['tn'], 1e-12))
    tpr, fpr = np.array(tpr), np.array(fpr)
    return np.sum((fpr[:-1] - fpr[1:]) * (tpr[:-1] + tpr[1:]) / 2.)


def test_auc_roc_and_pr():
    y_true = (rng.rand(3, 10) > 0.5).astype('float32')
    y_pred = np.clip(y_true * 0.3 + rng.rand(3, 10) * 0.7, 0, 1).astype(
        'float32')
    roc = metrics.AUC(num_thresholds=50)
    pr = metrics.AUC(num_thresholds=50, curve='PR',
                     summation_method='majoring')
    t, p = K.placeholder(ndim=1), K.placeholder(ndim=1)
    step = K.function([t, p], [roc(t, p), pr(t, p)],
                      updates=roc.updates + pr.updates)
    for i in range(3):
        results = step([y_true[i], y_pred[i]])
    results.append(K.eval(pr.interpolate_pr_auc()))
    assert results[0] == pytest.approx(np_roc_auc(y_true, y_pred, 50),
                                       rel=1e-4)
    assert 0. < results[1] <= 1. and 0. < results[2] <= 1.
    config = pr.get_config()
    assert config['curve'] == 'PR' and config['summation_method'] == \
        'majoring'
    clone = metrics.AUC.from_config(config)
    assert clone.thresholds == pytest.approx(pr.thresholds)
    with pytest.raises(ValueError):
        metrics.AUC(curve='XYZ')
    with pytest.raises(ValueError):
        metrics.AUC(num_thresholds=1)


def test_sensitivity_specificity():
    y_true = np.array([0, 0, 0, 1, 1, 1, 1, 0], 'float32')
    y_pred = np.array([.1, .3, .6, .4, .7, .9, .8, .2], 'float32')
    sens = _stream(metrics.SensitivityAtSpecificity(0.75, num_thresholds=11),
                   [(y_true, y_pred)], ndim=1)[0]
    spec = _stream(metrics.SpecificityAtSensitivity(0.75, num_thresholds=11),
                   [(y_true, y_pred)], ndim=1)[0]
    thresholds = [0.] + [(i + 1) / 10. for i in range(9)] + [1.]
    rows = [_confusion(y_true, y_pred, t) for t in thresholds]
    specs = np.array([r['tn'] / (r['tn'] + r['fp']) for r in rows])
    senss = np.array([r['tp'] / (r['tp'] + r['fn']) for r in rows])
    assert sens == pytest.approx(senss[np.argmin(np.abs(specs - 0.75))])
    assert spec == pytest.approx(specs[np.argmin(np.abs(senss - 0.75))])
    with pytest.raises(ValueError):
        metrics.SensitivityAtSpecificity(1.5)


def test_mean_iou():
    y_true = np.array([0, 0, 1, 1, 2], 'float32')
    y_pred = np.array([0, 1, 1, 1, 0], 'float32')
    value = _stream(metrics.MeanIoU(num_classes=3), [(y_true, y_pred)],
                    ndim=1)[0]
    # IoU: class 0 = 1/3, class 1 = 2/3, class 2 = 0/1.
    assert value == pytest.approx((1 / 3. + 2 / 3. + 0.) / 3., rel=1e-5)


def test_serialization_and_clone():
    m = metrics.BinaryAccuracy(threshold=0.7, name='acc70')
    config = metrics.serialize(m)
    assert config['config'] == {'name': 'acc70', 'dtype': K.floatx(),
                                'threshold': 0.7}
    restored = metrics.deserialize(config)
    assert isinstance(restored, metrics.BinaryAccuracy)
    clone = metrics.clone_metric(m)
    assert clone is not m and clone.get_config() == m.get_config()
    assert metrics.clone_metric(metrics.mse) is metrics.mse
    assert metrics.clone_metrics(None) is None
    assert set(metrics.clone_metrics({'a': m})) == {'a'}
    assert metrics.get('categorical_accuracy') is \
        metrics.categorical_accuracy
    assert isinstance(metrics.get({'class_name': 'AUC', 'config': {}}),
                      metrics.AUC)
    with pytest.raises(ValueError):
        metrics.get(12)
    with pytest.raises(ValueError):
        metrics.get('no_such_metric')
    top_k = metrics.TopKCategoricalAccuracy(k=3)
    assert top_k.get_config()['k'] == 3
