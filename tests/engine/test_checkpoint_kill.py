"""Checkpoints survive SIGKILL: a training process that checkpoints after
every batch (full model and weights only) is killed at random moments;
after each kill both checkpoint files load.

To keep it quick, one helper process imports Keras once and forks a fresh
trainer for each trial. On PyTensor the model is compiled before the fork;
on TensorFlow the trainer builds it after the fork (a Session's threads do
not survive a fork).
"""
import os
import random
import signal
import subprocess
import sys
import time

import h5py
import numpy as np
import pytest

from keras import backend as K
from keras.models import Sequential, load_model
from keras.layers import Dense

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
TRIALS = 20

SERVER = r'''
import os, sys
import numpy as np
import keras
from keras import callbacks, layers, models

full, weights = sys.argv[1], sys.argv[2]


class Ready(callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        if epoch == 0:
            print('ready', flush=True)


def build():
    model = models.Sequential([layers.Dense(256, input_shape=(256,)),
                               layers.Dense(256), layers.Dense(4)])
    model.compile('adam', 'mse')
    return model


x = np.random.rand(8, 256).astype('float32')
y = np.random.rand(8, 4).astype('float32')
prebuilt = None
if keras.backend.backend() != 'tensorflow':
    prebuilt = build()
    prebuilt._make_train_function()


def train():
    model = prebuilt or build()
    model.fit(x, y, batch_size=8, epochs=10 ** 6, verbose=0,
              callbacks=[callbacks.ModelCheckpoint(full),
                         callbacks.ModelCheckpoint(weights,
                                                   save_weights_only=True),
                         Ready()])


for line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            train()
        finally:
            os._exit(0)
    print(pid, flush=True)
    os.waitpid(pid, 0)
    print('reaped', flush=True)
'''


def _reference_model():
    return Sequential([Dense(256, input_shape=(256,)), Dense(256), Dense(4)])


def _read_line(server, timeout=120):
    start = time.time()
    line = server.stdout.readline()
    if not line:
        raise AssertionError('checkpoint server exited: %s'
                             % server.stderr.read()[-2000:])
    assert time.time() - start < timeout
    return line.strip()


@pytest.mark.skipif(not hasattr(os, 'fork'), reason='needs os.fork')
def test_checkpoints_load_after_sigkill(tmp_path):
    full = str(tmp_path / 'full.h5')
    weights = str(tmp_path / 'weights.h5')
    env = dict(os.environ, PYTHONPATH=ROOT, KERAS_BACKEND=K.backend(),
               TF_CPP_MIN_LOG_LEVEL='3', PYTHONWARNINGS='ignore')
    server = subprocess.Popen([sys.executable, '-c', SERVER, full, weights],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env, text=True,
                              bufsize=1)
    rng = random.Random(1234)
    model = _reference_model()
    loaded = 0
    try:
        for trial in range(TRIALS):
            server.stdin.write('go\n')
            server.stdin.flush()
            pid = int(_read_line(server))
            assert _read_line(server) == 'ready'
            time.sleep(rng.uniform(0., 0.2))
            os.kill(pid, signal.SIGKILL)
            assert _read_line(server) == 'reaped'
            # Both files are whole HDF5 files with every weight readable
            # (the whole model is rebuilt from the file on the first and
            # last trials; the others read its config, weights and
            # optimizer state, which is quicker).
            if trial in (0, TRIALS - 1):
                restored = load_model(full, compile=trial == TRIALS - 1)
                assert np.all(np.isfinite(restored.predict(
                    np.ones((1, 256), 'float32'))))
            model.load_weights(full)
            with h5py.File(full, 'r') as f:
                config = f.attrs['model_config']
                if isinstance(config, bytes):
                    config = config.decode('utf8')
                assert 'Sequential' in config
                group = f['optimizer_weights']
                for name in group.attrs['weight_names']:
                    np.asarray(group[name])
            model.load_weights(weights)
            loaded += 1
    finally:
        server.stdin.close()
        server.kill()
        server.wait()
    assert loaded == TRIALS
    # Killed writes can leave hidden temporary files, never damaged targets.
    names = sorted(os.listdir(str(tmp_path)))
    assert 'full.h5' in names and 'weights.h5' in names
    assert all(n.startswith('.') and n.endswith('.tmp')
               for n in names if n not in ('full.h5', 'weights.h5'))
