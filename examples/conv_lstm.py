"""A convolutional LSTM predicts the next frame of generated movies of
moving squares (Keras's conv_lstm).

Each movie shows a few squares moving in straight lines at constant speed;
`ConvLSTM2D` layers read the frames and a `Conv3D` layer writes, at every
step, the predicted next frame. The example prints the mean squared error
of the prediction next to that of repeating the last frame.

    python examples/conv_lstm.py [--small] [--backend theano]
"""
from example_utils import select_backend, parse_args, report, split
select_backend()

import numpy as np  # noqa: E402

import keras  # noqa: E402
from keras.layers import BatchNormalization, Conv3D, ConvLSTM2D  # noqa: E402
from keras.models import Sequential  # noqa: E402
from keras.optimizers import Adam  # noqa: E402


def make_movies(samples, frames, size, squares=2, seed=0):
    """`(samples, frames + 1, size, size, 1)` float32 movies of `squares`
    3x3 squares bouncing off the borders."""
    rng = np.random.RandomState(seed)
    movies = np.zeros((samples, frames + 1, size, size, 1), 'float32')
    for i in range(samples):
        for _ in range(squares):
            position = rng.randint(0, size - 3, 2).astype(float)
            velocity = rng.choice([-1, 1], 2) * rng.randint(1, 3, 2)
            for t in range(frames + 1):
                r, c = position.astype(int)
                movies[i, t, r:r + 3, c:c + 3, 0] = 1.
                position += velocity
                for axis in range(2):
                    if not 0 <= position[axis] <= size - 3:
                        velocity[axis] = -velocity[axis]
                        position[axis] += 2 * velocity[axis]
    return movies


def main(argv=None):
    """Trains; returns `{'loss', 'mse', 'baseline_mse'}` on the test set."""
    args = parse_args(__doc__, argv, epochs=30, small_epochs=5)
    print('keras %s on the %s backend' % (keras.__version__,
                                         keras.backend.backend()))
    size, frames = (8, 4) if args.small else (24, 12)
    movies = make_movies(64 if args.small else 1500, frames, size,
                         seed=args.seed)
    (train,), (test,) = split([movies])
    filters = 4 if args.small else 32
    # Small: one recurrent layer (on PyTensor, building the gradient of
    # each ConvLSTM2D loop takes most of a short run).
    layers = 1 if args.small else 3
    model = Sequential()
    for i in range(layers):
        first = {'input_shape': (None, size, size, 1)} if i == 0 else {}
        model.add(ConvLSTM2D(filters, (3, 3), padding='same',
                             return_sequences=True, **first))
        if i < layers - 1:
            model.add(BatchNormalization())
    model.add(Conv3D(1, (3, 3, 3), padding='same', activation='sigmoid'))
    model.summary()
    model.compile(Adam(lr=0.01 if args.small else 0.005),
                  'binary_crossentropy')
    history = model.fit(train[:, :-1], train[:, 1:],
                        batch_size=8,
                        epochs=args.epochs, validation_split=0.1, verbose=2)
    predicted = model.predict(test[:, :-1], batch_size=16)
    mse = float(np.mean((predicted[:, -1] - test[:, -1]) ** 2))
    baseline = float(np.mean((test[:, -2] - test[:, -1]) ** 2))
    return {'loss': report('Training loss', history.history['loss'][-1]),
            'mse': report('Next-frame MSE', mse),
            'baseline_mse': report('Repeat-last-frame MSE', baseline)}


if __name__ == '__main__':
    main()
