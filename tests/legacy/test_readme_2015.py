"""The four examples of the 2015 Keras README (Keras 0.1), written as they
were published, run unchanged on generated data: each trains (the loss
goes down on data it can fit), warns once per old call with the Keras 2
call, and builds the model its Keras 2 spelling describes. (The data sets
are small so that the examples' own batch sizes and epoch counts stay
cheap on both engines.)"""
import warnings

import numpy as np
from numpy.testing import assert_allclose


def _legacy_warnings(record):
    return [str(w.message) for w in record if 'Keras 2 API' in str(w.message)]


def _run(example):
    """Runs `example()` and returns its result and the legacy warnings."""
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter('always')
        result = example()
    return result, _legacy_warnings(record)


def test_readme_mlp():
    rng = np.random.RandomState(0)
    X_train = rng.rand(64, 20).astype('float32')
    y_train = np.eye(2)[(X_train[:, :10].sum(1) > 5).astype(int)]
    X_test, y_test = X_train[:16], y_train[:16]

    def example():
        from keras.models import Sequential
        from keras.layers.core import Dense, Dropout, Activation
        from keras.optimizers import SGD

        model = Sequential()
        model.add(Dense(20, 64, init='uniform'))
        model.add(Activation('tanh'))
        model.add(Dropout(0.5))
        model.add(Dense(64, 64, init='uniform'))
        model.add(Activation('tanh'))
        model.add(Dropout(0.5))
        model.add(Dense(64, 2, init='uniform'))
        model.add(Activation('softmax'))

        sgd = SGD(lr=0.1, decay=1e-6, momentum=0.9, nesterov=True)
        model.compile(loss='mean_squared_error', optimizer=sgd)

        before = model.evaluate(X_test, y_test, batch_size=16)
        model.fit(X_train, y_train, nb_epoch=20, batch_size=16)
        score = model.evaluate(X_test, y_test, batch_size=16)
        return model, before, score

    (model, before, score), messages = _run(example)
    assert score < before
    # One warning per old call: 3 Dense, SGD(lr=), fit(nb_epoch=).
    assert len(messages) == 5, messages
    assert '`Dense(64, input_shape=(20,), kernel_initializer="uniform")`' \
        in messages[0]
    assert 'learning_rate=0.1' in messages[3]
    assert 'epochs=20' in messages[4]
    dense = [l for l in model.layers if l.__class__.__name__ == 'Dense']
    assert [l.units for l in dense] == [64, 64, 2]
    assert model.input_shape == (None, 20)
    assert dense[0].get_config()['kernel_initializer']['class_name'] == \
        'RandomUniform'
    assert model.optimizer.get_config()['learning_rate'] == \
        np.float32(0.1).item()


def test_readme_vgg_like_convnet():
    rng = np.random.RandomState(1)
    X_train = rng.rand(4, 3, 32, 32).astype('float32')
    Y_train = np.eye(10)[rng.randint(0, 10, 4)]

    def example():
        from keras.models import Sequential
        from keras.layers.core import Dense, Dropout, Activation, Flatten
        from keras.layers.convolutional import Convolution2D, MaxPooling2D
        from keras.optimizers import SGD

        model = Sequential()
        model.add(Convolution2D(32, 3, 3, 3, border_mode='full'))
        model.add(Activation('relu'))
        model.add(Convolution2D(32, 32, 3, 3))
        model.add(Activation('relu'))
        model.add(MaxPooling2D(poolsize=(2, 2)))
        model.add(Dropout(0.25))

        model.add(Convolution2D(64, 32, 3, 3, border_mode='full'))
        model.add(Activation('relu'))
        model.add(Convolution2D(64, 64, 3, 3))
        model.add(Activation('relu'))
        model.add(MaxPooling2D(poolsize=(2, 2)))
        model.add(Dropout(0.25))

        model.add(Flatten())
        model.add(Dense(64*8*8, 256))
        model.add(Activation('relu'))
        model.add(Dropout(0.5))

        model.add(Dense(256, 10))
        model.add(Activation('softmax'))

        sgd = SGD(lr=0.1, decay=1e-6, momentum=0.9, nesterov=True)
        model.compile(loss='categorical_crossentropy', optimizer=sgd)

        model.fit(X_train, Y_train, batch_size=32, nb_epoch=1)
        return model

    model, messages = _run(example)
    assert len(messages) == 4 + 2 + 2 + 1 + 1, messages
    convs = [l for l in model.layers if 'Conv2D' in l.__class__.__name__]
    assert [c.data_format for c in convs] == ['channels_first'] * 4
    assert [c.padding for c in convs] == ['full', 'valid'] * 2
    # Theano's full convolution: 32 -> 34 -> 32 -> 16 -> 18 -> 16 -> 8.
    assert [c.output_shape[2] for c in convs] == [34, 32, 18, 16]
    assert model.output_shape == (None, 10)
    assert [w.shape for w in convs[0].get_weights()] == [(3, 3, 3, 32),
                                                        (32,)]
    assert np.isfinite(model.predict(X_train[:2])).all()


