"""Atomic writes: the target is replaced only by a complete file; a failed
write leaves the previous file and no temporary file behind."""
import csv
import os
import stat

import pytest

from keras import callbacks
from keras.utils.atomic_io import atomic_open, atomic_path


def test_atomic_path_replaces_only_on_success(tmp_path):
    target = tmp_path / 'file.bin'
    target.write_bytes(b'old')
    with pytest.raises(RuntimeError):
        with atomic_path(str(target)) as tmp:
            assert os.path.dirname(tmp) == str(tmp_path)
            with open(tmp, 'wb') as f:
                f.write(b'half')
            assert target.read_bytes() == b'old'
            raise RuntimeError('crash while writing')
    assert target.read_bytes() == b'old'
    assert os.listdir(str(tmp_path)) == ['file.bin']
    with atomic_path(str(target)) as tmp:
        with open(tmp, 'wb') as f:
            f.write(b'new')
    assert target.read_bytes() == b'new'
    assert os.listdir(str(tmp_path)) == ['file.bin']


def test_atomic_path_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    target = tmp_path / 'file.txt'
    target.write_text('x')
    os.chmod(str(target), 0o640)
    with atomic_open(str(target)) as f:
        f.write('y')
    assert stat.S_IMODE(os.stat(str(target)).st_mode) == 0o640
    fresh = tmp_path / 'fresh.txt'
    with atomic_open(str(fresh)) as f:
        f.write('z')
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(os.stat(str(fresh)).st_mode) == 0o666 & ~mask


def test_atomic_open_writes_whole_files_only(tmp_path):
    with pytest.raises(ValueError, match='mode'):
        with atomic_open(str(tmp_path / 'f'), 'a'):
            pass


class _Model(object):
    stop_training = False


def test_csv_logger_file_is_complete_after_every_epoch(tmp_path):
    path = str(tmp_path / 'log.csv')
    logger = callbacks.CSVLogger(path, append=True)
    logger.set_model(_Model())
    logger.on_train_begin()
    assert os.path.exists(path)
    for epoch in range(3):
        logger.on_epoch_end(epoch, {'loss': 1.0 / (epoch + 1)})
        with open(path) as f:
            rows = list(csv.reader(f))
        assert rows[0] == ['epoch', 'loss'] and len(rows) == epoch + 2
    logger.on_train_end()
    assert sorted(os.listdir(str(tmp_path))) == ['log.csv']
