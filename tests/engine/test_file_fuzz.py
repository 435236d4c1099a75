"""Fuzzing of the loaders: mutated `.h5` files (truncation, byte flips,
deleted groups/attributes, altered JSON) and altered JSON/YAML configs go
through every loader. Each load either succeeds or raises a Keras error
(`ValueError`/`TypeError`, or `OSError` for a file that is not HDF5 at
all) naming the file; never another exception type, never a hang.
Flipped bytes inside weight data are always detected (Fletcher-32), and
NaN weights warn with the layer and weight names.
"""
import contextlib
import json
import random
import signal
import warnings

import h5py
import numpy as np
import pytest
import yaml

from keras import backend as K
from keras.engine import saving_checks
from keras.layers import Dense, Input
from keras.models import (Model, load_model, model_from_json,
                          model_from_yaml, model_from_config)

KERAS_ERRORS = (ValueError, TypeError)
SEED = 2024


class Hang(Exception):
    """Raised by the alarm: a loader took too long."""


@contextlib.contextmanager
def time_limit(seconds):
    def alarm(signum, frame):
        raise Hang('a loader did not return within %d s' % seconds)
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _build():
    inputs = Input(shape=(4,), name='x')
    h = Dense(5, activation='tanh', name='hidden')(inputs)
    model = Model(inputs, Dense(2, name='out')(h))
    model.compile('adam', 'mse')
    return model


@pytest.fixture(scope='module')
def original(tmp_path_factory):
    folder = tmp_path_factory.mktemp('fuzz')
    model = _build()
    x = np.random.RandomState(0).rand(8, 4).astype('float32')
    model.fit(x, np.zeros((8, 2), 'float32'), epochs=1, verbose=0)
    path = str(folder / 'model.h5')
    model.save(path)
    weights = str(folder / 'weights.h5')
    model.save_weights(weights)
    with open(path, 'rb') as f:
        blob = f.read()
    return {'folder': folder, 'path': path, 'weights': weights,
            'blob': blob, 'json': model.to_json(), 'yaml': model.to_yaml(),
            'x': x, 'y': model.predict(x)}


def _outcome(load, source_name, check=None):
    """'ok' (or what `check(result)` says), or the error class name; fails
    on any other exception."""
    try:
        with time_limit(20), warnings.catch_warnings():
            warnings.simplefilter('ignore')
            result = load()
    except Hang:
        raise
    except KERAS_ERRORS as e:
        assert source_name in str(e), (source_name, str(e))
        return type(e).__name__
    except OSError as e:  # not an HDF5 file at all: raised when opening
        assert 'Unable to open HDF5 file' in str(e), str(e)
        assert source_name in str(e)
        return 'OSError'
    return check(result) if check else 'ok'


def _file_loaders(path, target):
    return [lambda: load_model(path, compile=False),
            lambda: target.load_weights(path),
            lambda: target.load_weights(path, by_name=True)]


def _truncations(blob, rng, count):
    for _ in range(count):
        yield blob[:rng.randrange(len(blob))]


def _byte_flips(blob, rng, count):
    for _ in range(count):
        data = bytearray(blob)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        yield bytes(data)


