"""Utilities related to Keras unit tests."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import io
import os
from unittest import mock

import numpy as np
from numpy.testing import assert_allclose

from .generic_utils import has_arg


def get_test_data(num_train=1000, num_test=500, input_shape=(10,),
                  output_shape=(2,),
                  classification=True, num_classes=2):
    """Generates test data to train a model on.

    classification=True overrides output_shape
    (i.e. output_shape is set to (1,)) and the output
    consists in integers in [0, num_classes-1].

    Otherwise: float output with shape output_shape.

    # Returns
        `(x_train, y_train), (x_test, y_test)`: inputs are drawn around
        the target (class index, or a random location for regression)
        with standard deviation 0.7, so that the task is learnable.
    """
    samples = num_train + num_test
    input_shape = tuple(input_shape)
    if classification:
        y = np.random.randint(0, num_classes, size=(samples,))
        loc = y
    else:
        loc = np.random.random((samples,))
        y = np.random.normal(
            loc=loc.reshape((samples,) + (1,) * len(output_shape)),
            scale=0.7, size=(samples,) + tuple(output_shape))
        y = y.astype(np.float32)
    x = np.random.normal(loc=loc.reshape((samples,) + (1,) * len(input_shape)),
                         scale=0.7, size=(samples,) + input_shape)
    x = x.astype(np.float32)
    return (x[:num_train], y[:num_train]), (x[num_train:], y[num_train:])


def _random_input(input_shape, input_dtype):
    shape = [np.random.randint(1, 4) if dim is None else dim
             for dim in input_shape]
    return (10 * np.random.random(shape)).astype(input_dtype)


def _check_in_model(layer, model, input_data, expected_output_shape,
                    expected_output):
    """Predicts with `model`, checks shape and values, round-trips the
    model config and weights, and trains once when the layer behaves
    differently in training."""
    actual_output = model.predict(input_data)
    for expected_dim, actual_dim in zip(expected_output_shape,
                                        actual_output.shape):
        if expected_dim is not None and expected_dim != actual_dim:
            raise AssertionError(
                'When testing layer %s: compute_output_shape says %s but the '
                'output has shape %s.' % (layer.name, expected_output_shape,
                                          actual_output.shape))
    if expected_output is not None:
        assert_allclose(actual_output, expected_output, rtol=1e-3)

    recovered_model = model.__class__.from_config(model.get_config())
    if model.weights:
        recovered_model.set_weights(model.get_weights())
        assert_allclose(recovered_model.predict(input_data), actual_output,
                        rtol=1e-3)

    if has_arg(layer.call, 'training'):
        model.compile('rmsprop', 'mse')
        model.train_on_batch(input_data, actual_output)
    return actual_output


def layer_test(layer_cls, kwargs={}, input_shape=None, input_dtype=None,
               input_data=None, expected_output=None,
               expected_output_dtype=None, fixed_batch_size=False):
    """Test routine for a layer with a single input tensor
    and single output tensor.

    Builds the layer from `kwargs`, checks `get_weights`/`set_weights`,
    the output dtype and static shape, then runs it in a functional model
    and as the first layer of a `Sequential` model (rebuilt from its
    config): predicted shape against `compute_output_shape`, values against
    `expected_output`, model config and weights round trip, one training
    step when `call` takes a `training` argument.

    # Returns
        The output of the layer on the input data (from the Sequential
        model), for further checks in the caller.
    """
    if input_data is None and not input_shape:
        raise ValueError('layer_test needs `input_shape` or `input_data`.')
    from .. import backend as K
    from ..engine.input_layer import Input
    from ..engine.sequential import Sequential
    from ..engine.training import Model

    if input_data is None:
        if not input_dtype:
            input_dtype = K.floatx()
        input_data = _random_input(input_shape, input_dtype)
    else:
        if input_shape is None:
            input_shape = input_data.shape
        if input_dtype is None:
            input_dtype = input_data.dtype
    if expected_output_dtype is None:
        expected_output_dtype = input_dtype

    layer = layer_cls(**kwargs)
    layer.set_weights(layer.get_weights())
    expected_output_shape = layer.compute_output_shape(input_shape)

    if fixed_batch_size:
        x = Input(batch_shape=input_shape, dtype=input_dtype)
    else:
        x = Input(shape=input_shape[1:], dtype=input_dtype)
    y = layer(x)
    if K.dtype(y) != expected_output_dtype:
        raise AssertionError(
            'When testing layer %s, for input %s, found output dtype=%s but '
            'expected to find %s.\nFull kwargs: %s'
            % (layer_cls.__name__, x, K.dtype(y), expected_output_dtype,
               kwargs))
    static_shape = K.int_shape(y)
    for expected_dim, actual_dim in zip(expected_output_shape, static_shape):
        if None not in (expected_dim, actual_dim) and \
                expected_dim != actual_dim:
            raise AssertionError(
                'When testing layer %s: compute_output_shape says %s but the '
                'output tensor has static shape %s.'
                % (layer_cls.__name__, expected_output_shape, static_shape))

    _check_in_model(layer, Model(x, y), input_data, expected_output_shape,
                    expected_output)

    layer_config = layer.get_config()
    layer_config['batch_input_shape'] = input_shape
    layer = layer.__class__.from_config(layer_config)
    model = Sequential()
    model.add(layer)
    return _check_in_model(layer, model, input_data, expected_output_shape,
                           expected_output)


class _MockFile(io.BytesIO):
    """An in-memory file that stores its content in `store[name]` when it
    is closed after writing."""

    def __init__(self, store, name, mode):
        self._store = store
        self._name = name
        self._writing = any(c in mode for c in 'wa')
        initial = store.get(name, b'') if ('r' in mode or 'a' in mode) \
            else b''
        if 'r' in mode and name not in store:
            raise IOError('No such mocked file: %s' % name)
        super(_MockFile, self).__init__(initial)
        if 'a' in mode:
            self.seek(0, io.SEEK_END)
        self._text = 'b' not in mode

    def read(self, *args):
        data = super(_MockFile, self).read(*args)
        return data.decode('utf8') if self._text else data

    def write(self, data):
        if isinstance(data, str):
            data = data.encode('utf8')
        return super(_MockFile, self).write(data)

    def close(self):
        if self._writing and not self.closed:
            self._store[self._name] = self.getvalue()
        super(_MockFile, self).close()


class tf_file_io_proxy(object):
    """Context manager that mocks TensorFlow's `file_io` module for tests of
    saving to and loading from Google Cloud Storage (`gs://` paths).

    If a `bucket_name` is given (argument or environment variable
    `GCS_TEST_BUCKET`), nothing is mocked and the real bucket is used.
    Otherwise `file_io_module`, the dotted name under which the code under
    test imported `file_io` (e.g. `'keras.engine.saving.tf_file_io'`), has
    its `FileIO`, `file_exists`, `delete_file` and `copy` replaced by an
    in-memory store of `gs://` objects.

    # Arguments
        file_io_module: dotted name of the `file_io` import to patch.
        bucket_name: name of a real GCS bucket to use instead.

    # Raises
        ValueError: if neither is given.
    """
    _gcs_prefix = 'gs://'
    _test_bucket_env_key = 'GCS_TEST_BUCKET'

    def __init__(self, file_io_module=None, bucket_name=None):
        if bucket_name is None:
            bucket_name = os.environ.get(self._test_bucket_env_key, None)
        if bucket_name is None:
            if file_io_module is None:
                raise ValueError('`file_io_module` must be provided for '
                                 'mocking.')
            self.mock_gcs = True
            self.file_io_module = file_io_module
            self.local_objects = {}
            self.bucket_name = 'mock-bucket'
        else:
            self.mock_gcs = False
            self.bucket_name = bucket_name
        self.patchers = []

    def start(self):
        """Starts mocking (nothing to do with a real bucket)."""
        if self.mock_gcs and not self.patchers:
            self.patchers = [
                mock.patch(self.file_io_module + '.' + name, getattr(self, name))
                for name in ('FileIO', 'file_exists', 'delete_file', 'copy')]
            for patcher in self.patchers:
                patcher.start()

    def stop(self):
        """Stops mocking and forgets the mocked objects."""
        if self.mock_gcs:
            self.local_objects = {}
            for patcher in self.patchers:
                patcher.stop()
            self.patchers = []

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *args):
        self.stop()

    def get_filepath(self, filename):
        """The `gs://` path of `filename` in the (mock) bucket."""
        return self._gcs_prefix + self.bucket_name + '/' + filename

    def _check_gcs(self, name):
        if not name.startswith(self._gcs_prefix):
            raise ValueError('mocked file_io should only be used for gcs '
                             'paths, got: %s' % name)

    def FileIO(self, name, mode='r'):
        self._check_gcs(name)
        return _MockFile(self.local_objects, name, mode)

    def file_exists(self, filename):
        if filename.startswith(self._gcs_prefix):
            return filename in self.local_objects
        return os.path.exists(filename)

    def delete_file(self, filename):
        self._check_gcs(filename)
        self.local_objects.pop(filename, None)

    def copy(self, oldpath, newpath, overwrite=False):
        if not overwrite and self.file_exists(newpath):
            raise IOError('File already exists: %s' % newpath)
        if oldpath.startswith(self._gcs_prefix):
            data = self.local_objects[oldpath]
        else:
            with open(oldpath, 'rb') as f:
                data = f.read()
        if newpath.startswith(self._gcs_prefix):
            self.local_objects[newpath] = data
        else:
            with open(newpath, 'wb') as f:
                f.write(data)

    def assert_exists(self, filepath):
        """Asserts that `filepath` exists in the (mock) bucket."""
        assert self.file_exists(filepath), filepath
