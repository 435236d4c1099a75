"""Residual network building blocks shared by resnet50 (the original Keras
layer names), resnet (ResNet v1) and resnet_v2.

# Reference
- [Deep Residual Learning for Image Recognition](
    https://arxiv.org/abs/1512.03385) (CVPR 2016)
- [Identity Mappings in Deep Residual Networks](
    https://arxiv.org/abs/1603.05027) (ECCV 2016)
"""
from __future__ import absolute_import

from .. import layers
from . import _common

BASE_WEIGHTS_PATH = ('https://github.com/keras-team/keras-applications/'
                     'releases/download/resnet/')
# md5 of (with top, without top) weight files.
WEIGHTS_HASHES = {
    'resnet50': ('2cb95161c43110f7111970584f804107',
                 '4d473c1dd8becc155b73f8504c6f6626'),
    'resnet101': ('f1aeb4b969a6efcfb50fad2f0c20cfc5',
                  '88cf7a10940856eca736dc7b7e228a21'),
    'resnet152': ('100835be76be38e30d865e96f2aaae62',
                  'ee4c566cf9a93f14d82f913c2dc6dd0c'),
    'resnet50v2': ('3ef43a0b657b3be2300d5770ece849e0',
                   'fac2f116257151a9d068a22e544a4917'),
    'resnet101v2': ('6343647c601c52e1368623803854d971',
                    'c0ed64b8031c3730f411d2eb4eea35b5'),
    'resnet152v2': ('a49b44d1979771252814e80f8ec446f9',
                    'ed17cf2e0169df9d443503ef94b23b33'),
}
EPSILON = 1.001e-5
# Blocks per stage (conv2..conv5) of each depth.
DEPTHS = {50: (3, 4, 6, 3), 101: (3, 4, 23, 3), 152: (3, 8, 36, 3)}
STAGE_FILTERS = (64, 128, 256, 512)


def _bn(name, epsilon):
    return layers.BatchNormalization(axis=_common.channel_axis(),
                                     epsilon=epsilon, name=name)


def bottleneck_v1(x, filters, name_of, stride=1, conv_shortcut=True,
                  kernel_size=3, epsilon=EPSILON, shortcut_first=True,
                  kernel_initializer='glorot_uniform'):
    """Post-activation bottleneck block (1x1, kxk, 1x1 convs + shortcut).

    # Arguments
        filters: filters of the first two convs; the last has 4x.
        name_of: function mapping a role ('0_conv', '1_bn', 'add', 'out'...)
            to the layer name (or None).
        shortcut_first: whether the projection shortcut is created before
            the main path (resnet) or after it (resnet50).
    """
    def conv(filters_, kernel, role, **kwargs):
        return layers.Conv2D(filters_, kernel, name=name_of(role),
                             kernel_initializer=kernel_initializer,
                             **kwargs)

    def shortcut():
        if not conv_shortcut:
            return x
        s = conv(4 * filters, 1, '0_conv', strides=stride)(x)
        return _bn(name_of('0_bn'), epsilon)(s)

    if shortcut_first:
        short = shortcut()
    y = conv(filters, 1, '1_conv', strides=stride)(x)
    y = _bn(name_of('1_bn'), epsilon)(y)
    y = layers.Activation('relu', name=name_of('1_relu'))(y)
    y = conv(filters, kernel_size, '2_conv', padding='same')(y)
    y = _bn(name_of('2_bn'), epsilon)(y)
    y = layers.Activation('relu', name=name_of('2_relu'))(y)
    y = conv(4 * filters, 1, '3_conv')(y)
    y = _bn(name_of('3_bn'), epsilon)(y)
    if not shortcut_first:
        short = shortcut()
    y = layers.Add(name=name_of('add'))([y, short])
    return layers.Activation('relu', name=name_of('out'))(y)


