"""Utilities related to disk I/O: HDF5 datasets as arrays, a dict-like view
of HDF5 groups, in-memory HDF5 files, chunked HDF5 attributes."""
from __future__ import absolute_import, print_function

import io
import pickle
from collections import defaultdict

import numpy as np

try:
    import h5py
except ImportError:  # pragma: no cover - h5py is a dependency
    h5py = None

# HDF5 object headers are limited to 64 KB; attributes are split above it.
HDF5_OBJECT_HEADER_LIMIT = 64512


def _require_h5py():
    if h5py is None:
        raise ImportError('This feature requires h5py (`pip install h5py`).')


def _is_path(path):
    return isinstance(path, (str, bytes)) or hasattr(path, '__fspath__')


def _as_text(value):
    return value.decode('utf8') if isinstance(value, bytes) else str(value)


def save_attributes_to_hdf5_group(group, name, data):
    """Saves a list of strings as attributes of an HDF5 group, split into
    `name0`, `name1`... when it exceeds the object header limit.

    # Arguments
        group: an h5py group.
        name: attribute name.
        data: list of strings (or bytes).

    # Raises
        RuntimeError: if one item alone exceeds the header limit.
    """
    data = [x.encode('utf8') if isinstance(x, str) else x for x in data]
    too_big = [x for x in data if len(x) > HDF5_OBJECT_HEADER_LIMIT]
    if too_big:
        raise RuntimeError('The following attributes cannot be saved to '
                           'HDF5 file because they are larger than %d bytes: '
                           '%s' % (HDF5_OBJECT_HEADER_LIMIT, too_big))
    array = np.asarray(data) if data else np.zeros((0,), dtype='S1')
    chunks = 1
    parts = [array]
    while any(part.nbytes > HDF5_OBJECT_HEADER_LIMIT for part in parts):
        chunks += 1
        parts = np.array_split(array, chunks)
    if chunks > 1:
        for index, part in enumerate(parts):
            group.attrs['%s%d' % (name, index)] = part
    else:
        group.attrs[name] = array


def load_attributes_from_hdf5_group(group, name):
    """Loads a list of strings saved by `save_attributes_to_hdf5_group`
    (joining chunks `name0`, `name1`...).

    # Arguments
        group: an h5py group.
        name: attribute name.

    # Returns
        A list of Python strings (empty when the attribute is absent).
    """
    if name in group.attrs:
        return [_as_text(x) for x in np.atleast_1d(group.attrs[name])]
    values = []
    index = 0
    while '%s%d' % (name, index) in group.attrs:
        values += [_as_text(x)
                   for x in np.atleast_1d(group.attrs['%s%d' % (name,
                                                               index)])]
        index += 1
    return values


