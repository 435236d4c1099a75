"""Random tensors (new values at every evaluation)."""
import numpy as np
import tensorflow as tf

from .. import common
from .graph import in_graph

_tf_v1 = tf.compat.v1

__all__ = ['random_normal', 'random_uniform', 'random_binomial',
           'truncated_normal']


def _seed_and_dtype(seed, dtype):
    if seed is None:
        seed = np.random.randint(10e6)
    return int(seed), dtype or common.floatx()


@in_graph
def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Returns a tensor with normal distribution of values.

    # Arguments
        shape: A tuple of integers, the shape of tensor to create.
        mean: A float, mean of the normal distribution to draw samples.
        stddev: A float, standard deviation of the normal distribution
            to draw samples.
        dtype: String, dtype of returned tensor.
        seed: Integer, random seed.

    # Returns
        A tensor.
    """
    seed, dtype = _seed_and_dtype(seed, dtype)
    return _tf_v1.random_normal(shape, mean=mean, stddev=stddev,
                                dtype=dtype, seed=seed)


@in_graph
def random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    """Returns a tensor with uniform distribution of values.

    # Arguments
        shape: A tuple of integers, the shape of tensor to create.
        minval: A float, lower boundary of the uniform distribution
            to draw samples.
        maxval: A float, upper boundary of the uniform distribution
            to draw samples.
        dtype: String, dtype of returned tensor.
        seed: Integer, random seed.

    # Returns
        A tensor.
    """
    seed, dtype = _seed_and_dtype(seed, dtype)
    return _tf_v1.random_uniform(shape, minval=minval, maxval=maxval,
                                 dtype=dtype, seed=seed)


@in_graph
def random_binomial(shape, p=0.0, dtype=None, seed=None):
    """Returns a tensor with random binomial distribution of values.

    # Arguments
        shape: A tuple of integers, the shape of tensor to create.
        p: A float, `0. <= p <= 1`, probability of binomial distribution.
        dtype: String, dtype of returned tensor.
        seed: Integer, random seed.

    # Returns
        A tensor of 0s and 1s (1 with probability `p`).
    """
    seed, dtype = _seed_and_dtype(seed, dtype)
    draw = _tf_v1.random_uniform(shape, dtype=dtype, seed=seed)
    return tf.cast(draw < p, dtype)


@in_graph
def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Returns a tensor with truncated random normal distribution of values.

    The generated values follow a normal distribution
    with specified mean and standard deviation,
    except that values whose magnitude is more than
    two standard deviations from the mean are dropped and re-picked.

    # Arguments
        shape: A tuple of integers, the shape of tensor to create.
        mean: Mean of the values.
        stddev: Standard deviation of the values.
        dtype: String, dtype of returned tensor.
        seed: Integer, random seed.

    # Returns
        A tensor.
    """
    seed, dtype = _seed_and_dtype(seed, dtype)
    return _tf_v1.truncated_normal(shape, mean, stddev, dtype=dtype,
                                   seed=seed)
