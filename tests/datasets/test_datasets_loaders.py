"""Tests of keras.datasets: the loaders parse small fake files, written in
the real formats into a temporary cache (no network)."""
import gzip
import io
import json
import os
import pickle
import tarfile

import numpy as np
import pytest

from keras import backend as K
from keras.datasets import boston_housing
from keras.datasets import cifar
from keras.datasets import cifar10
from keras.datasets import cifar100
from keras.datasets import fashion_mnist
from keras.datasets import imdb
from keras.datasets import mnist
from keras.datasets import reuters
from keras.utils import data_utils


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty KERAS_HOME; returns its `datasets` folder."""
    monkeypatch.setenv('KERAS_HOME', str(tmp_path))
    folder = tmp_path / 'datasets'
    folder.mkdir()
    return folder


@pytest.fixture
def no_network(monkeypatch):
    """Any download attempt fails, recording the URL."""
    urls = []

    def refuse(origin, fpath):
        urls.append(origin)
        raise RuntimeError('no network in tests: ' + origin)

    monkeypatch.setattr(data_utils, '_download', refuse)
    return urls


@pytest.fixture
def unchecked(monkeypatch):
    """Lets fake files through the hash check: the loader's own `get_file`
    call is recorded, then the real `get_file` runs without the hash."""
    calls = []

    def patch(module):
        def get_file(fname, origin, **kwargs):
            calls.append(dict(kwargs, fname=fname, origin=origin))
            kwargs.pop('file_hash', None)
            return data_utils.get_file(fname, origin, **kwargs)
        monkeypatch.setattr(module, 'get_file', get_file)
        return calls
    return patch


def test_fake_cached_file_failing_hash_is_downloaded_again(cache,
                                                           no_network):
    np.savez(str(cache / 'mnist.npz'), x_train=np.zeros((1, 28, 28)))
    with pytest.raises(RuntimeError, match='no network'):
        mnist.load_data()
    assert no_network == ['https://s3.amazonaws.com/img-datasets/mnist.npz']


def test_mnist(cache, unchecked, no_network):
    calls = unchecked(mnist)
    x = np.arange(3 * 28 * 28, dtype='uint8').reshape(3, 28, 28)
    np.savez(str(cache / 'mnist.npz'), x_train=x, y_train=np.array([1, 2, 3]),
             x_test=x[:1], y_test=np.array([7]))
    (x_train, y_train), (x_test, y_test) = mnist.load_data()
    np.testing.assert_array_equal(x_train, x)
    np.testing.assert_array_equal(y_train, [1, 2, 3])
    assert x_test.shape == (1, 28, 28) and y_test.tolist() == [7]
    assert calls[0]['file_hash'] == '8a61469f7ea1b51cbae51d4f78837e45'
    assert no_network == []


def _write_idx_gz(path, array, header_len):
    with gzip.open(str(path), 'wb') as f:
        f.write(b'\0' * header_len + array.tobytes())


def test_fashion_mnist(cache, unchecked, no_network):
    calls = unchecked(fashion_mnist)
    folder = cache / 'fashion-mnist'
    folder.mkdir()
    images = np.arange(2 * 28 * 28).astype('uint8').reshape(2, 28, 28)
    _write_idx_gz(folder / 'train-labels-idx1-ubyte.gz',
                  np.array([3, 9], 'uint8'), 8)
    _write_idx_gz(folder / 'train-images-idx3-ubyte.gz', images, 16)
    _write_idx_gz(folder / 't10k-labels-idx1-ubyte.gz',
                  np.array([5], 'uint8'), 8)
    _write_idx_gz(folder / 't10k-images-idx3-ubyte.gz', images[1:], 16)
    (x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()
    np.testing.assert_array_equal(x_train, images)
    assert y_train.tolist() == [3, 9] and y_test.tolist() == [5]
    np.testing.assert_array_equal(x_test, images[1:])
    assert no_network == []
    assert [c['file_hash'] for c in calls] == [
        fashion_mnist.FILE_HASHES[f] for f in fashion_mnist.FILES]


def _pickled_batch(labels, label_key, offset):
    n = len(labels)
    data = (np.arange(n * 3072) + offset) % 256
    payload = {b'data': data.astype('uint8').reshape(n, 3072),
               label_key.encode(): labels, b'batch_label': b'fake'}
    return pickle.dumps(payload, protocol=2), data.reshape(n, 3, 32, 32)


def _write_tar_gz(path, dirname, members):
    with tarfile.open(str(path), 'w:gz') as tar:
        for name, blob in members.items():
            info = tarfile.TarInfo(dirname + '/' + name)
            info.size = len(blob)
            tar.addfile(info, io.BytesIO(blob))


def test_cifar_load_batch(tmp_path):
    blob, data = _pickled_batch([4, 2], 'labels', 0)
    path = tmp_path / 'batch'
    path.write_bytes(blob)
    x, y = cifar.load_batch(str(path))
    np.testing.assert_array_equal(x, data)
    assert list(y) == [4, 2]
    with pytest.raises(ValueError, match='fine_labels'):
        cifar.load_batch(str(path), label_key='fine_labels')


@pytest.mark.parametrize('data_format', ['channels_last', 'channels_first'])
def test_cifar10(cache, unchecked, no_network, data_format):
    calls = unchecked(cifar10)
    members, expected_x, expected_y = {}, [], []
    for i in range(1, 6):
        blob, data = _pickled_batch([i, i + 1], 'labels', i)
        members['data_batch_%d' % i] = blob
        expected_x.append(data)
        expected_y += [i, i + 1]
    test_blob, test_data = _pickled_batch([9], 'labels', 100)
    members['test_batch'] = test_blob
    _write_tar_gz(cache / 'cifar-10-batches-py.tar.gz', 'cifar-10-batches-py',
                  members)
    old = K.image_data_format()
    K.set_image_data_format(data_format)
    try:
        (x_train, y_train), (x_test, y_test) = cifar10.load_data()
    finally:
        K.set_image_data_format(old)
    expected_x = np.concatenate(expected_x)
    if data_format == 'channels_last':
        expected_x = expected_x.transpose(0, 2, 3, 1)
        test_data = test_data.transpose(0, 2, 3, 1)
    assert x_train.dtype == np.uint8 and x_train.shape[0] == 10
    np.testing.assert_array_equal(x_train, expected_x)
    np.testing.assert_array_equal(y_train, np.reshape(expected_y, (10, 1)))
    np.testing.assert_array_equal(x_test, test_data)
    assert y_test.tolist() == [[9]]
    assert (cache / 'cifar-10-batches-py' / 'test_batch').exists()
    assert no_network == []
    assert calls[0]['file_hash'] == 'c58f30108f718f92721af3b95e74349a'


def test_cifar100(cache, unchecked, no_network):
    calls = unchecked(cifar100)
    def batch(fine, coarse, offset):
        blob, data = _pickled_batch(fine, 'fine_labels', offset)
        payload = pickle.loads(blob, encoding='bytes')
        payload[b'coarse_labels'] = coarse
        return pickle.dumps(payload, protocol=2), data

    train, train_x = batch([10, 20, 30], [1, 2, 3], 0)
    test, _ = batch([40], [4], 5)
    _write_tar_gz(cache / 'cifar-100-python.tar.gz', 'cifar-100-python',
                  {'train': train, 'test': test})
    (x_train, y_train), (x_test, y_test) = cifar100.load_data('fine')
    assert y_train.tolist() == [[10], [20], [30]] and y_test.tolist() == [[40]]
    assert x_train.shape[0] == 3 and x_test.shape[0] == 1
    expected = (train_x if K.image_data_format() == 'channels_first'
                else train_x.transpose(0, 2, 3, 1))
    np.testing.assert_array_equal(x_train, expected)
    (_, y_train), _ = cifar100.load_data(label_mode='coarse')
    assert y_train.tolist() == [[1], [2], [3]]
    with pytest.raises(ValueError, match='label_mode'):
        cifar100.load_data('medium')
    assert calls[0]['file_hash'] == 'eb9058c3a382ffc7106e4002c42a8d85'


def _record_call(path):
    with open(path, 'w') as f:
        f.write('code from the pickle ran')


class _Poison(object):
    """Pickles to a call of `_record_call`: what a poisoned cache holds."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (_record_call, (self.marker,))


