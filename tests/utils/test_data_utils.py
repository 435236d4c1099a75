"""Tests for keras.utils.data_utils: downloads against a local HTTP server
and file:// URLs (no external network), hashes, archives, enqueuers."""
import functools
import hashlib
import http.server
import os
import pathlib
import tarfile
import threading
import time
import zipfile

import numpy as np
import pytest

from keras.utils import data_utils
from keras.utils.data_utils import (
    get_file, validate_file, urlretrieve, Sequence, OrderedEnqueuer,
    GeneratorEnqueuer)


@pytest.fixture
def http_root(tmp_path):
    """Serves `tmp_path/'srv'` on 127.0.0.1; yields (folder, base url)."""
    root = tmp_path / 'srv'
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, 'http://127.0.0.1:%d/' % server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _sha256(path):
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()


def _md5(path):
    return hashlib.md5(pathlib.Path(path).read_bytes()).hexdigest()


def test_validate_file_detects_algorithm(tmp_path):
    path = tmp_path / 'f.txt'
    path.write_bytes(b'keras')
    assert validate_file(str(path), _sha256(path))
    assert validate_file(str(path), _md5(path))
    assert validate_file(str(path), _md5(path), algorithm='md5')
    assert not validate_file(str(path), _md5(path), algorithm='sha256')
    assert not validate_file(str(path), '0' * 64)
    assert data_utils._hash_file(str(path)) == _sha256(path)
    with pytest.raises(ValueError, match='hash algorithm'):
        data_utils._hash_file(str(path), 'sha1')


def test_urlretrieve_reports_progress(http_root, tmp_path):
    root, url = http_root
    payload = os.urandom(20000)
    (root / 'blob.bin').write_bytes(payload)
    calls = []
    target = tmp_path / 'copy.bin'
    urlretrieve(url + 'blob.bin', str(target),
                lambda *args: calls.append(args))
    assert target.read_bytes() == payload
    assert calls[0] == (1, 8192, 20000)
    assert len(calls) == 3


def test_get_file_http_download_and_cache(http_root, tmp_path, capsys):
    root, url = http_root
    (root / 'data.txt').write_bytes(b'first version')
    cache = tmp_path / 'cache'
    path = get_file('data.txt', url + 'data.txt', cache_dir=str(cache))
    assert path == str(cache / 'datasets' / 'data.txt')
    assert pathlib.Path(path).read_bytes() == b'first version'
    assert 'Downloading data from' in capsys.readouterr().out
    # cached: the server's new content is not fetched again
    (root / 'data.txt').write_bytes(b'second version')
    path = get_file('data.txt', url + 'data.txt', cache_dir=str(cache))
    assert pathlib.Path(path).read_bytes() == b'first version'
    assert 'Downloading' not in capsys.readouterr().out
    # a hash that the cached file does not match triggers a new download
    new_hash = _sha256(root / 'data.txt')
    path = get_file('data.txt', url + 'data.txt', file_hash=new_hash,
                    cache_dir=str(cache))
    assert pathlib.Path(path).read_bytes() == b'second version'
    assert 're-download' in capsys.readouterr().out


def test_get_file_md5_hash_and_cache_subdir(tmp_path):
    src = tmp_path / 'src.txt'
    src.write_bytes(b'abc')
    path = get_file('a.txt', src.as_uri(), md5_hash=_md5(src),
                    cache_subdir='sub', cache_dir=str(tmp_path / 'c'))
    assert path == str(tmp_path / 'c' / 'sub' / 'a.txt')
    assert validate_file(path, _md5(src), algorithm='md5')


def test_get_file_rejects_corrupted_download(tmp_path):
    src = tmp_path / 'src.txt'
    src.write_bytes(b'abc')
    with pytest.raises(ValueError, match='does not match'):
        get_file('a.txt', src.as_uri(), file_hash='0' * 64,
                 cache_dir=str(tmp_path / 'c'))
    assert not (tmp_path / 'c' / 'datasets' / 'a.txt').exists()


def test_get_file_failure_names_url_and_cleans_up(http_root, tmp_path):
    root, url = http_root
    with pytest.raises(Exception, match='URL fetch failure on .*missing'):
        get_file('missing.txt', url + 'missing.txt',
                 cache_dir=str(tmp_path / 'c'))
    assert not (tmp_path / 'c' / 'datasets' / 'missing.txt').exists()


def test_get_file_defaults_to_keras_home(tmp_path, monkeypatch):
    src = tmp_path / 'src.txt'
    src.write_bytes(b'home')
    monkeypatch.setenv('KERAS_HOME', str(tmp_path / 'home'))
    path = get_file('h.txt', src.as_uri())
    assert path == str(tmp_path / 'home' / 'datasets' / 'h.txt')


def _make_payload_dir(tmp_path):
    folder = tmp_path / 'payload'
    folder.mkdir()
    (folder / 'a.txt').write_text('alpha')
    return folder


def test_get_file_extracts_tar_and_zip(http_root, tmp_path):
    root, url = http_root
    payload = _make_payload_dir(tmp_path)
    with tarfile.open(str(root / 'p.tar.gz'), 'w:gz') as archive:
        archive.add(str(payload), arcname='payload_tar')
    with zipfile.ZipFile(str(root / 'p.zip'), 'w') as archive:
        archive.write(str(payload / 'a.txt'), 'payload_zip/a.txt')
    cache = str(tmp_path / 'cache')
    path = get_file('p.tar.gz', url + 'p.tar.gz', extract=True,
                    cache_dir=cache)
    extracted = os.path.join(os.path.dirname(path), 'payload_tar', 'a.txt')
    assert open(extracted).read() == 'alpha'
    get_file('p.zip', url + 'p.zip', extract=True, cache_dir=cache,
             archive_format='zip')
    extracted = os.path.join(os.path.dirname(path), 'payload_zip', 'a.txt')
    assert open(extracted).read() == 'alpha'
    # a zip is not a tar: nothing is extracted
    assert not data_utils._extract_archive(str(root / 'p.zip'),
                                           str(tmp_path / 'x'), 'tar')
    with pytest.raises(ValueError, match='archive_format'):
        data_utils._extract_archive(str(root / 'p.zip'), '.', 'rar')