class HDF5Matrix(object):
    """Representation of HDF5 dataset to be used instead of a Numpy array.

    # Example

    ```python
        x_data = HDF5Matrix('input/file.hdf5', 'data')
        model.predict(x_data)
    ```

    Providing `start` and `end` allows use of a slice of the dataset.

    Optionally, a normalizer function (or lambda) can be given. This will
    be called on every slice of data retrieved.

    # Arguments
        datapath: string, path to a HDF5 file
        dataset: string, name of the HDF5 dataset in the file specified
            in datapath
        start: int, start of desired slice of the specified dataset
        end: int, end of desired slice of the specified dataset
        normalizer: function to be called on data when retrieved

    # Returns
        An array-like HDF5 dataset.
    """
    refs = defaultdict(int)

    def __init__(self, datapath, dataset, start=0, end=None,
                 normalizer=None):
        _require_h5py()
        if datapath not in self.refs:
            self.refs[datapath] = h5py.File(datapath, 'r')
        self.data = self.refs[datapath][dataset]
        self.start = start
        self.end = self.data.shape[0] if end is None else end
        self.normalizer = normalizer
        first = self.data[0:1]
        if normalizer is not None:
            first = normalizer(first)
        self._base_shape = first.shape[1:]
        self._base_dtype = first.dtype

    def __len__(self):
        return self.end - self.start

    def _absolute(self, index):
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError('Index %d out of range for HDF5Matrix of length '
                             '%d.' % (index, len(self)))
        return index + self.start

    def __getitem__(self, key):
        if isinstance(key, slice):
            start, stop, step = key.indices(len(self))
            if step != 1:
                values = self.data[self.start + start:self.start + stop]
                values = values[::step]
            else:
                values = self.data[self.start + start:self.start + stop]
        elif isinstance(key, (int, np.integer)):
            values = self.data[self._absolute(int(key))]
        elif isinstance(key, (list, np.ndarray)):
            indices = [self._absolute(int(i)) for i in np.asarray(key)]
            order = np.argsort(indices)
            ordered = self.data[sorted(indices)]
            values = np.empty_like(ordered)
            values[order] = ordered
        else:
            raise IndexError('HDF5Matrix indices must be integers, slices or '
                             'integer arrays, got %r.' % (key,))
        if self.normalizer is not None:
            return self.normalizer(values)
        return values

    @property
    def shape(self):
        """Shape of the data (the first axis is the slice length)."""
        return (len(self),) + self._base_shape

    @property
    def dtype(self):
        return self._base_dtype

    @property
    def ndim(self):
        return len(self.shape)

    @property
    def size(self):
        return int(np.prod(self.shape))


def ask_to_proceed_with_overwrite(filepath):
    """Produces a prompt asking about overwriting a file.

    # Arguments
        filepath: the path to the file to be overwritten.

    # Returns
        True if we can proceed with overwrite, False otherwise.
    """
    overwrite = input('[WARNING] %s already exists - overwrite? '
                      '[y/n]' % (filepath)).strip().lower()
    while overwrite not in ('y', 'n'):
        overwrite = input('Enter "y" (overwrite) or "n" '
                          '(cancel).').strip().lower()
    if overwrite == 'n':
        return False
    print('[TIP] Next time specify overwrite=True!')
    return True


