"""Test configuration shared by the whole suite."""
import os
import sys

import pytest

# PyTensor compiles every new graph to C by default: minutes per test on a
# fresh machine. The tests check values, not speed, so they use PyTensor's
# FAST_COMPILE mode unless told otherwise (benchmarks use the default).
os.environ.setdefault('KERAS_PYTENSOR_MODE', 'FAST_COMPILE')

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


@pytest.fixture(autouse=True)
def _fresh_session():
    """Each test starts from an empty graph and default settings."""
    from keras import backend as K
    yield
    if hasattr(K, 'clear_session'):
        K.clear_session()
