"""A functional model with two inputs and two outputs (the Keras guide's
"headline + meta data" model, on generated data).

Input 1 is a short sequence of word ids; input 2 a vector of five numeric
features. The main output is a binary label that needs both inputs (the
sequence says whether a "good" word occurs, the features whether their sum
is positive: the label is their conjunction); the auxiliary output, attached
to the sequence branch only, predicts the number of "good" words. The
losses are given by output name, with loss weights.

    python examples/multi_io_functional.py [--small] [--backend theano]
"""
from example_utils import select_backend, parse_args, report, split
select_backend()

import numpy as np  # noqa: E402

import keras  # noqa: E402
from keras.layers import Dense, Embedding, Input, LSTM, \
    concatenate  # noqa: E402
from keras.models import Model  # noqa: E402
from keras.optimizers import Adam  # noqa: E402

VOCABULARY, GOOD, LENGTH = 30, (1, 2, 3), 8


def make_data(samples, seed=0):
    """`(words, features, label, good_count)` arrays."""
    rng = np.random.RandomState(seed)
    words = rng.randint(4, VOCABULARY, (samples, LENGTH))
    counts = rng.randint(0, 3, samples)
    for i, count in enumerate(counts):
        words[i, rng.choice(LENGTH, count, replace=False)] = rng.choice(GOOD)
    features = rng.randn(samples, 5).astype('float32')
    label = ((counts > 0) & (features.sum(axis=1) > 0)).astype('float32')
    return words, features, label, counts.astype('float32')


def build(units):
    words = Input(shape=(LENGTH,), dtype='int32', name='words')
    features = Input(shape=(5,), name='features')
    encoded = LSTM(units)(Embedding(VOCABULARY, 16)(words))
    count = Dense(1, name='count')(encoded)
    merged = concatenate([encoded, features])
    hidden = Dense(units, activation='relu')(merged)
    label = Dense(1, activation='sigmoid', name='label')(hidden)
    return Model(inputs=[words, features], outputs=[label, count])


def main(argv=None):
    """Trains; returns `{'loss', 'accuracy', 'count_mae'}` on the test set."""
    args = parse_args(__doc__, argv, epochs=15, small_epochs=3)
    print('keras %s on the %s backend' % (keras.__version__,
                                         keras.backend.backend()))
    data = make_data(1200 if args.small else 10000, seed=args.seed)
    (w, f, label, count), (w_test, f_test, label_test, count_test) = \
        split(list(data))
    model = build(16 if args.small else 64)
    model.summary()
    model.compile(Adam(lr=0.01),
                  loss={'label': 'binary_crossentropy', 'count': 'mse'},
                  loss_weights={'label': 1., 'count': 0.2},
                  metrics={'label': 'accuracy', 'count': 'mae'})
    model.fit({'words': w, 'features': f}, {'label': label, 'count': count},
              batch_size=32, epochs=args.epochs, validation_split=0.1,
              verbose=2)
    results = dict(zip(model.metrics_names, model.evaluate(
        {'words': w_test, 'features': f_test},
        {'label': label_test, 'count': count_test}, verbose=0)))
    print(results)
    return {'loss': report('Test loss', results['loss']),
            'accuracy': report('Test label accuracy',
                               results['label_accuracy']),
            'count_mae': report('Test count MAE', results['count_mae'])}


if __name__ == '__main__':
    main()
