"""Convolutions, transposed/separable/depthwise convolutions, pooling and
locally-connected ops on both engines, against the NumPy reference.

All variants of one function are compiled into a single `K.function`.
"""
import numpy as np
import pytest

from keras.backend import numpy_backend as KNP

from backend_test_utils import cover, randn, run, assert_close

CL, CF = 'channels_last', 'channels_first'

cover('conv1d', 'conv2d', 'conv3d', 'conv2d_transpose', 'conv3d_transpose',
      'depthwise_conv2d', 'separable_conv1d', 'separable_conv2d', 'pool2d',
      'pool3d', 'local_conv1d', 'local_conv2d')


def _cf(x):
    """channels_last array -> channels_first."""
    return np.ascontiguousarray(np.moveaxis(x, -1, 1))


def check_variants(engine, name, cases, rtol=1e-4, atol=1e-4):
    """`cases`: list of `(arrays, kwargs)`; one compiled function for all."""
    cover(name)
    fn, ref = getattr(engine, name), getattr(KNP, name)
    arrays, spans = [], []
    for arrs, _ in cases:
        spans.append((len(arrays), len(arrays) + len(arrs)))
        arrays += list(arrs)

    def build(*symbols):
        return [fn(*symbols[a:b], **kw)
                for (a, b), (_, kw) in zip(spans, cases)]

    values, symbolic = run(engine, build, arrays)
    for (arrs, kw), got, sym in zip(cases, values, symbolic):
        assert_close(engine, got, ref(*arrs, **kw), sym, rtol=rtol, atol=atol,
                     what='%s(%s)' % (name, kw))


def _both_formats(x, kernel_args, variants):
    """Expands each kwargs into a channels_last and a channels_first case."""
    cases = []
    for kw in variants:
        cases.append(([x] + kernel_args, dict(kw, data_format=CL)))
        cases.append(([_cf(x)] + kernel_args, dict(kw, data_format=CF)))
    return cases


def test_conv1d(engine):
    x, k = randn((2, 7, 3), 1), randn((3, 3, 2), 2)
    variants = [{}, {'padding': 'same'}, {'strides': 2},
                {'padding': 'same', 'strides': 2}, {'dilation_rate': 2},
                {'padding': 'causal'}, {'padding': 'causal',
                                        'dilation_rate': 2}]
    cases = [([x, k], dict(kw, data_format=CL)) for kw in variants]
    cases += [([_cf(x), k], dict(kw, data_format=CF))
              for kw in variants[:3]]
    check_variants(engine, 'conv1d', cases)


def test_conv2d(engine):
    x, k = randn((2, 6, 5, 3), 1), randn((3, 2, 3, 4), 2)
    variants = [{}, {'padding': 'same'}, {'strides': (2, 2)},
                {'padding': 'same', 'strides': (2, 1)},
                {'dilation_rate': (2, 2)},
                {'padding': 'same', 'dilation_rate': (2, 1)}]
    check_variants(engine, 'conv2d', _both_formats(x, [k], variants))


def test_conv3d(engine):
    x, k = randn((1, 4, 5, 4, 2), 1), randn((2, 3, 2, 2, 3), 2)
    variants = [{}, {'padding': 'same'}, {'strides': (2, 1, 2)},
                {'padding': 'same', 'strides': (2, 2, 2)},
                {'dilation_rate': (2, 1, 1)}]
    check_variants(engine, 'conv3d', _both_formats(x, [k], variants))


def test_conv2d_transpose(engine):
    x = randn((2, 3, 4, 3), 1)
    k = randn((3, 3, 2, 3), 2)   # (rows, cols, output_depth, input_depth)
    k2 = randn((2, 2, 2, 3), 3)
    cases = []
    for kernel, out_hw, kw in [
            (k, (5, 6), {}),
            (k, (3, 4), {'padding': 'same'}),
            (k, (7, 9), {'strides': (2, 2)}),
            (k, (6, 8), {'strides': (2, 2), 'padding': 'same'}),
            (k2, (6, 8), {'strides': (2, 2)}),
            (k, (7, 8), {'dilation_rate': (2, 2)})]:
        cl_shape = (2,) + out_hw + (2,)
        cf_shape = (2, 2) + out_hw
        cases.append(([x, kernel], dict(kw, output_shape=cl_shape,
                                        data_format=CL)))
        cases.append(([_cf(x), kernel], dict(kw, output_shape=cf_shape,
                                             data_format=CF)))
    check_variants(engine, 'conv2d_transpose', cases)


def test_conv3d_transpose(engine):
    x = randn((1, 2, 3, 2, 3), 1)
    k = randn((2, 2, 2, 2, 3), 2)
    cases = []
    for out_dhw, kw in [((3, 4, 3), {}), ((4, 6, 4), {'strides': (2, 2, 2)}),
                        ((2, 3, 2), {'padding': 'same'})]:
        cases.append(([x, k], dict(kw, output_shape=(1,) + out_dhw + (2,),
                                   data_format=CL)))
        cases.append(([_cf(x), k], dict(kw, output_shape=(1, 2) + out_dhw,
                                        data_format=CF)))
    check_variants(engine, 'conv3d_transpose', cases)


def test_depthwise_conv2d(engine):
    x, k = randn((2, 5, 5, 3), 1), randn((3, 2, 3, 2), 2)
    variants = [{}, {'padding': 'same'}, {'strides': (2, 2)},
                {'dilation_rate': (2, 1)}]
    check_variants(engine, 'depthwise_conv2d', _both_formats(x, [k],
                                                             variants))


