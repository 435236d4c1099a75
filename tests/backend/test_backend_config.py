"""Backend settings (`keras.backend.common`) and `keras.json` handling
(`keras.backend.config`). Import-time behaviour runs in subprocesses with
a temporary `KERAS_HOME` / `HOME`."""
import json
import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

from keras import backend as K
from keras.backend import config

from backend_test_utils import cover

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))

cover('floatx', 'set_floatx', 'epsilon', 'set_epsilon', 'image_data_format',
      'set_image_data_format', 'image_dim_ordering', 'set_image_dim_ordering',
      'normalize_data_format', 'cast_to_floatx', 'backend')

KEYS = {'floatx', 'epsilon', 'image_data_format', 'backend'}


def test_floatx():
    assert K.floatx() == 'float32'
    K.set_floatx('float64')
    assert K.floatx() == 'float64'
    K.set_floatx('float16')
    assert K.floatx() == 'float16'
    with pytest.raises(ValueError) as err:
        K.set_floatx('float128')
    assert 'float32' in str(err.value)
    assert K.floatx() == 'float16'


def test_epsilon():
    assert K.epsilon() == 1e-7
    K.set_epsilon(1e-5)
    assert K.epsilon() == 1e-5


def test_image_data_format():
    assert K.image_data_format() == 'channels_last'
    K.set_image_data_format('channels_first')
    assert K.image_data_format() == 'channels_first'
    with pytest.raises(ValueError) as err:
        K.set_image_data_format('channels_middle')
    assert 'channels_first' in str(err.value)
    assert 'channels_last' in str(err.value)
    assert K.image_data_format() == 'channels_first'


def test_image_dim_ordering():
    K.set_image_dim_ordering('th')
    assert K.image_data_format() == 'channels_first'
    assert K.image_dim_ordering() == 'th'
    K.set_image_dim_ordering('tf')
    assert K.image_data_format() == 'channels_last'
    assert K.image_dim_ordering() == 'tf'
    with pytest.raises(ValueError) as err:
        K.set_image_dim_ordering('channels_last')
    assert "'th'" in str(err.value) and "'tf'" in str(err.value)


def test_normalize_data_format():
    assert K.normalize_data_format(None) == 'channels_last'
    assert K.normalize_data_format('Channels_First') == 'channels_first'
    K.set_image_data_format('channels_first')
    assert K.normalize_data_format(None) == 'channels_first'
    with pytest.raises(ValueError) as err:
        K.normalize_data_format('nhwc')
    assert 'channels_first' in str(err.value)


def test_cast_to_floatx():
    x = K.cast_to_floatx([1, 2])
    assert isinstance(x, np.ndarray) and x.dtype == np.float32
    K.set_floatx('float64')
    assert K.cast_to_floatx(np.ones(2, 'int32')).dtype == np.float64


def test_backend_name():
    assert K.backend() in ('tensorflow', 'theano')


def test_engines_follow_settings(engine):
    """Engines read the settings of `common` at call time."""
    K.set_floatx('float64')
    assert engine.dtype(engine.variable(np.ones(2))) == 'float64'
    assert engine.floatx() == 'float64'
    K.set_epsilon(1e-3)
    assert engine.epsilon() == 1e-3


def test_canonical_backend():
    assert config.canonical_backend('tensorflow') == 'tensorflow'
    assert config.canonical_backend('theano') == 'theano'
    assert config.canonical_backend('pytensor') == 'theano'
    assert config.canonical_backend('PyTensor') == 'theano'
    with pytest.raises(ValueError) as err:
        config.canonical_backend('cntk')
    message = str(err.value)
    for name in ('tensorflow', 'theano', 'pytensor'):
        assert name in message


def test_read_config(tmp_path):
    path = tmp_path / 'keras.json'
    assert config.read_config(str(path)) == {}
    path.write_text(json.dumps({'floatx': 'float16', 'other': 1}))
    assert config.read_config(str(path)) == {'floatx': 'float16'}
    path.write_text('{not json')
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        assert config.read_config(str(path)) == {}
    assert any('keras.json' in str(w.message) for w in caught)
    path.write_text('[1, 2]')
    with warnings.catch_warnings(record=True):
        warnings.simplefilter('always')
        assert config.read_config(str(path)) == {}


