"""Tests for keras.utils.test_utils helpers that need no model."""
import sys
import types

import numpy as np
import pytest

from keras.utils import test_utils


def test_get_test_data_classification():
    np.random.seed(0)
    (x, y), (xt, yt) = test_utils.get_test_data(
        num_train=200, num_test=50, input_shape=(3, 2), num_classes=3)
    assert x.shape == (200, 3, 2) and xt.shape == (50, 3, 2)
    assert y.shape == (200,) and set(np.unique(y)) <= {0, 1, 2}
    assert x.dtype == np.float32
    # inputs are centred on their class index
    for c in range(3):
        assert abs(x[y == c].mean() - c) < 0.3


def test_get_test_data_regression():
    (x, y), (xt, yt) = test_utils.get_test_data(
        num_train=10, num_test=5, input_shape=(4,), output_shape=(2,),
        classification=False)
    assert x.shape == (10, 4) and y.shape == (10, 2) and yt.shape == (5, 2)
    assert y.dtype == np.float32


def test_layer_test_needs_shape_or_data():
    with pytest.raises(ValueError, match='input_shape'):
        test_utils.layer_test(object)


@pytest.fixture
def fake_file_io(monkeypatch):
    module = types.ModuleType('fake_saving_module')
    module.tf_file_io = types.SimpleNamespace(
        FileIO=None, file_exists=None, delete_file=None, copy=None)
    monkeypatch.setitem(sys.modules, 'fake_saving_module', module)
    monkeypatch.delenv('GCS_TEST_BUCKET', raising=False)
    return module


def test_tf_file_io_proxy_mocks_gcs(fake_file_io, tmp_path):
    proxy = test_utils.tf_file_io_proxy('fake_saving_module.tf_file_io')
    file_io = fake_file_io.tf_file_io
    with proxy:
        path = proxy.get_filepath('model.h5')
        assert path == 'gs://mock-bucket/model.h5'
        assert not file_io.file_exists(path)
        with file_io.FileIO(path, 'wb') as f:
            f.write(b'abc')
        proxy.assert_exists(path)
        with file_io.FileIO(path, 'rb') as f:
            assert f.read() == b'abc'
        local = str(tmp_path / 'copy.h5')
        file_io.copy(path, local)
        assert open(local, 'rb').read() == b'abc'
        file_io.copy(local, path + '2')
        assert file_io.file_exists(path + '2')
        with pytest.raises(IOError):
            file_io.copy(local, path)
        file_io.delete_file(path)
        assert not file_io.file_exists(path)
        with pytest.raises(ValueError, match='gcs'):
            file_io.FileIO('/local/path', 'r')
    assert file_io.FileIO is None  # unpatched on exit


def test_tf_file_io_proxy_needs_module_or_bucket(monkeypatch):
    monkeypatch.delenv('GCS_TEST_BUCKET', raising=False)
    with pytest.raises(ValueError, match='file_io_module'):
        test_utils.tf_file_io_proxy()
    real = test_utils.tf_file_io_proxy(bucket_name='my-bucket')
    assert not real.mock_gcs
    assert real.get_filepath('a') == 'gs://my-bucket/a'


def test_tf_file_io_proxy_start_stop(fake_file_io):
    proxy = test_utils.tf_file_io_proxy('fake_saving_module.tf_file_io')
    proxy.start()
    try:
        assert fake_file_io.tf_file_io.file_exists('gs://mock-bucket/x') \
            is False
    finally:
        proxy.stop()
    assert fake_file_io.tf_file_io.file_exists is None


def test_layer_test_runs_dense_and_checks_values():
    from keras.layers import Dense
    out = test_utils.layer_test(
        Dense, kwargs={'units': 2, 'kernel_initializer': 'ones',
                       'bias_initializer': 'zeros'},
        input_data=np.ones((3, 4), dtype='float32'),
        expected_output=np.full((3, 2), 4.0))
    np.testing.assert_allclose(out, np.full((3, 2), 4.0))
    with pytest.raises(AssertionError):
        test_utils.layer_test(
            Dense, kwargs={'units': 2, 'kernel_initializer': 'ones'},
            input_data=np.ones((3, 4), dtype='float32'),
            expected_output=np.zeros((3, 2)))
