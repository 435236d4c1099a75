"""Neural machine translation with attention, the NMT-Keras way.

Translates English number and date expressions into their digit forms,
e.g. "the twenty first of march nineteen ninety nine" -> "1 9 9 9 - 0 3 -
2 1" (the date is reordered: year, month, day) and "three hundred and
twelve thousand and five" -> "3 1 2 0 0 5". The parallel corpus is
generated here (no download); a held-out test set is scored with BLEU
(sacrebleu).

The model is NMT-Keras' attentional encoder-decoder:
- source and target embeddings (`mask_zero=True`: masks flow through the
  whole model), a bidirectional LSTM encoder;
- an `AttConditionalLSTMCond` decoder initialised from the mean of the
  annotations (`MaskedMean` -> `Dense(tanh)`);
- a deep output: `TimeDistributed(Dense)` over the decoder state, over the
  attended context (which the decoder returns time-major, so it is
  permuted back with `PermuteGeneral((1, 0, 2))`) and over the previous
  word, summed, tanh, then a softmax over the target vocabulary;
- per-layer learning-rate multipliers on the embeddings.

Training uses `fit` with checkpointing and early stopping on the
validation BLEU. Decoding is beam search (beam 5, length normalisation)
through `model_init` / `model_next`, one-step models built from the same
layers. Prints the test BLEU and sample translations, and saves the
attention weights of one sentence as a PNG heat map.

    python examples/nmt_attention.py                  # about 3-6 minutes
    python examples/nmt_attention.py --backend theano
    python examples/nmt_attention.py --small          # seconds (tests)
"""
import argparse
import os
import sys

import numpy as np

PAD, BOS, EOS = '<pad>', '<s>', '</s>'

ONES = ('zero one two three four five six seven eight nine ten eleven '
        'twelve thirteen fourteen fifteen sixteen seventeen eighteen '
        'nineteen').split()
TENS = 'twenty thirty forty fifty sixty seventy eighty ninety'.split()
MONTHS = ('january february march april may june july august september '
          'october november december').split()
ORDINALS = ('first second third fourth fifth sixth seventh eighth ninth '
            'tenth eleventh twelfth thirteenth fourteenth fifteenth '
            'sixteenth seventeenth eighteenth nineteenth').split()


# -- the corpus ---------------------------------------------------------------

def below_hundred(n):
    """English words of 0 <= n < 100."""
    if n < 20:
        return [ONES[n]]
    tens, ones = divmod(n, 10)
    return [TENS[tens - 2]] + ([ONES[ones]] if ones else [])


def below_thousand(n):
    """English words of 0 <= n < 1000 ("three hundred and twelve")."""
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return below_hundred(rest)
    words = [ONES[hundreds], 'hundred']
    return words + (['and'] + below_hundred(rest) if rest else [])


def number_words(n):
    """English words of 0 <= n < 1,000,000."""
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return below_thousand(rest)
    words = below_thousand(thousands) + ['thousand']
    if rest:
        words += (['and'] if rest < 100 else []) + below_thousand(rest)
    return words


def ordinal_words(day):
    """English ordinal of a day of the month ("twenty first")."""
    if day < 20:
        return [ORDINALS[day - 1]]
    tens, ones = divmod(day, 10)
    if not ones:
        return [TENS[tens - 2][:-1] + 'ieth']
    return [TENS[tens - 2], ORDINALS[ones - 1]]


def year_words(year):
    """How a year is read: "nineteen oh five", "two thousand and nine"."""
    century, rest = divmod(year, 100)
    if century == 20:
        return number_words(year)
    if rest == 0:
        return below_hundred(century) + ['hundred']
    return below_hundred(century) + (['oh', ONES[rest]] if rest < 10
                                     else below_hundred(rest))


def digits(text):
    return list(str(text))


