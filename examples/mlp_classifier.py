"""Trains a multilayer perceptron on generated 8x8 images of digits
(Keras's mnist_mlp, on data the example draws itself) and prints the test
accuracy.

    python examples/mlp_classifier.py [--small] [--backend theano]
"""
from example_utils import select_backend, parse_args, report, digit_images, \
    split
select_backend()

import keras  # noqa: E402
from keras.callbacks import EarlyStopping  # noqa: E402
from keras.layers import Dense, Dropout, Flatten  # noqa: E402
from keras.models import Sequential  # noqa: E402
from keras.optimizers import Adam  # noqa: E402
from keras.utils import to_categorical  # noqa: E402


def main(argv=None):
    """Trains and evaluates; returns `{'loss': ..., 'accuracy': ...}`."""
    args = parse_args(__doc__, argv, epochs=30, small_epochs=6)
    print('keras %s on the %s backend' % (keras.__version__,
                                         keras.backend.backend()))
    x, y = digit_images(1500 if args.small else 10000, size=8, seed=args.seed)
    (x_train, y_train), (x_test, y_test) = split([x, to_categorical(y, 10)])

    units = 32 if args.small else 128
    model = Sequential([
        Flatten(input_shape=x.shape[1:]),
        Dense(units, activation='relu'),
        Dropout(0.2),
        Dense(units, activation='relu'),
        Dense(10, activation='softmax'),
    ])
    model.summary()
    model.compile(Adam(lr=0.01 if args.small else 0.003),
                  'categorical_crossentropy', metrics=['accuracy'])
    model.fit(x_train, y_train, batch_size=64 if args.small else 32,
              epochs=args.epochs,
              validation_split=0.1, verbose=2,
              callbacks=[EarlyStopping(patience=3,
                                       restore_best_weights=True)])
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    return {'loss': report('Test loss', loss),
            'accuracy': report('Test accuracy', accuracy)}


if __name__ == '__main__':
    main()
