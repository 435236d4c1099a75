"""Built-in weight initializers.

An initializer is called with a shape (and optionally a dtype) and returns
the initial value of a weight: a backend tensor or a NumPy array, which
`Layer.add_weight` turns into a variable.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import numpy as np
import six

from . import backend as K
from .utils.generic_utils import deserialize_keras_object
from .utils.generic_utils import serialize_keras_object

# Standard deviation of a unit normal truncated to [-2, 2]
# (scipy.stats.truncnorm.std(a=-2, b=2)).
_TRUNCATED_NORMAL_STD = .87962566103423978


class Initializer(object):
    """Initializer base class: all initializers inherit from this class.

    Subclasses implement `__call__(shape, dtype=None)` and, when they take
    arguments, `get_config()`.
    """

    def __call__(self, shape, dtype=None):
        raise NotImplementedError

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        # Files written by tf.keras may carry an unused `dtype` entry.
        config.pop('dtype', None)
        return cls(**config)


class _SeededInitializer(Initializer):
    """Base of the random initializers: the seed advances by one after each
    call, so two weights built from one seeded initializer differ while the
    whole sequence stays reproducible."""

    def _next_seed(self):
        seed = self.seed
        if self.seed is not None:
            self.seed += 1
        return seed


class Zeros(Initializer):
    """Initializer that generates tensors initialized to 0."""

    def __call__(self, shape, dtype=None):
        return K.constant(0, shape=shape, dtype=dtype)


class Ones(Initializer):
    """Initializer that generates tensors initialized to 1."""

    def __call__(self, shape, dtype=None):
        return K.constant(1, shape=shape, dtype=dtype)


class Constant(Initializer):
    """Initializer that generates tensors initialized to a constant value.

    # Arguments
        value: float; the value of the generator tensors.
    """

    def __init__(self, value=0):
        self.value = value

    def __call__(self, shape, dtype=None):
        return K.constant(self.value, shape=shape, dtype=dtype)

    def get_config(self):
        return {'value': self.value}


class RandomNormal(_SeededInitializer):
    """Initializer that generates tensors with a normal distribution.

    # Arguments
        mean: a python scalar or a scalar tensor. Mean of the random values
          to generate.
        stddev: a python scalar or a scalar tensor. Standard deviation of the
          random values to generate.
        seed: A Python integer. Used to seed the random generator.
    """

    def __init__(self, mean=0., stddev=0.05, seed=None):
        self.mean = mean
        self.stddev = stddev
        self.seed = seed

    def __call__(self, shape, dtype=None):
        return K.random_normal(shape, self.mean, self.stddev,
                               dtype=dtype, seed=self._next_seed())

    def get_config(self):
        return {'mean': self.mean, 'stddev': self.stddev, 'seed': self.seed}


class RandomUniform(_SeededInitializer):
    """Initializer that generates tensors with a uniform distribution.

    # Arguments
        minval: A python scalar or a scalar tensor. Lower bound of the range
          of random values to generate.
        maxval: A python scalar or a scalar tensor. Upper bound of the range
          of random values to generate.
        seed: A Python integer. Used to seed the random generator.
    """

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval = minval
        self.maxval = maxval
        self.seed = seed

    def __call__(self, shape, dtype=None):
        return K.random_uniform(shape, self.minval, self.maxval,
                                dtype=dtype, seed=self._next_seed())

    def get_config(self):
        return {'minval': self.minval, 'maxval': self.maxval,
                'seed': self.seed}


class TruncatedNormal(_SeededInitializer):
    """Initializer that generates a truncated normal distribution.

    Values more than two standard deviations from the mean are discarded
    and re-drawn. This is the recommended initializer for neural network
    weights and filters.

    # Arguments
        mean: a python scalar or a scalar tensor. Mean of the random values
          to generate.
        stddev: a python scalar or a scalar tensor. Standard deviation of the
          random values to generate.
        seed: A Python integer. Used to seed the random generator.
    """

    def __init__(self, mean=0., stddev=0.05, seed=None):
        self.mean = mean
        self.stddev = stddev
        self.seed = seed

    def __call__(self, shape, dtype=None):
        return K.truncated_normal(shape, self.mean, self.stddev,
                                  dtype=dtype, seed=self._next_seed())

    def get_config(self):
        return {'mean': self.mean, 'stddev': self.stddev, 'seed': self.seed}


class VarianceScaling(_SeededInitializer):
    """Initializer capable of adapting its scale to the shape of weights.

    With `distribution="normal"`, samples are drawn from a truncated normal
    distribution centered on zero, with `stddev = sqrt(scale / n)` where n
    is the number of input units (`mode="fan_in"`), output units
    (`mode="fan_out"`) or their average (`mode="fan_avg"`).
    With `distribution="uniform"`, samples are drawn from a uniform
    distribution within [-limit, limit], with `limit = sqrt(3 * scale / n)`.

    # Arguments
        scale: Scaling factor (positive float).
        mode: One of "fan_in", "fan_out", "fan_avg".
        distribution: Random distribution to use. One of "normal", "uniform".
        seed: A Python integer. Used to seed the random generator.

    # Raises
        ValueError: In case of an invalid value for the "scale", mode" or
          "distribution" arguments.
    """

    def __init__(self, scale=1.0, mode='fan_in', distribution='normal',
                 seed=None):
        if scale <= 0.:
            raise ValueError('VarianceScaling: `scale` must be a positive '
                             'float, got: %r' % (scale,))
        mode = str(mode).lower()
        if mode not in {'fan_in', 'fan_out', 'fan_avg'}:
            raise ValueError('VarianceScaling: invalid `mode` argument: '
                             'expected one of {"fan_in", "fan_out", '
                             '"fan_avg"}, got %r' % (mode,))
        distribution = str(distribution).lower()
        if distribution not in {'normal', 'uniform'}:
            raise ValueError('VarianceScaling: invalid `distribution` '
                             'argument: expected one of {"normal", '
                             '"uniform"}, got %r' % (distribution,))
        self.scale = scale
        self.mode = mode
        self.distribution = distribution
        self.seed = seed

    def __call__(self, shape, dtype=None):
        fan_in, fan_out = _compute_fans(shape)
        fan = {'fan_in': fan_in, 'fan_out': fan_out,
               'fan_avg': (fan_in + fan_out) / 2.}[self.mode]
        scale = self.scale / max(1., float(fan))
        seed = self._next_seed()
        if self.distribution == 'normal':
            stddev = np.sqrt(scale) / _TRUNCATED_NORMAL_STD
            return K.truncated_normal(shape, 0., stddev, dtype=dtype,
                                      seed=seed)
        limit = np.sqrt(3. * scale)
        return K.random_uniform(shape, -limit, limit, dtype=dtype, seed=seed)

    def get_config(self):
        return {'scale': self.scale, 'mode': self.mode,
                'distribution': self.distribution, 'seed': self.seed}


class Orthogonal(_SeededInitializer):
    """Initializer that generates a random orthogonal matrix.

    The shape is flattened to `(prod(shape[:-1]), shape[-1])`; the result
    has orthonormal rows or columns (whichever are fewer), times `gain`.

    # Arguments
        gain: Multiplicative factor to apply to the orthogonal matrix.
        seed: A Python integer. Used to seed the random generator.

    # References
        - [Exact solutions to the nonlinear dynamics of learning in deep
           linear neural networks](http://arxiv.org/abs/1312.6120)
    """

    def __init__(self, gain=1., seed=None):
        self.gain = gain
        self.seed = seed

    def __call__(self, shape, dtype=None):
        num_rows = int(np.prod(shape[:-1]))
        num_cols = int(shape[-1])
        flat_shape = (num_rows, num_cols)
        seed = self._next_seed()
        rng = np.random if seed is None else np.random.RandomState(seed)
        a = rng.normal(0.0, 1.0, flat_shape)
        u, _, v = np.linalg.svd(a, full_matrices=False)
        q = u if u.shape == flat_shape else v
        q = self.gain * q.reshape(shape)
        return q.astype(dtype or K.floatx())

    def get_config(self):
        return {'gain': self.gain, 'seed': self.seed}


class Identity(Initializer):
    """Initializer that generates the identity matrix (times `gain`).

    Only for 2D matrices. As in Keras 2.3, when the long side of the
    matrix is a multiple of the short side, square identity matrices are
    concatenated along the long side (the recurrent kernel of an LSTM,
    `(units, 4 * units)`, gets one identity block per gate).

    # Arguments
        gain: Multiplicative factor to apply to the identity matrix.

    # Raises
        ValueError: if the shape is not 2D, or if its long side is not a
            multiple of its short side.
    """

    def __init__(self, gain=1.):
        self.gain = gain

    def __call__(self, shape, dtype=None):
        if len(shape) != 2:
            raise ValueError('Identity: the identity matrix initializer can '
                             'only be used for 2D matrices, got shape %s'
                             % (tuple(shape),))
        rows, cols = shape
        short = min(rows, cols)
        if short == 0 or max(rows, cols) % short:
            raise ValueError('Identity: the long side of the matrix must be '
                             'a multiple of the short side (identity blocks '
                             'are concatenated along it), got shape %s'
                             % (tuple(shape),))
        reps = (rows // short, cols // short)
        value = self.gain * np.tile(np.eye(short), reps)
        return value.astype(dtype or K.floatx())

    def get_config(self):
        return {'gain': self.gain}


def _variance_scaling_factory(name, scale, mode, distribution, reference):
    def factory(seed=None):
        return VarianceScaling(scale=scale, mode=mode,
                               distribution=distribution, seed=seed)
    factory.__name__ = name
    factory.__doc__ = (
        '%s initializer: `VarianceScaling(scale=%s, mode=%r, '
        'distribution=%r)`.\n\n    # Arguments\n        seed: A Python '
        'integer. Used to seed the random generator.\n\n    # Returns\n'
        '        An initializer.\n\n    # References\n        - %s\n'
        % (name, scale, mode, distribution, reference))
    return factory


_LECUN = 'Efficient BackProp (LeCun et al., 1998)'
_GLOROT = ('Understanding the difficulty of training deep feedforward '
           'neural networks (Glorot & Bengio, 2010)')
_HE = ('Delving Deep into Rectifiers: Surpassing Human-Level Performance '
       'on ImageNet Classification (He et al., 2015)')

lecun_uniform = _variance_scaling_factory(
    'lecun_uniform', 1., 'fan_in', 'uniform', _LECUN)
lecun_normal = _variance_scaling_factory(
    'lecun_normal', 1., 'fan_in', 'normal', _LECUN)
glorot_normal = _variance_scaling_factory(
    'glorot_normal', 1., 'fan_avg', 'normal', _GLOROT)
glorot_uniform = _variance_scaling_factory(
    'glorot_uniform', 1., 'fan_avg', 'uniform', _GLOROT)
he_normal = _variance_scaling_factory(
    'he_normal', 2., 'fan_in', 'normal', _HE)
he_uniform = _variance_scaling_factory(
    'he_uniform', 2., 'fan_in', 'uniform', _HE)


def _compute_fans(shape, data_format='channels_last'):
    """Computes the number of input and output units for a weight shape.

    # Arguments
        shape: Integer shape tuple.
        data_format: Image data format to use for convolution kernels.
            Note that all kernels in Keras are standardized on the
            `channels_last` ordering (even when inputs are set
            to `channels_first`).

    # Returns
        A tuple of scalars, `(fan_in, fan_out)`.

    # Raises
        ValueError: in case of invalid `data_format` argument.
    """
    shape = tuple(shape)
    if len(shape) == 2:
        return shape[0], shape[1]
    if len(shape) in {3, 4, 5}:
        # Convolution kernels: channels_last (..., input_depth, depth),
        # channels_first (depth, input_depth, ...).
        if data_format == 'channels_first':
            receptive_field_size = np.prod(shape[2:])
            return (shape[1] * receptive_field_size,
                    shape[0] * receptive_field_size)
        if data_format == 'channels_last':
            receptive_field_size = np.prod(shape[:-2])
            return (shape[-2] * receptive_field_size,
                    shape[-1] * receptive_field_size)
        raise ValueError('Invalid data_format: ' + str(data_format))
    # No specific assumptions (scalars, vectors, 6D+ tensors).
    fan = np.sqrt(np.prod(shape))
    return fan, fan


# Compatibility aliases

zero = zeros = Zeros
one = ones = Ones
constant = Constant
uniform = random_uniform = RandomUniform
normal = random_normal = RandomNormal
truncated_normal = TruncatedNormal
identity = Identity
orthogonal = Orthogonal

# Class-style names that tf.keras / tf_keras write in Keras 2 files.
GlorotUniform = glorot_uniform
GlorotNormal = glorot_normal
HeUniform = he_uniform
HeNormal = he_normal
LecunUniform = lecun_uniform
LecunNormal = lecun_normal


def serialize(initializer):
    """Returns the `{'class_name', 'config'}` dict of an initializer."""
    return serialize_keras_object(initializer)


def deserialize(config, custom_objects=None):
    """Returns the initializer of a `{'class_name', 'config'}` dict.

    # Arguments
        config: the dict (`serialize`'s output).
        custom_objects: dict of user-defined classes or functions, by name.

    # Raises
        ValueError: unknown class name.
    """
    return deserialize_keras_object(config,
                                    module_objects=globals(),
                                    custom_objects=custom_objects,
                                    printable_module_name='initializer')


def get(identifier):
    """Gets an initializer instance.

    # Arguments
        identifier: a config dict, a name (e.g. `'glorot_uniform'`,
            `'zeros'`) or a callable.

    # Returns
        An initializer (an instance, also for names of factory functions).

    # Raises
        ValueError: if `identifier` cannot be interpreted.
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, six.string_types):
        # Building from an empty config gives an instance for both the
        # classes and the factory functions.
        return deserialize({'class_name': str(identifier), 'config': {}})
    if callable(identifier):
        return identifier
    raise ValueError('Could not interpret initializer identifier: %r'
                     % (identifier,))
