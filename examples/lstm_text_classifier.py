"""Trains an LSTM sentiment classifier on generated sentences (Keras's
imdb_lstm, on a corpus the example writes itself) and prints the test
accuracy.

A sentence is a few neutral words around one opinion word, which a "not"
may precede: "the film was not good" is negative. Word order matters, so a
bag of words cannot solve it; sentences have different lengths, padded
with 0 and masked (`Embedding(mask_zero=True)`).

    python examples/lstm_text_classifier.py [--small] [--backend theano]
"""
from example_utils import select_backend, parse_args, report, split
select_backend()

import numpy as np  # noqa: E402

import keras  # noqa: E402
from keras.layers import Dense, Embedding, LSTM  # noqa: E402
from keras.models import Sequential  # noqa: E402
from keras.optimizers import Adam  # noqa: E402
from keras.preprocessing.sequence import pad_sequences  # noqa: E402

NEUTRAL = ('the film was really quite a story and its plot actors music '
           'it felt seemed to me overall').split()
POSITIVE = 'good great fine superb lovely'.split()
NEGATIVE = 'bad awful dull poor boring'.split()
VOCABULARY = ['<pad>'] + NEUTRAL + POSITIVE + NEGATIVE + ['not']
INDEX = {word: i for i, word in enumerate(VOCABULARY)}


def make_sentences(samples, seed=0):
    """Returns `(sentences, labels)`: lists of words, and 1 for positive."""
    rng = np.random.RandomState(seed)
    sentences, labels = [], []
    for _ in range(samples):
        positive = rng.rand() < 0.5
        negated = rng.rand() < 0.4
        words = list(rng.choice(NEUTRAL, rng.randint(2, 8)))
        opinion = [rng.choice(POSITIVE if positive else NEGATIVE)]
        if negated:
            opinion = ['not'] + opinion
        at = rng.randint(0, len(words) + 1)
        sentences.append(words[:at] + opinion + words[at:])
        labels.append(int(positive != negated))
    return sentences, np.array(labels)


def main(argv=None):
    """Trains and evaluates; returns `{'loss': ..., 'accuracy': ...}`."""
    args = parse_args(__doc__, argv, epochs=10, small_epochs=3)
    print('keras %s on the %s backend' % (keras.__version__,
                                         keras.backend.backend()))
    sentences, labels = make_sentences(1000 if args.small else 8000,
                                       seed=args.seed)
    print('e.g. %r -> %d' % (' '.join(sentences[0]), labels[0]))
    x = pad_sequences([[INDEX[w] for w in s] for s in sentences],
                      padding='post')
    (x_train, y_train), (x_test, y_test) = split([x, labels])

    model = Sequential([
        Embedding(len(VOCABULARY), 16, mask_zero=True),
        LSTM(32),
        Dense(1, activation='sigmoid'),
    ])
    model.compile(Adam(lr=0.01), 'binary_crossentropy', metrics=['accuracy'])
    model.fit(x_train, y_train, batch_size=32, epochs=args.epochs,
              validation_split=0.1, verbose=2)
    model.summary()
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    return {'loss': report('Test loss', loss),
            'accuracy': report('Test accuracy', accuracy)}


if __name__ == '__main__':
    main()