def date_pair(rng):
    """("the twenty first of march nineteen ninety nine",
    "1 9 9 9 - 0 3 - 2 1")."""
    year, month, day = rng.randint(1900, 2030), rng.randint(1, 13), \
        rng.randint(1, 29)
    source = ['the'] + ordinal_words(day) + ['of', MONTHS[month - 1]] + \
        year_words(year)
    target = digits(year) + ['-'] + digits('%02d' % month) + ['-'] + \
        digits('%02d' % day)
    return source, target


def number_pair(rng):
    """("three hundred and twelve thousand and five", "3 1 2 0 0 5")."""
    n = int(rng.choice([rng.randint(0, 100), rng.randint(100, 1000),
                        rng.randint(1000, 1000000)]))
    return number_words(n), digits(n)


def make_corpus(pairs, seed=0):
    """`pairs` distinct (source words, target tokens) pairs, shuffled."""
    rng = np.random.RandomState(seed)
    corpus, seen = [], set()
    while len(corpus) < pairs:
        source, target = (date_pair if rng.rand() < 0.5 else number_pair)(rng)
        if ' '.join(source) not in seen:
            seen.add(' '.join(source))
            corpus.append((source, target))
    return corpus


class Vocabulary(object):
    """Token <-> id, with 0 the padding, 1 the start and 2 the end symbol."""

    def __init__(self, sentences):
        tokens = sorted({t for sentence in sentences for t in sentence})
        self.tokens = [PAD, BOS, EOS] + tokens
        self.ids = {t: i for i, t in enumerate(self.tokens)}

    def __len__(self):
        return len(self.tokens)

    def encode(self, sentences, length, start=False, end=False):
        """A zero-padded int32 array `(sentences, length)`."""
        out = np.zeros((len(sentences), length), dtype='int32')
        for row, sentence in enumerate(sentences):
            ids = ([self.ids[BOS]] if start else []) + \
                [self.ids[t] for t in sentence] + \
                ([self.ids[EOS]] if end else [])
            out[row, :len(ids)] = ids
        return out

    def decode(self, ids):
        return [self.tokens[i] for i in ids if i > 2]


def arrays(corpus, source_vocab, target_vocab):
    """Model inputs `[source, state_below]` and one-hot targets: the
    decoder reads `<s> y_1 ... y_n` and predicts `y_1 ... y_n </s>`."""
    from keras.utils import to_categorical
    sources = [s for s, _ in corpus]
    targets = [t for _, t in corpus]
    source_len = max(len(s) for s in sources)
    target_len = max(len(t) for t in targets) + 1
    x = source_vocab.encode(sources, source_len)
    state_below = target_vocab.encode(targets, target_len, start=True)
    y = target_vocab.encode(targets, target_len, end=True)
    return [x, state_below], to_categorical(y, len(target_vocab))


# -- the model ----------------------------------------------------------------

