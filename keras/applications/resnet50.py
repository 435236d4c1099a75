"""ResNet50 model for Keras, with the layer names of the original Keras
release (`res2a_branch2a`, `bn2a_branch2a`, ..., `fc1000`).

# Reference
- [Deep Residual Learning for Image Recognition](
    https://arxiv.org/abs/1512.03385) (CVPR 2016)
"""
from __future__ import absolute_import

from .. import layers
from . import _common
from ._resnet import DEPTHS, STAGE_FILTERS, bottleneck_v1, stem
from .imagenet_utils import decode_predictions  # noqa: F401
from .imagenet_utils import preprocess_input  # noqa: F401

WEIGHTS_PATH = ('https://github.com/fchollet/deep-learning-models/'
                'releases/download/v0.2/')
_HASHES = ('a7b3fe01876f51b976af0dea6bc144eb',
           'a268eb855778b3df3c7506639542a6af')
_ROLES = {'0_conv': 'res%s_branch1', '0_bn': 'bn%s_branch1',
          '1_conv': 'res%s_branch2a', '1_bn': 'bn%s_branch2a',
          '2_conv': 'res%s_branch2b', '2_bn': 'bn%s_branch2b',
          '3_conv': 'res%s_branch2c', '3_bn': 'bn%s_branch2c'}


def _namer(stage, block):
    """Layer names of block `block` ('a', 'b', ...) of stage `stage`."""
    def name_of(role):
        pattern = _ROLES.get(role)
        return pattern % ('%d%s' % (stage, block)) if pattern else None
    return name_of


def _weights_file(include_top):
    stem_name = 'resnet50_weights_tf_dim_ordering_tf_kernels'
    return _common.github_release(WEIGHTS_PATH, include_top,
                                  stem_name + '.h5', stem_name + '_notop.h5',
                                  *_HASHES)


def ResNet50(include_top=True, weights='imagenet', input_tensor=None,
             input_shape=None, pooling=None, classes=1000, **kwargs):
    """Instantiates the ResNet50 architecture.

    # Arguments
        include_top: whether to include the fully-connected
            layer at the top of the network.
        weights: one of `None` (random initialization),
            'imagenet' (pre-training on ImageNet),
            or the path to the weights file to be loaded.
        input_tensor: optional Keras tensor (i.e. output of `layers.Input()`)
            to use as image input for the model.
        input_shape: optional shape tuple, only to be specified
            if `include_top` is False (otherwise the input shape
            has to be `(224, 224, 3)` (channels_last) or
            `(3, 224, 224)` (channels_first)). It should have exactly
            3 input channels, and width and height should be no smaller
            than 32.
        pooling: optional pooling mode for feature extraction
            when `include_top` is `False`: `None` (4D output of the
            last convolutional block), 'avg' or 'max' (global pooling, 2D).
        classes: optional number of classes to classify images
            into, only to be specified if `include_top` is True, and
            if no `weights` argument is specified.

    # Returns
        A Keras model instance.

    # Raises
        ValueError: in case of invalid argument for `weights`,
            or invalid input shape.
    """
    _common.check_kwargs(kwargs, 'ResNet50')
    _common.check_weights(weights, include_top, classes, pooling)
    img_input = _common.make_input(input_shape, input_tensor, 224, 32,
                                   include_top, weights)
    x = stem(img_input, 'conv1', 'bn_conv1', None, epsilon=1e-3,
             kernel_initializer='he_normal')
    for stage, (filters, blocks) in enumerate(zip(STAGE_FILTERS,
                                                  DEPTHS[50])):
        for i in range(blocks):
            x = bottleneck_v1(x, filters, _namer(stage + 2, 'abcdef'[i]),
                              stride=2 if (i == 0 and stage > 0) else 1,
                              conv_shortcut=(i == 0), epsilon=1e-3,
                              shortcut_first=False,
                              kernel_initializer='he_normal')
    if include_top:
        x = layers.GlobalAveragePooling2D(name='avg_pool')(x)
        x = layers.Dense(classes, activation='softmax', name='fc1000')(x)
    else:
        x = _common.pool_features(x, pooling)
    model = _common.finish(img_input, input_tensor, x, 'resnet50')
    return _common.load_weights(model, weights, include_top, _weights_file)