def _h5_edits():
    """Edits of the structure: (description, function of the h5py file)."""
    def delete(path):
        def edit(f):
            del f[path]
        return edit

    def delete_attr(path, name):
        def edit(f):
            del f[path].attrs[name]
        return edit

    def set_attr(path, name, value):
        def edit(f):
            f[path].attrs[name] = value
        return edit

    deep = '{"class_name": "Model", "config": ' + '[' * 5000 + ']' * 5000 + '}'
    return [
        ('no model_weights', delete('model_weights')),
        ('no layer group', delete('model_weights/hidden')),
        ('no dataset', delete('model_weights/out/out')),
        ('no optimizer group', delete('optimizer_weights')),
        ('no model_config', delete_attr('/', 'model_config')),
        ('no training_config', delete_attr('/', 'training_config')),
        ('no layer_names', delete_attr('model_weights', 'layer_names')),
        ('no weight_names', delete_attr('model_weights/hidden',
                                        'weight_names')),
        ('no keras_version', delete_attr('model_weights', 'keras_version')),
        ('bad model_config JSON', set_attr('/', 'model_config', b'{"cla')),
        ('model_config a list', set_attr('/', 'model_config', b'[1, 2]')),
        ('model_config not UTF-8', set_attr('/', 'model_config',
                                            b'\xff\xfe{}')),
        ('model_config a number', set_attr('/', 'model_config', 3)),
        ('deep model_config', set_attr('/', 'model_config',
                                       deep.encode())),
        ('unknown class', set_attr('/', 'model_config', json.dumps(
            {'class_name': 'Nope', 'config': {}}).encode())),
        ('bad training_config JSON', set_attr('/', 'training_config',
                                              b'{"optim')),
        ('training_config a list', set_attr('/', 'training_config',
                                            b'[]')),
        ('weight_names wrong', set_attr('model_weights/hidden',
                                        'weight_names', [b'nope'])),
        ('layer_names wrong', set_attr('model_weights', 'layer_names',
                                       [b'hidden', b'ghost'])),
    ]


