"""Trains a small convolutional network on generated 14x14 images of digits
(written at random positions and sizes, with noise; Keras's mnist_cnn on
data the example draws itself) and prints the test accuracy.

    python examples/mnist_like_cnn.py [--small] [--backend theano]
"""
from example_utils import select_backend, parse_args, report, digit_images, \
    split
select_backend()

import keras  # noqa: E402
from keras.layers import Conv2D, Dense, Dropout, \
    Flatten, MaxPooling2D  # noqa: E402
from keras.models import Sequential  # noqa: E402
from keras.optimizers import Adam  # noqa: E402
from keras.utils import to_categorical  # noqa: E402


def main(argv=None):
    """Trains and evaluates; returns `{'loss': ..., 'accuracy': ...}`."""
    args = parse_args(__doc__, argv, epochs=12, small_epochs=4)
    print('keras %s on the %s backend' % (keras.__version__,
                                         keras.backend.backend()))
    if args.small:   # fewer positions and less noise: learnt in seconds
        x, y = digit_images(800, size=10, noise=0.1, seed=args.seed)
    else:
        x, y = digit_images(10000, size=14, noise=0.3, seed=args.seed)
    (x_train, y_train), (x_test, y_test) = split([x, to_categorical(y, 10)])

    filters = 8 if args.small else 32
    model = Sequential([
        Conv2D(filters, (3, 3), activation='relu', input_shape=x.shape[1:]),
        MaxPooling2D((2, 2)),
        Conv2D(2 * filters, (3, 3), activation='relu'),
        MaxPooling2D((2, 2)),
        Dropout(0.25),
        Flatten(),
        Dense(4 * filters, activation='relu'),
        Dense(10, activation='softmax'),
    ])
    model.summary()
    model.compile(Adam(lr=0.01 if args.small else 0.003),
                  'categorical_crossentropy', metrics=['accuracy'])
    model.fit(x_train, y_train, batch_size=32, epochs=args.epochs,
              validation_split=0.1, verbose=2)
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    return {'loss': report('Test loss', loss),
            'accuracy': report('Test accuracy', accuracy)}


if __name__ == '__main__':
    main()
