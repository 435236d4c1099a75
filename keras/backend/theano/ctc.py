"""Connectionist temporal classification (PyTensor engine): the CTC loss
by the forward algorithm in log space (one `scan` over time for the whole
batch) and greedy decoding. The blank is the last class, as in Keras."""
import numpy as np
import pytensor
import pytensor.tensor as pt

from .. import common

_NEG = -1e30  # finite "log(0)": keeps gradients free of NaN


def _logsumexp(*terms):
    m = terms[0]
    for t in terms[1:]:
        m = pt.maximum(m, t)
    total = sum(pt.exp(t - m) for t in terms)
    return pt.log(total) + m


def _extend_labels(labels, blank):
    """`(B, S)` labels -> `(B, 2S + 1)` with blanks interleaved."""
    batch, length = labels.shape[0], labels.shape[1]
    ext = pt.full((batch, 2 * length + 1), blank, dtype='int64')
    return pt.set_subtensor(ext[:, 1::2], labels)


def _forward(log_probs, labels, input_length, label_length):
    """-log p(labels | inputs) per sample.

    # Arguments
        log_probs: `(T, B, C)` log probabilities (time-major).
        labels: `(B, S)` int64 labels (padding beyond `label_length`).
        input_length, label_length: `(B,)` int64.
    """
    blank = log_probs.shape[2] - 1
    ext = _extend_labels(labels, blank)                     # (B, L)
    n_ext = ext.shape[1]
    rows = pt.arange(ext.shape[0])[:, None]
    # skip transition s-2 -> s allowed for labels different from s-2
    prev2 = pt.concatenate([pt.full((ext.shape[0], 2), -1, dtype='int64'),
                            ext[:, :-2]], axis=1)
    can_skip = pt.and_(pt.neq(ext, blank), pt.neq(ext, prev2))
    neg = np.asarray(_NEG, dtype=log_probs.dtype)
    positions = pt.arange(n_ext)[None, :]
    emit0 = log_probs[0][rows, ext]
    alpha0 = pt.switch(pt.lt(positions, 2), emit0, neg)

    def step(lp_t, t, alpha, ext_, can_skip_, rows_, input_length_):
        shifted1 = pt.concatenate([pt.full((alpha.shape[0], 1), neg,
                                           dtype=alpha.dtype),
                                   alpha[:, :-1]], axis=1)
        shifted2 = pt.concatenate([pt.full((alpha.shape[0], 2), neg,
                                           dtype=alpha.dtype),
                                   alpha[:, :-2]], axis=1)
        shifted2 = pt.switch(can_skip_, shifted2, neg)
        new = _logsumexp(alpha, shifted1, shifted2) + lp_t[rows_, ext_]
        active = pt.lt(t, input_length_)[:, None]
        return pt.switch(active, new, alpha)

    steps = pt.arange(1, log_probs.shape[0])
    alphas = pytensor.scan(step, sequences=[log_probs[1:], steps],
                           outputs_info=[alpha0],
                           non_sequences=[ext, can_skip, rows, input_length],
                           return_updates=False)
    last = pt.concatenate([alpha0[None], alphas], axis=0)[-1]
    end = 2 * label_length
    flat_rows = pt.arange(last.shape[0])
    tail = last[flat_rows, end]
    tail_prev = pt.switch(pt.gt(end, 0),
                          last[flat_rows, pt.maximum(end - 1, 0)], neg)
    return -_logsumexp(tail, tail_prev)


