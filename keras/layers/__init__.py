"""All Keras layers, and `serialize`/`deserialize` for layer configs."""
from ..utils.generic_utils import deserialize_keras_object
from ..engine.base_layer import Layer, InputSpec  # noqa: F401
from ..engine.input_layer import Input, InputLayer  # noqa: F401
from .merge import *  # noqa: F401,F403
from .core import *  # noqa: F401,F403
from .convolutional import *  # noqa: F401,F403
from .pooling import *  # noqa: F401,F403
from .local import *  # noqa: F401,F403
from .recurrent import *  # noqa: F401,F403
from .cudnn_recurrent import *  # noqa: F401,F403
from .normalization import *  # noqa: F401,F403
from .embeddings import *  # noqa: F401,F403
from .noise import *  # noqa: F401,F403
from .advanced_activations import *  # noqa: F401,F403
from .wrappers import *  # noqa: F401,F403
from .convolutional_recurrent import *  # noqa: F401,F403
from .recurrent_advanced import *  # noqa: F401,F403
from .googlenet_custom_layers import *  # noqa: F401,F403
from .loss_layers import *  # noqa: F401,F403
from .uncertainty_layers import *  # noqa: F401,F403
from .extra import *  # noqa: F401,F403
from .attention import *  # noqa: F401,F403
from .layer_normalization import *  # noqa: F401,F403
from .resizing import *  # noqa: F401,F403
from ..legacy.layers import *  # noqa: F401,F403
from ..legacy.keras0_layers import *  # noqa: F401,F403


def serialize(layer):
    """Serializes a layer to a `{'class_name': ..., 'config': ...}` dict."""
    return {'class_name': layer.__class__.__name__,
            'config': layer.get_config()}


def deserialize(config, custom_objects=None):
    """Instantiates a layer from a config dictionary.

    # Arguments
        config: dict of the form {'class_name': str, 'config': dict}
        custom_objects: dict mapping class names (or function names)
            of custom (non-Keras) objects to class/functions

    # Returns
        Layer instance (may be Model, Sequential, Layer...)
    """
    from .. import models
    module_objects = dict(globals())
    module_objects['Model'] = models.Model
    module_objects['Sequential'] = models.Sequential
    module_objects['Graph'] = models.Graph
    return deserialize_keras_object(config,
                                    module_objects=module_objects,
                                    custom_objects=custom_objects,
                                    printable_module_name='layer')
