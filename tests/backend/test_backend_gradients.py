"""`K.gradients` (through `K.function`) against central finite differences
of the NumPy reference, for the differentiable backend functions."""
import numpy as np
import pytest

from keras.backend import numpy_backend as KNP

from backend_test_utils import check_gradient, cover, randn

# (name, input shapes, kwargs, low, high)
GRADIENTS = [
    ('tanh', [(2, 3)], {}, -2, 2),
    ('sigmoid', [(2, 3)], {}, -2, 2),
    ('exp', [(2, 3)], {}, -1, 1),
    ('log', [(2, 3)], {}, 0.5, 2),
    ('sqrt', [(2, 3)], {}, 0.5, 2),
    ('square', [(2, 3)], {}, -1, 1),
    ('abs', [(2, 3)], {}, 0.1, 1),
    ('softplus', [(2, 3)], {}, -2, 2),
    ('softsign', [(2, 3)], {}, -2, 2),
    ('elu', [(2, 3)], {'alpha': 0.7}, -2, 2),
    ('relu', [(2, 3)], {'alpha': 0.1}, 0.1, 1),
    ('softmax', [(2, 4)], {}, -2, 2),
    ('logsumexp', [(2, 4)], {'axis': 1}, -2, 2),
    ('mean', [(2, 4)], {'axis': 0}, -1, 1),
    ('var', [(2, 4)], {'axis': 1}, -1, 1),
    ('std', [(2, 4)], {'axis': 1}, -1, 1),
    ('prod', [(2, 3)], {'axis': 1}, 0.5, 1.5),
    ('cumsum', [(2, 3)], {'axis': 1}, -1, 1),
    ('l2_normalize', [(2, 3)], {'axis': 1}, 0.2, 1),
    ('pow', [(2, 3)], {'a': 3}, 0.5, 1.5),
    ('dot', [(2, 3), (3, 4)], {}, -1, 1),
    ('batch_dot', [(2, 3, 4), (2, 4, 2)], {'axes': (2, 1)}, -1, 1),
    ('maximum', [(2, 3), (2, 3)], {}, -1, 1),
    ('conv2d', [(1, 4, 4, 2), (2, 2, 2, 3)],
     {'padding': 'same', 'strides': (2, 1), 'data_format': 'channels_last'},
     -1, 1),
    ('conv1d', [(1, 5, 2), (3, 2, 2)],
     {'padding': 'causal', 'dilation_rate': 2,
      'data_format': 'channels_last'}, -1, 1),
    ('depthwise_conv2d', [(1, 2, 4, 4), (2, 2, 2, 2)],
     {'data_format': 'channels_first'}, -1, 1),
    ('pool2d', [(1, 4, 4, 2)],
     {'pool_size': (2, 2), 'strides': (2, 2), 'pool_mode': 'avg',
      'padding': 'same', 'data_format': 'channels_last'}, -1, 1),
    ('pool2d', [(1, 4, 4, 1)],
     {'pool_size': (2, 2), 'strides': (1, 1), 'pool_mode': 'max',
      'data_format': 'channels_last'}, -1, 1),
    ('conv2d_transpose', [(1, 2, 2, 2), (2, 2, 3, 2)],
     {'output_shape': (1, 4, 4, 3), 'strides': (2, 2),
      'data_format': 'channels_last'}, -1, 1),
    ('batch_normalization', [(3, 2), (2,), (2,), (2,), (2,)],
     {'epsilon': 0.1}, 0.5, 1.5),
    ('categorical_crossentropy', [(2, 3), (2, 3)], {'from_logits': True},
     0.1, 1),
    ('binary_crossentropy', [(2, 3), (2, 3)], {}, 0.1, 0.9),
]

for _row in GRADIENTS:
    cover(_row[0])
cover('gradients')


@pytest.mark.parametrize('name,shapes,kwargs,low,high', GRADIENTS,
                         ids=['%s-%d' % (r[0], i)
                              for i, r in enumerate(GRADIENTS)])
def test_gradient(engine, name, shapes, kwargs, low, high):
    arrays = [randn(s, 10 + i, low, high) for i, s in enumerate(shapes)]
    if name == 'pool2d' and kwargs['pool_mode'] == 'max':
        # distinct values: the max is unique in every window
        arrays[0] = (np.random.RandomState(0).permutation(16)
                     .reshape(shapes[0]) / 4.).astype('float32')
    if name == 'categorical_crossentropy':
        # targets are distributions (the engines' fused kernels assume it)
        arrays[0] /= arrays[0].sum(axis=-1, keepdims=True)

    def reference(*args):
        return getattr(KNP, name)(*args, **kwargs)

    def build(*symbols):
        return getattr(engine, name)(*symbols, **kwargs)

    check_gradient(engine, build, reference, arrays)


def test_gradient_of_composite_loss(engine):
    """A small two-layer network: d loss / d (x, W1, W2)."""
    x, w1, w2 = randn((3, 4), 1), randn((4, 5), 2), randn((5, 2), 3)

    def build(a, b, c):
        h = engine.tanh(engine.dot(a, b))
        return engine.square(engine.dot(h, c) - 1.)

    def reference(a, b, c):
        return np.square(np.dot(np.tanh(np.dot(a, b)), c) - 1.)

    check_gradient(engine, build, reference, [x, w1, w2])


def test_gradient_disconnected_input(engine):
    """The gradient with respect to an input that the loss does not use is
    zero (or None in Keras 2; either is accepted) on both engines."""
    cover('gradients')
    x = engine.placeholder(shape=(2,))
    y = engine.placeholder(shape=(2,))
    grads = engine.gradients(engine.sum(x * 2.), [x, y])
    assert len(grads) == 2
    f = engine.function([x, y], [grads[0]])
    np.testing.assert_allclose(f([np.ones(2, 'float32'),
                                  np.ones(2, 'float32')])[0], [2., 2.])