def ctc_batch_cost(y_true, y_pred, input_length, label_length):
    """Runs the CTC loss on each batch element.

    # Arguments
        y_true: `(samples, max_string_length)` truth labels.
        y_pred: `(samples, time_steps, num_categories)` softmax output.
        input_length: `(samples, 1)` sequence length of each `y_pred`.
        label_length: `(samples, 1)` length of each `y_true`.

    # Returns
        Tensor `(samples, 1)` with the CTC loss of each element.
    """
    y_pred = pt.as_tensor_variable(y_pred)
    logits = pt.log(pt.moveaxis(y_pred, 1, 0) +
                    np.asarray(common.epsilon(), dtype=y_pred.dtype))
    log_probs = pt.special.log_softmax(logits, axis=-1)
    labels = pt.cast(y_true, 'int64')
    in_len = pt.cast(pt.flatten(input_length), 'int64')
    lab_len = pt.cast(pt.flatten(label_length), 'int64')
    loss = _forward(log_probs, labels, in_len, lab_len)
    return pt.shape_padright(loss)


def ctc_label_dense_to_sparse(labels, label_lengths):
    """Converts dense labels to a sparse (CSR) matrix of the same shape,
    keeping the first `label_lengths[i]` labels of row `i`.

    # Arguments
        labels: `(batch, max_len)` dense integer labels.
        label_lengths: `(batch,)` lengths.

    # Returns
        A sparse matrix (`K.to_dense` gives the labels with the padding
        zeroed).
    """
    import pytensor.sparse as th_sparse
    labels = pt.as_tensor_variable(labels)
    lengths = pt.flatten(label_lengths)
    keep = pt.lt(pt.arange(labels.shape[1])[None, :], lengths[:, None])
    return th_sparse.csr_from_dense(pt.switch(keep, labels,
                                              pt.zeros_like(labels)))


def ctc_decode(y_pred, input_length, greedy=True, beam_width=100,
               top_paths=1, merge_repeated=False):
    """Decodes the output of a softmax (greedy best path).

    # Arguments
        y_pred: `(samples, time_steps, num_categories)` softmax output.
        input_length: `(samples,)` sequence lengths.
        greedy: only greedy decoding is available on this engine.
        beam_width, top_paths: accepted for compatibility (`top_paths` must
            be 1).
        merge_repeated: unused by greedy decoding (repeats are merged).

    # Returns
        A tuple `([decoded], log_prob)`: `decoded` is `(samples, max_len)`
        padded with -1; `log_prob` `(samples, 1)` is the negative sum of the
        best log-probability at each valid step.

    # Raises
        NotImplementedError: for beam search (`greedy=False`).
    """
    if not greedy or top_paths != 1:
        raise NotImplementedError('ctc_decode: the PyTensor engine supports '
                                  'greedy decoding only (greedy=True, '
                                  'top_paths=1).')
    y_pred = pt.as_tensor_variable(y_pred)
    logp = pt.log(y_pred + np.asarray(common.epsilon(), dtype=y_pred.dtype))
    blank = y_pred.shape[2] - 1
    best = pt.argmax(logp, axis=-1)                          # (B, T)
    steps = pt.arange(y_pred.shape[1])[None, :]
    valid = pt.lt(steps, pt.flatten(input_length)[:, None])
    prev = pt.concatenate([pt.full((best.shape[0], 1), -1, dtype=best.dtype),
                           best[:, :-1]], axis=1)
    keep = valid & pt.neq(best, blank) & pt.neq(best, prev)
    position = pt.cumsum(pt.cast(keep, 'int64'), axis=1) - 1
    width = pt.maximum(pt.max(pt.sum(pt.cast(keep, 'int64'), axis=1)), 0)
    rows, cols = pt.nonzero(keep)
    dense = pt.full((best.shape[0], width), -1, dtype='int64')
    dense = pt.set_subtensor(dense[rows, position[rows, cols]],
                             best[rows, cols])
    log_prob = -pt.sum(pt.max(logp, axis=-1) * pt.cast(valid, logp.dtype),
                       axis=1, keepdims=True)
    return [dense], log_prob


# Single-sequence helpers of the Theano backend (blank = last class)

def ctc_interleave_blanks(Y):
    """Interleaves the label vector `Y` with blanks, marked -1:
    `[a, b] -> [-1, a, -1, b, -1]`."""
    Y = pt.as_tensor_variable(Y)
    out = pt.full((Y.shape[0] * 2 + 1,), -1, dtype=Y.dtype)
    return pt.set_subtensor(out[1::2], Y)


