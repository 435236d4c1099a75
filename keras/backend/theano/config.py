"""PyTensor settings applied when the engine is imported.

* `floatX` follows `K.floatx()`, so Python scalars become float32 constants
  and no silent float64 upcasts happen.
* A system BLAS (OpenBLAS, MKL, reference BLAS) is linked when one is found;
  PyTensor's C code then uses GEMM kernels. When none is found a single
  warning says what to install.
* `K.function` compiles with the C linker (`CVM`), with or without a
  linked BLAS, unless `KERAS_PYTENSOR_MODE` or a `mode` in
  `PYTENSOR_FLAGS` says otherwise (see `function_mode`).
* Flags given explicitly in `PYTENSOR_FLAGS` always win.

On Debian/Ubuntu the BLAS is installed with::

    apt-get install -y libopenblas-dev
"""
import os
import sys
import warnings

from .. import common

#: Libraries tried in order, as linker names (`-l<name>`).
_BLAS_NAMES = ('openblas', 'mkl_rt', 'blis', 'blas')
_INSTALL_HINT = 'apt-get install -y libopenblas-dev'
_warned = []


def _library_dirs():
    dirs = []
    for key in ('LD_LIBRARY_PATH', 'LIBRARY_PATH'):
        dirs.extend(d for d in os.environ.get(key, '').split(os.pathsep) if d)
    dirs.extend([os.path.join(sys.prefix, 'lib'),
                 '/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu',
                 '/usr/lib64', '/usr/lib', '/usr/local/lib',
                 '/opt/homebrew/opt/openblas/lib', '/usr/local/opt/openblas/lib'])
    return dirs


def find_blas_ldflags():
    """Returns linker flags for the first BLAS found, or `None`.

    A library only counts when its development link (`lib<name>.so` or
    `.dylib`) exists, since that is what the C compiler links against.
    """
    system = ('/usr/lib', '/usr/lib64', '/usr/lib/x86_64-linux-gnu',
              '/usr/lib/aarch64-linux-gnu')
    for name in _BLAS_NAMES:
        for folder in _library_dirs():
            for ext in ('.so', '.dylib'):
                if os.path.exists(os.path.join(folder, 'lib' + name + ext)):
                    if folder in system:
                        return '-l' + name
                    return '-L%s -Wl,-rpath,%s -l%s' % (folder, folder, name)
    return None


def _flags_given():
    """Names of the flags set explicitly through `PYTENSOR_FLAGS`."""
    given = set()
    for item in os.environ.get('PYTENSOR_FLAGS', '').split(','):
        if '=' in item:
            given.add(item.split('=', 1)[0].strip())
    return given


def warn_once(message):
    """Issues `message` as a warning the first time only."""
    if message not in _warned:
        _warned.append(message)
        warnings.warn(message, stacklevel=3)


def configure(pytensor_config):
    """Applies the Keras defaults to `pytensor.config`.

    # Arguments
        pytensor_config: the `pytensor.config` object.

    # Returns
        The BLAS linker flags in use (empty string when none).
    """
    given = _flags_given()
    if 'floatX' not in given:
        pytensor_config.floatX = common.floatx()
    if 'blas__ldflags' in given:
        return pytensor_config.blas__ldflags
    ldflags = find_blas_ldflags()
    if ldflags is None:
        warn_once('No BLAS library found: PyTensor matrix products and '
                  'convolutions will be slow. Install one with `%s`.'
                  % _INSTALL_HINT)
        ldflags = ''
    pytensor_config.blas__ldflags = ldflags
    return ldflags


def sync_floatx(pytensor_config):
    """Keeps `pytensor.config.floatX` equal to `K.floatx()`."""
    if pytensor_config.floatX != common.floatx():
        pytensor_config.floatX = common.floatx()


def function_mode():
    """The PyTensor compilation mode used by `K.function`.

    * `KERAS_PYTENSOR_MODE` (e.g. `CVM`, `NUMBA`, `FAST_COMPILE`) wins;
    * a `mode` given in `PYTENSOR_FLAGS` is respected (returns None, so
      PyTensor uses it);
    * otherwise `'CVM'`: C code (GEMMs through the BLAS linked by
      `configure`), compiled once and cached in `pytensor.config.compiledir`.

    PyTensor 3's own default (Numba) is not used. Measured with
    `benchmarks/backend.py`'s cases (CPU time per forward + backward call):
    with OpenBLAS linked, Numba ran an LSTM 2.7x slower than CVM and
    compiled slower. Without a linked BLAS CVM is still the better default:
    PyTensor's C code then calls NumPy's BLAS through the NumPy C-API, and
    on the development machine CVM took 112 ms against Numba's 253 ms for
    the conv2d case (Numba: 114 ms against 132 ms on the LSTM), while
    compiling in 2-3 s against Numba's 50-125 s.

    `FAST_COMPILE` (Python implementations, no C compilation) suits test
    suites that compile many small functions once.
    """
    env = os.environ.get('KERAS_PYTENSOR_MODE')
    if env:
        return env
    if 'mode' in _flags_given():
        return None
    return 'CVM'
