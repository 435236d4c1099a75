"""Random tensors (PyTensor engine).

Each call draws from its own shared generator seeded with `seed` (a random
seed when None). The generator's next state is registered here and
`K.function` adds the update `(generator, next_state)` for every generator
its graph uses, so a random tensor draws fresh values at each call.
"""
import weakref

import numpy as np
import pytensor.tensor as pt
from pytensor.graph.traversal import graph_inputs, io_toposort
from pytensor.tensor.random.op import RandomVariable

from .. import common

#: shared generator -> its symbolic next state
_NEXT_STATE = weakref.WeakKeyDictionary()


def _draw(seed, method, *args, **kwargs):
    """Draws `rng.method(*args, **kwargs)` from a new seeded generator."""
    if seed is None:
        seed = np.random.randint(10e6)
    rng = pt.random.shared_rng(seed=int(seed))
    next_rng, value = getattr(rng, method)(*args, **kwargs)
    _NEXT_STATE[rng] = next_rng
    return value


def generator_updates(variables):
    """The `(generator, next_state)` updates of the generators among
    `variables` (the inputs of a graph)."""
    return [(v, _NEXT_STATE[v]) for v in variables if v in _NEXT_STATE]


def is_generator(variable):
    """Whether `variable` is one of the shared generators made here."""
    return variable in _NEXT_STATE


def next_states(outputs, generators):
    """`{generator: next state}` of the draws from `generators` in the
    graph of `outputs` (a step graph rebuilt inside a loop)."""
    wanted = set(generators)
    found = {}
    for node in io_toposort(list(graph_inputs(outputs)), outputs):
        for i in node.inputs:
            if i in wanted and isinstance(node.op, RandomVariable):
                found[i] = node.outputs[0]
    return found


def set_next_states(updates):
    """Records new next states (e.g. the final generator states of a
    loop), used by `generator_updates` from now on."""
    for generator, state in dict(updates).items():
        if generator in _NEXT_STATE:
            _NEXT_STATE[generator] = state


def _dtype(dtype):
    return common.floatx() if dtype is None else str(dtype)


def _size(shape):
    if isinstance(shape, (list, tuple)):
        return [int(d) if isinstance(d, (int, np.integer)) else d
                for d in shape]
    return shape


def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """A tensor of samples from a normal distribution N(mean, stddev**2)."""
    dtype = _dtype(dtype)
    out = _draw(seed, 'normal', mean, stddev, size=_size(shape))
    return pt.cast(out, dtype)


def random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    """A tensor of samples from a uniform distribution on [minval, maxval)."""
    dtype = _dtype(dtype)
    out = _draw(seed, 'uniform', minval, maxval, size=_size(shape))
    return pt.cast(out, dtype)


def random_binomial(shape, p=0.0, dtype=None, seed=None):
    """A tensor of 0/1 samples, each 1 with probability `p`."""
    dtype = _dtype(dtype)
    u = _draw(seed, 'uniform', 0., 1., size=_size(shape))
    return pt.cast(pt.lt(u, p), dtype)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Samples of N(mean, stddev**2) restricted to two standard deviations
    around the mean (drawn exactly through the inverse CDF)."""
    dtype = _dtype(dtype)
    u = pt.cast(_draw(seed, 'uniform', 0., 1., size=_size(shape)),
                'float64')
    lo = 0.5 * (1. + _erf(-2. / np.sqrt(2.)))
    hi = 0.5 * (1. + _erf(2. / np.sqrt(2.)))
    p = lo + u * (hi - lo)
    z = np.sqrt(2.) * pt.erfinv(2. * p - 1.)
    z = pt.clip(z, -2., 2.)
    return pt.cast(mean + stddev * z, dtype)


def _erf(v):
    import math
    return math.erf(v)


def random_multinomial(shape, p=0.0, dtype=None, seed=None):
    """One-hot samples from categorical distributions.

    # Arguments
        shape: the output shape (the shape of `p`).
        p: probabilities, last axis = classes (rows sum to 1).
        dtype: dtype of the result.
        seed: Integer, random seed.
    """
    dtype = _dtype(dtype)
    p = pt.as_tensor_variable(p)
    out = _draw(seed, 'multinomial', 1, p)
    return pt.cast(out, dtype)
