"""NASNet-A models (NASNetLarge, NASNetMobile) for Keras.

# Reference
- [Learning Transferable Architectures for Scalable Image Recognition](
    https://arxiv.org/abs/1707.07012) (CVPR 2018)
"""
from __future__ import absolute_import

from .. import layers
from . import _common
from ._nasnet_cells import normal_a_cell, reduction_a_cell
from .imagenet_utils import decode_predictions  # noqa: F401
from .imagenet_utils import preprocessor

BASE_WEIGHTS_PATH = ('https://github.com/titu1994/Keras-NASNet/'
                     'releases/download/v1.2/')
NASNET_MOBILE_WEIGHT_PATH = BASE_WEIGHTS_PATH + 'NASNet-mobile.h5'
NASNET_MOBILE_WEIGHT_PATH_NO_TOP = BASE_WEIGHTS_PATH + 'NASNet-mobile-no-top.h5'
NASNET_LARGE_WEIGHT_PATH = BASE_WEIGHTS_PATH + 'NASNet-large.h5'
NASNET_LARGE_WEIGHT_PATH_NO_TOP = BASE_WEIGHTS_PATH + 'NASNet-large-no-top.h5'
# default size -> {include_top: (fname, origin, md5)}
_FILES = {
    224: {True: ('nasnet_mobile.h5', NASNET_MOBILE_WEIGHT_PATH,
                 '020fb642bf7360b370c678b08e0adf61'),
          False: ('nasnet_mobile_no_top.h5', NASNET_MOBILE_WEIGHT_PATH_NO_TOP,
                  '1ed92395b5b598bdda52abe5c0dbfd63')},
    331: {True: ('nasnet_large.h5', NASNET_LARGE_WEIGHT_PATH,
                 '11577c9a518f0070763c2b964a382f17'),
          False: ('nasnet_large_no_top.h5', NASNET_LARGE_WEIGHT_PATH_NO_TOP,
                  'd81d89dc07e6e56530c4e77faddd61b5')},
}

preprocess_input = preprocessor('tf')


def NASNet(input_shape=None, penultimate_filters=4032, num_blocks=6,
           stem_block_filters=96, skip_reduction=True, filter_multiplier=2,
           include_top=True, weights='imagenet', input_tensor=None,
           pooling=None, classes=1000, default_size=None, **kwargs):
    """Instantiates a NASNet-A model (`NASNet-A (N @ P)`: N = num_blocks,
    P = penultimate_filters).

    # Arguments
        penultimate_filters: filters of the penultimate layer; must be a
            multiple of `24 * filter_multiplier ** 2`.
        num_blocks: number of repeated normal cells per stage.
        stem_block_filters: filters of the initial stem block.
        skip_reduction: whether the reduction cells' outputs skip the
            following cell (the previous-cell input is not updated).
        filter_multiplier: filter growth at each reduction.
        default_size: default (and, with ImageNet weights, required) input
            size: 224 (mobile) or 331 (large) for ImageNet weights.
        Other arguments as in `NASNetLarge`.

    # Raises
        ValueError: in case of invalid argument for `weights`,
            invalid input shape or an invalid `penultimate_filters`.
    """
    _common.check_kwargs(kwargs, 'NASNet')
    _common.check_weights(weights, include_top, classes, pooling)
    if (input_shape is not None and None in tuple(input_shape) and
            weights == 'imagenet'):
        raise ValueError('When specifying the input shape of a NASNet and '
                         'loading `ImageNet` weights, the input_shape '
                         'argument must be static (no None entries). '
                         'Got: `input_shape=' + str(input_shape) + '`.')
    if default_size is None:
        default_size = 331
    if weights == 'imagenet' and default_size not in _FILES:
        raise ValueError('NASNet: ImageNet weights exist only for '
                         'default_size 224 or 331; got %s.' % default_size)
    if penultimate_filters % (24 * (filter_multiplier ** 2)) != 0:
        raise ValueError(
            'For NASNet-A models, the `penultimate_filters` must be a multiple '
            'of 24 * (`filter_multiplier` ** 2). Current value: %d' %
            penultimate_filters)
    img_input = _common.make_input(input_shape, input_tensor, default_size,
                                   32, include_top, weights,
                                   require_flatten=True)
    filters = penultimate_filters // 24
    x = layers.Conv2D(stem_block_filters, (3, 3), strides=(2, 2),
                      padding='valid', use_bias=False, name='stem_conv1',
                      kernel_initializer='he_normal')(img_input)
    x = layers.BatchNormalization(axis=_common.channel_axis(),
                                  momentum=0.9997, epsilon=1e-3,
                                  name='stem_bn1')(x)
    p = None
    x, p = reduction_a_cell(x, p, filters // (filter_multiplier ** 2),
                            block_id='stem_1')
    x, p = reduction_a_cell(x, p, filters // filter_multiplier,
                            block_id='stem_2')
    for stage in range(3):
        if stage:
            x, p0 = reduction_a_cell(
                x, p, filters * filter_multiplier ** stage,
                block_id='reduce_%d' % (stage * num_blocks))
            p = p if skip_reduction else p0
        for i in range(num_blocks):
            block = i if stage == 0 else stage * num_blocks + i + 1
            x, p = normal_a_cell(x, p, filters * filter_multiplier ** stage,
                                 block_id='%d' % block)
    x = layers.Activation('relu')(x)
    if include_top:
        x = layers.GlobalAveragePooling2D()(x)
        x = layers.Dense(classes, activation='softmax', name='predictions')(x)
    else:
        x = _common.pool_features(x, pooling)
    model = _common.finish(img_input, input_tensor, x, 'NASNet')
    return _common.load_weights(model, weights, include_top,
                                lambda top: _FILES[default_size][top])


