"""Shared parts of the examples: the command line, the backend choice, and
the generated data sets several examples train on.

Nothing here imports keras: `select_backend()` must run before the first
`import keras`, so that `--backend` can choose the engine.
"""
import argparse
import os
import sys

import numpy as np

BACKENDS = ('tensorflow', 'theano', 'pytensor')


def _backend_from_argv(argv):
    for i, arg in enumerate(argv):
        if arg == '--backend' and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith('--backend='):
            return arg.split('=', 1)[1]
    return None


def select_backend(argv=None):
    """Sets `KERAS_BACKEND` from a `--backend NAME` argument (default:
    `sys.argv`), before keras is imported.

    # Raises
        ValueError: unknown backend name, or keras already imported with
            another backend.
    """
    name = _backend_from_argv(sys.argv[1:] if argv is None else argv)
    if name is None:
        return
    if name not in BACKENDS:
        raise ValueError('--backend: expected one of %s, got %r.'
                         % (', '.join(BACKENDS), name))
    keras = sys.modules.get('keras')
    if keras is not None:
        active = keras.backend.backend()
        wanted = 'theano' if name == 'pytensor' else name
        if active != wanted:
            raise ValueError('--backend %s: keras is already imported with '
                             'the %s backend in this process.'
                             % (name, active))
        return
    os.environ['KERAS_BACKEND'] = name


def parse_args(description, argv=None, epochs=10, small_epochs=2):
    """The common command line: `--small`, `--backend`, `--epochs`,
    `--seed`. `args.epochs` defaults to `epochs`, or to `small_epochs`
    with `--small`."""
    parser = argparse.ArgumentParser(
        description=description.strip().splitlines()[0])
    parser.add_argument('--small', action='store_true',
                        help='a few seconds on little data (what the tests '
                             'run)')
    parser.add_argument('--backend', choices=BACKENDS,
                        help='the engine (default: KERAS_BACKEND, else '
                             'keras.json)')
    parser.add_argument('--epochs', type=int, default=None)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args(argv)
    select_backend(['--backend', args.backend] if args.backend else [])
    if args.epochs is None:
        args.epochs = small_epochs if args.small else epochs
    return args


def report(name, value):
    """Prints one result as `name: value` (what the tests read)."""
    print('%s: %.4f' % (name, value))
    return value


# -------------------------------------------------------- generated data

# 3 x 5 bitmaps of the digits 0-9, one string of 15 cells per digit.
_DIGIT_FONT = [
    '111101101101111', '010110010010111', '111001111100111',
    '111001111001111', '101101111001001', '111100111001111',
    '111100111101111', '111001010010010', '111101111101111',
    '111101111001111',
]


def digit_images(samples, size=8, noise=0.15, seed=0, classes=range(10)):
    """Images of the digits 0-9 in a 3x5 font, each cell 1 or 2 pixels,
    placed at a random position of a `size x size` image, with noise.

    # Returns
        `(x, y)`: `x` float32 `(samples, size, size, 1)` in [0, 1], `y`
        the digit, int.
    """
    rng = np.random.RandomState(seed)
    classes = list(classes)
    x = np.zeros((samples, size, size), 'float32')
    y = rng.choice(classes, samples)
    for i, digit in enumerate(y):
        glyph = np.array([int(c) for c in _DIGIT_FONT[digit]],
                         'float32').reshape(5, 3)
        scale = rng.randint(1, 3) if size >= 10 else 1
        glyph = np.kron(glyph, np.ones((scale, scale), 'float32'))
        rows, cols = glyph.shape
        top = rng.randint(0, size - rows + 1)
        left = rng.randint(0, size - cols + 1)
        x[i, top:top + rows, left:left + cols] = glyph
    x += noise * rng.rand(*x.shape).astype('float32')
    return np.clip(x, 0., 1.)[..., None], y


def split(arrays, fraction=0.8):
    """Splits each array of `arrays` into a training and a test part."""
    cut = int(len(arrays[0]) * fraction)
    return [a[:cut] for a in arrays], [a[cut:] for a in arrays]