def build_models(source_size, target_size, embedding=32, hidden=64,
                 dropout=0.):
    """The training model and the one-step models `model_init` (source and
    first word -> probabilities, context, h, c) and `model_next` (previous
    word, context, h, c -> probabilities, h, c, attention weights), all
    sharing the same layers."""
    from keras.layers import (Activation, Add, AttConditionalLSTMCond,
                              Bidirectional, Dense, Embedding, Input, LSTM,
                              MaskedMean, MaskLayer, PermuteGeneral,
                              TimeDistributed)
    from keras.models import Model

    source = Input((None,), dtype='int32', name='source_text')
    source_embedding = Embedding(source_size, embedding, mask_zero=True,
                                 name='source_word_embedding',
                                 learning_rate_multipliers=[2.])(source)
    annotations = Bidirectional(LSTM(hidden, return_sequences=True),
                                name='bidirectional_encoder_LSTM')(
        source_embedding)
    # Padded source steps become zero vectors: the one-step decoder finds
    # the source mask again from the context itself.
    annotations = MaskLayer(name='annotations')(annotations)
    summary = MaskedMean(name='annotations_mean')(annotations)
    h0 = Dense(hidden, activation='tanh', name='initial_state')(summary)
    c0 = Dense(hidden, activation='tanh', name='initial_memory')(summary)

    target_embedding_layer = Embedding(target_size, embedding,
                                       mask_zero=True,
                                       name='target_word_embedding',
                                       learning_rate_multipliers=[2.])
    decoder = AttConditionalLSTMCond(hidden, return_sequences=True,
                                     return_extra_variables=True,
                                     return_states=True, num_inputs=4,
                                     dropout=dropout,
                                     name='decoder_AttConditionalLSTMCond')
    deep_output = [TimeDistributed(Dense(embedding), name=name)
                   for name in ('logit_lstm', 'logit_ctx', 'logit_emb')]
    softmax = TimeDistributed(Dense(target_size, activation='softmax'),
                              name='target_text')

    def decode(words, context, h, c):
        embedded = target_embedding_layer(words)
        states, attended, alphas, h, c = decoder([embedded, context, h, c])
        attended = PermuteGeneral((1, 0, 2))(attended)  # time-major
        merged = Add()([deep_output[0](states), deep_output[1](attended),
                        deep_output[2](embedded)])
        return softmax(Activation('tanh')(merged)), alphas, h, c

    state_below = Input((None,), dtype='int32', name='state_below')
    probabilities, alphas, h, c = decode(state_below, annotations, h0, c0)
    model = Model([source, state_below], probabilities)
    model_init = Model([source, state_below],
                       [probabilities, annotations, h, c])
    attention = Model([source, state_below], alphas)

    previous = Input((None,), dtype='int32', name='previous_word')
    context_in = Input((None, 2 * hidden), name='preprocessed_input')
    h_in = Input((hidden,), name='prev_state')
    c_in = Input((hidden,), name='prev_memory')
    next_probabilities, next_alphas, next_h, next_c = decode(
        previous, context_in, h_in, c_in)
    model_next = Model([previous, context_in, h_in, c_in],
                       [next_probabilities, next_h, next_c, next_alphas])
    return model, model_init, model_next, attention


# -- training and evaluation --------------------------------------------------

def translate(model_init, model_next, corpus, source_vocab, target_vocab,
              beam_size=5, batch_size=100):
    """Beam-search translations of the corpus' sources (token lists)."""
    from seq2seq_decoding import beam_search
    hypotheses = []
    max_length = max(len(t) for _, t in corpus) + 2
    for start in range(0, len(corpus), batch_size):
        batch = corpus[start:start + batch_size]
        sources = source_vocab.encode([s for s, _ in batch],
                                      max(len(s) for s, _ in batch))
        for ids in beam_search(model_init, model_next, sources,
                               target_vocab.ids[BOS], target_vocab.ids[EOS],
                               beam_size=beam_size, max_length=max_length):
            hypotheses.append(target_vocab.decode(ids))
    return hypotheses


def bleu(hypotheses, corpus):
    """Corpus BLEU (sacrebleu) of token lists against the references."""
    import sacrebleu
    return sacrebleu.corpus_bleu([' '.join(h) for h in hypotheses],
                                 [[' '.join(t) for _, t in corpus]]).score


def bleu_callback(model_init, model_next, corpus, source_vocab,
                  target_vocab, beam_size):
    """A callback that adds `val_bleu` to the epoch logs (so that
    checkpointing and early stopping can watch it)."""
    from keras.callbacks import Callback

    class ValidationBleu(Callback):
        def on_epoch_end(self, epoch, logs=None):
            hypotheses = translate(model_init, model_next, corpus,
                                   source_vocab, target_vocab, beam_size)
            logs['val_bleu'] = bleu(hypotheses, corpus)
            print(' - val_bleu: %.2f' % logs['val_bleu'])
    return ValidationBleu()