def test_cifar_batch_with_code_is_refused_without_running_it(tmp_path):
    marker = tmp_path / 'ran'
    blob = pickle.dumps({b'data': np.zeros((1, 3072), 'uint8'),
                         b'labels': [_Poison(str(marker))]}, protocol=2)
    path = tmp_path / 'data_batch_1'
    path.write_bytes(blob)
    with pytest.raises(ValueError, match='refused global'):
        cifar.load_batch(str(path))
    assert not marker.exists()
    pickle.loads(blob)  # the same bytes do run code with plain pickle
    assert marker.exists()


@pytest.mark.parametrize('blob, message', [
    (b'not a pickle', 'not a valid CIFAR batch'),
    (pickle.dumps([1, 2]), 'expected a dict'),
    (pickle.dumps({b'data': np.zeros((2, 5)), b'labels': [1, 2]}),
     r'shape \(num_samples, 3072\)'),
])
def test_cifar_batch_damaged(tmp_path, blob, message):
    path = tmp_path / 'batch'
    path.write_bytes(blob)
    with pytest.raises(ValueError, match=message):
        cifar.load_batch(str(path))


def test_download_is_atomic(tmp_path, monkeypatch):
    """A download that fails halfway leaves no file behind (nor a
    previous good file damaged)."""
    target = tmp_path / 'file.bin'

    def broken(url, filename, reporthook=None, data=None):
        with open(filename, 'wb') as f:
            f.write(b'partial')
        raise RuntimeError('connection reset')

    monkeypatch.setattr(data_utils, 'urlretrieve', broken)
    with pytest.raises(RuntimeError, match='connection reset'):
        data_utils._download('http://example.invalid/f', str(target))
    assert list(tmp_path.iterdir()) == []
    target.write_bytes(b'good')
    with pytest.raises(RuntimeError):
        data_utils._download('http://example.invalid/f', str(target))
    assert target.read_bytes() == b'good'
    assert list(tmp_path.iterdir()) == [target]


