"""TensorBoard callbacks write event files that TensorBoard's reader loads."""
import os

import numpy as np
import pytest

from keras import backend as K

event_accumulator = pytest.importorskip(
    'tensorboard.backend.event_processing.event_accumulator',
    reason='the TensorBoard callback needs the optional `tensorboard` package')

from keras.callbacks import TensorBoard  # noqa: E402
from keras.callbacks import tensorboard_v1  # noqa: E402


class _Weight(object):
    def __init__(self, name):
        self.name = name


class _Layer(object):
    name = 'dense_1'
    weights = [_Weight('dense_1/kernel:0'), _Weight('dense_1/bias:0')]

    def get_weights(self):
        return [np.arange(6, dtype='float32').reshape((2, 3)),
                np.ones(3, dtype='float32')]


class _Model(object):
    layers = [_Layer()]
    stop_training = False


def _load(path):
    acc = event_accumulator.EventAccumulator(
        str(path), size_guidance={event_accumulator.SCALARS: 0,
                                  event_accumulator.HISTOGRAMS: 0,
                                  event_accumulator.IMAGES: 0})
    acc.Reload()
    return acc


def _scalars(acc, tag):
    return [(e.step, pytest.approx(e.value)) for e in acc.Scalars(tag)]


def _train(cb, epochs=2, batches=0):
    cb.set_model(_Model())
    cb.on_train_begin({})
    for epoch in range(epochs):
        cb.on_epoch_begin(epoch, {})
        for batch in range(batches):
            cb.on_batch_end(batch, {'batch': batch, 'size': 4,
                                    'loss': float(batch)})
        cb.on_epoch_end(epoch, {'loss': 1.0 / (epoch + 1),
                                'val_loss': np.float32(2.0 + epoch)})
    cb.on_train_end({})


def test_v1_writes_epoch_scalars_and_histograms(tmp_path):
    cb = tensorboard_v1.TensorBoard(log_dir=str(tmp_path), histogram_freq=1,
                                    write_graph=False, write_images=True)
    _train(cb)
    acc = _load(tmp_path)
    assert _scalars(acc, 'loss') == [(0, 1.0), (1, 0.5)]
    assert _scalars(acc, 'val_loss') == [(0, 2.0), (1, 3.0)]
    histo = acc.Histograms('dense_1/kernel_0')
    assert [h.step for h in histo] == [0, 1]
    assert histo[0].histogram_value.num == 6
    assert histo[0].histogram_value.max == 5
    assert acc.Tags()['images'] == ['dense_1/kernel_0_image',
                                    'dense_1/bias_0_image']


def test_v2_layout_train_and_validation_runs(tmp_path):
    cb = TensorBoard(log_dir=str(tmp_path), write_graph=False)
    _train(cb)
    train = _load(tmp_path / 'train')
    validation = _load(tmp_path / 'validation')
    assert _scalars(train, 'epoch_loss') == [(0, 1.0), (1, 0.5)]
    assert _scalars(validation, 'epoch_loss') == [(0, 2.0), (1, 3.0)]


def test_batch_and_sample_update_freq(tmp_path):
    cb = TensorBoard(log_dir=str(tmp_path / 'b'), update_freq='batch',
                     write_graph=False)
    _train(cb, epochs=1, batches=3)
    train = _load(tmp_path / 'b' / 'train')
    assert _scalars(train, 'batch_loss') == [(4, 0.0), (8, 1.0), (12, 2.0)]
    # epoch values are indexed by samples seen when not per epoch
    assert _scalars(train, 'epoch_loss') == [(12, 1.0)]
    cb = tensorboard_v1.TensorBoard(log_dir=str(tmp_path / 's'),
                                    update_freq=8, write_graph=False)
    _train(cb, epochs=1, batches=3)
    assert [s for s, _ in _scalars(_load(tmp_path / 's'), 'loss')] == [8, 12]


def test_graph_written_on_tensorflow(tmp_path):
    if K.backend() != 'tensorflow':
        pytest.skip('the graph is a TensorFlow graph')
    K.variable(np.zeros(2), name='tb_graph_var')
    cb = tensorboard_v1.TensorBoard(log_dir=str(tmp_path))
    _train(cb, epochs=1)
    assert _load(tmp_path).Tags()['graph']


def test_argument_checks_and_warnings(tmp_path):
    with pytest.raises(ValueError, match='update_freq'):
        TensorBoard(log_dir=str(tmp_path), update_freq='hourly')
    with pytest.raises(ValueError, match='histogram_freq'):
        TensorBoard(log_dir=str(tmp_path), histogram_freq=-1)
    with pytest.warns(UserWarning, match='batch_size'):
        TensorBoard(log_dir=str(tmp_path), batch_size=32)
    with pytest.warns(UserWarning, match='write_grads'):
        TensorBoard(log_dir=str(tmp_path), write_grads=True)
    with pytest.warns(UserWarning, match='profile_batch'):
        TensorBoard(log_dir=str(tmp_path), profile_batch=2)
    assert not os.listdir(str(tmp_path))