def _variant_doc(name, size):
    return """Instantiates a %s model in ImageNet mode.

    # Arguments
        input_shape: optional shape tuple, only to be specified
            if `include_top` is False (otherwise the input shape
            has to be `(%d, %d, 3)`). It should have
            exactly 3 input channels, and width and height should be no
            smaller than 32. With ImageNet weights it must be
            `(%d, %d, 3)` even without the top.
        include_top: whether to include the fully-connected
            layer at the top of the network.
        weights: `None` (random initialization), 'imagenet'
            (ImageNet weights) or the path to a weights file.
        input_tensor: optional Keras tensor (i.e. output of
            `layers.Input()`) to use as image input for the model.
        pooling: optional pooling mode for feature extraction
            when `include_top` is `False`: `None`, 'avg' or 'max'.
        classes: optional number of classes to classify images
            into, only to be specified if `include_top` is True, and
            if no `weights` argument is specified.

    # Returns
        A Keras model instance.

    # Raises
        ValueError: in case of invalid argument for `weights`,
            or invalid input shape.
    """ % (name, size, size, size, size)


def NASNetLarge(input_shape=None, include_top=True, weights='imagenet',
                input_tensor=None, pooling=None, classes=1000, **kwargs):
    return NASNet(input_shape, penultimate_filters=4032, num_blocks=6,
                  stem_block_filters=96, skip_reduction=True,
                  filter_multiplier=2, include_top=include_top,
                  weights=weights, input_tensor=input_tensor,
                  pooling=pooling, classes=classes, default_size=331,
                  **kwargs)


def NASNetMobile(input_shape=None, include_top=True, weights='imagenet',
                 input_tensor=None, pooling=None, classes=1000, **kwargs):
    return NASNet(input_shape, penultimate_filters=1056, num_blocks=4,
                  stem_block_filters=32, skip_reduction=False,
                  filter_multiplier=2, include_top=include_top,
                  weights=weights, input_tensor=input_tensor,
                  pooling=pooling, classes=classes, default_size=224,
                  **kwargs)


NASNetLarge.__doc__ = _variant_doc('NASNetLarge', 331)
NASNetMobile.__doc__ = _variant_doc('NASNetMobile', 224)
