"""ResNet v1 models (ResNet50, ResNet101, ResNet152) for Keras.

# Reference
- [Deep Residual Learning for Image Recognition](
    https://arxiv.org/abs/1512.03385) (CVPR 2016)
"""
from __future__ import absolute_import

from ._resnet import build_resnet
from .imagenet_utils import decode_predictions  # noqa: F401
from .imagenet_utils import preprocessor

preprocess_input = preprocessor('caffe')


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
    return build_resnet(50, False, 'resnet50', include_top, weights,
                        input_tensor, input_shape, pooling, classes, kwargs)


def ResNet101(include_top=True, weights='imagenet', input_tensor=None,
             input_shape=None, pooling=None, classes=1000, **kwargs):
    """Instantiates the ResNet101 architecture.

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
    return build_resnet(101, False, 'resnet101', include_top, weights,
                        input_tensor, input_shape, pooling, classes, kwargs)


def ResNet152(include_top=True, weights='imagenet', input_tensor=None,
             input_shape=None, pooling=None, classes=1000, **kwargs):
    """Instantiates the ResNet152 architecture.

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
    return build_resnet(152, False, 'resnet152', include_top, weights,
                        input_tensor, input_shape, pooling, classes, kwargs)