def save_heat_map(attention, sentence, translation, source_vocab,
                  target_vocab, path):
    """Saves the attention weights of one sentence as a PNG heat map."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    source, _ = sentence
    x = source_vocab.encode([source], len(source))
    state_below = target_vocab.encode([translation], len(translation) + 1,
                                      start=True)
    alphas = attention.predict_on_batch([x, state_below])[:, 0]  # (T, S)
    figure, axes = plt.subplots(figsize=(1 + 0.5 * len(source),
                                         1 + 0.4 * len(alphas)))
    axes.imshow(alphas, cmap='viridis', aspect='auto')
    axes.set_xticks(range(len(source)))
    axes.set_xticklabels(source, rotation=60, ha='right')
    axes.set_yticks(range(len(alphas)))
    axes.set_yticklabels(translation + [EOS])
    axes.set_title('attention weights')
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    plt.close(figure)


def main(argv=None):
    """Runs the demo; returns a dict with the test BLEU and the history."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--backend', choices=['tensorflow', 'theano'])
    parser.add_argument('--epochs', type=int, default=25)
    parser.add_argument('--pairs', type=int, default=6000)
    parser.add_argument('--beam', type=int, default=5)
    parser.add_argument('--small', action='store_true',
                        help='a tiny corpus and model, one epoch (tests)')
    parser.add_argument('--output-dir', default='nmt_output')
    parser.add_argument('--verbose', type=int, default=1)
    args = parser.parse_args(argv)
    if args.backend:
        os.environ['KERAS_BACKEND'] = args.backend
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import keras
    from keras import backend as K
    from keras.callbacks import EarlyStopping, ModelCheckpoint
    from keras.optimizers import Adam

    if args.small:
        args.pairs, args.epochs = 240, 1
    embedding, hidden = (8, 16) if args.small else (32, 64)
    print('keras %s on the %s backend' % (keras.__version__, K.backend()))
    corpus = make_corpus(args.pairs)
    test_size = val_size = max(20, len(corpus) // 10)
    test, val, train = (corpus[:test_size],
                        corpus[test_size:test_size + val_size],
                        corpus[test_size + val_size:])
    source_vocab = Vocabulary([s for s, _ in corpus])
    target_vocab = Vocabulary([t for _, t in corpus])
    print('%d training, %d validation, %d test pairs; vocabularies %d / %d'
          % (len(train), len(val), len(test), len(source_vocab),
             len(target_vocab)))
    model, model_init, model_next, attention = build_models(
        len(source_vocab), len(target_vocab), embedding, hidden)
    model.compile(Adam(learning_rate=0.003), 'categorical_crossentropy')
    if args.verbose:
        model.summary()
    os.makedirs(args.output_dir, exist_ok=True)
    checkpoint = os.path.join(args.output_dir, 'nmt_best_weights.h5')
    callbacks = [bleu_callback(model_init, model_next, val, source_vocab,
                               target_vocab, beam_size=1),
                 ModelCheckpoint(checkpoint, monitor='val_bleu', mode='max',
                                 save_best_only=True, save_weights_only=True),
                 EarlyStopping(monitor='val_bleu', mode='max', patience=4)]
    x, y = arrays(train, source_vocab, target_vocab)
    history = model.fit(x, y, batch_size=64, epochs=args.epochs,
                        callbacks=callbacks, verbose=args.verbose)
    model.load_weights(checkpoint)

    hypotheses = translate(model_init, model_next, test, source_vocab,
                           target_vocab, beam_size=args.beam)
    score = bleu(hypotheses, test)
    print('\nTest BLEU (beam %d): %.2f on %d held-out sentences'
          % (args.beam, score, len(test)))
    for (source, target), hypothesis in list(zip(test, hypotheses))[:6]:
        print('  %-55s -> %-22s (reference: %s)' % (
            ' '.join(source), ' '.join(hypothesis), ' '.join(target)))
    # A date shows the reordering (day month year -> year month day).
    dates = [pair for pair in test[:50] if pair[0][0] == 'the'] or test
    example = max(dates, key=lambda pair: len(pair[0]))
    heat_map = os.path.join(args.output_dir, 'attention.png')
    save_heat_map(attention, example,
                  hypotheses[test.index(example)] or example[1],
                  source_vocab, target_vocab, heat_map)
    print('Attention heat map of "%s": %s' % (' '.join(example[0]), heat_map))
    return {'bleu': score, 'history': history.history,
            'heat_map': heat_map}


if __name__ == '__main__':
    main()
