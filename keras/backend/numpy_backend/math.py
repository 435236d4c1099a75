"""Element-wise operations, reductions and products (NumPy reference)."""
import numpy as np

from ..common import floatx

__all__ = ['dot', 'batch_dot', 'transpose', 'max', 'min', 'sum', 'prod',
           'mean', 'var', 'std', 'any', 'all', 'argmax', 'argmin', 'cumsum',
           'cumprod', 'logsumexp', 'square', 'abs', 'sqrt', 'exp', 'log',
           'log2', 'round', 'sign', 'pow', 'clip', 'equal', 'not_equal',
           'greater', 'greater_equal', 'less', 'less_equal', 'maximum',
           'minimum', 'sin', 'cos', 'ceil', 'floor', 'real', 'tril',
           'dot_product', 'count_sketch', 'scan_conv1d', 'fft', 'ifft']


def _axis(axis):
    return tuple(axis) if isinstance(axis, list) else axis


def dot(x, y):
    """Keras `dot`: for N-D tensors, contracts the last axis of `x` with the
    second-to-last axis of `y` (Theano/NumPy semantics)."""
    return np.dot(x, y)


def _batch_dot_axes(x_ndim, y_ndim, axes):
    if isinstance(axes, int):
        axes = (axes, axes)
    if axes is None:
        axes = (x_ndim - 1, y_ndim - 1 if y_ndim == 2 else y_ndim - 2)
    axes = [a % n if a < 0 else a for a, n in zip(axes, (x_ndim, y_ndim))]
    if 0 in axes:
        raise ValueError('Cannot perform batch_dot over axis 0. '
                         'Got axes=%s.' % (axes,))
    return axes


def batch_dot(x, y, axes=None):
    """Per-sample `tensordot` of `x` and `y` along `axes` (Keras 2.3).

    The result has shape `x.shape` without `axes[0]` followed by
    `y.shape[1:]` without `axes[1]`; a 1-D result becomes `(batch, 1)`.
    """
    x, y = np.asarray(x), np.asarray(y)
    if x.shape[0] != y.shape[0]:
        raise ValueError('batch_dot: batch sizes differ: %s and %s.'
                         % (x.shape, y.shape))
    ax, ay = _batch_dot_axes(x.ndim, y.ndim, axes)
    if x.shape[ax] != y.shape[ay]:
        raise ValueError('batch_dot: cannot contract axis %d of %s with axis '
                         '%d of %s.' % (ax, x.shape, ay, y.shape))
    out = np.stack([np.tensordot(xb, yb, axes=(ax - 1, ay - 1))
                    for xb, yb in zip(x, y)])
    if out.ndim == 1:
        out = out[:, None]
    return out


def transpose(x):
    return np.transpose(x)


def max(x, axis=None, keepdims=False):
    return np.max(x, axis=_axis(axis), keepdims=keepdims)


def min(x, axis=None, keepdims=False):
    return np.min(x, axis=_axis(axis), keepdims=keepdims)


def sum(x, axis=None, keepdims=False):
    return np.sum(x, axis=_axis(axis), keepdims=keepdims)


def prod(x, axis=None, keepdims=False):
    return np.prod(x, axis=_axis(axis), keepdims=keepdims)


def _float(x):
    x = np.asarray(x)
    return x.astype(floatx()) if x.dtype.kind in 'biu' else x


def mean(x, axis=None, keepdims=False):
    return np.mean(_float(x), axis=_axis(axis), keepdims=keepdims)


def var(x, axis=None, keepdims=False):
    return np.var(_float(x), axis=_axis(axis), keepdims=keepdims)


def std(x, axis=None, keepdims=False):
    return np.std(_float(x), axis=_axis(axis), keepdims=keepdims)


def any(x, axis=None, keepdims=False):
    return np.any(x, axis=_axis(axis), keepdims=keepdims)


def all(x, axis=None, keepdims=False):
    return np.all(x, axis=_axis(axis), keepdims=keepdims)


