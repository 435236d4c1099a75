"""Training from a `keras.utils.Sequence`: the batches are drawn on the fly
(generated 10x10 digit images, a fresh draw each epoch), two worker threads
prepare them ahead of the training loop, and the model is evaluated from a
second `Sequence`.

A `Sequence` knows its length and returns batch `i` on request, so every
worker gets different batches and an epoch is exactly `len(sequence)`
batches; `on_epoch_end` may reshuffle or redraw.

    python examples/sequence_training.py [--small] [--backend theano]
"""
from example_utils import select_backend, parse_args, report, digit_images
select_backend()

import keras  # noqa: E402
from keras.layers import Conv2D, Dense, Flatten, MaxPooling2D  # noqa: E402
from keras.models import Sequential  # noqa: E402
from keras.optimizers import Adam  # noqa: E402
from keras.utils import Sequence, to_categorical  # noqa: E402


class DigitBatches(Sequence):
    """`batches` batches of `batch_size` digit images; batch `i` of epoch
    `e` is drawn with the seed `(seed, e, i)`, so any worker may make it."""

    def __init__(self, batches, batch_size=32, seed=0):
        self.batches = batches
        self.batch_size = batch_size
        self.seed = seed
        self.epoch = 0

    def __len__(self):
        return self.batches

    def __getitem__(self, index):
        if not 0 <= index < self.batches:
            raise IndexError('DigitBatches: batch %d of %d.'
                             % (index, self.batches))
        seed = (self.seed * 1000003 + self.epoch * 1009 + index) % 2 ** 31
        x, y = digit_images(self.batch_size, size=10, seed=seed)
        return x, to_categorical(y, 10)

    def on_epoch_end(self):
        self.epoch += 1


def main(argv=None):
    """Trains; returns `{'loss', 'accuracy'}` on held-out batches."""
    args = parse_args(__doc__, argv, epochs=10, small_epochs=3)
    print('keras %s on the %s backend' % (keras.__version__,
                                         keras.backend.backend()))
    train = DigitBatches(30 if args.small else 200, seed=args.seed)
    test = DigitBatches(8 if args.small else 40, seed=args.seed + 1)
    model = Sequential([
        Conv2D(16, (3, 3), activation='relu', input_shape=(10, 10, 1)),
        MaxPooling2D((2, 2)),
        Flatten(),
        Dense(64, activation='relu'),
        Dense(10, activation='softmax'),
    ])
    model.compile(Adam(lr=0.003), 'categorical_crossentropy',
                  metrics=['accuracy'])
    model.fit_generator(train, epochs=args.epochs, workers=2,
                        use_multiprocessing=False, verbose=2)
    loss, accuracy = model.evaluate_generator(test, workers=2)
    return {'loss': report('Test loss', loss),
            'accuracy': report('Test accuracy', accuracy)}


if __name__ == '__main__':
    main()
