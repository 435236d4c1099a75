"""keras-extra's time-distributed image layers (2016), with their original
signatures: `TimeDistributedConvolution2D`, `TimeDistributedMaxPooling2D`,
`TimeDistributedAveragePooling2D`, `TimeDistributedFlatten`.

Each is a `TimeDistributed` wrapper around today's layer, built from the
Keras 1 arguments by the legacy argument converters (`nb_filter, nb_row,
nb_col` -> `filters, kernel_size`, `border_mode` -> `padding`,
`subsample` -> `strides`, `dim_ordering='th'` -> `data_format=
'channels_first'`, ...). The weights are therefore a `Conv2D`'s: `kernel
(nb_row, nb_col, channels, nb_filter)` then `bias (nb_filter,)`. As in
keras-extra, the default `dim_ordering` is 'th': inputs are
`(samples, time, channels, rows, cols)`.
"""
import warnings

from ..engine.base_layer import Layer
from .convolutional import Conv2D
from .core import Flatten
from .pooling import MaxPooling2D, AveragePooling2D
from .wrappers import TimeDistributed

__all__ = ['TimeDistributedConvolution2D', 'TimeDistributedMaxPooling2D',
           'TimeDistributedAveragePooling2D', 'TimeDistributedFlatten']


def _check_border_mode(name, border_mode):
    """keras-extra accepted 'valid' and 'same' only."""
    if border_mode not in ('valid', 'same'):
        raise ValueError('%s: `border_mode` must be "valid" or "same", got '
                         '%r.' % (name, border_mode))


def _quietly(build, **arguments):
    """`build(**arguments)` without the converters' per-call warning (the
    wrapper warns once, naming the Keras 2 spelling)."""
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        return build(**arguments)


class _TimeDistributedExtra(TimeDistributed):
    """A `TimeDistributed` whose inner layer is built from keras-extra's
    arguments; its config holds those arguments (not a nested layer)."""

    _KERAS2 = ''

    def __init__(self, inner, arguments, **kwargs):
        warnings.warn('`%s` is keras-extra\'s 2016 layer: in Keras 2 write '
                      '`TimeDistributed(%s)`.' % (self.__class__.__name__,
                                                  self._KERAS2), stacklevel=3)
        super().__init__(inner, **kwargs)
        self._arguments = arguments

    def get_config(self):
        config = Layer.get_config(self)
        config.update(self._arguments)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        config.pop('layer', None)
        return cls(**config)


class TimeDistributedConvolution2D(_TimeDistributedExtra):
    """2D convolution applied to every timestep of a sequence of images.

    # Arguments
        nb_filter: number of convolution filters.
        nb_row, nb_col: kernel size.
        init: kernel initializer.
        activation: activation function (default linear).
        weights: optional initial weights `[kernel, bias]` in `Conv2D`'s
            layout.
        border_mode: 'valid' or 'same'.
        subsample: strides `(rows, cols)`.
        dim_ordering: 'th' (channels first, the default) or 'tf'.
        W_regularizer, b_regularizer, activity_regularizer: regularizers.
        W_constraint, b_constraint: constraints.

    # Input shape
        `(samples, time, channels, rows, cols)` ('th') or
        `(samples, time, rows, cols, channels)` ('tf').

    # Output shape
        `(samples, time, nb_filter, new_rows, new_cols)` ('th') or
        `(samples, time, new_rows, new_cols, nb_filter)` ('tf').
    """

    _KERAS2 = 'Conv2D(filters, kernel_size, ...)'

    def __init__(self, nb_filter, nb_row, nb_col, init='glorot_uniform',
                 activation='linear', weights=None, border_mode='valid',
                 subsample=(1, 1), dim_ordering='th', W_regularizer=None,
                 b_regularizer=None, activity_regularizer=None,
                 W_constraint=None, b_constraint=None, **kwargs):
        arguments = dict(nb_filter=nb_filter, nb_row=nb_row, nb_col=nb_col,
                         init=init, activation=activation,
                         border_mode=border_mode, subsample=tuple(subsample),
                         dim_ordering=dim_ordering,
                         W_regularizer=W_regularizer,
                         b_regularizer=b_regularizer,
                         activity_regularizer=activity_regularizer,
                         W_constraint=W_constraint, b_constraint=b_constraint)
        _check_border_mode(self.__class__.__name__, border_mode)
        inner = _quietly(Conv2D, weights=weights, **arguments)
        super().__init__(inner, self._serializable(inner, arguments),
                         **kwargs)

    @staticmethod
    def _serializable(inner, arguments):
        """The arguments with objects replaced by their Keras configs."""
        config = inner.get_config()
        arguments = dict(arguments)
        for old, new in (('init', 'kernel_initializer'),
                         ('activation', 'activation'),
                         ('W_regularizer', 'kernel_regularizer'),
                         ('b_regularizer', 'bias_regularizer'),
                         ('activity_regularizer', 'activity_regularizer'),
                         ('W_constraint', 'kernel_constraint'),
                         ('b_constraint', 'bias_constraint')):
            arguments[old] = config[new]
        return arguments