def test_write_default_config(tmp_path):
    path = tmp_path / 'sub' / 'keras.json'
    config.write_default_config(str(path))
    assert set(json.loads(path.read_text())) == KEYS
    path.write_text('{"floatx": "float64"}')
    config.write_default_config(str(path))   # never overwrites
    assert json.loads(path.read_text()) == {'floatx': 'float64'}


# ---------------------------------------------------------------- imports

PROBE = ('import json, keras.backend as K; '
         'print(json.dumps([K.backend(), K.floatx(), K.epsilon(), '
         'K.image_data_format()]))')


def _import_keras(env_updates, code=PROBE, drop=('KERAS_BACKEND',
                                                 'KERAS_HOME')):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(env_updates)
    env['PYTHONPATH'] = ROOT + os.pathsep + env.get('PYTHONPATH', '')
    return subprocess.run([sys.executable, '-c', code], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def _result(proc):
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_first_import_creates_keras_json(tmp_path):
    home = tmp_path / 'home'
    home.mkdir()
    proc = _import_keras({'HOME': str(home)})
    assert _result(proc) == ['tensorflow', 'float32', 1e-7, 'channels_last']
    path = home / '.keras' / 'keras.json'
    assert path.exists()
    written = json.loads(path.read_text())
    assert set(written) == KEYS
    assert written['backend'] == 'tensorflow'


def test_keras_home_moves_the_folder(tmp_path):
    home, keras_home = tmp_path / 'home', tmp_path / 'elsewhere'
    home.mkdir()
    keras_home.mkdir()
    (keras_home / 'keras.json').write_text(json.dumps({
        'floatx': 'float64', 'epsilon': 1e-4,
        'image_data_format': 'channels_first', 'backend': 'theano'}))
    proc = _import_keras({'HOME': str(home), 'KERAS_HOME': str(keras_home)})
    assert _result(proc) == ['theano', 'float64', 1e-4, 'channels_first']
    assert not (home / '.keras').exists()


def test_keras_backend_variable_overrides_file(tmp_path):
    (tmp_path / 'keras.json').write_text(json.dumps({'backend': 'theano'}))
    proc = _import_keras({'KERAS_HOME': str(tmp_path),
                          'KERAS_BACKEND': 'pytensor'})
    assert _result(proc)[0] == 'theano'


def test_unreadable_keras_json_warns_and_uses_defaults(tmp_path):
    (tmp_path / 'keras.json').write_text('{"floatx": ')
    proc = _import_keras({'KERAS_HOME': str(tmp_path),
                          'KERAS_BACKEND': 'theano'})
    assert _result(proc) == ['theano', 'float32', 1e-7, 'channels_last']
    assert 'keras.json' in proc.stderr


def test_unknown_backend_is_a_clear_error(tmp_path):
    proc = _import_keras({'KERAS_HOME': str(tmp_path),
                          'KERAS_BACKEND': 'cntk'})
    assert proc.returncode != 0
    assert 'ValueError' in proc.stderr
    tail = proc.stderr.strip().splitlines()[-1]
    assert 'cntk' in tail and 'tensorflow' in tail and 'theano' in tail


def test_read_only_home_still_imports(tmp_path):
    """A home (and KERAS_HOME) where nothing can be written: keras imports
    with the defaults."""
    blocker = tmp_path / 'a_file'
    blocker.write_text('')
    proc = _import_keras({'HOME': str(blocker / 'home'),
                          'KERAS_HOME': str(blocker / 'keras'),
                          'KERAS_BACKEND': 'theano'})
    assert _result(proc) == ['theano', 'float32', 1e-7, 'channels_last']


def test_both_engines_import_in_one_process(tmp_path):
    code = ('import keras.backend.tensorflow_backend as T, '
            'keras.backend.theano_backend as P, keras.backend as K; '
            'import json; print(json.dumps([K.backend(), '
            'float(T.eval(T.constant(2.))), float(P.eval(P.constant(3.)))]))')
    proc = _import_keras({'KERAS_HOME': str(tmp_path),
                          'KERAS_BACKEND': 'theano'}, code=code)
    assert _result(proc) == ['theano', 2.0, 3.0]
