"""The multimodal fork's additions to keras.layers.core, against NumPy."""
import os

import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import backend as K
from keras import layers
from keras.layers import Input
from keras.models import Model, load_model, model_from_json
from layer_helpers import check_layer, eval_layer

RNG = np.random.RandomState(4321)
FORK = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'shared',
                    'fork-reference', 'theano')
FORK = os.environ.get('FORK_REFERENCE', os.path.abspath(
    FORK if os.path.isdir(FORK) else '/work/shared/fork-reference/theano'))


def rand(*shape):
    return RNG.uniform(-1, 1, size=shape).astype('float32')


def padded_sequences():
    """(3, 4, 2) values whose trailing steps are all-zero (masked)."""
    x = rand(3, 4, 2)
    x[1, 3:] = 0.
    x[2, 2:] = 0.
    mask = np.any(x != 0, axis=-1)
    return x, mask


def run_masked(layer, x):
    """Output and output mask of `layer(Masking()(input))`."""
    inp = Input(shape=x.shape[1:])
    masked = layers.Masking()(inp)
    out = layer(masked)
    out_mask = layer.output_mask
    fetch = [out] + ([out_mask] if out_mask is not None else [])
    values = K.function([inp], fetch)([x])
    return values[0], (values[1] if out_mask is not None else None)


# --------------------------------------------------------------------------
# Mask helpers
# --------------------------------------------------------------------------

def test_masked_mean_divides_by_all_steps_and_drops_mask():
    x, mask = padded_sequences()
    out, out_mask = run_masked(layers.MaskedMean(), x)
    expected = (x * mask[..., None]).sum(1) / x.shape[1]
    assert_allclose(out, expected, atol=1e-6)
    assert out_mask is None
    res = check_layer(layers.MaskedMean(), x, expected=x.mean(1))
    assert res['output'].shape == (3, 2)
    with pytest.raises(ValueError, match='MaskedMean.*rank 3'):
        layers.MaskedMean()(Input(shape=(4,)))


@pytest.mark.parametrize('cls,keeps_mask', [('MaskLayer', True),
                                             ('MaskAndRemoveMask', False)])
def test_mask_layer_and_mask_and_remove_mask(cls, keeps_mask):
    x, mask = padded_sequences()
    inp = Input(shape=(4, 2))
    masked = layers.Masking(mask_value=5.)(inp)  # masks x5[0, 1]
    x5 = x.copy()
    x5[0, 1] = 5.
    value = K.function([inp], [getattr(layers, cls)()(masked)])([x5])[0]
    expected = x5.copy()
    expected[0, 1] = 0.
    assert_allclose(value, expected)
    out, out_mask = run_masked(getattr(layers, cls)(), x)
    assert_allclose(out, x * np.any(x != 0, -1)[..., None])
    assert (out_mask is not None) == keeps_mask
    if keeps_mask:
        assert_allclose(out_mask, np.any(x != 0, -1))


def test_remove_mask_get_mask_flat_mask():
    x, mask = padded_sequences()
    out, out_mask = run_masked(layers.RemoveMask(), x)
    assert_allclose(out, x)
    assert out_mask is None
    out, out_mask = run_masked(layers.GetMask(), x)
    assert out.dtype == np.dtype(K.floatx()) and out.shape == (3, 4)
    assert_allclose(out, mask.astype('float32'))
    assert out_mask is None
    check_layer(layers.GetMask(), x, expected=np.ones((3, 4), 'float32'))
    out, out_mask = run_masked(layers.FlatMask(axis=1), x)
    assert_allclose(out, x)
    assert_allclose(out_mask, mask.any(axis=1))
    layer = layers.FlatMask(axis=2)
    assert layers.FlatMask.from_config(layer.get_config()).axis == 2


def test_apply_mask_takes_the_mask_of_the_reference():
    x, mask = padded_sequences()
    values = rand(3, 4, 5)
    inp_v = Input(shape=(4, 5))
    inp_r = Input(shape=(4, 2))
    apply_mask = layers.ApplyMask()
    out = apply_mask([inp_v, layers.Masking()(inp_r)])
    result = K.function([inp_v, inp_r], [out, apply_mask.output_mask])(
        [values, x])
    assert_allclose(result[0], values * mask[..., None])
    assert_allclose(result[1], mask)
    out, out_mask = run_masked(layers.ApplyMask(), x)
    assert_allclose(out, x)
    assert_allclose(out_mask, mask)
    with pytest.raises(ValueError, match='ApplyMask.*2 tensors, got 3'):
        layers.ApplyMask()([inp_v, inp_v, inp_v])


