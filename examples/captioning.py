"""Image captioning with attention over a convolutional feature map.

Generated scenes (no download): one or two coloured shapes (square, cross,
bar) on a dark background, described by captions such as "a red square
at the top left and a blue bar at the bottom right". A small CNN encodes
the image into a 6x6 grid of features; an `AttLSTMCond` decoder attends
over the 36 grid cells at every word; beam search decodes held-out images,
scored with BLEU (sacrebleu). One image, its caption and the attention of
every word are saved as a PNG.

    python examples/captioning.py                  # a few minutes
    python examples/captioning.py --backend theano
    python examples/captioning.py --small          # seconds (tests)
"""
import argparse
import os
import sys

import numpy as np

SIZE = 24
COLOURS = {'red': (1., .15, .1), 'green': (.1, .9, .2), 'blue': (.2, .3, 1.),
           'yellow': (1., .9, .1), 'white': (1., 1., 1.)}
SHAPES = ('square', 'cross', 'bar')
ROWS, COLUMNS = ('top', 'bottom'), ('left', 'right')


def draw(image, shape, colour, row, column):
    """Draws a 7x7 shape into the quadrant (`row`, `column`) of `image`."""
    top = 2 + 12 * ROWS.index(row) + np.random.randint(0, 3)
    left = 2 + 12 * COLUMNS.index(column) + np.random.randint(0, 3)
    patch = np.zeros((7, 7), dtype=bool)
    if shape == 'square':
        patch[1:6, 1:6] = True
    elif shape == 'cross':
        patch[3, :] = patch[:, 3] = True
    else:
        patch[:, 2:5] = True
    image[top:top + 7, left:left + 7][patch] = COLOURS[colour]


def make_scenes(count, seed=0):
    """`count` images `(SIZE, SIZE, 3)` and their captions (token lists)."""
    np.random.seed(seed)
    images = np.zeros((count, SIZE, SIZE, 3), dtype='float32')
    captions = []
    for index in range(count):
        cells = [(r, c) for r in ROWS for c in COLUMNS]
        chosen = np.random.permutation(len(cells))[:np.random.randint(1, 3)]
        words = []
        for number, cell in enumerate(sorted(cells[i] for i in chosen)):
            shape = SHAPES[np.random.randint(len(SHAPES))]
            colour = list(COLOURS)[np.random.randint(len(COLOURS))]
            draw(images[index], shape, colour, *cell)
            words += (['and'] if number else []) + \
                ['a', colour, shape, 'at', 'the', cell[0], cell[1]]
        captions.append(words)
    images += np.random.uniform(0, .1, images.shape).astype('float32')
    return images, captions


def build_models(vocabulary, embedding=32, hidden=64, filters=32):
    """The training model and the one-step models `model_init` (image and
    first word -> probabilities, grid features, h, c) and `model_next`
    (previous word, grid features, h, c -> probabilities, h, c), sharing
    the same layers; and a model giving the attention weights."""
    from keras.layers import (Activation, Add, AttLSTMCond, Conv2D, Dense,
                              Embedding, GlobalAveragePooling1D, Input,
                              MaxPooling2D, PermuteGeneral, Reshape,
                              TimeDistributed)
    from keras.models import Model

    image = Input((SIZE, SIZE, 3), name='image')
    features = Conv2D(filters, 3, padding='same', activation='relu')(image)
    features = MaxPooling2D(2)(features)
    features = Conv2D(filters, 3, padding='same', activation='relu')(features)
    features = MaxPooling2D(2)(features)  # (6, 6, filters)
    grid = Reshape((36, filters), name='grid')(features)
    summary = GlobalAveragePooling1D()(grid)
    h0 = Dense(hidden, activation='tanh', name='initial_state')(summary)
    c0 = Dense(hidden, activation='tanh', name='initial_memory')(summary)

    word_embedding = Embedding(vocabulary, embedding, mask_zero=True,
                               name='target_word_embedding')
    decoder = AttLSTMCond(hidden, return_sequences=True,
                          return_extra_variables=True, return_states=True,
                          num_inputs=4, name='decoder_AttLSTMCond')
    deep_output = [TimeDistributed(Dense(embedding)) for _ in range(3)]
    softmax = TimeDistributed(Dense(vocabulary, activation='softmax'),
                              name='caption')

    def decode(words, context, h, c):
        embedded = word_embedding(words)
        states, attended, alphas, h, c = decoder([embedded, context, h, c])
        attended = PermuteGeneral((1, 0, 2))(attended)  # time-major
        merged = Add()([deep_output[0](states), deep_output[1](attended),
                        deep_output[2](embedded)])
        return softmax(Activation('tanh')(merged)), alphas, h, c

    state_below = Input((None,), dtype='int32', name='state_below')
    probabilities, alphas, h, c = decode(state_below, grid, h0, c0)
    model = Model([image, state_below], probabilities)
    model_init = Model([image, state_below], [probabilities, grid, h, c])
    attention = Model([image, state_below], alphas)
    previous = Input((None,), dtype='int32', name='previous_word')
    grid_in = Input((36, filters), name='grid_features')
    h_in, c_in = Input((hidden,)), Input((hidden,))
    next_probabilities, _, next_h, next_c = decode(previous, grid_in, h_in,
                                                   c_in)
    model_next = Model([previous, grid_in, h_in, c_in],
                       [next_probabilities, next_h, next_c])
    return model, model_init, model_next, attention


