"""Tests for keras.utils.multi_gpu_utils on machines without enough GPUs."""
import pytest

from keras import backend as K
from keras.utils import multi_gpu_model
from keras.utils import multi_gpu_utils


def test_device_name_normalization():
    assert multi_gpu_utils._normalize_device_name(
        '/job:localhost/replica:0/task:0/device:GPU:1') == '/gpu:1'
    assert multi_gpu_utils._normalize_device_name(
        '/device:CPU:0') == '/cpu:0'


def test_one_gpu_is_not_enough():
    if K.backend() != 'tensorflow':
        pytest.skip('the GPU count is only checked on TensorFlow')
    with pytest.raises(ValueError, match='gpus >= 2'):
        multi_gpu_model(None, gpus=1)
    with pytest.raises(ValueError, match='len\\(gpus\\) >= 2'):
        multi_gpu_model(None, gpus=[0])


def test_missing_gpus_are_named():
    if K.backend() != 'tensorflow':
        pytest.skip('the device list is only read on TensorFlow')
    available = multi_gpu_utils._get_available_devices()
    assert '/cpu:0' in available
    gpus = sum(1 for d in available if d.startswith('/gpu:'))
    with pytest.raises(ValueError, match='/gpu:%d' % gpus):
        multi_gpu_model(None, gpus=gpus + 2)


def test_theano_backend_is_rejected():
    if K.backend() == 'tensorflow':
        pytest.skip('checks the message on the theano backend')
    with pytest.raises(ValueError, match='TensorFlow backend'):
        multi_gpu_model(None, gpus=2)
