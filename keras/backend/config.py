"""Reads and writes `keras.json` and resolves which engine to load.

The configuration folder is `$KERAS_HOME`, else `~/.keras` (or `/tmp/.keras`
when the home folder is not writable). `keras.json` is created on first
import with the defaults; an unreadable file gives a warning and the defaults.
"""
import json
import os
import warnings

#: Backend names accepted by `KERAS_BACKEND` and `keras.json`, mapped to the
#: canonical name that `K.backend()` returns.
BACKEND_ALIASES = {
    'tensorflow': 'tensorflow',
    'theano': 'theano',
    'pytensor': 'theano',
}

DEFAULTS = {
    'floatx': 'float32',
    'epsilon': 1e-7,
    'backend': 'tensorflow',
    'image_data_format': 'channels_last',
}


def keras_dir():
    """Returns the folder holding `keras.json` (and datasets, models)."""
    if 'KERAS_HOME' in os.environ:
        return os.environ['KERAS_HOME']
    base = os.path.expanduser('~')
    if not os.access(base, os.W_OK):
        base = '/tmp'
    return os.path.join(base, '.keras')


def canonical_backend(name):
    """Returns the canonical engine name for `name` (`pytensor` -> `theano`).

    # Raises
        ValueError: if `name` is not a known backend.
    """
    key = str(name).lower()
    if key not in BACKEND_ALIASES:
        raise ValueError('Unknown backend %r. Valid backends: %s.'
                         % (name, ', '.join(sorted(BACKEND_ALIASES))))
    return BACKEND_ALIASES[key]


def read_config(path):
    """Reads `keras.json` at `path`; returns a dict of the known keys.

    A missing file gives `{}`; an unreadable one a warning and `{}`.
    """
    if not os.path.exists(path):
        return {}
    try:
        with open(path) as f:
            config = json.load(f)
        if not isinstance(config, dict):
            raise ValueError('expected a JSON object, got %s'
                             % type(config).__name__)
    except (ValueError, OSError) as e:
        warnings.warn('Could not read Keras config file %s (%s); using the '
                      'defaults.' % (path, e))
        return {}
    return {k: v for k, v in config.items() if k in DEFAULTS}


def write_default_config(path):
    """Creates `keras.json` with the defaults if it does not exist.

    Failures (read-only home, race with another process) are ignored.
    """
    if os.path.exists(path):
        return
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            json.dump(DEFAULTS, f, indent=4)
    except OSError:
        pass


def load():
    """Returns the effective configuration (file, then `KERAS_BACKEND`)."""
    path = os.path.join(keras_dir(), 'keras.json')
    config = dict(DEFAULTS)
    file_config = read_config(path)
    config.update(file_config)
    if not file_config:
        write_default_config(path)
    if 'KERAS_BACKEND' in os.environ:
        config['backend'] = os.environ['KERAS_BACKEND']
    return config
