"""Supported engine versions: importing the backend on an engine outside
them fails early with a clear message (the TensorFlow backend leans on
graph-mode internals such as control flow v1 that newer releases may drop).

The ranges are those of `requirements.txt`; `constraints.txt` holds the exact
versions the test suite ran with. `KERAS_SKIP_ENGINE_VERSION_CHECK=1` lets an
untested engine through (at your own risk).
"""
import os
import re

__all__ = ['SUPPORTED', 'check_engine_version']

#: engine -> (lowest supported, first unsupported) release.
SUPPORTED = {
    'TensorFlow': ((2, 16), (2, 22)),
    'PyTensor': ((2, 20), (3, 1)),
}


def _release(version):
    numbers = re.findall(r'\d+', str(version))[:2]
    return tuple(int(n) for n in numbers) + (0,) * (2 - len(numbers))


def check_engine_version(engine, version):
    """Raises ImportError when `version` of `engine` is not supported.

    # Arguments
        engine: `'TensorFlow'` or `'PyTensor'`.
        version: the engine's `__version__`.

    # Raises
        ImportError: naming the engine, its version and the supported range.
    """
    if os.environ.get('KERAS_SKIP_ENGINE_VERSION_CHECK') == '1':
        return
    low, high = SUPPORTED[engine]
    if not low <= _release(version) < high:
        raise ImportError(
            'This Keras supports %s >= %d.%d and < %d.%d, but %s %s is '
            'installed. Install a supported version (the tested ones are in '
            'constraints.txt: `pip install -c constraints.txt -r '
            'requirements.txt`), or set KERAS_SKIP_ENGINE_VERSION_CHECK=1 to '
            'try this one anyway.' % (engine, low[0], low[1], high[0],
                                      high[1], engine, version))