class _TimeDistributedPooling2D(_TimeDistributedExtra):
    """Shared constructor of the two pooling layers."""

    _POOL = None

    def __init__(self, pool_size=(2, 2), strides=None, border_mode='valid',
                 dim_ordering='th', **kwargs):
        arguments = dict(pool_size=tuple(pool_size),
                         strides=None if strides is None else tuple(strides),
                         border_mode=border_mode, dim_ordering=dim_ordering)
        _check_border_mode(self.__class__.__name__, border_mode)
        inner = _quietly(self._POOL, **arguments)
        super().__init__(inner, arguments, **kwargs)


class TimeDistributedMaxPooling2D(_TimeDistributedPooling2D):
    """2D max pooling applied to every timestep of a sequence of images.

    # Arguments
        pool_size: `(rows, cols)` pooling window.
        strides: strides (default: `pool_size`).
        border_mode: 'valid' or 'same'.
        dim_ordering: 'th' (channels first, the default) or 'tf'.

    # Input shape
        `(samples, time, channels, rows, cols)` ('th') or
        `(samples, time, rows, cols, channels)` ('tf').

    # Output shape
        The same with pooled rows and columns.
    """

    _POOL = MaxPooling2D
    _KERAS2 = 'MaxPooling2D(pool_size, strides, padding, data_format)'

    def __init__(self, pool_size=(2, 2), strides=None, border_mode='valid',
                 dim_ordering='th', **kwargs):
        super().__init__(pool_size, strides, border_mode, dim_ordering,
                         **kwargs)


class TimeDistributedAveragePooling2D(_TimeDistributedPooling2D):
    """2D average pooling applied to every timestep of a sequence of images.

    # Arguments
        pool_size: `(rows, cols)` pooling window.
        strides: strides (default: `pool_size`).
        border_mode: 'valid' or 'same'.
        dim_ordering: 'th' (channels first, the default) or 'tf'.

    # Input shape
        `(samples, time, channels, rows, cols)` ('th') or
        `(samples, time, rows, cols, channels)` ('tf').

    # Output shape
        The same with pooled rows and columns.
    """

    _POOL = AveragePooling2D
    _KERAS2 = 'AveragePooling2D(pool_size, strides, padding, data_format)'

    def __init__(self, pool_size=(2, 2), strides=None, border_mode='valid',
                 dim_ordering='th', **kwargs):
        super().__init__(pool_size, strides, border_mode, dim_ordering,
                         **kwargs)


class TimeDistributedFlatten(_TimeDistributedExtra):
    """Flattens every timestep: `(samples, time, d1, d2, ...)` ->
    `(samples, time, d1 * d2 * ...)`, in the stored order of the axes (no
    transposition, as in keras-extra).

    # Input shape
        Tensor of rank >= 4 with known non-batch, non-time axes.

    # Output shape
        `(samples, time, features)`.
    """

    _KERAS2 = 'Flatten()'

    def __init__(self, **kwargs):
        inner = Flatten(data_format='channels_last')
        super().__init__(inner, {}, **kwargs)
