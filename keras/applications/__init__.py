"""Reference models with optional ImageNet weights (keras.applications)."""
from __future__ import absolute_import

import functools

from .. import backend
from .. import layers
from .. import models
from .. import utils


def keras_modules_injection(base_fun):
    """Decorator passing Keras' own modules to a keras-applications builder.

    The wrapped function receives `backend`, `layers`, `models` and `utils`
    keyword arguments (this package's modules), as keras-applications
    builders expect.

    # Arguments
        base_fun: the function to wrap.

    # Returns
        The wrapped function.
    """
    @functools.wraps(base_fun)
    def wrapper(*args, **kwargs):
        kwargs['backend'] = backend
        kwargs['layers'] = layers
        kwargs['models'] = models
        kwargs['utils'] = utils
        return base_fun(*args, **kwargs)
    return wrapper


from .vgg16 import VGG16  # noqa: E402
from .vgg19 import VGG19  # noqa: E402
from .resnet50 import ResNet50  # noqa: E402,F401
from .resnet import ResNet101, ResNet152  # noqa: E402
from .resnet_v2 import ResNet50V2, ResNet101V2, ResNet152V2  # noqa: E402
from .inception_v3 import InceptionV3  # noqa: E402
from .inception_resnet_v2 import InceptionResNetV2  # noqa: E402
from .xception import Xception  # noqa: E402
from .mobilenet import MobileNet  # noqa: E402
from .mobilenet_v2 import MobileNetV2  # noqa: E402
from .densenet import DenseNet121, DenseNet169, DenseNet201  # noqa: E402
from .nasnet import NASNetMobile, NASNetLarge  # noqa: E402
