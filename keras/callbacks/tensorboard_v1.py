"""TensorBoard callback writing event files (Keras 2.3 `tensorboard_v1`
layout: one run folder, scalar tags named like the logs).

Event files are written with the `tensorboard` package's writer and
protocol buffers, so the callback works on every backend; only the graph
(`write_graph`) needs the TensorFlow backend.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import io
import os
import time
import warnings

import numpy as np

from .. import backend as K
from .callbacks import Callback


def _tensorboard_modules():
    try:
        from tensorboard.compat.proto import event_pb2
        from tensorboard.compat.proto import summary_pb2
        from tensorboard.summary.writer.event_file_writer import \
            EventFileWriter
    except ImportError:
        raise ImportError('The TensorBoard callback needs the `tensorboard` '
                          'package to write event files: '
                          '`pip install tensorboard`.')
    return event_pb2, summary_pb2, EventFileWriter


def _histogram_proto(summary_pb2, values, bins=30):
    values = np.asarray(values, dtype='float64').ravel()
    counts, edges = np.histogram(values, bins=bins)
    return summary_pb2.HistogramProto(
        min=float(values.min()), max=float(values.max()),
        num=float(values.size), sum=float(values.sum()),
        sum_squares=float(np.dot(values, values)),
        bucket_limit=[float(e) for e in edges[1:]],
        bucket=[float(c) for c in counts])


def _image_proto(summary_pb2, weight):
    """A grayscale PNG of a weight, scaled to 0..255; None when the
    weight has no 2D view or Pillow is missing."""
    try:
        from PIL import Image
    except ImportError:
        return None
    w = np.asarray(weight, dtype='float64')
    if w.ndim == 1:
        w = w.reshape((1, -1))
    elif w.ndim > 2:
        w = w.reshape((-1, w.shape[-1]))
    span = w.max() - w.min()
    pixels = ((w - w.min()) / (span if span else 1.) * 255).astype('uint8')
    buffer = io.BytesIO()
    Image.fromarray(pixels, mode='L').save(buffer, format='PNG')
    return summary_pb2.Summary.Image(height=pixels.shape[0],
                                     width=pixels.shape[1], colorspace=1,
                                     encoded_image_string=buffer.getvalue())


def _scalar(value):
    if isinstance(value, (np.ndarray, np.generic)):
        value = value.item()
    return float(value)


class TensorBoard(Callback):
    """TensorBoard basic visualizations.

    [TensorBoard](https://www.tensorflow.org/guide/summaries_and_tensorboard)
    is a visualization tool provided with TensorFlow.

    This callback writes a log for TensorBoard, which allows
    you to visualize dynamic graphs of your training and test
    metrics, as well as histograms and images of the weights
    of the layers in your model.

    If you have installed TensorFlow with pip, you should be able
    to launch TensorBoard from the command line:
    ```sh
    tensorboard --logdir=/full_path_to_your_logs
    ```

    # Arguments
        log_dir: the path of the directory where to save the log
            files to be parsed by TensorBoard.
        histogram_freq: frequency (in epochs) at which to write histograms
            of the layer weights. If set to 0, histograms won't be written.
        batch_size: size of batch of inputs to feed to the network
            for histograms computation (kept for compatibility).
        write_graph: whether to visualize the graph in TensorBoard
            (TensorFlow backend only).
        write_grads: histograms of gradients; not supported by this
            implementation (a warning says so).
        write_images: whether to write model weights to visualize as
            image in TensorBoard (needs Pillow).
        embeddings_freq, embeddings_layer_names, embeddings_metadata,
        embeddings_data: embedding projections; not supported by this
            implementation (a warning says so).
        update_freq: `'batch'` or `'epoch'` or integer. When using `'batch'`,
            writes the losses and metrics to TensorBoard after each batch.
            The same applies for `'epoch'`. If using an integer, let's say
            `10000`, the callback will write the metrics and losses to
            TensorBoard every 10000 samples.

    # Raises
        ImportError: if the `tensorboard` package is missing.
        ValueError: for an invalid `update_freq` or `histogram_freq`.
    """

    def __init__(self, log_dir='./logs',
                 histogram_freq=0,
                 batch_size=32,
                 write_graph=True,
                 write_grads=False,
                 write_images=False,
                 embeddings_freq=0,
                 embeddings_layer_names=None,
                 embeddings_metadata=None,
                 embeddings_data=None,
                 update_freq='epoch'):
        super(TensorBoard, self).__init__()
        self._event_pb2, self._summary_pb2, self._writer_cls = \
            _tensorboard_modules()
        if histogram_freq < 0:
            raise ValueError('`histogram_freq` must be >= 0, got %s.'
                             % histogram_freq)
        if update_freq not in ('batch', 'epoch') and not (
                isinstance(update_freq, int) and update_freq > 0):
            raise ValueError('`update_freq` must be "batch", "epoch" or a '
                             'positive integer, got %r.' % (update_freq,))
        self.log_dir = log_dir
        self.histogram_freq = histogram_freq
        self.batch_size = batch_size
        self.write_graph = write_graph
        self.write_grads = write_grads
        self.write_images = write_images
        self.embeddings_freq = embeddings_freq
        self.embeddings_layer_names = embeddings_layer_names
        self.embeddings_metadata = embeddings_metadata or {}
        self.embeddings_data = embeddings_data
        self.update_freq = update_freq
        self.samples_seen = 0
        self.samples_seen_at_last_write = 0
        self._writers = {}
        self._warn_unsupported()

    def _warn_unsupported(self):
        if self.write_grads:
            warnings.warn('TensorBoard: `write_grads` is not supported by '
                          'this implementation and is ignored.')
        if self.embeddings_freq:
            warnings.warn('TensorBoard: embeddings (`embeddings_freq`) are '
                          'not supported by this implementation and are '
                          'ignored.')

    def _writer(self, run=''):
        """The event file writer of the run folder `run` under log_dir."""
        if run not in self._writers:
            path = os.path.join(self.log_dir, run) if run else self.log_dir
            if not os.path.exists(path):
                os.makedirs(path)
            self._writers[run] = self._writer_cls(path)
        return self._writers[run]

    def _add_values(self, run, step, values):
        if not values:
            return
        event = self._event_pb2.Event(
            wall_time=time.time(), step=int(step),
            summary=self._summary_pb2.Summary(value=values))
        self._writer(run).add_event(event)

    def _scalar_targets(self, logs, prefix):
        """`(run, tag, value)` for each scalar of `logs`; `prefix` is
        `'epoch'` or `'batch'` (unused in this layout)."""
        for name, value in logs.items():
            if name in ('batch', 'size', 'num_steps'):
                continue
            yield '', name, value

    def _write_logs(self, logs, index, prefix='epoch'):
        by_run = {}
        for run, tag, value in self._scalar_targets(logs, prefix):
            by_run.setdefault(run, []).append(
                self._summary_pb2.Summary.Value(tag=tag,
                                                simple_value=_scalar(value)))
        for run, values in by_run.items():
            self._add_values(run, index, values)
            self._writer(run).flush()

    def set_model(self, model):
        super(TensorBoard, self).set_model(model)
        self._writer()  # the run folder exists from the start
        if self.write_graph and K.backend() == 'tensorflow':
            graph_def = K.get_graph().as_graph_def()
            self._writer().add_event(self._event_pb2.Event(
                wall_time=time.time(), step=0,
                graph_def=graph_def.SerializeToString()))
            self._writer().flush()

    def _write_weights(self, epoch):
        values = []
        for layer in self.model.layers:
            for weight, value in zip(layer.weights, layer.get_weights()):
                name = getattr(weight, 'name', layer.name).replace(':', '_')
                if value.size:
                    values.append(self._summary_pb2.Summary.Value(
                        tag=name, histo=_histogram_proto(self._summary_pb2,
                                                         value)))
                if self.write_images:
                    image = _image_proto(self._summary_pb2, value)
                    if image is not None:
                        values.append(self._summary_pb2.Summary.Value(
                            tag=name + '_image', image=image))
        self._add_values('', epoch, values)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            self._write_weights(epoch)
        index = epoch if self.update_freq == 'epoch' else self.samples_seen
        self._write_logs(logs, index, 'epoch')

    def on_batch_end(self, batch, logs=None):
        if self.update_freq == 'epoch':
            return
        logs = logs or {}
        self.samples_seen += logs.get('size', 1)
        since_write = self.samples_seen - self.samples_seen_at_last_write
        if self.update_freq == 'batch' or since_write >= self.update_freq:
            self._write_logs(logs, self.samples_seen, 'batch')
            self.samples_seen_at_last_write = self.samples_seen

    def on_train_end(self, logs=None):
        for writer in self._writers.values():
            writer.close()
        self._writers = {}
