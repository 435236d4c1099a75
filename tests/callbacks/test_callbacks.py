"""Tests for keras.callbacks driven by a fake model (no engine needed)."""
import csv
import http.server
import json
import os
import threading
import urllib.parse

import numpy as np
import pytest

from keras import backend as K
from keras import callbacks


class _FakeOptimizer(object):
    def __init__(self, lr=0.1):
        self.lr = K.variable(lr)


class _FakeModel(object):
    """What callbacks use of a model: weights, saving, optimizer.lr."""

    def __init__(self, lr=0.1):
        self.stop_training = False
        self.optimizer = _FakeOptimizer(lr)
        self.weights = [np.zeros(2)]
        self.saved = []
        self.layers = []

    def get_weights(self):
        return [w.copy() for w in self.weights]

    def set_weights(self, weights):
        self.weights = [w.copy() for w in weights]

    def save(self, filepath, overwrite=True):
        self.saved.append(('model', filepath))
        open(filepath, 'w').close()

    def save_weights(self, filepath, overwrite=True):
        self.saved.append(('weights', filepath))
        open(filepath, 'w').close()


def _run_epochs(cbs, model, epoch_logs, params=None, batch_logs=None):
    """Drives callbacks like `fit` would; stops when the model asks."""
    cbks = callbacks.CallbackList(cbs)
    cbks.set_model(model)
    cbks.set_params(params or {'metrics': ['loss', 'val_loss'],
                               'epochs': len(epoch_logs), 'verbose': 0})
    cbks.on_train_begin()
    for epoch, logs in enumerate(epoch_logs):
        cbks.on_epoch_begin(epoch)
        for batch, blogs in enumerate(batch_logs or []):
            cbks.on_batch_begin(batch, {'batch': batch,
                                        'size': blogs.get('size', 1)})
            cbks.on_batch_end(batch, dict(blogs))
        logs = dict(logs)
        cbks.on_epoch_end(epoch, logs)
        if model.stop_training:
            break
    cbks.on_train_end()
    return cbks


def test_callback_list_dispatches_every_hook():
    calls = []

    class Recorder(callbacks.Callback):
        def __getattribute__(self, name):
            attr = object.__getattribute__(self, name)
            if name.startswith('on_'):
                def wrapped(*args, **kwargs):
                    calls.append(name)
                    return attr(*args, **kwargs)
                return wrapped
            return attr

    rec = Recorder()
    cbks = callbacks.CallbackList([rec])
    model = _FakeModel()
    cbks.set_model(model)
    cbks.set_params({'epochs': 1})
    assert rec.model is model and rec.params == {'epochs': 1}
    for mode in ('train', 'test', 'predict'):
        cbks._call_begin_hook(mode)
        cbks._call_batch_hook(mode, 'begin', 0)
        cbks._call_batch_hook(mode, 'end', 0)
        cbks._call_end_hook(mode)
    cbks.on_epoch_begin(0)
    cbks.on_epoch_end(0)
    cbks.on_batch_begin(0)
    cbks.on_batch_end(0)
    assert calls[:4] == ['on_train_begin', 'on_train_batch_begin',
                         'on_batch_begin', 'on_train_batch_end']
    for name in ('on_test_begin', 'on_test_batch_end', 'on_predict_end',
                 'on_epoch_begin', 'on_epoch_end', 'on_batch_end'):
        assert name in calls
    assert list(cbks) == [rec]


def test_base_logger_averages_and_keeps_stateful():
    logger = callbacks.BaseLogger(stateful_metrics=['acc'])
    logger.set_params({'metrics': ['loss', 'acc']})
    logger.on_epoch_begin(0)
    logger.on_batch_end(0, {'size': 2, 'loss': 1.0, 'acc': 0.5})
    logger.on_batch_end(1, {'size': 1, 'loss': 4.0, 'acc': 0.75})
    logs = {}
    logger.on_epoch_end(0, logs)
    assert logs['loss'] == pytest.approx(2.0)  # (2 * 1 + 4) / 3
    assert logs['acc'] == 0.75


def test_history_records_epochs():
    history = callbacks.History()
    _run_epochs([history], _FakeModel(),
                [{'loss': 3.0}, {'loss': 2.0, 'acc': 1.0}])
    assert history.epoch == [0, 1]
    assert history.history == {'loss': [3.0, 2.0], 'acc': [1.0]}


def test_terminate_on_nan(capsys):
    model = _FakeModel()
    cb = callbacks.TerminateOnNaN()
    cb.set_model(model)
    cb.on_batch_end(0, {'loss': 1.0})
    assert not model.stop_training
    cb.on_batch_end(3, {'loss': np.inf})
    assert model.stop_training
    assert 'Batch 3: Invalid loss' in capsys.readouterr().out


def test_progbar_logger_prints_epochs_and_metrics(capsys):
    logger = callbacks.ProgbarLogger(count_mode='steps')
    params = {'metrics': ['loss'], 'epochs': 2, 'verbose': 2, 'steps': 2}
    _run_epochs([logger], _FakeModel(), [{'loss': 1.0}, {'loss': 0.5}],
                params=params, batch_logs=[{'loss': 1.0}, {'loss': 3.0}])
    out = capsys.readouterr().out
    assert 'Epoch 1/2' in out and 'Epoch 2/2' in out
    assert out.count('loss:') == 2
    with pytest.raises(ValueError, match='count_mode'):
        callbacks.ProgbarLogger(count_mode='minutes')


