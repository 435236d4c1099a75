"""Cells of NASNet-A: separable conv blocks, the adjustment of the previous
cell's output, and the normal and reduction cells.

# Reference
- [Learning Transferable Architectures for Scalable Image Recognition](
    https://arxiv.org/abs/1707.07012) (CVPR 2018)
"""
from __future__ import absolute_import

from .. import backend as K
from .. import layers
from . import _common


def _bn(name=None):
    return layers.BatchNormalization(axis=_common.channel_axis(),
                                     momentum=0.9997, epsilon=1e-3, name=name)


def _conv1x1(x, filters, name, strides=(1, 1)):
    return layers.Conv2D(filters, (1, 1), strides=strides, padding='same',
                         use_bias=False, name=name,
                         kernel_initializer='he_normal')(x)


def _sep_conv(x, filters, name, kernel_size, strides=(1, 1),
              padding='same'):
    return layers.SeparableConv2D(filters, kernel_size, strides=strides,
                                  name=name, padding=padding, use_bias=False,
                                  kernel_initializer='he_normal')(x)


def separable_conv_block(ip, filters, kernel_size=(3, 3), strides=(1, 1),
                         block_id=None):
    """(ReLU, SeparableConv2D, BN) x 2; the first conv carries the stride."""
    x = layers.Activation('relu')(ip)
    padding = 'same'
    if strides == (2, 2):
        x = layers.ZeroPadding2D(
            padding=_common.correct_pad(x, kernel_size),
            name='separable_conv_1_pad_%s' % block_id)(x)
        padding = 'valid'
    x = _sep_conv(x, filters, 'separable_conv_1_%s' % block_id, kernel_size,
                  strides, padding)
    x = _bn('separable_conv_1_bn_%s' % block_id)(x)
    x = layers.Activation('relu')(x)
    x = _sep_conv(x, filters, 'separable_conv_2_%s' % block_id, kernel_size)
    return _bn('separable_conv_2_bn_%s' % block_id)(x)


def adjust_block(p, ip, filters, block_id=None):
    """Matches the previous cell's output `p` to `ip` (size, channels)."""
    axis = _common.channel_axis()
    img_dim = 2 if K.image_data_format() == 'channels_first' else -2
    if p is None:
        return ip
    p_shape, ip_shape = K.int_shape(p), K.int_shape(ip)
    if p_shape[img_dim] != ip_shape[img_dim]:
        p = layers.Activation('relu', name='adjust_relu_1_%s' % block_id)(p)
        p1 = layers.AveragePooling2D(
            (1, 1), strides=(2, 2), padding='valid',
            name='adjust_avg_pool_1_%s' % block_id)(p)
        p1 = _conv1x1(p1, filters // 2, 'adjust_conv_1_%s' % block_id)
        p2 = layers.ZeroPadding2D(padding=((0, 1), (0, 1)))(p)
        p2 = layers.Cropping2D(cropping=((1, 0), (1, 0)))(p2)
        p2 = layers.AveragePooling2D(
            (1, 1), strides=(2, 2), padding='valid',
            name='adjust_avg_pool_2_%s' % block_id)(p2)
        p2 = _conv1x1(p2, filters // 2, 'adjust_conv_2_%s' % block_id)
        p = layers.concatenate([p1, p2], axis=axis)
        return _bn('adjust_bn_%s' % block_id)(p)
    if p_shape[axis] != filters:
        p = layers.Activation('relu')(p)
        p = _conv1x1(p, filters, 'adjust_conv_projection_%s' % block_id)
        return _bn('adjust_bn_%s' % block_id)(p)
    return p


def _squeeze(ip, filters, kind, block_id):
    """ReLU + 1x1 conv + BN applied to the cell input."""
    h = layers.Activation('relu')(ip)
    h = _conv1x1(h, filters, '%s_conv_1_%s' % (kind, block_id))
    return _bn('%s_bn_1_%s' % (kind, block_id))(h)


def _avg3(x, name, strides=(1, 1), padding='same'):
    return layers.AveragePooling2D((3, 3), strides=strides, padding=padding,
                                   name=name)(x)


def normal_a_cell(ip, p, filters, block_id=None):
    """Normal cell of NASNet-A; returns (output, ip)."""
    p = adjust_block(p, ip, filters, block_id)
    h = _squeeze(ip, filters, 'normal', block_id)

    def sep(x, kernel, side):
        return separable_conv_block(x, filters, kernel, block_id='normal_%s_%s'
                                    % (side, block_id))

    def add(inputs, i):
        return layers.add(inputs, name='normal_add_%d_%s' % (i, block_id))

    x1 = add([sep(h, (5, 5), 'left1'), sep(p, (3, 3), 'right1')], 1)
    x2 = add([sep(p, (5, 5), 'left2'), sep(p, (3, 3), 'right2')], 2)
    x3 = add([_avg3(h, 'normal_left3_%s' % block_id), p], 3)
    x4 = add([_avg3(p, 'normal_left4_%s' % block_id),
              _avg3(p, 'normal_right4_%s' % block_id)], 4)
    x5 = add([sep(h, (3, 3), 'left5'), h], 5)
    x = layers.concatenate([p, x1, x2, x3, x4, x5],
                           axis=_common.channel_axis(),
                           name='normal_concat_%s' % block_id)
    return x, ip


def reduction_a_cell(ip, p, filters, block_id=None):
    """Reduction cell of NASNet-A (halves the size); returns (output, ip)."""
    p = adjust_block(p, ip, filters, block_id)
    h = _squeeze(ip, filters, 'reduction', block_id)
    h3 = layers.ZeroPadding2D(padding=_common.correct_pad(h, 3),
                              name='reduction_pad_1_%s' % block_id)(h)

    def sep(x, kernel, side, strides=(2, 2)):
        return separable_conv_block(x, filters, kernel, strides=strides,
                                    block_id='reduction_%s_%s'
                                    % (side, block_id))

    def pool(kind, side):
        cls = layers.MaxPooling2D if kind == 'max' \
            else layers.AveragePooling2D
        return cls((3, 3), strides=(2, 2), padding='valid',
                   name='reduction_%s_%s' % (side, block_id))(h3)

    x1 = layers.add([sep(h, (5, 5), 'left1'), sep(p, (7, 7), 'right1')],
                    name='reduction_add_1_%s' % block_id)
    x2 = layers.add([pool('max', 'left2'), sep(p, (7, 7), 'right2')],
                    name='reduction_add_2_%s' % block_id)
    x3 = layers.add([pool('avg', 'left3'), sep(p, (5, 5), 'right3')],
                    name='reduction_add3_%s' % block_id)
    x4 = layers.add([x2, _avg3(x1, 'reduction_left4_%s' % block_id)])
    x5 = layers.add([sep(x1, (3, 3), 'left4', strides=(1, 1)),
                     pool('max', 'right5')],
                    name='reduction_add4_%s' % block_id)
    x = layers.concatenate([x2, x3, x4, x5], axis=_common.channel_axis(),
                           name='reduction_concat_%s' % block_id)
    return x, ip
