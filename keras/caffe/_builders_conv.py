"""Builders of Caffe's layers with windows or weight matrices:
Convolution, Deconvolution, Pooling, InnerProduct, LRN."""
import numpy as np

from ..layers import (AveragePooling2D, Conv2D, Conv2DTranspose, Cropping2D,
                      Dense, Flatten, GlobalAveragePooling2D,
                      GlobalMaxPooling2D, MaxPooling2D, Reshape,
                      ZeroPadding2D)
from . import caffe_pb2
from .extra_layers import LRN2D, CaffePooling2D, caffe_pool_length
from ._builders_shape import reshape_caffe
from ._registry import builder, expect_bottoms, expect_image, expect_tops
from ._weights import (check_shapes, conv_kernel, deconv_kernel,
                       dense_kernel)


def _pair(layer, param, name, default, repeated=True):
    """(h, w) of a window parameter: `name_h`/`name_w`, else `name` (one
    value for both axes, or, when repeated, one per axis)."""
    stem = 'kernel' if name == 'kernel_size' else name
    if stem + '_h' in param.DESCRIPTOR.fields_by_name and \
            (param.HasField(stem + '_h') or param.HasField(stem + '_w')):
        return (getattr(param, stem + '_h'), getattr(param, stem + '_w'))
    if repeated:
        values = list(getattr(param, name))
    else:
        values = [getattr(param, name)] if param.HasField(name) else []
    if not values:
        if default is None:
            raise ValueError('Layer "%s" (%s) gives no %s.'
                             % (layer.name, layer.type, name))
        return (default, default)
    if len(values) == 1:
        return (values[0], values[0])
    if len(values) == 2:
        return tuple(values)
    raise ValueError('Layer "%s" (%s): %d values of %s for 2 spatial axes '
                     '(only 2-D layers are supported).'
                     % (layer.name, layer.type, len(values), name))


def _conv_geometry(layer, ctx, x):
    param = layer.convolution_param
    shape = expect_image(ctx, layer, x)
    if param.axis not in (1, -3):
        raise ValueError('Layer "%s" (%s): only axis 1 is supported as the '
                         'channel axis, got %d.' % (layer.name, layer.type,
                                                    param.axis))
    groups = param.group
    if param.num_output <= 0 or shape[1] % groups or \
            param.num_output % groups:
        raise ValueError('Layer "%s" (%s): num_output %d and %d input '
                         'channels must be positive multiples of group %d.'
                         % (layer.name, layer.type, param.num_output,
                            shape[1], groups))
    return (shape, _pair(layer, param, 'kernel_size', None),
            _pair(layer, param, 'pad', 0), _pair(layer, param, 'stride', 1),
            _pair(layer, param, 'dilation', 1))


def _bias_rule(param, weight_shape, convert_kernel):
    """The weight rule of a layer with a kernel and an optional bias."""
    expected = [weight_shape] + ([(param.num_output,)] if param.bias_term
                                 else [])

    def convert(layer_name, blobs):
        check_shapes(layer_name, blobs, expected)
        return [convert_kernel(blobs[0])] + list(blobs[1:])
    return convert