class H5Dict(object):
    """A dict-like wrapper around h5py groups (or Python dicts).

    Strings, numbers and lists of strings are stored as attributes (long
    lists are chunked), Numpy arrays as datasets, and a missing key opens a
    new sub-group (unless read-only).

    # Arguments
        path: a file path, an `h5py.Group`/`h5py.File`, or a Python dict.
        mode: file mode ('a', 'r', 'w'); 'r' makes the object read-only.
    """

    def __init__(self, path, mode='a'):
        self._is_file = False
        if isinstance(path, dict):
            self.data = path
            if mode == 'w':
                path.clear()
            path.setdefault('_is_group', True)
        elif h5py is not None and isinstance(path, h5py.Group):
            self.data = path
        elif _is_path(path):
            _require_h5py()
            self.data = h5py.File(path, mode)
            self._is_file = True
        else:
            raise TypeError('H5Dict needs a file path, an h5py Group or a '
                            'dict. Received: %s.' % type(path).__name__)
        self.read_only = mode == 'r'

    @staticmethod
    def is_supported_type(path):
        """Whether `path` can back an H5Dict."""
        return (isinstance(path, dict) or _is_path(path) or
                (h5py is not None and isinstance(path, h5py.Group)))

    def _is_dict(self):
        return isinstance(self.data, dict)

    def __setitem__(self, attr, val):
        if self.read_only:
            raise ValueError('Cannot set item in read-only mode.')
        attr = _as_text(attr)
        is_array = isinstance(val, np.ndarray) or \
            type(val).__module__ == np.__name__
        if self._is_dict():
            if is_array:
                self.data[attr] = pickle.dumps(val)
                self.data['_%s_pickled' % attr] = True
            else:
                self.data[attr] = val
            return
        if attr in self.data:
            raise KeyError('Cannot set attribute. Group with name "%s" '
                           'exists.' % attr)
        if is_array:
            val = np.asarray(val)
            dataset = self.data.create_dataset(attr, val.shape,
                                               dtype=val.dtype)
            dataset[()] = val
        elif isinstance(val, (list, tuple)):
            save_attributes_to_hdf5_group(self.data, attr, list(val))
        elif isinstance(val, bytes):
            # h5py would store bytes as a text string; a fixed-length byte
            # string (Keras 2.3's layout) keeps them bytes, an opaque value
            # keeps trailing NULs too.
            self.data.attrs[attr] = np.void(val) if val.endswith(b'\0') \
                else np.bytes_(val)
        else:
            self.data.attrs[attr] = val

    def __getitem__(self, attr):
        attr = _as_text(attr)
        if self._is_dict():
            if attr in self.data:
                val = self.data[attr]
                if isinstance(val, dict) and val.get('_is_group'):
                    return H5Dict(val, 'r' if self.read_only else 'a')
                if self.data.get('_%s_pickled' % attr):
                    return pickle.loads(val)
                return val
            return self._new_group(attr)
        if attr in self.data.attrs:
            val = self.data.attrs[attr]
            if isinstance(val, np.ndarray) and val.dtype.kind in 'SO':
                return [_as_text(x) for x in val]
            if isinstance(val, np.bytes_):
                return bytes(val)
            if isinstance(val, np.void):
                return val.tobytes()
            return val
        if attr in self.data:
            val = self.data[attr]
            if isinstance(val, h5py.Dataset):
                return np.asarray(val)
            return H5Dict(val, 'r' if self.read_only else 'a')
        if '%s0' % attr in self.data.attrs:
            return load_attributes_from_hdf5_group(self.data, attr)
        return self._new_group(attr)

    def _new_group(self, attr):
        if self.read_only:
            raise ValueError('Cannot create group in read-only mode '
                             '(no key %r).' % attr)
        if self._is_dict():
            group = {'_is_group': True}
            self.data[attr] = group
            return H5Dict(group)
        return H5Dict(self.data.create_group(attr))

    def __contains__(self, key):
        key = _as_text(key)
        if self._is_dict():
            return key in self.data
        return key in self.data or key in self.data.attrs or \
            '%s0' % key in self.data.attrs

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        return iter(self.data)

    def iter(self):
        """Iterates over the keys (groups and datasets)."""
        return iter(self.data)

    def get(self, key, default=None):
        """`self[key]` when present, else `default`."""
        if key in self:
            return self[key]
        return default

    def update(self, *args):
        """Updates a dict-backed H5Dict like `dict.update`."""
        if self._is_dict():
            self.data.update(*args)
            return
        raise NotImplementedError('update is only available for dict-backed '
                                  'H5Dict objects.')

    def close(self):
        """Flushes, and closes the file if this object opened it."""
        if not self._is_dict():
            self.data.file.flush()
            if self._is_file:
                self.data.close()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        self.close()


h5dict = H5Dict


def save_to_binary_h5py(save_function, stream):
    """Calls `save_function(h5file)` on an in-memory HDF5 file and writes
    the resulting bytes to `stream`.

    # Arguments
        save_function: function taking an `h5py.File`.
        stream: file-like object with a `write` method accepting bytes.
    """
    _require_h5py()
    buffer = io.BytesIO()
    with h5py.File(buffer, 'w') as h5file:
        save_function(h5file)
        h5file.flush()
    stream.write(buffer.getvalue())


def load_from_binary_h5py(load_function, stream):
    """Reads HDF5 bytes from `stream` and calls `load_function(h5file)`.

    # Arguments
        load_function: function taking an `h5py.File`.
        stream: file-like object with a `read` method returning bytes.

    # Returns
        What `load_function` returns.
    """
    _require_h5py()
    buffer = io.BytesIO(stream.read())
    with h5py.File(buffer, 'r') as h5file:
        return load_function(h5file)

