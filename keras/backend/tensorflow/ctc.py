"""Connectionist temporal classification: loss and decoding.

TensorFlow's CTC ops take sparse, time-major labels and log-probabilities;
these wrappers take Keras' dense, batch-major softmax outputs.
"""
import tensorflow as tf

from .. import common
from .graph import in_graph

_tf_v1 = tf.compat.v1

__all__ = ['ctc_label_dense_to_sparse', 'ctc_batch_cost', 'ctc_decode']


@in_graph
def ctc_label_dense_to_sparse(labels, label_lengths):
    """Converts CTC labels from dense to sparse.

    # Arguments
        labels: dense CTC labels `(samples, max_label_length)`.
        label_lengths: length of the labels `(samples,)`.

    # Returns
        A sparse tensor representation of the labels (the first
        `label_lengths[i]` entries of row `i`).
    """
    labels = tf.convert_to_tensor(labels)
    shape = tf.shape(labels)
    mask = tf.sequence_mask(label_lengths, maxlen=shape[1])
    indices = tf.where(mask)
    values = tf.gather_nd(labels, indices)
    return tf.SparseTensor(indices, values, tf.cast(shape, 'int64'))


def _log_time_major(y_pred):
    eps = tf.constant(common.epsilon(), y_pred.dtype)
    return tf.math.log(tf.transpose(y_pred, perm=[1, 0, 2]) + eps)


@in_graph
def ctc_batch_cost(y_true, y_pred, input_length, label_length):
    """Runs CTC loss algorithm on each batch element.

    # Arguments
        y_true: tensor `(samples, max_string_length)`
            containing the truth labels.
        y_pred: tensor `(samples, time_steps, num_categories)`
            containing the prediction, or output of the softmax
            (the last category is the blank).
        input_length: tensor `(samples, 1)` containing the sequence length for
            each batch item in `y_pred`.
        label_length: tensor `(samples, 1)` containing the sequence length for
            each batch item in `y_true`.

    # Returns
        Tensor with shape (samples,1) containing the
            CTC loss of each element.
    """
    y_pred = tf.convert_to_tensor(y_pred)
    label_length = tf.cast(tf.squeeze(label_length, axis=-1), 'int32')
    input_length = tf.cast(tf.squeeze(input_length, axis=-1), 'int32')
    sparse_labels = tf.cast(ctc_label_dense_to_sparse(
        tf.cast(y_true, 'int32'), label_length), 'int32')
    loss = _tf_v1.nn.ctc_loss(labels=sparse_labels,
                              inputs=_log_time_major(y_pred),
                              sequence_length=input_length)
    return tf.expand_dims(loss, 1)


@in_graph
def ctc_decode(y_pred, input_length, greedy=True, beam_width=100,
               top_paths=1, merge_repeated=False):
    """Decodes the output of a softmax.

    Can use either greedy search (also known as best path)
    or a constrained dictionary search.

    # Arguments
        y_pred: tensor `(samples, time_steps, num_categories)`
            containing the prediction, or output of the softmax.
        input_length: tensor `(samples, )` containing the sequence length for
            each batch item in `y_pred`.
        greedy: perform much faster best-path search if `True`.
            This does not use a dictionary.
        beam_width: if `greedy` is `False`: a beam search decoder will be used
            with a beam of this width.
        top_paths: if `greedy` is `False`,
            how many of the most probable paths will be returned.
        merge_repeated: if `greedy` is `False`,
            merge repeated classes in the output beams.

    # Returns
        Tuple:
            List: if `greedy` is `True`, returns a list of one element that
                contains the decoded sequence.
                If `False`, returns the `top_paths` most probable
                decoded sequences.
                Important: blank labels are returned as `-1`.
            Tensor `(top_paths, )` that contains
                the log probability of each decoded sequence.
    """
    inputs = _log_time_major(tf.convert_to_tensor(y_pred))
    input_length = tf.cast(input_length, 'int32')
    if greedy:
        decoded, log_prob = tf.nn.ctc_greedy_decoder(
            inputs=inputs, sequence_length=input_length)
    else:
        decoded, log_prob = _tf_v1.nn.ctc_beam_search_decoder(
            inputs=inputs, sequence_length=input_length,
            beam_width=beam_width, top_paths=top_paths,
            merge_repeated=merge_repeated)
    dense = [tf.sparse.to_dense(st, default_value=-1) for st in decoded]
    return dense, log_prob