def test_boston_housing(cache, unchecked, no_network):
    calls = unchecked(boston_housing)
    x = np.arange(20 * 13, dtype='float64').reshape(20, 13)
    y = np.arange(20, dtype='float64')
    np.savez(str(cache / 'boston_housing.npz'), x=x, y=y)
    (x_train, y_train), (x_test, y_test) = boston_housing.load_data(
        test_split=0.25, seed=5)
    order = np.arange(20)
    np.random.RandomState(5).shuffle(order)
    np.testing.assert_array_equal(y_train, order[:15])
    np.testing.assert_array_equal(y_test, order[15:])
    np.testing.assert_array_equal(x_train, x[order[:15]])
    assert calls[0]['file_hash'].startswith('f553886a')
    with pytest.raises(ValueError, match='test_split'):
        boston_housing.load_data(test_split=1.)


RAW_TRAIN = [[1, 2, 3], [4, 5, 6, 7, 8], [9, 1]]
RAW_TEST = [[2, 2], [10, 11, 12, 13]]


def _ragged(seqs):
    out = np.empty(len(seqs), dtype=object)
    for i, s in enumerate(seqs):
        out[i] = list(s)
    return out


@pytest.fixture
def imdb_file(cache, unchecked, no_network):
    calls = unchecked(imdb)
    np.savez(str(cache / 'imdb.npz'), x_train=_ragged(RAW_TRAIN),
             y_train=np.array([0, 1, 0]), x_test=_ragged(RAW_TEST),
             y_test=np.array([1, 0]))
    return calls


def _imdb_expected(seed=113):
    rng = np.random.RandomState(seed)
    train, test = np.arange(3), np.arange(2)
    rng.shuffle(train)
    rng.shuffle(test)
    return ([RAW_TRAIN[i] for i in train], [[0, 1, 0][i] for i in train],
            [RAW_TEST[i] for i in test], [[1, 0][i] for i in test])


