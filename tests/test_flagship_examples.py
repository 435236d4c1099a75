"""The flagship demos (examples/nmt_attention.py, examples/captioning.py) on
the active backend: their small modes run end to end, and step-by-step
decoding computes exactly what the teacher-forced training model computes."""
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'examples'))

import nmt_attention  # noqa: E402
import seq2seq_decoding  # noqa: E402


def test_small_mode_trains_decodes_and_plots(tmpdir):
    result = nmt_attention.main(['--small', '--output-dir', str(tmpdir),
                                 '--verbose', '0'])
    assert 0. <= result['bleu'] <= 100.
    losses = result['history']['loss']
    assert len(losses) == 1 and np.isfinite(losses[0])
    assert 0. <= result['history']['val_bleu'][0] <= 100.
    with open(result['heat_map'], 'rb') as png:
        assert png.read(8) == b'\x89PNG\r\n\x1a\n'
    assert os.path.exists(os.path.join(str(tmpdir), 'nmt_best_weights.h5'))


def test_corpus_pairs_are_right():
    assert nmt_attention.number_words(312005) == \
        'three hundred and twelve thousand and five'.split()
    assert nmt_attention.year_words(1905) == 'nineteen oh five'.split()
    assert nmt_attention.year_words(2009) == 'two thousand and nine'.split()
    assert nmt_attention.ordinal_words(21) == ['twenty', 'first']
    assert nmt_attention.ordinal_words(20) == ['twentieth']
    corpus = nmt_attention.make_corpus(50, seed=3)
    assert len({' '.join(s) for s, _ in corpus}) == 50


def untrained():
    corpus = nmt_attention.make_corpus(6, seed=1)
    source_vocab = nmt_attention.Vocabulary([s for s, _ in corpus])
    target_vocab = nmt_attention.Vocabulary([t for _, t in corpus])
    models = nmt_attention.build_models(len(source_vocab), len(target_vocab),
                                        embedding=6, hidden=5)
    # The padding id is never a likely word (as after training), so that
    # decoded words are never masked steps.
    softmax = models[0].get_layer('target_text').layer
    kernel, bias = softmax.get_weights()
    bias[0] = -30.
    softmax.set_weights([kernel, bias])
    lengths = [len(s) for s, _ in corpus]
    assert len(set(lengths)) > 1  # padded sources: the masks matter
    sources = source_vocab.encode([s for s, _ in corpus], max(lengths))
    return models, sources, target_vocab


def step_by_step(model_init, model_next, sources, bos, steps):
    """Greedy decoding through the one-step models; returns the words and
    the probabilities of every step `(batch, steps, vocabulary)`."""
    word = np.full((len(sources), 1), bos, dtype='int32')
    probabilities, context, h, c = model_init.predict_on_batch(
        [sources, word])
    words, history = [], []
    for _ in range(steps):
        history.append(probabilities[:, -1])
        word = probabilities[:, -1].argmax(-1).reshape(-1, 1).astype('int32')
        words.append(word[:, 0])
        probabilities, h, c, _ = model_next.predict_on_batch(
            [word, context, h, c])
    return np.stack(words, 1), np.stack(history, 1)


def test_decoding():
    """One model build for the three decoding checks (the session is
    cleared after every test)."""
    models = untrained()
    check_step_models_give_the_teacher_forced_probabilities(models)
    check_beam_of_one_is_greedy_decoding(models)
    check_beam_search_finds_the_best_scoring_hypotheses(models)


def check_step_models_give_the_teacher_forced_probabilities(untrained):
    (model, model_init, model_next, _), sources, vocab = untrained
    bos = vocab.ids[nmt_attention.BOS]
    words, stepped = step_by_step(model_init, model_next, sources, bos, 5)
    assert (words > 0).all()
    state_below = np.concatenate(
        [np.full((len(sources), 1), bos), words[:, :-1]], 1).astype('int32')
    forced = model.predict_on_batch([sources, state_below])
    np.testing.assert_allclose(stepped, forced, atol=1e-5)


def check_beam_of_one_is_greedy_decoding(untrained):
    (_, model_init, model_next, _), sources, vocab = untrained
    bos, eos = vocab.ids[nmt_attention.BOS], vocab.ids[nmt_attention.EOS]
    greedy = seq2seq_decoding.greedy_decode(model_init, model_next, sources,
                                            bos, eos, max_length=7)
    beam = seq2seq_decoding.beam_search(model_init, model_next, sources, bos,
                                        eos, beam_size=1, max_length=7)
    assert beam == greedy


def check_beam_search_finds_the_best_scoring_hypotheses(untrained):
    """With a beam as wide as the vocabulary and one word at most, beam
    search is exhaustive: it must return the most probable hypothesis
    (log probabilities from the teacher-forced training model)."""
    (model, model_init, model_next, _), sources, vocab = untrained
    bos, eos = vocab.ids[nmt_attention.BOS], vocab.ids[nmt_attention.EOS]
    found = seq2seq_decoding.beam_search(
        model_init, model_next, sources, bos, eos, beam_size=len(vocab),
        max_length=1, length_penalty=0.)
    words = [w for w in range(len(vocab)) if w != eos]
    state_below = np.array([[bos, w] for w in words], dtype='int32')
    for row in range(len(sources)):
        forced = model.predict_on_batch(
            [np.repeat(sources[row:row + 1], len(words), 0), state_below])
        scores = {(): np.log(forced[0, 0, eos])}
        for index, w in enumerate(words):
            scores[(w,)] = np.log(forced[index, 0, w]) + \
                np.log(forced[index, 1, eos])
        best = max(scores, key=scores.get)
        assert tuple(found[row]) == best or np.isclose(
            scores[tuple(found[row])], scores[best], atol=1e-5)


def test_captioning_small_mode(tmpdir):
    import captioning
    result = captioning.main(['--small', '--output-dir', str(tmpdir),
                              '--verbose', '0'])
    assert 0. <= result['bleu'] <= 100.
    assert np.isfinite(result['history']['loss'][0])
    with open(result['figure'], 'rb') as png:
        assert png.read(8) == b'\x89PNG\r\n\x1a\n'


def test_scenes_and_captions_agree():
    import captioning
    images, captions = captioning.make_scenes(30, seed=2)
    assert images.shape == (30, captioning.SIZE, captioning.SIZE, 3)
    for image, words in zip(images, captions):
        # One described shape per lit quadrant.
        lit = [(r, c) for r in captioning.ROWS for c in captioning.COLUMNS
               if image[12 * captioning.ROWS.index(r):
                        12 * captioning.ROWS.index(r) + 12,
                        12 * captioning.COLUMNS.index(c):
                        12 * captioning.COLUMNS.index(c) + 12].max() > .5]
        described = [(words[i + 5], words[i + 6])
                     for i, w in enumerate(words) if w == 'a']
        assert sorted(lit) == sorted(described)
