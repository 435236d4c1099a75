"""A character-level sequence-to-sequence model (Keras's lstm_seq2seq) on
generated pairs: the input is a number written in digits ("407"), the target
the same number spelled in words, one character at a time
("four zero seven").

Training uses teacher forcing: the decoder LSTM starts from the encoder's
final states and reads the target shifted right by one (a tab starts every
target, a newline ends it). Decoding then runs the inference loop: an
encoder model gives the states, and a one-step decoder model is called
character by character on its own previous output until it writes the
newline.

    python examples/lstm_seq2seq.py [--small] [--backend theano]
"""
from example_utils import select_backend, parse_args, report, split
select_backend()

import numpy as np  # noqa: E402

import keras  # noqa: E402
from keras.layers import Dense, Input, LSTM  # noqa: E402
from keras.models import Model  # noqa: E402
from keras.optimizers import Adam  # noqa: E402

WORDS = 'zero one two three four five six seven eight nine'.split()
START, END = '\t', '\n'


def make_pairs(samples, max_digits, seed=0):
    """Returns `(inputs, targets)`: lists of digit strings and of their
    spelling, framed by START and END."""
    rng = np.random.RandomState(seed)
    inputs, targets = [], []
    for _ in range(samples):
        digits = ''.join(rng.choice(list('0123456789'),
                                    rng.randint(1, max_digits + 1)))
        inputs.append(digits)
        targets.append(START + ' '.join(WORDS[int(d)] for d in digits) + END)
    return inputs, targets


def one_hot(texts, alphabet, length):
    """`(len(texts), length, len(alphabet))` one-hot float32 array."""
    index = {c: i for i, c in enumerate(alphabet)}
    out = np.zeros((len(texts), length, len(alphabet)), 'float32')
    for i, text in enumerate(texts):
        for t, char in enumerate(text):
            out[i, t, index[char]] = 1.
    return out


def build_models(in_chars, out_chars, units):
    """The training model and the two inference models (encoder, one-step
    decoder), sharing their layers."""
    encoder_inputs = Input(shape=(None, in_chars))
    _, state_h, state_c = LSTM(units, return_state=True)(encoder_inputs)
    decoder_inputs = Input(shape=(None, out_chars))
    decoder_lstm = LSTM(units, return_sequences=True, return_state=True)
    decoder_dense = Dense(out_chars, activation='softmax')
    outputs, _, _ = decoder_lstm(decoder_inputs,
                                 initial_state=[state_h, state_c])
    model = Model([encoder_inputs, decoder_inputs], decoder_dense(outputs))

    encoder = Model(encoder_inputs, [state_h, state_c])
    h_in, c_in = Input(shape=(units,)), Input(shape=(units,))
    step, h_out, c_out = decoder_lstm(decoder_inputs,
                                      initial_state=[h_in, c_in])
    decoder = Model([decoder_inputs, h_in, c_in],
                    [decoder_dense(step), h_out, c_out])
    return model, encoder, decoder


def decode(encoder, decoder, x, alphabet, max_length):
    """Greedy decoding of a batch of encoded inputs, one character a step."""
    h, c = encoder.predict(x)
    previous = one_hot([START] * len(x), alphabet, 1)
    texts = [''] * len(x)
    done = np.zeros(len(x), bool)
    for _ in range(max_length):
        probabilities, h, c = decoder.predict([previous, h, c])
        chosen = probabilities[:, -1].argmax(axis=-1)
        for i, k in enumerate(chosen):
            if not done[i]:
                if alphabet[k] == END:
                    done[i] = True
                else:
                    texts[i] += alphabet[k]
        if done.all():
            break
        previous = np.zeros_like(previous)
        previous[np.arange(len(x)), 0, chosen] = 1.
    return texts


def main(argv=None):
    """Trains, decodes the test set; returns `{'loss', 'accuracy'}` (the
    fraction of test numbers spelled exactly right)."""
    args = parse_args(__doc__, argv, epochs=40, small_epochs=3)
    print('keras %s on the %s backend' % (keras.__version__,
                                         keras.backend.backend()))
    max_digits = 2 if args.small else 4
    inputs, targets = make_pairs(600 if args.small else 10000, max_digits,
                                 seed=args.seed)
    in_alphabet = sorted(set(''.join(inputs)))
    out_alphabet = sorted(set(''.join(targets)))
    in_length = max(map(len, inputs))
    out_length = max(map(len, targets))
    x = one_hot(inputs, in_alphabet, in_length)
    y_in = one_hot(targets, out_alphabet, out_length)
    y_out = one_hot([t[1:] for t in targets], out_alphabet, out_length)
    (x_train, yi_train, yo_train), (x_test, _, yo_test) = split([x, y_in,
                                                                 y_out])

    model, encoder, decoder = build_models(len(in_alphabet),
                                           len(out_alphabet),
                                           32 if args.small else 128)
    model.compile(Adam(lr=0.01), 'categorical_crossentropy')
    history = model.fit([x_train, yi_train], yo_train, batch_size=64,
                        epochs=args.epochs, validation_split=0.1, verbose=2)

    test_inputs = inputs[len(x_train):]
    decoded = decode(encoder, decoder, x_test, out_alphabet, out_length + 1)
    truth = [t[1:-1] for t in targets[len(x_train):]]
    for source, text in list(zip(test_inputs, decoded))[:5]:
        print('%s -> %r' % (source, text))
    accuracy = float(np.mean([d == t for d, t in zip(decoded, truth)]))
    return {'loss': report('Training loss', history.history['loss'][-1]),
            'accuracy': report('Test sequence accuracy', accuracy)}


if __name__ == '__main__':
    main()
