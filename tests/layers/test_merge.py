"""Tests of keras.layers.merge against NumPy."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import backend as K
from keras import layers
from keras.layers import Input
from layer_helpers import check_layer

RNG = np.random.RandomState(7)


def rand(*shape):
    return RNG.uniform(-1, 1, size=shape).astype('float32')


ELEMENTWISE = [
    (layers.Add, layers.add, lambda xs: sum(xs)),
    (layers.Multiply, layers.multiply, lambda xs: xs[0] * xs[1] * xs[2]),
    (layers.Average, layers.average, lambda xs: sum(xs) / 3.),
    (layers.Maximum, layers.maximum, lambda xs: np.maximum(
        np.maximum(xs[0], xs[1]), xs[2])),
    (layers.Minimum, layers.minimum, lambda xs: np.minimum(
        np.minimum(xs[0], xs[1]), xs[2])),
]


@pytest.mark.parametrize('cls,fn,ref', ELEMENTWISE)
def test_elementwise_merges(cls, fn, ref):
    xs = [rand(2, 3, 4) for _ in range(3)]
    res = check_layer(cls(), xs)
    assert_allclose(res['output'], ref(xs), atol=1e-6)
    # functional form
    inputs = [Input(shape=(3, 4)) for _ in range(3)]
    out = fn(inputs)
    assert K.int_shape(out)[1:] == (3, 4)


def test_subtract_and_functional():
    a, b = rand(2, 5), rand(2, 5)
    res = check_layer(layers.Subtract(), [a, b])
    assert_allclose(res['output'], a - b, atol=1e-6)
    with pytest.raises(ValueError, match='exactly 2'):
        layers.subtract([Input(shape=(5,)) for _ in range(3)])


def test_add_broadcasting_different_ranks():
    a, b = rand(2, 3, 4), rand(2, 4)
    res = check_layer(layers.Add(), [a, b])
    assert_allclose(res['output'], a + b[:, None, :], atol=1e-6)
    a, b = rand(2, 3, 4), rand(2, 1, 4)
    res = check_layer(layers.Multiply(), [a, b])
    assert_allclose(res['output'], a * b, atol=1e-6)


def test_merge_incompatible_shapes():
    with pytest.raises(ValueError, match='broadcast'):
        layers.add([Input(shape=(3,)), Input(shape=(4,))])
    with pytest.raises(ValueError, match='list'):
        layers.Add()(Input(shape=(3,)))
    with pytest.raises(ValueError, match='at least 2'):
        layers.Add()([Input(shape=(3,))])
    with pytest.raises(ValueError, match='batch'):
        layers.Add()([Input(batch_shape=(2, 3)), Input(batch_shape=(3, 3))])


def test_merge_masks_are_anded():
    a = rand(2, 4, 3)
    a[0, 1] = 0.
    b = rand(2, 4, 3)
    b[1, 2] = 0.
    in_a, in_b = Input(shape=(4, 3)), Input(shape=(4, 3))
    ma, mb = layers.Masking()(in_a), layers.Masking()(in_b)
    layer = layers.Add()
    out = layer([ma, mb])
    node = layer._inbound_nodes[0]
    mask = node.output_masks[0]
    value, mask_value = K.function([in_a, in_b], [out, mask])([a, b])
    assert (mask_value == (np.any(a != 0, -1) & np.any(b != 0, -1))).all()


@pytest.mark.parametrize('axis', [-1, 1, 2])
def test_concatenate(axis):
    a, b = rand(2, 3, 4), rand(2, 3, 4)
    res = check_layer(layers.Concatenate(axis=axis), [a, b])
    assert_allclose(res['output'], np.concatenate([a, b], axis=axis))
    out = layers.concatenate([Input(shape=(3, 4)), Input(shape=(3, 4))],
                             axis=axis)
    assert K.int_shape(out) == (None,) + np.concatenate(
        [a, b], axis=axis).shape[1:]


def test_concatenate_errors():
    with pytest.raises(ValueError, match='matching shapes'):
        layers.concatenate([Input(shape=(3, 4)), Input(shape=(2, 4))],
                           axis=-1)
    with pytest.raises(ValueError, match='at least 2'):
        layers.Concatenate()([Input(shape=(3,))])


def test_concatenate_mask():
    a = rand(2, 3, 2)
    a[0, 0] = 0
    b = rand(2, 3, 2)
    in_a, in_b = Input(shape=(3, 2)), Input(shape=(3, 2))
    layer = layers.Concatenate(axis=1)
    layer([layers.Masking()(in_a), in_b])
    mask = layer._inbound_nodes[0].output_masks[0]
    mask_value = K.function([in_a, in_b], [mask])([a, b])[0]
    expected = np.concatenate([np.any(a != 0, -1), np.ones((2, 3), bool)], 1)
    assert (mask_value == expected).all()


def test_concatenate_cropping():
    a, b = rand(2, 5, 3), rand(2, 3, 3)
    layer = layers.Concatenate(axis=-1, cropping=[None, 'center', None])
    res = check_layer(layer, [a, b])
    assert_allclose(res['output'], np.concatenate([a[:, 1:4], b], -1))
    from keras.layers.merge import autocrop_array_shapes
    assert autocrop_array_shapes(
        [(2, 5, 3), (2, 3, 3)], [None, 'lower']) == [(2, 3, 3), (2, 3, 3)]


def np_batch_dot(x, y, axes):
    out = np.stack([np.tensordot(xi, yi, axes=(axes[0] - 1, axes[1] - 1))
                    for xi, yi in zip(x, y)])
    return out.reshape(out.shape[0], -1) if out.ndim == 1 else out


def test_dot_2d_and_normalize():
    a, b = rand(3, 4), rand(3, 4)
    res = check_layer(layers.Dot(axes=1), [a, b])
    assert_allclose(res['output'], (a * b).sum(-1, keepdims=True), atol=1e-5)
    res = check_layer(layers.Dot(axes=-1, normalize=True), [a, b])
    cos = (a * b).sum(-1) / np.linalg.norm(a, axis=-1) / np.linalg.norm(
        b, axis=-1)
    assert_allclose(res['output'], cos[:, None], atol=1e-5)


def test_dot_3d_axes():
    a, b = rand(2, 3, 4), rand(2, 5, 4)
    res = check_layer(layers.Dot(axes=(2, 2)), [a, b])
    assert_allclose(res['output'], np.einsum('bik,bjk->bij', a, b),
                    atol=1e-5)
    out = layers.dot([Input(shape=(3, 4)), Input(shape=(5, 4))], axes=2)
    assert K.int_shape(out) == (None, 3, 5)


def test_dot_errors():
    with pytest.raises(ValueError, match='incompatib'):
        layers.dot([Input(shape=(3,)), Input(shape=(4,))], axes=1)
    with pytest.raises(TypeError):
        layers.Dot(axes='x')
