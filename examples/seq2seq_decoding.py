"""Step-by-step decoding of sequence-to-sequence models, as NMT-Keras does:
beam search (batched over sentences, with length normalisation) and greedy
decoding through two one-step models built from the training model's
layers:

- `model_init`: `[source, first word]` -> `[probabilities, context, h, c]`
- `model_next`: `[previous word, context, h, c]` -> `[probabilities, h, c]`

The probabilities are `(batch, 1, vocabulary)`. Used by `nmt_attention.py`
and `captioning.py`.
"""
import numpy as np


def _log(probabilities):
    return np.log(np.maximum(probabilities[:, -1], 1e-12))


def beam_search(model_init, model_next, sources, bos, eos, beam_size=5,
                max_length=20, length_penalty=1.0):
    """Decodes a batch of sources with beam search.

    # Arguments
        model_init, model_next: the one-step models (see the module).
        sources: the batch of model inputs for `model_init` (an array, or a
            list of arrays), first axis the sentences.
        bos, eos: the start and end symbols.
        beam_size: hypotheses kept per sentence.
        max_length: longest hypothesis (end symbol excluded); a hypothesis
            that reaches it ends there (scored with the end symbol).
        length_penalty: the score of a finished hypothesis is its log
            probability divided by `length ** length_penalty` (0: none).

    # Returns
        One list of token ids per sentence (without bos/eos).
    """
    sources = sources if isinstance(sources, list) else [sources]
    count = len(sources[0])
    first = np.full((count, 1), bos, dtype='int32')
    probabilities, context, h, c = model_init.predict_on_batch(
        sources + [first])[:4]
    vocabulary = probabilities.shape[-1]
    # One live hypothesis per sentence at first: the others start at -inf.
    scores = np.full((count, beam_size), -np.inf)
    scores[:, 0] = 0.
    tokens = np.zeros((count, beam_size, 0), dtype='int32')
    context, h, c = (np.repeat(a, beam_size, axis=0) for a in (context, h, c))
    log_p = np.repeat(_log(probabilities), beam_size, axis=0)
    finished = [[] for _ in range(count)]
    for step in range(max_length + 1):
        if step == max_length:
            # Out of length: every live hypothesis ends here.
            for sentence, hypothesis in zip(*np.nonzero(np.isfinite(scores))):
                words = list(tokens[sentence, hypothesis])
                score = scores[sentence, hypothesis] + log_p[
                    sentence * beam_size + hypothesis, eos]
                finished[sentence].append(
                    (score / (len(words) + 1) ** length_penalty, words))
            break
        candidates = scores[:, :, None] + log_p.reshape(count, beam_size,
                                                        vocabulary)
        flat = candidates.reshape(count, -1)
        best = np.argsort(-flat, axis=1, kind='stable')[:, :beam_size]
        scores = np.take_along_axis(flat, best, axis=1)
        beam, word = best // vocabulary, best % vocabulary
        tokens = np.concatenate([np.take_along_axis(
            tokens, beam[:, :, None], axis=1), word[:, :, None]], axis=2)
        rows = (np.arange(count)[:, None] * beam_size + beam).ravel()
        h, c = h[rows], c[rows]
        ends = word == eos
        for sentence, hypothesis in zip(*np.nonzero(ends & np.isfinite(
                scores))):
            words = list(tokens[sentence, hypothesis, :-1])
            finished[sentence].append(
                (scores[sentence, hypothesis] /
                 (len(words) + 1) ** length_penalty, words))
        scores = np.where(ends, -np.inf, scores)
        if all(len(f) >= beam_size for f in finished):
            break
        probabilities, h, c = model_next.predict_on_batch(
            [word.reshape(-1, 1).astype('int32'), context, h, c])[:3]
        log_p = _log(probabilities)
    return [max(f)[1] if f else [] for f in finished]


def greedy_decode(model_init, model_next, sources, bos, eos, max_length=20):
    """Decodes a batch of sources greedily (the most probable word at every
    step); the same as `beam_search` with `beam_size=1`."""
    sources = sources if isinstance(sources, list) else [sources]
    count = len(sources[0])
    word = np.full((count, 1), bos, dtype='int32')
    probabilities, context, h, c = model_init.predict_on_batch(
        sources + [word])[:4]
    outputs = [[] for _ in range(count)]
    done = np.zeros(count, dtype=bool)
    for _ in range(max_length + 1):
        word = probabilities[:, -1].argmax(axis=-1).astype('int32')
        for sentence in np.nonzero(~done)[0]:
            if word[sentence] == eos:
                done[sentence] = True
            elif len(outputs[sentence]) < max_length:
                outputs[sentence].append(int(word[sentence]))
            else:
                done[sentence] = True
        if done.all():
            break
        probabilities, h, c = model_next.predict_on_batch(
            [word.reshape(-1, 1), context, h, c])[:3]
    return outputs