@builder('Convolution')
def build_convolution(ctx, layer, bottoms):
    """ZeroPadding2D (when padded), Conv2D; a strided dilated convolution
    becomes a dilated one followed by subsampling (MaxPooling2D of size
    1); groups become one convolution with a block-diagonal kernel."""
    expect_bottoms(layer, bottoms, 1)
    expect_tops(layer, 1)
    param = layer.convolution_param
    shape, kernel, pad, stride, dilation = _conv_geometry(layer, ctx,
                                                          bottoms[0])
    x = bottoms[0]
    if any(pad):
        x = ZeroPadding2D(((pad[0], pad[0]), (pad[1], pad[1])),
                          data_format=ctx.data_format,
                          name=ctx.name(layer.name, '_pad'))(x)
    dilated = dilation != (1, 1)
    conv = Conv2D(param.num_output, kernel,
                  strides=(1, 1) if dilated else stride,
                  dilation_rate=dilation, use_bias=param.bias_term,
                  data_format=ctx.data_format, name=ctx.name(layer.name))
    y = conv(x)
    if dilated and stride != (1, 1):
        y = MaxPooling2D((1, 1), strides=stride, data_format=ctx.data_format,
                         name=ctx.name(layer.name, '_stride'))(y)
    channels, groups = shape[1], param.group
    ctx.set_weight_rule(layer.name, conv, _bias_rule(
        param, (param.num_output, channels // groups) + kernel,
        lambda w: conv_kernel(w, groups, channels)))
    return [y]


@builder('Deconvolution')
def build_deconvolution(ctx, layer, bottoms):
    """Conv2DTranspose ('valid'), then Cropping2D of Caffe's padding."""
    expect_bottoms(layer, bottoms, 1)
    expect_tops(layer, 1)
    param = layer.convolution_param
    shape, kernel, pad, stride, dilation = _conv_geometry(layer, ctx,
                                                          bottoms[0])
    if dilation != (1, 1):
        raise ValueError('Layer "%s" (Deconvolution): dilation %s is not '
                         'supported.' % (layer.name, dilation))
    sizes = [s * (n - 1) + k - 2 * p
             for s, n, k, p in zip(stride, shape[2:], kernel, pad)]
    if min(sizes) <= 0:
        raise ValueError('Layer "%s" (Deconvolution): output size %s.'
                         % (layer.name, sizes))
    deconv = Conv2DTranspose(param.num_output, kernel, strides=stride,
                             padding='valid', use_bias=param.bias_term,
                             data_format=ctx.data_format,
                             name=ctx.name(layer.name))
    y = deconv(bottoms[0])
    produced = ctx.caffe_shape(y)[2:]
    crop = tuple((p, n - size - p) for p, n, size in zip(pad, produced,
                                                         sizes))
    if any(any(c) for c in crop):
        y = Cropping2D(crop, data_format=ctx.data_format,
                       name=ctx.name(layer.name, '_crop'))(y)
    channels, groups = shape[1], param.group
    ctx.set_weight_rule(layer.name, deconv, _bias_rule(
        param, (channels, param.num_output // groups) + kernel,
        lambda w: deconv_kernel(w, groups, param.num_output)))
    return [y]


def _global_pooling(ctx, layer, x, mode, channels):
    """Global pooling keeps Caffe's 1 x 1 spatial axes."""
    pooling = GlobalMaxPooling2D if mode == 'max' else GlobalAveragePooling2D
    y = pooling(data_format=ctx.data_format,
                name=ctx.name(layer.name))(x)
    return Reshape(ctx.keras_shape((channels, 1, 1)),
                   name=ctx.name(layer.name, '_reshape'))(y)


@builder('Pooling')
def build_pooling(ctx, layer, bottoms):
    """MaxPooling2D / AveragePooling2D where Caffe's output-size rule gives
    the 'valid' result, otherwise CaffePooling2D (padding, rounding up);
    global pooling: GlobalMax/AveragePooling2D, reshaped to 1 x 1."""
    expect_bottoms(layer, bottoms, 1)
    expect_tops(layer, 1)
    param = layer.pooling_param
    if param.pool == caffe_pb2.PoolingParameter.STOCHASTIC:
        raise ValueError('Layer "%s" (Pooling): stochastic pooling is not '
                         'supported.' % (layer.name,))
    shape = expect_image(ctx, layer, bottoms[0])
    mode = 'max' if param.pool == caffe_pb2.PoolingParameter.MAX else 'avg'
    if param.global_pooling:
        return [_global_pooling(ctx, layer, bottoms[0], mode, shape[1])]
    kernel = _pair(layer, param, 'kernel_size', None, repeated=False)
    pad = _pair(layer, param, 'pad', 0, repeated=False)
    stride = _pair(layer, param, 'stride', 1, repeated=False)
    if pad == (0, 0) and kernel == tuple(shape[2:]):
        # One window over the whole image (GoogLeNet's and ResNet's last
        # pooling): the same as global pooling.
        return [_global_pooling(ctx, layer, bottoms[0], mode, shape[1])]
    rounding = 'floor' if param.round_mode == \
        caffe_pb2.PoolingParameter.FLOOR else 'ceil'
    name = ctx.name(layer.name)
    sizes = [caffe_pool_length(n, k, s, p, rounding)
             for n, k, s, p in zip(shape[2:], kernel, stride, pad)]
    valid = [(n - k) // s + 1 if n >= k else 0
             for n, k, s in zip(shape[2:], kernel, stride)]
    if pad == (0, 0) and sizes == valid:
        pooling = MaxPooling2D if mode == 'max' else AveragePooling2D
        return [pooling(kernel, strides=stride, padding='valid',
                        data_format=ctx.data_format, name=name)(bottoms[0])]
    return [CaffePooling2D(kernel, strides=stride, padding=pad,
                           pool_mode=mode, round_mode=rounding,
                           data_format=ctx.data_format,
                           name=name)(bottoms[0])]


@builder('InnerProduct')
def build_inner_product(ctx, layer, bottoms):
    """Dense on the axes from `axis` on (flattened). After a Flatten of
    channels_last images, the kernel rows are reordered so that the model
    computes Caffe's product."""
    expect_bottoms(layer, bottoms, 1)
    expect_tops(layer, 1)
    param = layer.inner_product_param
    x = bottoms[0]
    shape = ctx.caffe_shape(x)
    axis = ctx.caffe_axis(layer, param.axis, len(shape))
    if axis == 0 or any(d is None for d in shape[axis:]):
        raise ValueError('Layer "%s" (InnerProduct): axis %d of a blob of '
                         'shape %s.' % (layer.name, axis, shape))
    inputs = int(np.prod(shape[axis:]))
    image_shape = None
    if ctx.is_image(x) and axis == 1 and ctx.data_format == 'channels_last':
        x = Flatten(name=ctx.name(layer.name, '_flatten'))(x)
        image_shape = shape[1:]
    elif ctx.is_image(x) or axis != len(shape) - 1:
        x = reshape_caffe(ctx, x, shape[1:axis] + (inputs,), layer.name)
    dense = Dense(param.num_output, use_bias=param.bias_term,
                  name=ctx.name(layer.name))
    ctx.set_weight_rule(layer.name, dense, _bias_rule(
        param, (param.num_output, inputs),
        lambda w: dense_kernel(w, image_shape)))
    return [dense(x)]


@builder('LRN')
def build_lrn(ctx, layer, bottoms):
    """LRN2D; Caffe's alpha is that of the mean over the window."""
    expect_bottoms(layer, bottoms, 1)
    expect_tops(layer, 1)
    expect_image(ctx, layer, bottoms[0])
    param = layer.lrn_param
    n = param.local_size
    if param.norm_region == caffe_pb2.LRNParameter.ACROSS_CHANNELS:
        lrn = LRN2D(alpha=param.alpha / n, k=param.k, beta=param.beta, n=n,
                    data_format=ctx.data_format, name=ctx.name(layer.name))
    else:
        lrn = LRN2D(alpha=param.alpha / (n * n), k=1., beta=param.beta, n=n,
                    data_format=ctx.data_format,
                    norm_region='within_channel', name=ctx.name(layer.name))
    return [lrn(bottoms[0])]