def caption(model_init, model_next, images, vocab, beam_size=5,
            batch_size=100, max_length=17):
    """Beam-search captions (token lists) of a batch of images."""
    from nmt_attention import BOS, EOS
    from seq2seq_decoding import beam_search
    captions = []
    for start in range(0, len(images), batch_size):
        for ids in beam_search(model_init, model_next,
                               images[start:start + batch_size],
                               vocab.ids[BOS], vocab.ids[EOS],
                               beam_size=beam_size, max_length=max_length):
            captions.append(vocab.decode(ids))
    return captions


def save_attention(attention, image, words, vocab, path):
    """Saves an image, its caption and the attention map of every word."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    from nmt_attention import BOS
    state_below = np.array([[vocab.ids[BOS]] + [vocab.ids[w]
                                                for w in words]])
    alphas = attention.predict_on_batch([image[None], state_below])[:, 0]
    panels = len(words) + 1
    figure, axes = plt.subplots(1, panels, figsize=(1.6 * panels, 2.2))
    axes[0].imshow(np.clip(image, 0, 1))
    axes[0].set_title('image')
    for axis, word, alpha in zip(axes[1:], words, alphas):
        axis.imshow(np.clip(image, 0, 1))
        axis.imshow(np.kron(alpha.reshape(6, 6), np.ones((4, 4))),
                    cmap='gray', alpha=0.6)
        axis.set_title(word)
    for axis in axes:
        axis.axis('off')
    figure.suptitle(' '.join(words))
    figure.savefig(path, dpi=80)
    plt.close(figure)


def main(argv=None):
    """Runs the example; returns a dict with the test BLEU and the history."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--backend', choices=['tensorflow', 'theano'])
    parser.add_argument('--epochs', type=int, default=20)
    parser.add_argument('--images', type=int, default=4000)
    parser.add_argument('--beam', type=int, default=5)
    parser.add_argument('--small', action='store_true')
    parser.add_argument('--output-dir', default='captioning_output')
    parser.add_argument('--verbose', type=int, default=2)
    args = parser.parse_args(argv)
    if args.backend:
        os.environ['KERAS_BACKEND'] = args.backend
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import keras
    from keras import backend as K
    from keras.callbacks import EarlyStopping
    from keras.optimizers import Adam
    from keras.utils import to_categorical
    from nmt_attention import Vocabulary, bleu

    if args.small:
        args.images, args.epochs = 200, 1
    print('keras %s on the %s backend' % (keras.__version__, K.backend()))
    images, captions = make_scenes(args.images)
    vocab = Vocabulary(captions)
    test = max(20, len(images) // 10)
    length = max(len(c) for c in captions) + 1
    state_below = vocab.encode(captions, length, start=True)
    targets = to_categorical(vocab.encode(captions, length, end=True),
                             len(vocab))
    dims = dict(embedding=8, hidden=16, filters=8) if args.small else {}
    model, model_init, model_next, attention = build_models(len(vocab),
                                                            **dims)
    model.compile(Adam(learning_rate=0.003), 'categorical_crossentropy')
    history = model.fit([images[test:], state_below[test:]], targets[test:],
                        batch_size=64, epochs=args.epochs,
                        validation_split=0.1, verbose=args.verbose,
                        callbacks=[EarlyStopping(patience=3,
                                                 restore_best_weights=True)])
    hypotheses = caption(model_init, model_next, images[:test], vocab,
                         beam_size=args.beam)
    pairs = [(None, c) for c in captions[:test]]
    score = bleu(hypotheses, pairs)
    print('\nTest BLEU (beam %d): %.2f on %d held-out images'
          % (args.beam, score, test))
    for hypothesis, reference in list(zip(hypotheses, captions))[:4]:
        print('  %-55s (reference: %s)' % (' '.join(hypothesis),
                                          ' '.join(reference)))
    os.makedirs(args.output_dir, exist_ok=True)
    path = os.path.join(args.output_dir, 'caption_attention.png')
    save_attention(attention, images[0], hypotheses[0] or captions[0], vocab,
                   path)
    print('Caption and attention of a test image: %s' % path)
    return {'bleu': score, 'history': history.history, 'figure': path}


if __name__ == '__main__':
    main()
