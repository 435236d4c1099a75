"""The converter's extra Keras layers: values against NumPy (Caffe's
semantics, from tests/caffe/caffe_reference.py), shapes, config round trips
and gradients, through tests/layers/layer_helpers.check_layer."""
import os
import sys

import numpy as np
import pytest

from keras.caffe import caffe_pb2
from keras.caffe.extra_layers import (LRN2D, CaffeAbsVal, CaffeEltwiseSum,
                                      CaffePooling2D, CaffePower, CaffeSlice)

from caffe_reference import lrn, pool

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'layers'))
from layer_helpers import check_layer  # noqa: E402

FORMATS = ['channels_first', 'channels_last']


def _nchw_to(x, data_format):
    return x if data_format == 'channels_first' else x.transpose(0, 2, 3, 1)


def _x(shape, seed=0):
    return np.random.RandomState(seed).standard_normal(shape).astype(
        'float32')


@pytest.mark.parametrize('data_format', FORMATS)
@pytest.mark.parametrize('region', ['across_channels', 'within_channel'])
def test_lrn2d(data_format, region):
    x = _x((2, 5, 4, 4))
    param = caffe_pb2.LRNParameter(local_size=3, alpha=0.6, beta=0.7, k=1.5,
                                   norm_region=0 if region ==
                                   'across_channels' else 1)
    expected = lrn(x.astype('float64'), param)
    if region == 'across_channels':
        layer = LRN2D(alpha=0.6 / 3, k=1.5, beta=0.7, n=3,
                      data_format=data_format)
    else:
        layer = LRN2D(alpha=0.6 / 9, k=1., beta=0.7, n=3,
                      data_format=data_format, norm_region=region)
    check_layer(layer, _nchw_to(x, data_format),
                expected=_nchw_to(expected, data_format), atol=1e-5)


def test_lrn2d_arguments():
    with pytest.raises(ValueError, match='odd'):
        LRN2D(n=4)
    with pytest.raises(ValueError, match='norm_region'):
        LRN2D(norm_region='everywhere')
    assert LRN2D().get_output.__doc__


@pytest.mark.parametrize('data_format', FORMATS)
@pytest.mark.parametrize('mode', ['max', 'avg'])
@pytest.mark.parametrize('geometry', [((3, 3), (2, 2), (1, 1), 'ceil'),
                                      ((3, 2), (2, 1), (0, 1), 'ceil'),
                                      ((2, 2), (2, 2), (1, 0), 'floor')])
def test_caffe_pooling2d(data_format, mode, geometry):
    kernel, stride, pad, rounding = geometry
    x = _x((2, 3, 7, 6)) - 2.            # mostly negative: max ignores pads
    method = caffe_pb2.PoolingParameter.MAX if mode == 'max' else \
        caffe_pb2.PoolingParameter.AVE
    expected = pool(x.astype('float64'), kernel, pad, stride, method,
                    ceil=rounding == 'ceil')
    layer = CaffePooling2D(kernel, stride, pad, pool_mode=mode,
                           round_mode=rounding, data_format=data_format)
    check_layer(layer, _nchw_to(x, data_format),
                expected=_nchw_to(expected, data_format))


def test_caffe_pooling2d_arguments():
    with pytest.raises(ValueError, match='smaller'):
        CaffePooling2D((2, 2), padding=(2, 0))
    with pytest.raises(ValueError, match='pool_mode'):
        CaffePooling2D((2, 2), pool_mode='stochastic')


def test_power_absval_eltwise_slice():
    x = _x((2, 3, 4))
    check_layer(CaffePower(power=2., scale=0.5, shift=1.), x,
                expected=(1. + 0.5 * x) ** 2, atol=1e-5)
    check_layer(CaffePower(power=0.5, scale=2., shift=0.), np.abs(x),
                expected=np.sqrt(2. * np.abs(x)), atol=1e-5)
    check_layer(CaffeAbsVal(), x, expected=np.abs(x))
    y = _x((2, 3, 4), seed=1)
    check_layer(CaffeEltwiseSum([1., -0.5]), [x, y], expected=x - 0.5 * y,
                atol=1e-6)
    check_layer(CaffeSlice(2, 1, 3), x, expected=x[:, :, 1:3])
    with pytest.raises(ValueError, match='batch'):
        CaffeSlice(0, 0, 1)
    with pytest.raises(ValueError, match='2 inputs for 3'):
        check_layer(CaffeEltwiseSum([1., 1., 1.]), [x, y])