def test_model_checkpoint_formats_and_saves_best(tmp_path):
    model = _FakeModel()
    path = str(tmp_path / 'w.{epoch:02d}-{val_loss:.1f}.h5')
    cb = callbacks.ModelCheckpoint(path, save_best_only=True,
                                   save_weights_only=True)
    _run_epochs([cb], model, [{'val_loss': 3.0}, {'val_loss': 4.0},
                              {'val_loss': 1.0}])
    assert model.saved == [('weights', str(tmp_path / 'w.01-3.0.h5')),
                           ('weights', str(tmp_path / 'w.03-1.0.h5'))]
    assert os.path.exists(str(tmp_path / 'w.03-1.0.h5'))


def test_model_checkpoint_period_and_full_model(tmp_path):
    model = _FakeModel()
    cb = callbacks.ModelCheckpoint(str(tmp_path / 'm{epoch}.h5'), period=2)
    _run_epochs([cb], model, [{}] * 5)
    assert model.saved == [('model', str(tmp_path / 'm2.h5')),
                           ('model', str(tmp_path / 'm4.h5'))]


def test_model_checkpoint_modes(tmp_path):
    acc = callbacks.ModelCheckpoint('x', monitor='val_acc')
    assert acc.monitor_op is np.greater and acc.best == -np.inf
    loss = callbacks.ModelCheckpoint('x')
    assert loss.monitor_op is np.less
    with pytest.warns(RuntimeWarning, match='unknown'):
        callbacks.ModelCheckpoint('x', mode='sideways')
    model = _FakeModel()
    cb = callbacks.ModelCheckpoint(str(tmp_path / 'x'), monitor='val_acc',
                                   mode='min', save_best_only=True)
    _run_epochs([cb], model, [{'val_acc': 0.5}, {'val_acc': 0.9}])
    assert len(model.saved) == 1  # min mode: 0.9 is no improvement
    with pytest.warns(RuntimeWarning, match='Can save best model only'):
        _run_epochs([cb], model, [{'loss': 1.0}])


def test_early_stopping_patience_and_restore():
    model = _FakeModel()
    stopper = callbacks.EarlyStopping(patience=2, restore_best_weights=True)

    class SetWeights(callbacks.Callback):
        # the "training" of each epoch: weights become the epoch index
        def on_epoch_end(self, epoch, logs=None):
            pass

        def on_epoch_begin(self, epoch, logs=None):
            model.weights = [np.full(2, float(epoch))]

    losses = [5.0, 3.0, 4.0, 3.5, 1.0]
    _run_epochs([SetWeights(), stopper], model,
                [{'val_loss': v} for v in losses])
    assert stopper.stopped_epoch == 3
    assert model.stop_training
    np.testing.assert_array_equal(model.weights[0], [1.0, 1.0])


def test_early_stopping_min_delta_and_baseline():
    model = _FakeModel()
    stopper = callbacks.EarlyStopping(monitor='acc', min_delta=0.1,
                                      patience=1)
    _run_epochs([stopper], model, [{'acc': 0.5}, {'acc': 0.55},
                                   {'acc': 0.9}])
    assert stopper.stopped_epoch == 1  # +0.05 is below min_delta
    model = _FakeModel()
    stopper = callbacks.EarlyStopping(baseline=1.0, patience=2)
    _run_epochs([stopper], model, [{'val_loss': 2.0}, {'val_loss': 1.5},
                                   {'val_loss': 0.5}])
    assert stopper.stopped_epoch == 1  # never beat the baseline
    with pytest.warns(RuntimeWarning, match='not available'):
        stopper.on_epoch_end(0, {'loss': 1.0})


