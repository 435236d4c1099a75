"""The suite covers every public function of both engines.

Each engine module's `__all__` is enumerated; every public function must be
exercised by at least one test case of this folder (recorded with
`backend_test_utils.cover`, or named in the engine-specific test files), and
every backend function of the Keras 2.3 contract must exist on the engine.
"""
import glob
import importlib
import inspect
import os
import re

import pytest

from backend_test_utils import COVERED, ENGINES

HERE = os.path.dirname(os.path.abspath(__file__))

#: The backend functions of the contract (`keras.backend.*`), kept in sync
#: with `shared/api/keras_api.json`.
API_FUNCTIONS = [
    'abs', 'all', 'any', 'arange', 'argmax', 'argmin', 'backend',
    'batch_dot', 'batch_flatten', 'batch_get_value', 'batch_normalization',
    'batch_set_value', 'bias_add', 'binary_crossentropy', 'cast',
    'cast_to_floatx', 'categorical_crossentropy', 'ceil', 'clear_session',
    'clip', 'concatenate', 'constant', 'control_dependencies', 'conv1d',
    'conv2d', 'conv2d_transpose', 'conv3d', 'conv3d_transpose', 'cos',
    'count_params', 'count_sketch', 'ctc_batch_cost', 'ctc_decode',
    'ctc_label_dense_to_sparse', 'cumprod', 'cumsum', 'depthwise_conv2d',
    'dot', 'dot_product', 'dropout', 'dtype', 'eager', 'elu', 'epsilon',
    'equal', 'equal_dimensions', 'eval', 'exp', 'expand_dims', 'eye',
    'fft', 'flatten', 'floatx', 'floor', 'foldl', 'foldr', 'function',
    'funequal', 'gather', 'get_session', 'get_uid', 'get_value',
    'gradients', 'greater', 'greater_equal', 'hard_sigmoid', 'identity',
    'ifft', 'image_data_format', 'in_test_phase', 'in_top_k',
    'in_train_phase', 'int_shape', 'is_keras_tensor', 'is_placeholder',
    'is_sparse', 'is_tensor', 'is_variable', 'l1_normalize',
    'l2_normalize', 'learning_phase', 'less', 'less_equal', 'local_conv1d',
    'local_conv2d', 'log', 'log2', 'logsumexp',
    'manual_variable_initialization', 'map_fn', 'max', 'maximum', 'mean',
    'min', 'minimum', 'moving_average_update', 'name_scope', 'ndim',
    'normalize_batch_in_training', 'normalize_data_format', 'not_equal',
    'one_hot', 'ones', 'ones_like', 'pattern_broadcast',
    'permute_dimensions', 'placeholder', 'pool2d', 'pool3d', 'pow',
    'print_tensor', 'prod', 'random_binomial', 'random_normal',
    'random_normal_variable', 'random_uniform', 'random_uniform_variable',
    'real', 'relu', 'repeat', 'repeatRdim', 'repeat_elements',
    'reset_uids', 'reshape', 'resize_images', 'resize_volumes', 'reverse',
    'rnn', 'round', 'scan_conv1d', 'separable_conv1d', 'separable_conv2d',
    'set_epsilon', 'set_floatx', 'set_image_data_format',
    'set_learning_phase', 'set_session', 'set_value', 'shape', 'sigmoid',
    'sign', 'sin', 'size', 'slice', 'softmax', 'softmax_3d', 'softplus',
    'softsign', 'sparse_categorical_crossentropy', 'spatial_2d_padding',
    'spatial_3d_padding', 'sqrt', 'square', 'squeeze', 'stack', 'std',
    'stop_gradient', 'sum', 'switch', 'symbolic', 'tanh',
    'temporal_padding', 'tile', 'to_dense', 'transpose', 'tril',
    'truncated_normal', 'update', 'update_add', 'update_sub', 'var',
    'variable', 'zeros', 'zeros_like',
]

#: Functions that only `keras.backend.tensorflow_backend` has.
TENSORFLOW_ONLY = [
    'conv_input_length', 'get_graph', 'get_variable_shape',
    'inc_subtensor', 'is_symbolic', 'set_subtensor',
]

#: Functions that only `keras.backend.theano_backend` has.
THEANO_ONLY = [
    'as_tensor_variable', 'ctc_cost', 'ctc_create_skip_idxs',
    'ctc_interleave_blanks', 'ctc_path_probs', 'ctc_update_log_p',
    'random_multinomial', 'zeros_symbolic',
]


#: Names defined outside the engines (`keras.backend.load_backend`).
NOT_ENGINE = {'backend'}

#: Test files owned by the engine authors; names they call count as covered.
ENGINE_SPECIFIC_TESTS = ('test_tensorflow_specific.py',
                         'test_theano_specific.py')


def _load_test_modules():
    """Imports every test module of the folder so that their `cover` calls
    have run, whatever pytest selected."""
    for path in sorted(glob.glob(os.path.join(HERE, 'test_backend_*.py'))):
        importlib.import_module(os.path.splitext(os.path.basename(path))[0])


def _names_in_engine_specific_tests():
    names = set()
    for filename in ENGINE_SPECIFIC_TESTS:
        path = os.path.join(HERE, filename)
        if os.path.exists(path):
            with open(path) as f:
                names.update(re.findall(r'\.(\w+)\(', f.read()))
    return names


def _public_functions(module):
    names = getattr(module, '__all__', None)
    assert names is not None, '%s has no __all__' % module.__name__
    out = []
    for name in names:
        if name.startswith('_'):
            continue
        obj = getattr(module, name, None)
        if inspect.isfunction(obj) or inspect.isbuiltin(obj):
            out.append(name)
    return out


@pytest.mark.parametrize('engine_name', sorted(ENGINES))
def test_every_engine_function_is_covered(engine_name):
    _load_test_modules()
    module = importlib.import_module(ENGINES[engine_name])
    covered = COVERED | _names_in_engine_specific_tests()
    missing = sorted(set(_public_functions(module)) - covered)
    assert not missing, ('functions of %s that no backend test exercises: %s'
                         % (engine_name, ', '.join(missing)))


@pytest.mark.parametrize('engine_name', sorted(ENGINES))
def test_engine_has_the_contract_functions(engine_name):
    module = importlib.import_module(ENGINES[engine_name])
    expected = set(API_FUNCTIONS) - NOT_ENGINE
    expected |= set(TENSORFLOW_ONLY if engine_name == 'tensorflow'
                    else THEANO_ONLY)
    exported = set(getattr(module, '__all__', ()))
    missing = sorted(n for n in expected
                     if n not in exported or not callable(getattr(module, n,
                                                                  None)))
    assert not missing, ('%s lacks (or does not export in __all__): %s'
                         % (engine_name, ', '.join(missing)))


def test_registry_names_are_backend_functions():
    """Catches typos in `cover(...)`: every covered name is a contract
    function or exists on the NumPy reference."""
    _load_test_modules()
    from keras.backend import numpy_backend
    known = set(API_FUNCTIONS) | set(TENSORFLOW_ONLY) | set(THEANO_ONLY)
    known |= set(numpy_backend.__all__)
    unknown = sorted(n for n in COVERED if n not in known)
    assert not unknown, 'unknown names in the registry: %s' % unknown


def test_contract_functions_are_all_covered():
    _load_test_modules()
    covered = COVERED | _names_in_engine_specific_tests()
    missing = sorted(set(API_FUNCTIONS) - covered)
    assert not missing, 'contract functions never tested: %s' % missing
