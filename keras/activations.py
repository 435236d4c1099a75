"""Built-in activation functions.

Every activation takes a tensor and returns a tensor of the same shape.
They are looked up by name with `keras.activations.get('relu')`.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import warnings

import six

from . import backend as K
from .utils.generic_utils import deserialize_keras_object
from .utils.generic_utils import serialize_keras_object

# Constants of the scaled exponential linear unit (Klambauer et al., 2017).
_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def softmax(x, axis=-1):
    """Softmax activation function.

    # Arguments
        x: Input tensor, at least 2D.
        axis: Integer, axis along which the softmax normalization is applied.

    # Returns
        Tensor, output of softmax transformation (all values are
        non-negative and sum to 1 along `axis`).

    # Raises
        ValueError: In case `x` is a 1D tensor.
    """
    ndim = K.ndim(x)
    if ndim is not None and ndim < 2:
        raise ValueError('softmax: cannot apply softmax to a tensor that is '
                         '1D (expected ndim >= 2). Received input: %s' % (x,))
    if ndim == 2 and axis in (-1, 1):
        return K.softmax(x)
    e = K.exp(x - K.max(x, axis=axis, keepdims=True))
    return e / K.sum(e, axis=axis, keepdims=True)


def elu(x, alpha=1.0):
    """Exponential linear unit.

    # Arguments
        x: Input tensor.
        alpha: A scalar, slope of the negative section.

    # Returns
        `x` if `x > 0` and `alpha * (exp(x) - 1)` if `x < 0`.
    """
    return K.elu(x, alpha)


def selu(x):
    """Scaled Exponential Linear Unit (SELU).

    Equal to `scale * elu(x, alpha)` with the constants of Klambauer et al.
    (2017), chosen so that the mean and variance of the inputs are preserved
    between two consecutive layers when the weights are initialized with
    `lecun_normal`.

    # Arguments
        x: Input tensor.

    # Returns
        The scaled exponential unit activation.
    """
    return _SELU_SCALE * K.elu(x, _SELU_ALPHA)


def softplus(x):
    """Softplus activation function, `log(exp(x) + 1)`."""
    return K.softplus(x)


def softsign(x):
    """Softsign activation function, `x / (abs(x) + 1)`."""
    return K.softsign(x)


def relu(x, alpha=0., max_value=None, threshold=0.):
    """Rectified Linear Unit.

    With default values it returns element-wise `max(x, 0)`. Otherwise:
    `f(x) = max_value` for `x >= max_value`,
    `f(x) = x` for `threshold <= x < max_value`,
    `f(x) = alpha * (x - threshold)` otherwise.

    # Arguments
        x: Input tensor.
        alpha: float. Slope of the negative part.
        max_value: float or None. Saturation threshold.
        threshold: float. Threshold value for thresholded activation.

    # Returns
        A tensor.
    """
    return K.relu(x, alpha=alpha, max_value=max_value, threshold=threshold)


def tanh(x):
    """Hyperbolic tangent activation function."""
    return K.tanh(x)


def sigmoid(x):
    """Sigmoid activation function, `1 / (1 + exp(-x))`."""
    return K.sigmoid(x)


def hard_sigmoid(x):
    """Hard sigmoid: `0` if `x < -2.5`, `1` if `x > 2.5`,
    `0.2 * x + 0.5` in between. Faster to compute than sigmoid."""
    return K.hard_sigmoid(x)


def exponential(x):
    """Exponential (base e) activation function."""
    return K.exp(x)


def linear(x):
    """Linear (i.e. identity) activation function."""
    return x


def serialize(activation):
    """Returns the name of an activation function (its `__name__`)."""
    return serialize_keras_object(activation)


def deserialize(name, custom_objects=None):
    """Returns the activation function called `name` (searched in
    `custom_objects` first, then in this module)."""
    return deserialize_keras_object(
        name,
        module_objects=globals(),
        custom_objects=custom_objects,
        printable_module_name='activation function')


def _is_layer(obj):
    try:
        from .engine.base_layer import Layer
    except ImportError:  # engine not importable (partial install)
        return False
    return isinstance(obj, Layer)


def get(identifier):
    """Gets an activation function.

    # Arguments
        identifier: None (gives `linear`), a function name string or a
            callable.

    # Returns
        The activation function.

    # Raises
        ValueError: if `identifier` cannot be interpreted.
    """
    if identifier is None:
        return linear
    if isinstance(identifier, six.string_types):
        return deserialize(str(identifier))
    if callable(identifier):
        if _is_layer(identifier):
            warnings.warn(
                'Do not pass a layer instance (such as {name}) as the '
                'activation argument of another layer. Use it as a layer of '
                'its own instead.'.format(
                    name=identifier.__class__.__name__))
        return identifier
    raise ValueError('Could not interpret activation function identifier: '
                     '%r (expected None, a string or a callable)'
                     % (identifier,))