class _Recorder(http.server.BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers['Content-Length']))
        _Recorder.received.append((self.path, self.headers['Content-Type'],
                                   self.headers.get('X-Run'), body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def post_server():
    _Recorder.received = []
    server = http.server.HTTPServer(('127.0.0.1', 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield 'http://127.0.0.1:%d' % server.server_address[1]
    server.shutdown()
    server.server_close()


def test_remote_monitor_posts_json(post_server):
    monitor = callbacks.RemoteMonitor(root=post_server, path='/ep/',
                                      send_as_json=True,
                                      headers={'X-Run': 'r1'})
    monitor.on_epoch_end(2, {'loss': np.float32(0.5),
                             'acc': np.array(0.25)})
    path, ctype, run, body = _Recorder.received[-1]
    assert path == '/ep/' and ctype == 'application/json' and run == 'r1'
    assert json.loads(body.decode()) == {'epoch': 2, 'loss': 0.5,
                                         'acc': 0.25}


def test_remote_monitor_posts_form_field(post_server):
    monitor = callbacks.RemoteMonitor(root=post_server, field='payload')
    monitor.on_epoch_end(0, {'loss': 1.5})
    path, ctype, _, body = _Recorder.received[-1]
    assert path == '/publish/epoch/end/'
    assert ctype == 'application/x-www-form-urlencoded'
    form = urllib.parse.parse_qs(body.decode())
    assert json.loads(form['payload'][0]) == {'epoch': 0, 'loss': 1.5}


def test_remote_monitor_warns_when_unreachable():
    monitor = callbacks.RemoteMonitor(root='http://127.0.0.1:1')
    with pytest.warns(UserWarning, match='could not reach'):
        monitor.on_epoch_end(0, {'loss': 1.0})


def test_learning_rate_scheduler_both_signatures():
    model = _FakeModel(lr=0.1)
    sched = callbacks.LearningRateScheduler(lambda epoch: 1.0 / (epoch + 1))
    history = callbacks.History()
    _run_epochs([sched, history], model, [{}, {}, {}])
    assert K.get_value(model.optimizer.lr) == pytest.approx(1.0 / 3)
    np.testing.assert_allclose(history.history['lr'], [1.0, 0.5, 1.0 / 3],
                               rtol=1e-6)

    model = _FakeModel(lr=0.1)
    sched = callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.5)
    _run_epochs([sched], model, [{}, {}])
    assert K.get_value(model.optimizer.lr) == pytest.approx(0.025)


def test_learning_rate_scheduler_errors():
    model = _FakeModel()
    sched = callbacks.LearningRateScheduler(lambda epoch: 'fast')
    sched.set_model(model)
    with pytest.raises(ValueError, match='should be float'):
        sched.on_epoch_begin(0)
    model.optimizer = object()
    with pytest.raises(ValueError, match='"lr" attribute'):
        sched.on_epoch_begin(0)


def test_reduce_lr_on_plateau_with_cooldown():
    model = _FakeModel(lr=1.0)
    reducer = callbacks.ReduceLROnPlateau(factor=0.5, patience=1,
                                          cooldown=2, min_lr=0.2)
    lrs = []

    class LrLog(callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            lrs.append(float(K.get_value(model.optimizer.lr)))

    _run_epochs([reducer, LrLog()], model,
                [{'val_loss': 1.0}] + [{'val_loss': 2.0}] * 6)
    # reduce at epoch 1, cooldown at epoch 2, reduce at 3, cool, then floor
    np.testing.assert_allclose(lrs, [1.0, 0.5, 0.5, 0.25, 0.25, 0.2, 0.2])
    with pytest.raises(ValueError, match='factor >= 1.0'):
        callbacks.ReduceLROnPlateau(factor=2.0)
    with pytest.warns(UserWarning, match='min_delta'):
        reducer = callbacks.ReduceLROnPlateau(epsilon=0.5)
    assert reducer.min_delta == 0.5


def test_csv_logger_write_append_and_separator(tmp_path):
    path = str(tmp_path / 'log.csv')
    logs = [{'loss': 1.0, 'acc': np.float32(0.5)},
            {'loss': 0.5, 'acc': np.float32(0.75)}]
    _run_epochs([callbacks.CSVLogger(path, separator=';')], _FakeModel(),
                logs)
    _run_epochs([callbacks.CSVLogger(path, separator=';', append=True)],
                _FakeModel(), [{'loss': 0.25, 'acc': 1.0}])
    with open(path) as f:
        rows = list(csv.reader(f, delimiter=';'))
    assert rows[0] == ['epoch', 'acc', 'loss']
    assert rows[1:] == [['0', '0.5', '1.0'], ['1', '0.75', '0.5'],
                        ['0', '1.0', '0.25']]
    _run_epochs([callbacks.CSVLogger(path)], _FakeModel(),
                [{'loss': 2.0, 'vec': np.array([1, 2])}])
    with open(path) as f:
        rows = list(csv.reader(f))
    assert rows == [['epoch', 'loss', 'vec'], ['0', '2.0', '"[1, 2]"']]


def test_csv_logger_fills_na_when_stopping(tmp_path):
    path = str(tmp_path / 'log.csv')
    model = _FakeModel()
    stopper = callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: setattr(model, 'stop_training',
                                                 epoch == 1))
    _run_epochs([stopper, callbacks.CSVLogger(path)], model,
                [{'loss': 1.0, 'val_loss': 2.0}, {'loss': 0.5}])
    with open(path) as f:
        rows = list(csv.reader(f))
    assert rows[-1] == ['1', '0.5', 'NA']


def test_lambda_callback_hooks_and_extra_attributes():
    events = []
    cb = callbacks.LambdaCallback(
        on_train_begin=lambda logs: events.append('train_begin'),
        on_epoch_end=lambda epoch, logs: events.append(('epoch', epoch)),
        on_batch_end=lambda batch, logs: events.append(('batch', batch)),
        on_test_begin=lambda logs: events.append('test_begin'))
    _run_epochs([cb], _FakeModel(), [{}], batch_logs=[{'loss': 1.0}])
    cbks = callbacks.CallbackList([cb])
    cbks.on_test_begin()
    assert events == ['train_begin', ('batch', 0), ('epoch', 0),
                      'test_begin']
