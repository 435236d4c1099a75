"""ResNet v2 models (ResNet50V2, ResNet101V2, ResNet152V2) for Keras.

# Reference
- [Identity Mappings in Deep Residual Networks](
    https://arxiv.org/abs/1603.05027) (ECCV 2016)
"""
from __future__ import absolute_import

from ._resnet import build_resnet
from .imagenet_utils import decode_predictions  # noqa: F401
from .imagenet_utils import preprocessor

preprocess_input = preprocessor('tf')


def ResNet50V2(include_top=True, weights='imagenet', input_tensor=None,
               input_shape=None, pooling=None, classes=1000, **kwargs):
    """Instantiates the ResNet50V2 architecture.

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
    return build_resnet(50, True, 'resnet50v2', include_top, weights,
                        input_tensor, input_shape, pooling, classes, kwargs)


def ResNet101V2(include_top=True, weights='imagenet', input_tensor=None,
               input_shape=None, pooling=None, classes=1000, **kwargs):
    """Instantiates the ResNet101V2 architecture.

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
    return build_resnet(101, True, 'resnet101v2', include_top, weights,
                        input_tensor, input_shape, pooling, classes, kwargs)


def ResNet152V2(include_top=True, weights='imagenet', input_tensor=None,
               input_shape=None, pooling=None, classes=1000, **kwargs):
    """Instantiates the ResNet152V2 architecture.

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
    return build_resnet(152, True, 'resnet152v2', include_top, weights,
                        input_tensor, input_shape, pooling, classes, kwargs)