def ctc_create_skip_idxs(Y):
    """Positions `s` of an interleaved label vector from which the path may
    skip to `s + 2` (label positions followed by a different label)."""
    Y = pt.as_tensor_variable(Y)
    skip = pt.arange((Y.shape[0] - 3) // 2) * 2 + 1
    different = pt.neq(Y[skip], Y[skip + 2])
    return skip[pt.nonzero(different)[0]]


def ctc_update_log_p(skip_idxs, zeros, active, log_p_curr, log_p_prev):
    """One forward step over an interleaved label vector.

    # Arguments
        skip_idxs: positions allowed to skip two ahead.
        zeros: a zero vector of the extended length.
        active: number of positions reachable so far.
        log_p_curr: log probabilities of the current step per position.
        log_p_prev: forward log probabilities of the previous step.

    # Returns
        `(active_next, log_p_next)`.
    """
    skip_idxs = pt.cast(skip_idxs, 'int64')
    n = log_p_curr.shape[0]
    active_next = pt.minimum(active + 2, n)
    neg = pt.full((1,), _NEG, dtype=log_p_prev.dtype)
    prev = pt.switch(pt.lt(pt.arange(n), active), log_p_prev, _NEG)
    shifted1 = pt.concatenate([neg, prev[:-1]])
    skip_from = pt.full((n,), _NEG, dtype=prev.dtype)
    skip_from = pt.set_subtensor(skip_from[skip_idxs + 2], prev[skip_idxs])
    total = _logsumexp(prev, shifted1, skip_from) + log_p_curr
    reach = pt.lt(pt.arange(n), active_next)
    return active_next, pt.switch(reach, total, zeros + _NEG)


def ctc_path_probs(predict, Y, alpha=1e-4):
    """Forward log probabilities of the interleaved labels `Y` (blanks -1).

    # Arguments
        predict: `(T, C)` probabilities.
        Y: interleaved labels (see `ctc_interleave_blanks`).
        alpha: smoothing mixed into the probabilities.

    # Returns
        `(log_f, mask)`: `(T, len(Y))` forward log probabilities and the
        boolean mask of the reachable positions.
    """
    predict = pt.as_tensor_variable(predict)
    smoothed = (1 - alpha) * predict[:, Y] + alpha / Y.shape[0]
    L = pt.log(smoothed)
    zeros = pt.zeros_like(L[0])
    skip = ctc_create_skip_idxs(Y)
    first = pt.switch(pt.lt(pt.arange(L.shape[1]), 2), L[0], _NEG)

    def step(log_curr, active, log_prev):
        return ctc_update_log_p(skip, zeros, active, log_curr, log_prev)

    actives, log_f = pytensor.scan(
        step, sequences=[L[1:]],
        outputs_info=[pt.constant(2, dtype='int64'), first],
        return_updates=False)
    log_f = pt.concatenate([first[None], log_f], axis=0)
    actives = pt.concatenate([pt.constant([2], dtype='int64'), actives])
    mask = pt.lt(pt.arange(L.shape[1])[None, :], actives[:, None])
    return log_f, mask


def ctc_cost(predict, Y):
    """CTC loss `-log p(Y | predict)` of one sequence.

    # Arguments
        predict: `(T, C)` probabilities (blank = last class).
        Y: label vector.
    """
    predict = pt.as_tensor_variable(predict)
    log_probs = pt.log(predict)[:, None, :]
    labels = pt.cast(pt.as_tensor_variable(Y), 'int64')[None, :]
    in_len = pt.shape_padleft(pt.cast(predict.shape[0], 'int64'))
    lab_len = pt.shape_padleft(pt.cast(labels.shape[1], 'int64'))
    return _forward(log_probs, labels, in_len, lab_len)[0]