def test_imdb_defaults(imdb_file):
    (x_train, y_train), (x_test, y_test) = imdb.load_data()
    train, labels, test, test_labels = _imdb_expected()
    assert x_train.dtype == object and len(x_train) == 3
    assert [list(s) for s in x_train] == [[1] + [w + 3 for w in s]
                                          for s in train]
    assert y_train.tolist() == labels and y_test.tolist() == test_labels
    # Without num_words, the vocabulary ends *below* the largest index (as
    # in Keras): that one word becomes the OOV character.
    assert [list(s) for s in x_test] == [
        [1] + [w + 3 if w + 3 < 16 else 2 for w in s] for s in test]
    assert imdb_file[0]['origin'] == \
        'https://s3.amazonaws.com/text-datasets/imdb.npz'
    assert imdb_file[0]['file_hash'] == '599dadb1135973df5b59232a0e9a887c'


def test_imdb_vocabulary_filters(imdb_file):
    (x_train, _), (x_test, _) = imdb.load_data(num_words=8, skip_top=5,
                                               start_char=None,
                                               index_from=0, oov_char=0)
    train, _, test, _ = _imdb_expected()
    expect = [[w if 5 <= w < 8 else 0 for w in s] for s in train]
    assert [list(s) for s in x_train] == expect
    (x_train, _), _ = imdb.load_data(num_words=8, oov_char=None,
                                     index_from=0, start_char=None)
    assert [list(s) for s in x_train] == [[w for w in s if w < 8]
                                          for s in train]


def test_imdb_maxlen_seed_and_errors(imdb_file):
    (x_train, y_train), (x_test, y_test) = imdb.load_data(maxlen=4)
    # start_char makes lengths 4, 6, 3 / 3, 5: only lengths < 4 are kept.
    kept = [s for s in list(x_train) + list(x_test)]
    assert all(len(s) < 4 for s in kept) and len(kept) == 2
    a = imdb.load_data(seed=1)
    b = imdb.load_data(seed=1)
    assert [list(s) for s in a[0][0]] == [list(s) for s in b[0][0]]
    with pytest.raises(ValueError, match='no sequence was kept'):
        imdb.load_data(maxlen=1)
    with pytest.raises(TypeError, match='Unrecognized keyword'):
        imdb.load_data(bogus=3)
    with pytest.warns(UserWarning, match='nb_words'):
        (x_train, _), _ = imdb.load_data(nb_words=5, oov_char=2)
    assert max(max(s) for s in x_train) < 5


def test_reuters(cache, unchecked, no_network):
    calls = unchecked(reuters)
    raw = [[1, 2], [3, 4, 5], [6], [7, 8, 9, 10], [11, 12]]
    np.savez(str(cache / 'reuters.npz'), x=_ragged(raw),
             y=np.array([0, 1, 2, 3, 4]))
    (x_train, y_train), (x_test, y_test) = reuters.load_data(test_split=0.4)
    order = np.arange(5)
    np.random.RandomState(113).shuffle(order)
    assert len(x_train) == 3 and len(x_test) == 2
    assert y_train.tolist() + y_test.tolist() == order.tolist()
    assert [list(s) for s in x_train] == [[1] + [w + 3 for w in raw[i]]
                                          for i in order[:3]]
    (x_train, _), _ = reuters.load_data(num_words=6, test_split=0.)
    assert all(w < 6 for s in x_train for w in s)
    assert calls[0]['file_hash'] == '87aedbeb0cb229e378797a632c1997b6'


@pytest.mark.parametrize('module,fname,hash_prefix', [
    (imdb, 'imdb_word_index.json', 'bfafd718'),
    (reuters, 'reuters_word_index.json', '4d44cc38'),
])
def test_get_word_index(cache, unchecked, no_network, module, fname,
                        hash_prefix):
    calls = unchecked(module)
    (cache / fname).write_text(json.dumps({'the': 1, 'movie': 2}))
    assert module.get_word_index() == {'the': 1, 'movie': 2}
    assert calls[0]['origin'].endswith(fname)
    assert calls[0]['file_hash'].startswith(hash_prefix)
    assert os.path.basename(calls[0]['fname']) == fname