# --------------------------------------------------------------------------
# Reshaping layers
# --------------------------------------------------------------------------

def test_permute_general_moves_the_batch_axis():
    x = rand(4, 3, 5)  # time-major (T, B, D)
    res = check_layer(layers.PermuteGeneral((1, 0, 2)), x,
                      expected=x.transpose(1, 0, 2), fixed_batch=True)
    assert res['layer'].compute_output_shape((4, 3, 5)) == (3, 4, 5)
    with pytest.raises(ValueError, match='permutation of 0..2'):
        layers.PermuteGeneral((1, 2, 3))
    with pytest.raises(ValueError, match='rank 3'):
        layers.PermuteGeneral((1, 0, 2))(Input(shape=(3,)))


@pytest.mark.parametrize('dim', [1, 2, 3])
def test_repeat_matrix(dim):
    x = rand(2, 3, 4)
    expected = np.repeat(np.expand_dims(x, dim), 5, axis=dim)
    check_layer(layers.RepeatMatrix(5, dim=dim), x, expected=expected)


def test_position_layer_counts_time_steps():
    words = np.array([[3, 4, 0, 0], [1, 2, 5, 0]], 'int32')
    res = check_layer(layers.PositionLayer(), words, input_dtypes='int32',
                      static_dims=False)
    assert_allclose(res['output'], [[0, 1, 2, 3]] * 2)
    assert res['output'].dtype == np.int32
    assert layers.PositionLayer(maxlen=20).get_config()['maxlen'] == 20
    # the mask of an Embedding passes through
    inp = Input(shape=(None,), dtype='int32')
    emb = layers.Embedding(6, 2, mask_zero=True)(inp)
    position = layers.PositionLayer()
    pos = position(emb)
    out = K.function([inp], [pos, position.output_mask])([words])
    assert_allclose(out[0][:, :, 0], [[0, 1, 2, 3]] * 2)
    assert_allclose(out[1], words != 0)


def test_remove_third_dimension():
    x = rand(2, 3, 1, 4)
    check_layer(layers.RemoveThirdDimension(), x, expected=x[:, :, 0])
    with pytest.raises(ValueError, match='axis 2 of the input must have size'):
        layers.RemoveThirdDimension()(Input(shape=(3, 2)))


@pytest.mark.parametrize('bounds', [(1, 3), (0, -1), (-3, None)])
def test_slice_values_and_mask(bounds):
    x, mask = padded_sequences()
    lo, hi = bounds
    check_layer(layers.Slice(lo, hi), x, expected=x[:, lo:hi])
    out, out_mask = run_masked(layers.Slice(lo, hi), x)
    assert_allclose(out, x[:, lo:hi])
    assert_allclose(out_mask, mask[:, lo:hi])
    shape = layers.Slice(lo, hi).compute_output_shape((None, 4, 2))
    assert shape == (None, x[:, lo:hi].shape[1], 2)


def test_set_subtensor():
    a, b = rand(3, 4, 5), rand(3, 4, 5)
    layer = layers.SetSubtensor(['[:, 0]', '[:, -1]'])
    expected = a.copy()
    expected[:, 0] = b[:, -1]
    check_layer(layer, [a, b], expected=expected)
    layer = layers.SetSubtensor(['[:, 1:3, 2]', '[:, :2, 0]'])
    expected = a.copy()
    expected[:, 1:3, 2] = b[:, :2, 0]
    check_layer(layer, [a, b], expected=expected)
    with pytest.raises(ValueError, match='SetSubtensor.*cannot parse'):
        layers.SetSubtensor(['[:, os.system("x")]', '[:]'])
    with pytest.raises(ValueError, match='list of two index strings'):
        layers.SetSubtensor('[:, 0]')


def test_zeroes_layer_and_fork_config():
    x = rand(3, 4)
    check_layer(layers.ZeroesLayer(6), x, expected=np.zeros((3, 6)))
    check_layer(layers.ZeroesLayer(2), rand(3, 5, 4),
                expected=np.zeros((3, 5, 2)))
    layer = layers.ZeroesLayer.from_config({'name': 'z', 'units': 7,
                                            'input_dim': None})
    assert layer.output_dim == 7


