"""Built-in regularizers: penalties on weights (or activities) added to
the loss that the model minimizes."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import six

from . import backend as K
from .utils.generic_utils import serialize_keras_object
from .utils.generic_utils import deserialize_keras_object


class Regularizer(object):
    """Regularizer base class: a callable mapping a tensor to a scalar
    penalty."""

    def __call__(self, x):
        return 0.

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class L1L2(Regularizer):
    """Regularizer for L1 and L2 regularization.

    The penalty is `l1 * sum(abs(x)) + l2 * sum(square(x))`.

    # Arguments
        l1: Float; L1 regularization factor.
        l2: Float; L2 regularization factor.
    """

    def __init__(self, l1=0., l2=0.):
        self.l1 = K.cast_to_floatx(l1)
        self.l2 = K.cast_to_floatx(l2)

    def __call__(self, x):
        regularization = 0.
        if self.l1:
            regularization += self.l1 * K.sum(K.abs(x))
        if self.l2:
            regularization += self.l2 * K.sum(K.square(x))
        return regularization

    def get_config(self):
        return {'l1': float(self.l1), 'l2': float(self.l2)}


class AlphaRegularizer(Regularizer):
    """Doubly stochastic regularization of attention weights
    (Xu et al., 2015, "Show, Attend and Tell").

    For attention weights `x` of shape `(timesteps, batch, annotations)`
    the penalty is
    `alpha_factor * mean_j(sum_b((1 - sum_t(x[t, b, j])) ** 2))`:
    it pushes every annotation to receive a total attention of one over
    the decoding timesteps.

    # Arguments
        alpha_factor: Float; alpha regularization factor.
    """

    def __init__(self, alpha_factor=0.):
        self.alpha_factor = K.cast_to_floatx(alpha_factor)

    def __call__(self, x):
        if not self.alpha_factor:
            return 0.
        coverage = K.sum(x, axis=0)
        return self.alpha_factor * K.mean(
            K.sum(K.square(1. - coverage), axis=0), axis=0)

    def get_config(self):
        return {'alpha_factor': float(self.alpha_factor)}


# Aliases.

def l1(l=0.01):
    """L1 regularizer with factor `l`."""
    return L1L2(l1=l)


def l2(l=0.01):
    """L2 regularizer with factor `l`."""
    return L1L2(l2=l)


def l1_l2(l1=0.01, l2=0.01):
    """Combined L1 and L2 regularizer."""
    return L1L2(l1=l1, l2=l2)


def serialize(regularizer):
    """Returns the `{'class_name', 'config'}` dict of a regularizer."""
    return serialize_keras_object(regularizer)


def deserialize(config, custom_objects=None):
    """Returns the regularizer of a `{'class_name', 'config'}` dict.

    # Arguments
        config: the dict (`serialize`'s output).
        custom_objects: dict of user-defined classes or functions, by name.

    # Raises
        ValueError: unknown class name.
    """
    return deserialize_keras_object(config,
                                    module_objects=globals(),
                                    custom_objects=custom_objects,
                                    printable_module_name='regularizer')


def get(identifier):
    """Gets a regularizer from None, a config dict, a name or a callable.

    # Raises
        ValueError: if `identifier` cannot be interpreted.
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, six.string_types):
        return deserialize({'class_name': str(identifier), 'config': {}})
    if callable(identifier):
        return identifier
    raise ValueError('Could not interpret regularizer identifier: %r'
                     % (identifier,))
