"""Builders of Caffe's pointwise and per-channel layers: activations,
Power, Dropout, Softmax, BatchNorm, Scale, Bias."""
import numpy as np

from ..layers import (ELU, PReLU, Activation, BatchNormalization, Dropout,
                      LeakyReLU, Multiply, Softmax)
from ..layers._scale import Scale
from .extra_layers import CaffeAbsVal, CaffePower
from ._registry import builder, expect_bottoms, expect_tops
from ._weights import check_shapes


def _one_to_one(layer, bottoms):
    expect_bottoms(layer, bottoms, 1)
    expect_tops(layer, 1)
    return bottoms[0]


def _channel_axis(ctx, layer, x, caffe_axis=1):
    """The Keras axis of Caffe axis `caffe_axis` of `x`, and its size."""
    shape = ctx.caffe_shape(x)
    axis = ctx.caffe_axis(layer, caffe_axis, len(shape))
    if axis == 0 or shape[axis] is None:
        raise ValueError('Layer "%s" (%s): axis %d of a blob of shape %s '
                         'cannot hold per-channel parameters.'
                         % (layer.name, layer.type, axis, shape))
    return ctx.keras_axis(x, axis), shape[axis]


@builder('ReLU')
def build_relu(ctx, layer, bottoms):
    """Activation('relu'), or LeakyReLU with a `negative_slope`."""
    x = _one_to_one(layer, bottoms)
    slope = layer.relu_param.negative_slope
    if slope:
        return [LeakyReLU(alpha=slope, name=ctx.name(layer.name))(x)]
    return [Activation('relu', name=ctx.name(layer.name))(x)]


def _activation(function):
    def build(ctx, layer, bottoms):
        x = _one_to_one(layer, bottoms)
        return [Activation(function, name=ctx.name(layer.name))(x)]
    build.__doc__ = 'Activation(%r).' % (function,)
    return build


builder('Sigmoid')(_activation('sigmoid'))
builder('TanH')(_activation('tanh'))
# BNLL: log(1 + exp(x)).
builder('BNLL')(_activation('softplus'))


@builder('ELU')
def build_elu(ctx, layer, bottoms):
    """ELU(alpha)."""
    x = _one_to_one(layer, bottoms)
    return [ELU(alpha=layer.elu_param.alpha, name=ctx.name(layer.name))(x)]


@builder('AbsVal')
def build_absval(ctx, layer, bottoms):
    """CaffeAbsVal."""
    x = _one_to_one(layer, bottoms)
    return [CaffeAbsVal(name=ctx.name(layer.name))(x)]


@builder('Power')
def build_power(ctx, layer, bottoms):
    """CaffePower: (shift + scale * x) ** power."""
    x = _one_to_one(layer, bottoms)
    p = layer.power_param
    return [CaffePower(p.power, p.scale, p.shift,
                       name=ctx.name(layer.name))(x)]


@builder('PReLU')
def build_prelu(ctx, layer, bottoms):
    """PReLU with one slope per channel (shared over the other axes), or a
    single slope with `channel_shared`."""
    x = _one_to_one(layer, bottoms)
    ndim = len(ctx.caffe_shape(x))
    channel, channels = _channel_axis(ctx, layer, x)
    shared = [a for a in range(1, ndim)
              if layer.prelu_param.channel_shared or a != channel]
    prelu = PReLU(shared_axes=shared or None, name=ctx.name(layer.name))
    y = prelu(x)
    count = 1 if layer.prelu_param.channel_shared else channels

    def convert(layer_name, blobs):
        check_shapes(layer_name, blobs, [(count,)])
        return [blobs[0].reshape(prelu.get_weights()[0].shape)]
    ctx.set_weight_rule(layer.name, prelu, convert)
    return [y]


@builder('Dropout')
def build_dropout(ctx, layer, bottoms):
    """Dropout(dropout_ratio) (the identity at test time, as in Caffe)."""
    x = _one_to_one(layer, bottoms)
    return [Dropout(layer.dropout_param.dropout_ratio,
                    name=ctx.name(layer.name))(x)]


