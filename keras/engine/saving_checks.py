"""Checks used while reading and writing model files: every failure while
reading becomes a Keras error naming the file, the group or attribute and
what was expected; damaged weights are detected (a checksum with every
weight dataset written here, NaN/Inf values reported by name).
"""
import contextlib
import json
import warnings
import zlib

import numpy as np

__all__ = ['ModelFileError', 'reading', 'parse_config_text',
           'read_json_attribute', 'read_weight', 'write_weight',
           'CHECKSUMS']

#: The checksum `write_weight` stores with each weight dataset, so that a
#: flipped byte fails the load instead of loading a wrong value:
#: - `'crc32'` (default): the CRC-32 of the array's bytes in the dataset
#:   attribute `keras_crc32`; the data stays contiguous, as Keras 2 wrote
#:   it (other readers ignore the attribute); costs about 0.07 s per 100 MB
#:   on writing and on reading;
#: - `'fletcher32'`: HDF5's own Fletcher-32 filter (chunked datasets,
#:   checked by the HDF5 library for every reader); about 2-3 times slower
#:   to write than an unchecked file (see benchmarks/saving.py);
#: - `False`/`None`: no checksum.
CHECKSUMS = 'crc32'

#: Dataset attribute holding the CRC-32 of a weight's bytes.
CRC_ATTR = 'keras_crc32'


def _crc32(value):
    return zlib.crc32(np.ascontiguousarray(value).reshape(-1).view(np.uint8))


class ModelFileError(ValueError):
    """A model or weight file (or config string) is damaged or is not what
    Keras expects. Subclass of `ValueError`."""


def _describe(error):
    if isinstance(error, RecursionError):
        return ('the config is nested too deeply to be a Keras model '
                '(RecursionError)')
    if isinstance(error, KeyError):
        return 'missing entry %s (KeyError)' % error
    text = str(error) or type(error).__name__
    return '%s (%s)' % (text, type(error).__name__)


@contextlib.contextmanager
def reading(source):
    """Turns any failure inside into a Keras error naming `source`.

    `ValueError`/`TypeError` raised by Keras keep their type (their message
    gains the source); other exceptions (`KeyError`, h5py's `OSError`,
    `UnicodeDecodeError`, `RecursionError`, ...) become `ModelFileError`.

    # Arguments
        source: description of what is read, e.g. `"model file 'm.h5'"`.
    """
    try:
        yield
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as e:
        message = str(e)
        if source in message:
            raise
        if type(e) in (ValueError, TypeError, ModelFileError) or \
                type(e).__module__.startswith('keras.'):
            try:
                error = type(e)('Error reading %s: %s' % (source, message))
            except TypeError:
                error = None
            if error is not None:
                raise error from e
        raise ModelFileError('Error reading %s: %s'
                             % (source, _describe(e))) from e


def parse_config_text(text, parse, what):
    """Parses a JSON/YAML config string; errors name `what`."""
    if isinstance(text, bytes):
        try:
            text = text.decode('utf8')
        except UnicodeDecodeError as e:
            raise ModelFileError('%s is not UTF-8 text: %s' % (what, e))
    if not isinstance(text, str):
        raise TypeError('%s must be a string, got %s.'
                        % (what, type(text).__name__))
    try:
        return parse(text)
    except RecursionError:
        raise ModelFileError('%s is nested too deeply to be a Keras model.'
                             % what)
    except Exception as e:
        raise ModelFileError('%s is not valid: %s' % (what, _describe(e)))


def read_json_attribute(group, name, required=True):
    """The JSON value of attribute `name` of an h5py group (None when it is
    absent and not required)."""
    if name not in group.attrs:
        if required:
            raise ModelFileError(
                'the file has no `%s` attribute (found attributes: %s)'
                % (name, sorted(group.attrs.keys())))
        return None
    value = group.attrs[name]
    if isinstance(value, np.ndarray) and value.shape == ():
        value = value[()]
    if not isinstance(value, (bytes, str)):
        raise ModelFileError('attribute `%s` should be a JSON string, found '
                             'a %s' % (name, type(value).__name__))
    return parse_config_text(value, json.loads, 'attribute `%s`' % name)


def read_weight(group, name, owner):
    """Reads weight dataset `name` of `group` as an array.

    # Arguments
        group: h5py group of a layer.
        name: the weight name (a dataset path in the group).
        owner: description for messages, e.g. `'layer "dense_1"'`.

    # Raises
        ModelFileError: missing, unreadable or corrupt dataset (checksum).
    """
    if name not in group:
        raise ModelFileError('%s: weight "%s" listed in the file is missing '
                             'from its group (truncated or corrupt file).'
                             % (owner, name))
    dataset = group[name]
    if not hasattr(dataset, 'dtype'):
        raise ModelFileError('%s: weight "%s" should be a dataset, found a '
                             'group.' % (owner, name))
    try:
        value = np.asarray(dataset)
    except Exception as e:
        raise ModelFileError('%s: weight "%s" cannot be read (its data is '
                             'corrupt or truncated: %s).'
                             % (owner, name, _describe(e)))
    if value.dtype.kind not in 'biuf':
        raise ModelFileError('%s: weight "%s" should hold numbers, found '
                             'dtype %s.' % (owner, name, value.dtype))
    expected = dataset.attrs.get(CRC_ATTR)
    if expected is not None and int(expected) != _crc32(value):
        raise ModelFileError('%s: weight "%s" cannot be read: its data does '
                             'not match its CRC-32 checksum (the file is '
                             'corrupt).' % (owner, name))
    if value.dtype.kind == 'f' and not np.all(np.isfinite(value)):
        bad = int(np.size(value) - np.count_nonzero(np.isfinite(value)))
        warnings.warn('%s: weight "%s" contains %d NaN/Inf value(s) (of %d): '
                      'the file is damaged or the model diverged.'
                      % (owner, name, bad, np.size(value)), stacklevel=3)
    return value


def write_weight(group, name, value):
    """Writes a weight dataset with the checksum chosen by `CHECKSUMS`
    (Fletcher-32 needs a chunked dataset: scalars and empty arrays get a
    CRC-32 instead)."""
    value = np.asarray(value)
    fletcher = CHECKSUMS == 'fletcher32' and value.ndim > 0 and \
        value.size > 0
    dataset = group.create_dataset(name, value.shape, dtype=value.dtype,
                                   fletcher32=fletcher)
    dataset[()] = value
    if CHECKSUMS and not fletcher:
        dataset.attrs[CRC_ATTR] = np.uint32(_crc32(value))
