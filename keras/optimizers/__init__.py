"""Built-in optimizer classes.

Every optimizer keeps its hyper-parameters (learning rate, momentum, ...)
in backend variables, so they can be changed during training with
`K.set_value(model.optimizer.lr, 0.01)`, and its state (iteration count,
moments, accumulators) in `optimizer.weights`, which are saved with the
model. Each trainable weight may carry a float `_learning_rate_multiplier`
(set by the layer): its step is scaled by that factor.
"""
from .. import backend as K
from ..legacy import interfaces
from ..utils.generic_utils import serialize_keras_object
from ..utils.generic_utils import deserialize_keras_object
from .optimizer import Optimizer
from .optimizer import clip_norm
from .builtin import SGD, RMSprop, Adagrad, Adadelta, Adam, Adamax, Nadam
from .tf_optimizer import TFOptimizer
from .fork import (AdamAccumulate, SGDHD, QHSGD, QHSGDHD, AdamHD, PAS, PAS2,
                   PPAS)

# Aliases.

sgd, rmsprop, adagrad, adadelta = SGD, RMSprop, Adagrad, Adadelta
adam, adamax, nadam = Adam, Adamax, Nadam
adamaccumulate, adamhd = AdamAccumulate, AdamHD
sgdhd, qhsgd, qhsgdhd = SGDHD, QHSGD, QHSGDHD

_BUILTIN = {'sgd': SGD, 'rmsprop': RMSprop, 'adagrad': Adagrad,
            'adadelta': Adadelta, 'adam': Adam, 'adamax': Adamax,
            'nadam': Nadam, 'tfoptimizer': TFOptimizer,
            'adamaccumulate': AdamAccumulate, 'sgdhd': SGDHD,
            'qhsgd': QHSGD, 'qhsgdhd': QHSGDHD, 'adamhd': AdamHD,
            'pas': PAS, 'pas2': PAS2, 'ppas': PPAS}


def serialize(optimizer):
    """Returns the `{'class_name', 'config'}` dict of an optimizer."""
    return serialize_keras_object(optimizer)


def deserialize(config, custom_objects=None):
    """Inverse of the `serialize` function.

    # Arguments
        config: Optimizer configuration dictionary.
        custom_objects: Optional dictionary mapping names (strings) to
            custom objects (classes and functions).

    # Returns
        A Keras Optimizer instance.
    """
    config = dict(config)
    # Case-insensitive for the built-in optimizers.
    if config['class_name'].lower() in _BUILTIN:
        config['class_name'] = config['class_name'].lower()
    # Configs written by Keras <= 2.2 say `lr`: a file is not a call to
    # update, so its old spelling does not warn.
    with interfaces.legacy_alias_scope():
        return deserialize_keras_object(config,
                                        module_objects=_BUILTIN,
                                        custom_objects=custom_objects,
                                        printable_module_name='optimizer')


def get(identifier):
    """Retrieves a Keras Optimizer instance.

    # Arguments
        identifier: Optimizer identifier, one of
            - String: name of an optimizer
            - Dictionary: configuration dictionary.
            - Keras Optimizer instance (it will be returned unchanged).
            - TensorFlow Optimizer instance
                (it will be wrapped as a Keras Optimizer).

    # Returns
        A Keras Optimizer instance.

    # Raises
        ValueError: If `identifier` cannot be interpreted.
    """
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        return deserialize({'class_name': str(identifier), 'config': {}})
    if (K.backend() == 'tensorflow' and
            hasattr(identifier, 'compute_gradients') and
            hasattr(identifier, 'apply_gradients')):
        return TFOptimizer(identifier)
    raise ValueError('Could not interpret optimizer identifier: %r'
                     % (identifier,))