@pytest.mark.parametrize('data_format', ['channels_first', 'channels_last'])
def test_equal_dimensions_pads_to_the_reference(data_format):
    ordering = 'th' if data_format == 'channels_first' else 'tf'
    if data_format == 'channels_first':
        ref, x = rand(2, 3, 5, 6), rand(2, 4, 4, 5)
        expected = np.zeros((2, 4, 5, 6), 'float32')
        expected[:, :, :4, :5] = x
    else:
        ref, x = rand(2, 5, 6, 3), rand(2, 4, 5, 4)
        expected = np.zeros((2, 5, 6, 4), 'float32')
        expected[:, :4, :5, :] = x
    check_layer(layers.EqualDimensions(dim_ordering=ordering), [ref, x],
                expected=expected)
    with pytest.raises(ValueError, match='dim_ordering'):
        layers.EqualDimensions(dim_ordering='xy')


def test_concat_crops_other_axes():
    a, b = rand(2, 3, 5, 4), rand(2, 2, 4, 6)
    layer = layers.Concat(axis=1, cropping=[None, 'lower', 'center', 'lower'],
                          dim_ordering='th')
    assert layer.cropping[1] is None
    expected = np.concatenate([a[:, :, :4, :4], b[:, :, :, :4]], axis=1)
    check_layer(layer, [a, b], expected=expected)
    assert layers.autocrop_array_shapes([(2, 3, 5), (2, 3, 4)],
                                        [None, None, 'upper']) == \
        [(2, 3, 4), (2, 3, 4)]


# --------------------------------------------------------------------------
# Layers with weights or several inputs
# --------------------------------------------------------------------------

def np_ffd(x, k1, b1, k2, b2):
    return np.maximum(x @ k1 + b1, 0) @ k2 + b2


def test_positionwise_feed_forward_values_weights_gradients():
    x = rand(3, 4, 5)
    layer = layers.PositionwiseFeedForwardDense(6,
                                                bias_initializer='uniform')
    res = check_layer(layer, x)
    k1, b1, k2, b2 = layer.get_weights()
    assert [w.shape for w in (k1, b1, k2, b2)] == [(5, 6), (6,), (6, 5), (5,)]
    assert [w.name.split('/')[-1].split(':')[0] for w in layer.weights] == \
        ['kernel1', 'bias1', 'kernel2', 'bias2']
    assert_allclose(res['output'], np_ffd(x, k1, b1, k2, b2), atol=1e-5)
    layer = layers.PositionwiseFeedForwardDense(3, use_bias=False)
    check_layer(layer, x)
    assert len(layer.weights) == 2
    with pytest.raises(ValueError, match='dropout'):
        layers.PositionwiseFeedForwardDense(3, dropout=1.5)


def test_positionwise_feed_forward_dropout_only_in_training():
    x = np.ones((2, 50, 4), 'float32')
    layer = layers.PositionwiseFeedForwardDense(
        40, dropout=0.5, kernel_initializer='ones', activation='linear')
    test_out = eval_layer(layer, x, learning_phase=0)[0]
    assert_allclose(test_out, np.full_like(x, 160.))
    layer = layers.PositionwiseFeedForwardDense(
        40, dropout=0.5, kernel_initializer='ones', activation='linear')
    train_out = eval_layer(layer, x, learning_phase=1)[0]
    assert not np.allclose(train_out, 160.)
    assert abs(train_out.mean() / 160. - 1.) < 0.2


def test_positionwise_feed_forward_keeps_mask_and_time_distributes():
    x, mask = padded_sequences()
    out, out_mask = run_masked(layers.PositionwiseFeedForwardDense(3), x)
    assert out.shape == x.shape
    assert_allclose(out_mask, mask)
    inp = Input(shape=(4, 2))
    td = layers.TimeDistributed(layers.PositionwiseFeedForwardDense(3))
    assert K.int_shape(td(inp)) == (None, 4, 2)


def test_positionwise_feed_forward_fork_fixture(tmp_path):
    name = os.path.join(FORK, 'PositionwiseFeedForwardDense_basic')
    words = np.load(name + '_input0.npy')
    expected = np.load(name + '_output0.npy')
    model = load_model(name + '.h5')
    assert_allclose(model.predict(words), expected, atol=1e-5)
    ff = model.get_layer('ff')
    assert ff.dropout == 0. and ff.units == 4
    with open(name + '_arch.json') as handle:
        rebuilt = model_from_json(handle.read())
    rebuilt.load_weights(name + '_weights.h5')
    assert_allclose(rebuilt.predict(words), expected, atol=1e-5)
    # and our own save/load round trip
    path = str(tmp_path / 'ffd.h5')
    model.save(path)
    assert_allclose(load_model(path).predict(words), expected, atol=1e-5)


