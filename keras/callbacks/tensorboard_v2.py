"""TensorBoard callback with the TensorFlow 2 event layout of Keras 2.3's
`tensorboard_v2`: training scalars in `log_dir/train`, validation scalars
in `log_dir/validation`, tags `epoch_<metric>` and `batch_<metric>`."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import warnings

from . import tensorboard_v1


class TensorBoard(tensorboard_v1.TensorBoard):
    """Enable visualizations for TensorBoard.

    TensorBoard is a visualization tool provided with TensorFlow.

    This callback logs events for TensorBoard, including:
    * Metrics summary plots
    * Training graph visualization (TensorFlow backend)
    * Weight histograms

    ```sh
    tensorboard --logdir=/full_path_to_your_logs
    ```

    # Arguments
        log_dir: the path of the directory where to save the log
            files to be parsed by TensorBoard.
        histogram_freq: frequency (in epochs) at which to compute weight
            histograms for the layers of the model. If set to 0,
            histograms won't be computed.
        batch_size: deprecated, ignored (a warning says so).
        write_graph: whether to visualize the graph in TensorBoard.
        write_grads: deprecated, ignored (a warning says so).
        write_images: whether to write model weights to visualize as
            image in TensorBoard.
        embeddings_freq, embeddings_layer_names, embeddings_metadata,
        embeddings_data: embedding projections; not supported by this
            implementation (a warning says so).
        update_freq: `'batch'` or `'epoch'` or integer. When using `'batch'`,
            writes the losses and metrics to TensorBoard after each batch.
            The same applies for `'epoch'`. If using an integer, let's say
            `1000`, the callback will write the metrics and losses to
            TensorBoard every 1000 samples.
        **kwargs: options of TensorFlow 2's callback (`profile_batch`, ...)
            that this implementation does not use (a warning says so).
    """

    def __init__(self, log_dir='./logs',
                 histogram_freq=0,
                 batch_size=None,
                 write_graph=True,
                 write_grads=False,
                 write_images=False,
                 embeddings_freq=0,
                 embeddings_layer_names=None,
                 embeddings_metadata=None,
                 embeddings_data=None,
                 update_freq='epoch',
                 **kwargs):
        if batch_size is not None:
            warnings.warn('The TensorBoard callback `batch_size` argument '
                          '(for histogram computation) '
                          'is deprecated with TensorFlow 2.0. '
                          'It will be ignored.')
        if kwargs:
            warnings.warn('The TensorBoard callback ignores the arguments: '
                          '%s.' % ', '.join(sorted(kwargs)))
        self.extra_kwargs = kwargs
        super(TensorBoard, self).__init__(
            log_dir=log_dir, histogram_freq=histogram_freq,
            batch_size=batch_size, write_graph=write_graph,
            write_grads=write_grads, write_images=write_images,
            embeddings_freq=embeddings_freq,
            embeddings_layer_names=embeddings_layer_names,
            embeddings_metadata=embeddings_metadata,
            embeddings_data=embeddings_data, update_freq=update_freq)

    def _warn_unsupported(self):
        if self.write_grads:
            warnings.warn('The TensorBoard callback does not support '
                          'gradients display when using TensorFlow 2.0. '
                          'The `write_grads` argument is ignored.')
        if self.embeddings_freq:
            warnings.warn('TensorBoard: embeddings (`embeddings_freq`) are '
                          'not supported by this implementation and are '
                          'ignored.')

    def _scalar_targets(self, logs, prefix):
        for name, value in logs.items():
            if name in ('batch', 'size', 'num_steps'):
                continue
            if name.startswith('val_'):
                yield 'validation', prefix + '_' + name[4:], value
            else:
                yield 'train', prefix + '_' + name, value

    def _writer(self, run='train'):
        return super(TensorBoard, self)._writer(run or 'train')