def test_separable_conv2d(engine):
    x = randn((2, 5, 5, 3), 1)
    dk, pk = randn((3, 3, 3, 2), 2), randn((1, 1, 6, 4), 3)
    variants = [{}, {'padding': 'same'}, {'strides': (2, 2)},
                {'dilation_rate': (2, 2)}]
    check_variants(engine, 'separable_conv2d', _both_formats(x, [dk, pk],
                                                             variants))


def test_separable_conv1d(engine):
    x = randn((2, 7, 3), 1)
    dk, pk = randn((3, 3, 2), 2), randn((1, 6, 4), 3)
    variants = [{}, {'padding': 'same'}, {'strides': 2},
                {'dilation_rate': 2}]
    check_variants(engine, 'separable_conv1d', _both_formats(x, [dk, pk],
                                                             variants))


def test_pool2d(engine):
    x = randn((2, 5, 6, 3), 1)
    variants = []
    for mode in ('max', 'avg'):
        variants += [{'pool_size': (2, 2), 'pool_mode': mode},
                     {'pool_size': (2, 2), 'strides': (2, 2),
                      'pool_mode': mode},
                     {'pool_size': (3, 2), 'strides': (2, 2),
                      'padding': 'same', 'pool_mode': mode},
                     {'pool_size': (2, 3), 'strides': (1, 2),
                      'padding': 'same', 'pool_mode': mode}]
    check_variants(engine, 'pool2d', _both_formats(x, [], variants))


def test_pool3d(engine):
    x = randn((1, 4, 5, 3, 2), 1)
    variants = []
    for mode in ('max', 'avg'):
        variants += [{'pool_size': (2, 2, 2), 'strides': (2, 2, 2),
                      'pool_mode': mode},
                     {'pool_size': (2, 3, 2), 'strides': (2, 2, 1),
                      'padding': 'same', 'pool_mode': mode}]
    check_variants(engine, 'pool3d', _both_formats(x, [], variants))


def test_local_conv1d(engine):
    x = randn((2, 6, 3), 1)
    # kernel_size 3, stride 1 -> 4 outputs; stride 2 -> 2 outputs
    k1, k2 = randn((4, 9, 2), 2), randn((2, 9, 2), 3)
    cases = [([x, k1], {'kernel_size': (3,), 'strides': (1,),
                        'data_format': CL}),
             ([x, k2], {'kernel_size': (3,), 'strides': (2,),
                        'data_format': CL}),
             ([_cf(x), k1], {'kernel_size': (3,), 'strides': (1,),
                             'data_format': CF})]
    check_variants(engine, 'local_conv1d', cases)


def test_local_conv2d(engine):
    x = randn((2, 4, 5, 2), 1)
    k = randn((3 * 2, 2 * 3 * 2, 3), 2)   # output 3x2, kernel 2x3, stride 1x2
    kw = {'kernel_size': (2, 3), 'strides': (1, 2), 'output_shape': (3, 2)}
    cases = [([x, k], dict(kw, data_format=CL)),
             ([_cf(x), k], dict(kw, data_format=CF))]
    check_variants(engine, 'local_conv2d', cases)


@pytest.mark.parametrize('name,args', [
    ('conv2d', ((1, 4, 4, 2), (2, 2, 2, 1))),
    ('pool2d', ((1, 4, 4, 2),)),
    ('conv1d', ((1, 4, 2), (2, 2, 1))),
])
def test_unknown_data_format(engine, name, args):
    """An unknown data_format is a ValueError that lists the valid ones."""
    symbols = [engine.placeholder(shape=s) for s in args]
    extra = {'pool_size': (2, 2)} if name == 'pool2d' else {}
    with pytest.raises(ValueError) as err:
        getattr(engine, name)(*symbols, data_format='channels_middle',
                              **extra)
    assert 'channels_last' in str(err.value)
    assert 'channels_first' in str(err.value)


def test_invalid_padding_and_pool_mode(engine):
    x = engine.placeholder(shape=(1, 4, 4, 2))
    k = engine.placeholder(shape=(2, 2, 2, 1))
    with pytest.raises(ValueError):
        engine.conv2d(x, k, padding='full_of_it')
    with pytest.raises(ValueError):
        engine.pool2d(x, (2, 2), pool_mode='median')


def test_reference_conv2d_matches_scipy():
    """The reference itself, against scipy's cross-correlation."""
    from scipy.signal import correlate
    x, k = randn((2, 5, 6, 3), 1), randn((3, 2, 3, 4), 2)
    expected = np.zeros((2, 3, 5, 4))
    for b in range(2):
        for o in range(4):
            expected[b, :, :, o] = sum(
                correlate(x[b, :, :, c], k[:, :, c, o], mode='valid')
                for c in range(3))
    np.testing.assert_allclose(KNP.conv2d(x, k, data_format=CL), expected,
                               rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize('padding,strides,out_hw', [
    ('valid', (2, 2), (9, 9)), ('same', (2, 2), (8, 8)),
    ('valid', (1, 1), (6, 6))])
def test_reference_conv2d_transpose_is_adjoint(padding, strides, out_hw):
    """<conv(z), x> == <z, conv_transpose(x)> for the reference."""
    k = randn((3, 3, 2, 3), 1)
    z = randn((2,) + out_hw + (2,), 2)
    y = KNP.conv2d(z, k, strides=strides, padding=padding, data_format=CL)
    x = randn(y.shape, 3)
    zt = KNP.conv2d_transpose(x, k, z.shape, strides=strides,
                              padding=padding, data_format=CL)
    np.testing.assert_allclose(np.sum(y * x), np.sum(z * zt), rtol=1e-4)