def test_guided_dropout_selects_rows():
    x = rand(4, 5)
    modulator = rand(4, 3)
    w = (RNG.uniform(size=(3, 5)) > 0.5).astype('float32')
    layer = layers.GuidedDropout((3, 5), weights=[w])
    res = check_layer(layer, [x, modulator],
                      expected=x * w[modulator.argmax(1)])
    assert layer.trainable_weights == [] and len(layer.weights) == 1
    assert res['layer'].weights[0].name.split('/')[-1].startswith(
        layer.name + '_W')
    with pytest.raises(ValueError, match='weights_shape'):
        layers.GuidedDropout((2, 5))([Input(shape=(5,)), Input(shape=(3,))])


def test_weighted_sum():
    values, weights = rand(2, 3, 4), rand(2, 3, 1)
    check_layer(layers.WeightedSum(sum_dims=[1]), [values, weights],
                expected=(values * weights).sum(1))
    check_layer(layers.WeightedSum(), [values, weights],
                expected=values * weights)
    shape = layers.WeightedSum(sum_dims=[2]).compute_output_shape(
        [(None, 3, 4), (None, 3, 1)])
    assert shape == (None, 3)
    with pytest.raises(ValueError, match='same rank'):
        layers.WeightedSum()([Input(shape=(3, 4)), Input(shape=(3,))])


@pytest.mark.parametrize('mode', ['sum', 'mul'])
def test_weighted_merge(mode):
    xs = [rand(2, 3), rand(2, 3), rand(2, 3)]
    lambdas = np.array([0.5, -1., 2.], 'float32')
    layer = layers.WeightedMerge(mode=mode, weights=[lambdas])
    terms = [x * l for x, l in zip(xs, lambdas)]
    expected = sum(terms) if mode == 'sum' else terms[0] * terms[1] * terms[2]
    check_layer(layer, xs, expected=expected)
    assert layer.weights[0].shape == (3,) or \
        tuple(K.int_shape(layer.weights[0])) == (3,)
    with pytest.raises(ValueError, match='mode'):
        layers.WeightedMerge(mode='max')
    with pytest.raises(ValueError, match='same shape'):
        layers.WeightedMerge()([Input(shape=(3,)), Input(shape=(4,))])


def test_fork_layers_in_a_saved_model(tmp_path):
    x, _ = padded_sequences()
    inp = Input(shape=(4, 2))
    h = layers.Masking()(inp)
    h = layers.PositionwiseFeedForwardDense(3)(h)
    h = layers.MaskLayer()(h)
    h = layers.RepeatMatrix(2, dim=1)(layers.MaskedMean()(h))
    h = layers.Slice(0, 1)(h)
    model = Model(inp, h)
    path = str(tmp_path / 'm.h5')
    model.save(path)
    assert_allclose(load_model(path).predict(x), model.predict(x), atol=1e-6)


@pytest.mark.skipif(K.backend() == 'theano', reason='compiling this model '
                    'takes ~2 minutes on PyTensor (FAST_COMPILE), over the '
                    'suite budget; it matches there too (max diff 3e-8), and '
                    'the unit tests above run both layers on PyTensor')
def test_nmt_fixture_with_masked_mean_and_permute_general():
    """The fork's NMT-Keras-shaped model (MaskedMean encoder summary,
    PermuteGeneral((1, 0, 2)) on the time-major attention outputs) loads
    and gives the fork's outputs."""
    name = os.path.join(FORK, 'NMT_AttConditionalLSTMCond')
    model = load_model(name + '.h5')
    kinds = [layer.__class__.__name__ for layer in model.layers]
    assert 'MaskedMean' in kinds and 'PermuteGeneral' in kinds
    inputs = [np.load(name + '_input%d.npy' % i) for i in range(2)]
    outputs = K.function(model.inputs + [K.learning_phase()],
                         model.outputs)(inputs + [0])
    for i, value in enumerate(outputs):
        assert_allclose(value, np.load(name + '_output%d.npy' % i),
                        atol=1e-5)
