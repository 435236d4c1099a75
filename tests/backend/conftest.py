"""Fixtures of the cross-engine backend suite.

`engine` is parametrized over both engine modules, imported directly, so
one pytest run checks TensorFlow and PyTensor whatever `KERAS_BACKEND` is.
"""
import importlib

import pytest

from keras.backend import common

from backend_test_utils import ENGINES


@pytest.fixture(params=sorted(ENGINES), ids=sorted(ENGINES))
def engine(request):
    """The engine module (`keras.backend.tensorflow_backend` or
    `keras.backend.theano_backend`); its session is cleared afterwards."""
    module = importlib.import_module(ENGINES[request.param])
    yield module
    if hasattr(module, 'clear_session'):
        module.clear_session()


@pytest.fixture(autouse=True)
def _restore_settings():
    """Tests may change floatx, epsilon or the data format: restore them."""
    saved = (common.floatx(), common.epsilon(), common.image_data_format())
    yield
    common.set_floatx(saved[0])
    common.set_epsilon(saved[1])
    common.set_image_data_format(saved[2])