def test_readme_lstm_sequence_classification():
    rng = np.random.RandomState(2)
    max_features = 50
    X_train = rng.randint(1, max_features, (16, 6))
    Y_train = (X_train[:, :1] > 25).astype('float32')
    X_test, Y_test = X_train[:16], Y_train[:16]

    def example():
        from keras.models import Sequential
        from keras.layers.core import Dense, Dropout, Activation
        from keras.layers.embeddings import Embedding
        from keras.layers.recurrent import LSTM

        model = Sequential()
        model.add(Embedding(max_features, 256))
        model.add(LSTM(256, 128, activation='sigmoid',
                       inner_activation='hard_sigmoid'))
        model.add(Dropout(0.5))
        model.add(Dense(128, 1))
        model.add(Activation('sigmoid'))

        model.compile(loss='binary_crossentropy', optimizer='rmsprop')

        before = model.evaluate(X_test, Y_test, batch_size=16)
        model.fit(X_train, Y_train, batch_size=16, nb_epoch=10)
        score = model.evaluate(X_test, Y_test, batch_size=16)
        return model, before, score

    (model, before, score), messages = _run(example)
    assert score < before
    assert len(messages) == 3, messages
    assert 'recurrent_activation="hard_sigmoid"' in messages[0]
    lstm = model.layers[1]
    assert (lstm.units, lstm.return_sequences) == (128, False)
    assert lstm.cell.recurrent_activation.__name__ == 'hard_sigmoid'
    assert lstm.cell.activation.__name__ == 'sigmoid'
    assert [w.shape for w in lstm.get_weights()] == [(256, 512), (128, 512),
                                                     (512,)]


def test_readme_image_captioning():
    rng = np.random.RandomState(3)
    # Two images: one small batch per epoch keeps the 100 epochs short.
    images = rng.rand(2, 3, 32, 32).astype('float32')
    captions = rng.rand(2, 16, 256).astype('float32')

    def example():
        from keras.models import Sequential
        from keras.layers.core import Dense, Dropout, Activation, Flatten
        from keras.layers.core import Repeat
        from keras.layers.convolutional import Convolution2D, MaxPooling2D
        from keras.layers.recurrent import GRU

        max_caption_len = 16

        model = Sequential()
        model.add(Convolution2D(32, 3, 3, 3, border_mode='full'))
        model.add(Activation('relu'))
        model.add(Convolution2D(32, 32, 3, 3))
        model.add(Activation('relu'))
        model.add(MaxPooling2D(poolsize=(2, 2)))

        model.add(Convolution2D(64, 32, 3, 3, border_mode='full'))
        model.add(Activation('relu'))
        model.add(Convolution2D(64, 64, 3, 3))
        model.add(Activation('relu'))
        model.add(MaxPooling2D(poolsize=(2, 2)))

        model.add(Convolution2D(128, 64, 3, 3, border_mode='full'))
        model.add(Activation('relu'))
        model.add(Convolution2D(128, 128, 3, 3))
        model.add(Activation('relu'))
        model.add(MaxPooling2D(poolsize=(2, 2)))

        model.add(Flatten())
        model.add(Dense(128*4*4, 256))
        model.add(Activation('relu'))
        model.add(Dropout(0.5))

        model.add(Repeat(max_caption_len))
        # the GRU below returns sequences of max_caption_len vectors of
        # size 256 (our word embedding size)
        model.add(GRU(256, 256, return_sequences=True))

        model.compile(loss='mean_squared_error', optimizer='rmsprop')

        # "images" is a numpy array of shape (nb_samples, nb_channels=3,
        # width, height); "captions" is a numpy array of shape
        # (nb_samples, max_caption_len=16, embedding_dim=256); captions are
        # supposed already embedded (dense vectors).
        history = model.fit(images, captions, batch_size=16, nb_epoch=100)
        return model, history

    (model, history), messages = _run(example)
    losses = history.history['loss']
    assert len(losses) == 100 and losses[-1] < losses[0]
    # 6 convolutions, 3 poolings, Dense, Repeat, GRU, fit.
    assert len(messages) == 6 + 3 + 1 + 1 + 1 + 1, messages
    assert '`RepeatVector(16)`' in messages[10]
    assert model.output_shape == (None, 16, 256)
    assert model.layers[-2].__class__.__name__ == 'RepeatVector'
    gru = model.layers[-1]
    assert (gru.units, gru.return_sequences) == (256, True)


def test_readme_merge_of_two_models():
    """The Keras 0.1 README's `Merge` example (two branches summed)."""
    rng = np.random.RandomState(4)
    X = rng.rand(32, 12).astype('float32')
    Y = np.eye(3)[rng.randint(0, 3, 32)]

    def example():
        from keras.models import Sequential
        from keras.layers.core import Dense, Activation, Merge

        left = Sequential()
        left.add(Dense(12, 8))
        left.add(Activation('relu'))

        right = Sequential()
        right.add(Dense(12, 8))
        right.add(Activation('relu'))

        model = Sequential()
        model.add(Merge([left, right], mode='sum'))

        model.add(Dense(8, 3))
        model.add(Activation('softmax'))

        model.compile(loss='categorical_crossentropy', optimizer='rmsprop')

        model.fit([X, X], Y, batch_size=16, nb_epoch=2,
                  validation_data=([X, X], Y))
        return model, left, right

    (model, left, right), messages = _run(example)
    assert len(messages) == 5, messages
    left_out = np.maximum(X @ left.layers[0].get_weights()[0] +
                          left.layers[0].get_weights()[1], 0)
    right_out = np.maximum(X @ right.layers[0].get_weights()[0] +
                           right.layers[0].get_weights()[1], 0)
    kernel, bias = model.layers[-2].get_weights()
    logits = (left_out + right_out) @ kernel + bias
    expected = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    assert_allclose(model.predict([X, X]), expected, rtol=1e-4, atol=1e-5)