def bottleneck_v2(x, filters, name, stride=1, conv_shortcut=False,
                  kernel_size=3):
    """Pre-activation bottleneck block of ResNet v2."""
    preact = _bn(name + '_preact_bn', EPSILON)(x)
    preact = layers.Activation('relu', name=name + '_preact_relu')(preact)
    if conv_shortcut:
        short = layers.Conv2D(4 * filters, 1, strides=stride,
                              name=name + '_0_conv')(preact)
    elif stride > 1:
        short = layers.MaxPooling2D(1, strides=stride)(x)
    else:
        short = x
    y = layers.Conv2D(filters, 1, strides=1, use_bias=False,
                      name=name + '_1_conv')(preact)
    y = _bn(name + '_1_bn', EPSILON)(y)
    y = layers.Activation('relu', name=name + '_1_relu')(y)
    y = layers.ZeroPadding2D(padding=((1, 1), (1, 1)), name=name + '_2_pad')(y)
    y = layers.Conv2D(filters, kernel_size, strides=stride, use_bias=False,
                      name=name + '_2_conv')(y)
    y = _bn(name + '_2_bn', EPSILON)(y)
    y = layers.Activation('relu', name=name + '_2_relu')(y)
    y = layers.Conv2D(4 * filters, 1, name=name + '_3_conv')(y)
    return layers.Add(name=name + '_out')([short, y])


def _stack_v1(x, filters, blocks, stride1, name):
    def name_of(block):
        return lambda role: '%s_block%d_%s' % (name, block, role)
    x = bottleneck_v1(x, filters, name_of(1), stride=stride1)
    for i in range(2, blocks + 1):
        x = bottleneck_v1(x, filters, name_of(i), conv_shortcut=False)
    return x


def _stack_v2(x, filters, blocks, stride1, name):
    x = bottleneck_v2(x, filters, name + '_block1', conv_shortcut=True)
    for i in range(2, blocks):
        x = bottleneck_v2(x, filters, name + '_block' + str(i))
    return bottleneck_v2(x, filters, name + '_block' + str(blocks),
                         stride=stride1)


def stem(x, conv_name, bn_name, relu_name, pool_name=None, use_bias=True,
         preact=False, epsilon=EPSILON, kernel_initializer='glorot_uniform'):
    """7x7/2 convolution (+ BN + ReLU unless pre-activation) and 3x3/2 max
    pooling, with the explicit zero paddings of the Keras models."""
    x = layers.ZeroPadding2D(padding=((3, 3), (3, 3)), name='conv1_pad')(x)
    x = layers.Conv2D(64, 7, strides=2, use_bias=use_bias, name=conv_name,
                      kernel_initializer=kernel_initializer)(x)
    if not preact:
        x = _bn(bn_name, epsilon)(x)
        x = layers.Activation('relu', name=relu_name)(x)
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)), name='pool1_pad')(x)
    return layers.MaxPooling2D(3, strides=2, name=pool_name)(x)


def build_resnet(depth, preact, model_name, include_top, weights,
                 input_tensor, input_shape, pooling, classes, kwargs):
    """Builds ResNet v1 (`preact=False`) or v2 (`preact=True`)."""
    _common.check_kwargs(kwargs, model_name)
    _common.check_weights(weights, include_top, classes, pooling)
    img_input = _common.make_input(input_shape, input_tensor, 224, 32,
                                   include_top, weights)
    x = stem(img_input, 'conv1_conv', 'conv1_bn', 'conv1_relu',
             pool_name='pool1_pool', preact=preact)
    stack = _stack_v2 if preact else _stack_v1
    for stage, (filters, blocks) in enumerate(zip(STAGE_FILTERS,
                                                  DEPTHS[depth])):
        if preact:
            stride1 = 1 if stage == 3 else 2
        else:
            stride1 = 1 if stage == 0 else 2
        x = stack(x, filters, blocks, stride1, 'conv%d' % (stage + 2))
    if preact:
        x = _bn('post_bn', EPSILON)(x)
        x = layers.Activation('relu', name='post_relu')(x)
    x = _common.gap_head(x, include_top, pooling, classes, dense_name='probs')
    model = _common.finish(img_input, input_tensor, x, model_name)
    stem_name = model_name + '_weights_tf_dim_ordering_tf_kernels'
    return _common.load_weights(
        model, weights, include_top,
        lambda top: _common.github_release(
            BASE_WEIGHTS_PATH, top, stem_name + '.h5',
            stem_name + '_notop.h5', *WEIGHTS_HASHES[model_name]))