def test_get_file_untar(http_root, tmp_path):
    root, url = http_root
    payload = _make_payload_dir(tmp_path)
    with tarfile.open(str(root / 'u.tar.gz'), 'w:gz') as archive:
        archive.add(str(payload), arcname='u')
    path = get_file('u', url + 'u.tar.gz', untar=True,
                    cache_dir=str(tmp_path / 'cache'))
    assert path.endswith(os.path.join('datasets', 'u'))
    assert open(os.path.join(path, 'a.txt')).read() == 'alpha'


class _Squares(Sequence):
    """Batch i is [i * i]; counts on_epoch_end calls in `epochs`."""

    def __init__(self, n=5):
        self.n = n
        self.epochs = 0

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return np.array([i * i + 100 * self.epochs])

    def on_epoch_end(self):
        self.epochs += 1


class _Failing(Sequence):
    def __len__(self):
        return 3

    def __getitem__(self, i):
        if i == 1:
            raise KeyError('bad batch %d' % i)
        return i


def test_sequence_iterates_over_batches():
    assert [int(b[0]) for b in _Squares(4)] == [0, 1, 4, 9]
    with pytest.raises(NotImplementedError):
        len(Sequence())


def _take(enqueuer, n, workers=2):
    enqueuer.start(workers=workers, max_queue_size=3)
    try:
        stream = enqueuer.get()
        return [int(next(stream)[0]) for _ in range(n)]
    finally:
        enqueuer.stop()


def test_ordered_enqueuer_threads_ordered_and_infinite():
    seq = _Squares(5)
    enqueuer = OrderedEnqueuer(seq, use_multiprocessing=False)
    out = _take(enqueuer, 12, workers=3)
    # epochs follow each other; on_epoch_end changes the data between them
    assert out[:5] == [0, 1, 4, 9, 16]
    assert out[5:10] == [100, 101, 104, 109, 116]
    assert out[10:] == [200, 201]
    assert not enqueuer.is_running()


def test_ordered_enqueuer_shuffle_visits_every_batch_once_per_epoch():
    enqueuer = OrderedEnqueuer(_Squares(6), shuffle=True)
    out = _take(enqueuer, 12)
    assert sorted(out[:6]) == [0, 1, 4, 9, 16, 25]
    assert sorted(out[6:]) == [100, 101, 104, 109, 116, 125]


def test_ordered_enqueuer_processes():
    enqueuer = OrderedEnqueuer(_Squares(4), use_multiprocessing=True)
    out = _take(enqueuer, 6)
    assert out == [0, 1, 4, 9, 100, 101]


def test_ordered_enqueuer_reraises_worker_error():
    enqueuer = OrderedEnqueuer(_Failing())
    enqueuer.start(workers=1, max_queue_size=2)
    stream = enqueuer.get()
    assert next(stream) == 0
    with pytest.raises(KeyError, match='bad batch 1'):
        next(stream)
    assert not enqueuer.is_running()


def _counter(n):
    for i in range(n):
        yield np.array([i])


def test_generator_enqueuer_threads_finite_generator():
    enqueuer = GeneratorEnqueuer(_counter(7))
    enqueuer.start(workers=1, max_queue_size=3)
    out = [int(x[0]) for x in enqueuer.get()]
    assert out == list(range(7))
    assert not enqueuer.is_running()


def test_generator_enqueuer_processes():
    enqueuer = GeneratorEnqueuer(_counter(1000), use_multiprocessing=True,
                                 random_seed=3)
    out = _take(enqueuer, 5, workers=1)
    assert out == [0, 1, 2, 3, 4]


def _slow_counter():
    i = 0
    while True:
        time.sleep(0.2)
        yield np.array([i])
        i += 1


def test_generator_enqueuer_reports_unsafe_generator():
    enqueuer = GeneratorEnqueuer(_slow_counter())
    enqueuer.start(workers=2, max_queue_size=4)
    with pytest.raises(RuntimeError, match='thread-safe'):
        for _ in range(10):
            next(enqueuer.get())
    assert not enqueuer.is_running()


def test_generator_enqueuer_warns_on_wait_time():
    with pytest.warns(UserWarning, match='wait_time'):
        GeneratorEnqueuer(_counter(1), wait_time=0.1)


def test_pool_helpers_use_shared_registry():
    data_utils.init_pool({'s': [10, 20]})
    assert data_utils.get_index('s', 1) == 20
    data_utils.init_pool_generator({'g': iter([5, 6])}, random_seed=1)
    assert data_utils.next_sample('g') == 5
    data_utils.init_pool({})


def test_ordered_enqueuer_join_end_of_epoch():
    seq = _Squares(3)
    enqueuer = OrderedEnqueuer(seq)
    enqueuer.start(workers=1, max_queue_size=5)
    try:
        stream = enqueuer.get()
        assert [int(next(stream)[0]) for _ in range(3)] == [0, 1, 4]
        enqueuer.join_end_of_epoch()
        assert seq.epochs >= 1
        assert not enqueuer.end_of_epoch_signal.is_set()
    finally:
        enqueuer.stop()