def _softmax(ctx, layer, x):
    shape = ctx.caffe_shape(x)
    axis = ctx.caffe_axis(layer, layer.softmax_param.axis, len(shape))
    return [Softmax(axis=ctx.keras_axis(x, axis),
                    name=ctx.name(layer.name))(x)]


@builder('Softmax')
def build_softmax(ctx, layer, bottoms):
    """Softmax over `axis` (the channels by default)."""
    return _softmax(ctx, layer, _one_to_one(layer, bottoms))


@builder('SoftmaxWithLoss', bottoms=1)
def build_softmax_with_loss(ctx, layer, bottoms):
    """The probabilities of a SoftmaxWithLoss (its label is dropped), as in
    the fork: a train net converts to a model giving probabilities."""
    expect_bottoms(layer, bottoms, 1)
    return _softmax(ctx, layer, bottoms[0])


@builder('BatchNorm')
def build_batch_norm(ctx, layer, bottoms):
    """BatchNormalization without scale and shift (Caffe follows BatchNorm
    with a Scale layer for those), with Caffe's epsilon and moving-average
    fraction; the weights are the statistics divided by Caffe's scale
    factor."""
    x = _one_to_one(layer, bottoms)
    axis, channels = _channel_axis(ctx, layer, x)
    param = layer.batch_norm_param
    norm = BatchNormalization(axis=axis, epsilon=param.eps,
                              momentum=param.moving_average_fraction,
                              center=False, scale=False,
                              name=ctx.name(layer.name))

    def convert(layer_name, blobs):
        check_shapes(layer_name, blobs, [(channels,), (channels,)])
        return list(blobs)
    ctx.set_weight_rule(layer.name, norm, convert)
    return [norm(x)]


def _affine(ctx, layer, x, caffe_axis, num_axes, convert):
    axis, channels = _channel_axis(ctx, layer, x, caffe_axis)
    ndim = len(ctx.caffe_shape(x))
    if num_axes != 1 and not (num_axes == -1 and
                              ctx.caffe_axis(layer, caffe_axis, ndim) ==
                              ndim - 1):
        raise ValueError('Layer "%s" (%s): only parameters along one axis '
                         '(num_axes 1) are supported, got num_axes %d.'
                         % (layer.name, layer.type, num_axes))
    scale = Scale(axis=axis, name=ctx.name(layer.name))
    ctx.set_weight_rule(layer.name, scale,
                        lambda name, blobs: convert(name, blobs, channels))
    return [scale(x)]


@builder('Scale')
def build_scale(ctx, layer, bottoms):
    """The fork's Scale (gamma = the first blob, beta = the bias blob or
    zeros); with two bottoms of the same shape, their product."""
    expect_tops(layer, 1)
    param = layer.scale_param
    if len(bottoms) == 2:
        shapes = [ctx.caffe_shape(b)[1:] for b in bottoms]
        if shapes[0] != shapes[1]:
            raise ValueError('Layer "%s" (Scale): a second bottom of shape %s '
                             'for an input of shape %s (only equal shapes are '
                             'supported).' % (layer.name, shapes[1],
                                              shapes[0]))
        return [Multiply(name=ctx.name(layer.name))(bottoms)]
    expect_bottoms(layer, bottoms, 1)

    def convert(layer_name, blobs, channels):
        count = 2 if param.bias_term else 1
        check_shapes(layer_name, blobs, [(channels,)] * count)
        beta = blobs[1] if param.bias_term else np.zeros(channels, 'float32')
        return [blobs[0], beta]
    return _affine(ctx, layer, bottoms[0], param.axis, param.num_axes,
                   convert)


@builder('Bias')
def build_bias(ctx, layer, bottoms):
    """The fork's Scale with gamma fixed at ones (beta = the bias blob)."""
    x = _one_to_one(layer, bottoms)
    param = layer.bias_param

    def convert(layer_name, blobs, channels):
        check_shapes(layer_name, blobs, [(channels,)])
        return [np.ones(channels, 'float32'), blobs[0]]
    return _affine(ctx, layer, x, param.axis, param.num_axes, convert)