def argmax(x, axis=-1):
    return np.argmax(x, axis=axis)


def argmin(x, axis=-1):
    return np.argmin(x, axis=axis)


def cumsum(x, axis=0):
    return np.cumsum(x, axis=axis)


def cumprod(x, axis=0):
    return np.cumprod(x, axis=axis)


def logsumexp(x, axis=None, keepdims=False):
    x = np.asarray(x)
    m = np.max(x, axis=_axis(axis), keepdims=True)
    out = np.log(np.sum(np.exp(x - m), axis=_axis(axis), keepdims=True)) + m
    if not keepdims:
        out = np.squeeze(out, axis=_axis(axis)) if axis is not None \
            else out.reshape(())
    return out


def square(x):
    return np.square(x)


def abs(x):
    return np.abs(x)


def sqrt(x):
    """Square root of `max(x, 0)` (Keras clips negative inputs)."""
    return np.sqrt(np.clip(x, 0., np.inf))


def exp(x):
    return np.exp(x)


def log(x):
    return np.log(x)


def log2(x):
    return np.log2(x)


def round(x):
    """Rounds half to even, like both engines."""
    return np.round(x)


def sign(x):
    return np.sign(x)


def pow(x, a):
    return np.power(x, a)


def clip(x, min_value, max_value):
    """Clips to `[min_value, max_value]`; `None` bounds are open and a
    `max_value` below `min_value` is raised to it (Keras 2.3)."""
    if min_value is None:
        min_value = -np.inf
    if max_value is None:
        max_value = np.inf
    x = np.asarray(x)
    max_value = np.maximum(max_value, min_value)
    return np.clip(x, min_value, max_value).astype(x.dtype)


def equal(x, y):
    return np.equal(x, y)


def not_equal(x, y):
    return np.not_equal(x, y)


def greater(x, y):
    return np.greater(x, y)


def greater_equal(x, y):
    return np.greater_equal(x, y)


def less(x, y):
    return np.less(x, y)


def less_equal(x, y):
    return np.less_equal(x, y)


def maximum(x, y):
    return np.maximum(x, y)


def minimum(x, y):
    return np.minimum(x, y)


def sin(x):
    return np.sin(x)


def cos(x):
    return np.cos(x)


def ceil(x, name=None):
    return np.ceil(x)


def floor(x, name=None):
    return np.floor(x)


def real(x):
    return np.real(x)


def tril(x):
    """Lower triangle (diagonal included) of the last two axes."""
    return np.tril(x)


def dot_product(x, kernel):
    """Contracts the last axis of `x` with the vector `kernel`:
    `(..., d) . (d,) -> (...)`."""
    return np.tensordot(x, kernel, axes=([-1], [0]))


def count_sketch(h, s, x, d=16000):
    """Count sketch of the rows of `x` `(batch, n)` into `d` buckets:
    `out[:, h[i]] += s[i] * x[:, i]`."""
    x = np.asarray(x)
    out = np.zeros((x.shape[0], d), dtype=x.dtype)
    for i, (hi, si) in enumerate(zip(np.asarray(h), np.asarray(s))):
        out[:, int(hi)] += si * x[:, i]
    return out


def scan_conv1d(u, v):
    """Row-wise 1D convolution: row `i` is the full convolution of `u[i]`
    with `v[i]`, cut to `n = u.shape[1]` values starting at `n // 2`."""
    u, v = np.asarray(u), np.asarray(v)
    n = u.shape[1]
    full = np.stack([np.convolve(a, b) for a, b in zip(u, v)])
    return full[:, n // 2:n // 2 + n].astype(u.dtype)


def fft(x, norm=None):
    """Real-input FFT along the last axis (complex result)."""
    return np.fft.rfft(x, norm=norm)


def ifft(x, norm=None, is_odd=False):
    """Inverse of `fft` (real result)."""
    x = np.asarray(x)
    n = 2 * (x.shape[-1] - 1) + (1 if is_odd else 0)
    return np.fft.irfft(x, n=n, norm=norm)
