"""Regularization layers that add noise during training only:
GaussianNoise, GaussianDropout, AlphaDropout."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import numpy as np

from .. import backend as K
from ..engine.base_layer import Layer
from ..legacy import interfaces
from ._utils import unit_rate

__all__ = ['GaussianNoise', 'GaussianDropout', 'AlphaDropout']

# Constants of the SELU activation (Klambauer et al., 2017).
_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


class _TrainingNoise(Layer):
    """Identity at test time; `_noised(inputs)` at training time."""

    def __init__(self, **kwargs):
        super(_TrainingNoise, self).__init__(**kwargs)
        self.supports_masking = True

    def _active(self):
        return True

    def call(self, inputs, training=None):
        if not self._active():
            return inputs
        return K.in_train_phase(lambda: self._noised(inputs), inputs,
                                training=training)

    def compute_output_shape(self, input_shape):
        return input_shape


class GaussianNoise(_TrainingNoise):
    """Adds zero-centered Gaussian noise of standard deviation `stddev`
    (training only).

    # Arguments
        stddev: float, standard deviation of the noise distribution.

    # Input shape
        Arbitrary.

    # Output shape
        Same shape as input.
    """

    @interfaces.legacy_gaussiannoise_support
    def __init__(self, stddev, **kwargs):
        super(GaussianNoise, self).__init__(**kwargs)
        self.stddev = stddev

    def _noised(self, inputs):
        return inputs + K.random_normal(shape=K.shape(inputs), mean=0.,
                                        stddev=self.stddev)

    def get_config(self):
        config = dict(super(GaussianNoise, self).get_config())
        config['stddev'] = self.stddev
        return config


class GaussianDropout(_TrainingNoise):
    """Multiplies the input by 1-centered Gaussian noise of standard
    deviation `sqrt(rate / (1 - rate))` (training only).

    # Arguments
        rate: float, drop probability (as with `Dropout`).

    # Input shape
        Arbitrary.

    # Output shape
        Same shape as input.

    # References
        - [Dropout: A Simple Way to Prevent Neural Networks from
          Overfitting](http://www.jmlr.org/papers/v15/srivastava14a.html)
    """

    @interfaces.legacy_gaussiandropout_support
    def __init__(self, rate, **kwargs):
        super(GaussianDropout, self).__init__(**kwargs)
        self.rate = unit_rate(self, rate, 'rate')

    def _active(self):
        return 0 < self.rate < 1

    def _noised(self, inputs):
        stddev = np.sqrt(self.rate / (1.0 - self.rate))
        return inputs * K.random_normal(shape=K.shape(inputs), mean=1.0,
                                        stddev=stddev)

    def get_config(self):
        config = dict(super(GaussianDropout, self).get_config())
        config['rate'] = self.rate
        return config


class AlphaDropout(_TrainingNoise):
    """Alpha Dropout keeps the mean and variance of the inputs (for
    self-normalizing networks with SELU): dropped units are set to the
    SELU saturation value, then an affine correction is applied.

    # Arguments
        rate: float, drop probability (as with `Dropout`).
        noise_shape: optional shape of the dropout mask (batch axis
            included).
        seed: A Python integer to use as random seed.

    # Input shape
        Arbitrary.

    # Output shape
        Same shape as input.

    # References
        - [Self-Normalizing Neural Networks](https://arxiv.org/abs/1706.02515)
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super(AlphaDropout, self).__init__(**kwargs)
        self.rate = unit_rate(self, rate, 'rate')
        self.noise_shape = noise_shape
        self.seed = seed

    def _active(self):
        return 0. < self.rate < 1.

    def _noised(self, inputs):
        rate = self.rate
        noise_shape = self.noise_shape if self.noise_shape else K.shape(inputs)
        alpha_p = -_SELU_ALPHA * _SELU_SCALE
        kept = K.cast(K.greater_equal(K.random_uniform(noise_shape,
                                                       seed=self.seed), rate),
                      K.floatx())
        a = ((1 - rate) * (1 + rate * alpha_p ** 2)) ** -0.5
        b = -a * alpha_p * rate
        return a * (inputs * kept + alpha_p * (1 - kept)) + b

    def get_config(self):
        config = dict(super(AlphaDropout, self).get_config())
        config.update({'rate': self.rate, 'noise_shape': self.noise_shape,
                       'seed': self.seed})
        return config
