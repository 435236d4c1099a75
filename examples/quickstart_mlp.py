"""Trains a small multilayer perceptron on data it generates, with a progress
bar, and prints the final test accuracy.

The task: points in 2-D drawn from four interleaved spiral arms; the class is
the arm. A linear model cannot separate them; two hidden layers can.

Run with either backend:

    python examples/quickstart_mlp.py
    KERAS_BACKEND=theano python examples/quickstart_mlp.py
"""
import numpy as np

import keras
from keras import backend as K
from keras.layers import Dense, Dropout
from keras.models import Sequential
from keras.utils import to_categorical

NUM_CLASSES = 4


def make_spirals(samples_per_class, noise=0.15, seed=0):
    """Returns `(x, y)`: 2-D points on `NUM_CLASSES` spiral arms, and the arm."""
    rng = np.random.RandomState(seed)
    xs, ys = [], []
    for label in range(NUM_CLASSES):
        radius = np.linspace(0.1, 1.0, samples_per_class)
        angle = (label * 2 * np.pi / NUM_CLASSES + radius * 3.0 +
                 rng.randn(samples_per_class) * noise)
        xs.append(np.stack([radius * np.sin(angle),
                            radius * np.cos(angle)], axis=1))
        ys.append(np.full(samples_per_class, label))
    x = np.concatenate(xs).astype('float32')
    y = np.concatenate(ys)
    order = rng.permutation(len(x))
    return x[order], y[order]


def main(epochs=30, samples_per_class=1500):
    """Trains the model for `epochs` epochs; returns the test accuracy."""
    print('keras %s on the %s backend' % (keras.__version__, K.backend()))
    x, y = make_spirals(samples_per_class)
    y = to_categorical(y, NUM_CLASSES)
    split = int(0.8 * len(x))
    x_train, y_train, x_test, y_test = x[:split], y[:split], x[split:], y[split:]

    model = Sequential()
    model.add(Dense(128, activation='relu', input_shape=(2,)))
    model.add(Dropout(0.1))
    model.add(Dense(128, activation='relu'))
    model.add(Dense(NUM_CLASSES, activation='softmax'))
    model.summary()
    model.compile(loss='categorical_crossentropy', optimizer='adam',
                  metrics=['accuracy'])
    model.fit(x_train, y_train, batch_size=32, epochs=epochs, verbose=1,
              validation_split=0.1)
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print('Test loss: %.4f' % loss)
    print('Test accuracy: %.4f' % accuracy)
    return accuracy


if __name__ == '__main__':
    main()