def _json_mutations(text, rng, count):
    """Altered JSON model configs."""
    config = json.loads(text)
    layers = config['config']['layers']
    fields = ['class_name', 'config', 'name', 'inbound_nodes']
    yield text[:len(text) // 2]
    yield '[' * 100000
    yield '{"class_name": "Model", "config": null}'
    yield json.dumps({'class_name': 'Model', 'config': {'layers': 3}})
    for _ in range(count):
        mutated = json.loads(text)
        layer = rng.choice(mutated['config']['layers'])
        key = rng.choice(fields)
        choice = rng.randrange(4)
        if choice == 0:
            layer.pop(key, None)
        elif choice == 1:
            layer[key] = rng.choice([None, 3, 'x', [], {}, -1.5])
        elif choice == 2 and isinstance(layer.get('config'), dict) and \
                layer['config']:
            inner = rng.choice(sorted(layer['config']))
            layer['config'][inner] = rng.choice([None, 'bad', -7, [1, 2],
                                                 {'a': 1}, 1e300])
        else:
            mutated['config'][rng.choice(['input_layers', 'output_layers',
                                          'layers'])] = rng.choice(
                [None, [['ghost', 0, 0]], 'x', [[]]])
        yield json.dumps(mutated)
    del layers


def _summary(outcomes):
    counts = {}
    for outcome in outcomes:
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def test_mutated_files_give_keras_errors_or_load(original, tmp_path):
    rng = random.Random(SEED)
    blob = original['blob']
    target = _build()
    outcomes = []
    cases = list(_truncations(blob, rng, 30)) + \
        list(_byte_flips(blob, rng, 50))
    def same_predictions(model):
        """A file that loads must give the original model."""
        if np.allclose(model.predict(original['x']), original['y'],
                       atol=1e-6):
            return 'ok'
        return 'loaded a different model'

    for i, data in enumerate(cases):
        path = str(tmp_path / ('mutated_%d.h5' % i))
        with open(path, 'wb') as f:
            f.write(data)
        loaders = _file_loaders(path, target)
        outcomes.append(_outcome(loaders[0], path, same_predictions))
        for load in loaders[1:]:
            outcomes.append(_outcome(load, path))
        if i % 10 == 9:
            K.clear_session()
            target = _build()
    for i, (what, edit) in enumerate(_h5_edits()):
        path = str(tmp_path / ('edited_%d.h5' % i))
        with open(path, 'wb') as f:
            f.write(blob)
        with h5py.File(path, 'r+') as f:
            edit(f)
        for load in _file_loaders(path, target) + [
                lambda: load_model(path)]:
            outcomes.append(_outcome(load, path))
    counts = _summary(outcomes)
    print('file fuzz: %d loads, outcomes %s' % (len(outcomes), counts))
    assert len(outcomes) >= 300
    assert set(counts) <= {'ok', 'ValueError', 'ModelFileError',
                           'UnsafeDeserializationError', 'TypeError',
                           'OSError'}, counts
    assert counts.get('ok', 0) < len(outcomes)


def _edited_copy(original, tmp_path, what):
    """A copy of the original file with the edit `what` of `_h5_edits`."""
    path = str(tmp_path / 'edited.h5')
    with open(path, 'wb') as f:
        f.write(original['blob'])
    with h5py.File(path, 'r+') as f:
        dict(_h5_edits())[what](f)
    return path


@pytest.mark.parametrize('what', ['no training_config',
                                  'bad training_config JSON',
                                  'training_config a list'])
def test_optional_training_config_loads_uncompiled(original, tmp_path,
                                                   what):
    path = _edited_copy(original, tmp_path, what)
    with pytest.warns(UserWarning, match='not\\* compiled'):
        model = load_model(path)
    assert model.optimizer is None
    np.testing.assert_allclose(model.predict(original['x']), original['y'],
                               rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize('what, message', [
    ('no model_weights', 'no `model_weights` group'),
    ('no model_config', 'No model found'),
    ('bad model_config JSON', 'attribute `model_config` is not valid'),
    ('model_config not UTF-8', 'model_config'),
    ('deep model_config', 'nested too deeply'),
    ('unknown class', 'Unknown layer: Nope'),
    ('no dataset', 'weight "out/kernel'),
    ('no layer group', 'hidden'),
])
def test_damaged_file_messages(original, tmp_path, what, message):
    path = _edited_copy(original, tmp_path, what)
    with pytest.raises(ValueError) as err:
        load_model(path)
    assert path in str(err.value) and message in str(err.value), \
        str(err.value)


def test_not_hdf5_and_missing_files(tmp_path):
    path = str(tmp_path / 'text.h5')
    with open(path, 'w') as f:
        f.write('hello')
    with pytest.raises(OSError, match='truncated or not an HDF5 file'):
        load_model(path)
    with pytest.raises(OSError, match='no such file'):
        load_model(str(tmp_path / 'missing.h5'))


def _weight_offsets(path):
    """(dataset path, byte offset, size) of each weight array's data."""
    found = []

    def visit(name, obj):
        if not isinstance(obj, h5py.Dataset):
            return
        if obj.chunks is not None:
            info = obj.id.get_chunk_info(0)
            found.append((name, info.byte_offset, info.size))
        elif obj.id.get_offset() is not None:
            found.append((name, obj.id.get_offset(),
                          obj.id.get_storage_size()))
    with h5py.File(path, 'r') as f:
        f.visititems(visit)
    return found


def _check_flips_detected(path, blob, tmp_path, expected_weights):
    """Every weight array with a flipped byte fails to load, with the
    layer (or optimizer) and the weight in the message."""
    offsets = _weight_offsets(path)
    layer_weights = [o for o in offsets if o[0].startswith('model_weights')]
    assert len(layer_weights) == expected_weights
    assert len(offsets) > expected_weights  # optimizer weights too
    rng = random.Random(SEED)
    target = _build()
    for name, offset, size in offsets:
        data = bytearray(blob)
        data[offset + rng.randrange(size)] ^= 0x10
        flipped = str(tmp_path / 'flipped.h5')
        with open(flipped, 'wb') as f:
            f.write(bytes(data))
        if name.startswith('optimizer_weights'):
            with h5py.File(flipped, 'r') as f:
                group, weight = f['optimizer_weights'], name.split('/', 1)[1]
                with pytest.raises(saving_checks.ModelFileError,
                                   match='cannot be read'):
                    saving_checks.read_weight(group, weight, 'Optimizer')
            continue
        weight = name.split('/', 2)[2]
        with pytest.raises(ValueError) as err:
            target.load_weights(flipped)
        assert 'cannot be read' in str(err.value)
        assert weight in str(err.value), (weight, str(err.value))


def test_flipped_bytes_in_weight_data_are_detected(original, tmp_path):
    """CRC-32 checksums (the default)."""
    with h5py.File(original['path'], 'r') as f:
        kernel = f['model_weights/hidden'].attrs['weight_names'][0]
        assert saving_checks.CRC_ATTR in f['model_weights/hidden'][
            kernel].attrs
        assert f['model_weights/hidden'][kernel].chunks is None
    _check_flips_detected(original['path'], original['blob'], tmp_path, 4)


def test_fletcher32_checksums(tmp_path, monkeypatch):
    monkeypatch.setattr(saving_checks, 'CHECKSUMS', 'fletcher32')
    path = str(tmp_path / 'fletcher.h5')
    model = _build()
    model.fit(np.ones((2, 4)), np.ones((2, 2)), verbose=0)
    model.save(path)
    with h5py.File(path, 'r') as f:
        group = f['model_weights/hidden']
        assert group[group.attrs['weight_names'][0]].fletcher32
    with open(path, 'rb') as f:
        blob = f.read()
    _check_flips_detected(path, blob, tmp_path, 4)


def test_checksums_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setattr(saving_checks, 'CHECKSUMS', False)
    path = str(tmp_path / 'plain.h5')
    model = _build()
    model.save_weights(path)
    with h5py.File(path, 'r') as f:
        group = f['hidden']
        dataset = group[group.attrs['weight_names'][0]]
        assert not dataset.fletcher32
        assert saving_checks.CRC_ATTR not in dataset.attrs
    model.load_weights(path)


def test_nan_weights_warn_with_layer_and_weight(original, tmp_path):
    path = str(tmp_path / 'nan.h5')
    with open(path, 'wb') as f:
        f.write(original['blob'])
    with h5py.File(path, 'r+') as f:
        group = f['model_weights/hidden']
        name = [n.decode() if isinstance(n, bytes) else n
                for n in group.attrs['weight_names']][0]
        value = np.array(group[name])
        value[0, 0] = np.nan
        del group[name]
        group.create_dataset(name, data=value)
    with pytest.warns(UserWarning) as record:
        load_model(path, compile=False)
    messages = [str(r.message) for r in record if 'NaN' in str(r.message)]
    assert len(messages) == 1
    assert 'hidden' in messages[0] and name in messages[0]
    assert '1 NaN/Inf value(s)' in messages[0]


def test_altered_configs_through_every_config_loader(original):
    rng = random.Random(SEED)
    outcomes = []
    for text in _json_mutations(original['json'], rng, 50):
        outcomes.append(_outcome(lambda: model_from_json(text), 'JSON'))
        try:
            config = json.loads(text)
        except (ValueError, RecursionError):
            continue
        outcomes.append(_outcome(lambda: model_from_yaml(yaml.safe_dump(
            config)), 'YAML'))
        if isinstance(config, dict):
            outcomes.append(_outcome(lambda: model_from_config(config),
                                     'model config'))
        if len(outcomes) % 30 == 0:
            K.clear_session()
    for text in ['a: [', '- 1\n- 2', '{', '!!python/object:os.system {}']:
        outcomes.append(_outcome(lambda: model_from_yaml(text), 'YAML'))
    counts = _summary(outcomes)
    print('config fuzz: %d loads, outcomes %s' % (len(outcomes), counts))
    assert len(outcomes) >= 150
    assert set(counts) <= {'ok', 'ValueError', 'ModelFileError',
                           'TypeError'}, counts


def test_config_loaders_reject_non_strings():
    with pytest.raises(TypeError, match='must be a string'):
        model_from_json(None)
    with pytest.raises(TypeError, match='expects a dictionary'):
        model_from_config('abc')
    with pytest.raises(ValueError, match='not valid'):
        model_from_json('{"class_name": ')
