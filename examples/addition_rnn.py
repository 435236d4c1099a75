"""The addition RNN (Keras's addition_rnn): a sequence-to-sequence model
learns to add two numbers given as a string ("535+61" -> "596").

An encoder LSTM reads the question character by character; `RepeatVector`
hands its last state to every output step; a decoder LSTM and a
`TimeDistributed(Dense)` softmax write the answer. As in the original, the
question is reversed, which shortens the paths between the digits that are
added together.

    python examples/addition_rnn.py [--small] [--backend theano]
"""
from example_utils import select_backend, parse_args, report, split
select_backend()

import numpy as np  # noqa: E402

import keras  # noqa: E402
from keras.layers import Activation, Dense, LSTM, RepeatVector, \
    TimeDistributed  # noqa: E402
from keras.models import Sequential  # noqa: E402
from keras.optimizers import Adam  # noqa: E402

CHARS = '0123456789+ '


class CharacterTable:
    """One-hot encoding of strings over `CHARS`, and back."""

    def __init__(self, chars):
        self.chars = sorted(set(chars))
        self.index = {c: i for i, c in enumerate(self.chars)}

    def encode(self, text, length):
        x = np.zeros((length, len(self.chars)), 'float32')
        for i, c in enumerate(text):
            x[i, self.index[c]] = 1.
        return x

    def decode(self, x):
        return ''.join(self.chars[i] for i in x.argmax(axis=-1))


def make_questions(samples, digits, seed=0):
    """`samples` distinct questions "a+b" (padded, reversed) and answers."""
    rng = np.random.RandomState(seed)
    seen = set()
    questions, answers = [], []
    limit = min(samples, (10 ** digits) ** 2 // 2)
    while len(questions) < limit:
        a, b = rng.randint(0, 10 ** digits, 2)
        key = tuple(sorted((a, b)))
        if key in seen:
            continue
        seen.add(key)
        question = ('%d+%d' % (a, b)).ljust(2 * digits + 1)
        questions.append(question[::-1])
        answers.append(str(a + b).ljust(digits + 1))
    return questions, answers


def main(argv=None):
    """Trains; returns `{'loss', 'accuracy'}` (test answers exactly right)."""
    args = parse_args(__doc__, argv, epochs=60, small_epochs=3)
    print('keras %s on the %s backend' % (keras.__version__,
                                         keras.backend.backend()))
    digits = 2 if args.small else 3
    questions, answers = make_questions(800 if args.small else 50000,
                                        digits, seed=args.seed)
    table = CharacterTable(CHARS)
    x = np.stack([table.encode(q, 2 * digits + 1) for q in questions])
    y = np.stack([table.encode(a, digits + 1) for a in answers])
    (x_train, y_train), (x_test, y_test) = split([x, y], 0.9)

    units = 32 if args.small else 128
    model = Sequential([
        LSTM(units, input_shape=(2 * digits + 1, len(table.chars))),
        RepeatVector(digits + 1),
        LSTM(units, return_sequences=True),
        TimeDistributed(Dense(len(table.chars))),
        Activation('softmax'),
    ])
    model.compile(Adam(lr=0.01), 'categorical_crossentropy',
                  metrics=['accuracy'])
    model.summary()
    history = model.fit(x_train, y_train, batch_size=64, epochs=args.epochs,
                        validation_data=(x_test, y_test), verbose=2)
    predicted = model.predict(x_test)
    right = [table.decode(p) == table.decode(t)
             for p, t in zip(predicted, y_test)]
    for q, p, t in list(zip(questions[len(x_train):], predicted, y_test))[:5]:
        print('%s = %s (%s)' % (q[::-1].strip(), table.decode(p).strip(),
                                'ok' if table.decode(p) == table.decode(t)
                                else 'wrong, ' + table.decode(t).strip()))
    return {'loss': report('Training loss', history.history['loss'][-1]),
            'accuracy': report('Test answer accuracy', np.mean(right))}


if __name__ == '__main__':
    main()
