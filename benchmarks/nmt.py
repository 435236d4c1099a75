"""An NMT-Keras-sized attention model, side by side with tf_keras.

The model (random data, fixed seed): source and target embeddings 64
(`mask_zero=True`), a bidirectional LSTM encoder 64 (`return_sequences`),
initial decoder states from the mean of the annotations (Dense tanh), a
conditional LSTM decoder 64 with additive attention (ours:
`AttConditionalLSTMCond`; tf_keras: the same equations in a custom cell run
by `tf_keras.layers.RNN` with the annotations and their projection as
constants), a deep output (Dense over the decoder state, over the attended
context and over the embedding, summed, tanh) and a softmax over a
vocabulary of 1,000; sentences of 10-20 tokens, batch 64, Adam.

Measured per framework and run, each in a fresh process: training target
tokens per second of one `fit` epoch after a warm-up fit (wall clock and
per CPU-second), and beam-search decoding (beam 5) sentences per second
through one-step models `model_init` / `model_next` built from the same
layers (as NMT-Keras decodes). Medians of alternating runs, ratios to
tf_keras.

    python benchmarks/nmt.py [--runs 5] [--theano-runs 3] [--samples 1024]
"""
import argparse
import os
import sys
import time

import numpy as np

import _harness as H

VOCAB, EMBEDDING, HIDDEN, BATCH = 1000, 64, 64, 64
MIN_LEN, MAX_LEN = 10, 20


def make_data(samples, seed=0):
    """Random source/target sentences (padded with 0) and one-hot targets."""
    rng = np.random.RandomState(seed)

    def sentences():
        out = np.zeros((samples, MAX_LEN), dtype='int32')
        for row in range(samples):
            length = rng.randint(MIN_LEN, MAX_LEN + 1)
            out[row, :length] = rng.randint(3, VOCAB, length)
        return out
    source, target = sentences(), sentences()
    state_below = np.concatenate([np.ones((samples, 1), 'int32'),
                                  target[:, :-1]], 1) * (target > 0)
    y = np.eye(VOCAB, dtype='float32')[target]
    return source, state_below, y, int((target > 0).sum())


def encoder(keras, source):
    """Embedding, BiLSTM annotations (padded steps zero) and h0, c0."""
    L = keras.layers
    embedded = L.Embedding(VOCAB, EMBEDDING, mask_zero=True)(source)
    annotations = L.Bidirectional(L.LSTM(HIDDEN, return_sequences=True))(
        embedded)
    mask = L.Lambda(lambda s: keras.backend.cast(
        keras.backend.greater(s, 0), 'float32'))(source)
    annotations = L.Lambda(lambda a: a[0] * keras.backend.expand_dims(a[1]),
                           mask=lambda inputs, masks: masks[0])(
        [annotations, mask])
    summary = L.GlobalAveragePooling1D()(annotations)
    h0 = L.Dense(HIDDEN, activation='tanh')(summary)
    c0 = L.Dense(HIDDEN, activation='tanh')(summary)
    return annotations, h0, c0


def deep_output(keras):
    """The deep output layers: `f(h, ctx, embedded) -> probabilities`."""
    L = keras.layers
    dense = [L.TimeDistributed(L.Dense(EMBEDDING)) for _ in range(3)]
    softmax = L.TimeDistributed(L.Dense(VOCAB, activation='softmax'))

    def apply(h, ctx, embedded):
        merged = L.Add()([dense[0](h), dense[1](ctx), dense[2](embedded)])
        return softmax(L.Activation('tanh')(merged))
    return apply


def ours_decoder(keras):
    """`decode(words, context, h, c) -> (probabilities, h, c)` on our
    AttConditionalLSTMCond (its attended contexts come out time-major)."""
    L = keras.layers
    embedding = L.Embedding(VOCAB, EMBEDDING, mask_zero=True)
    decoder = L.AttConditionalLSTMCond(HIDDEN, return_sequences=True,
                                       return_extra_variables=True,
                                       return_states=True, num_inputs=4)
    output = deep_output(keras)

    def decode(words, context, h, c):
        embedded = embedding(words)
        states, ctx, _, h, c = decoder([embedded, context, h, c])
        ctx = L.PermuteGeneral((1, 0, 2))(ctx)
        return output(states, ctx, embedded), h, c
    return decode


def peer_decoder(keras):
    """The same decoder for tf_keras: a custom cell in `layers.RNN`."""
    import tensorflow as tf
    L = keras.layers

    class ConditionalAttentionCell(L.Layer):
        """cLSTM step: LSTM_1 on the word, attention with its state, LSTM_2
        on the attended context; output [h, ctx]."""

        def __init__(self, units, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.state_size = [units, units]
            self.output_size = 3 * units

        def build(self, input_shape):
            u, e, d = self.units, EMBEDDING, 2 * HIDDEN
            self.conditional_kernel = self.add_weight('v', (e, 4 * u))
            self.recurrent1_kernel = self.add_weight('r1', (u, 4 * u))
            self.bias1 = self.add_weight('b1', (4 * u,), initializer='zeros')
            self.kernel = self.add_weight('w', (d, 4 * u))
            self.recurrent_kernel = self.add_weight('r', (u, 4 * u))
            self.bias = self.add_weight('b', (4 * u,), initializer='zeros')
            self.attention_recurrent = self.add_weight('war', (u, u))
            self.wa = self.add_weight('wa', (u,))
            self.built = True

        def _lstm(self, z, c):
            i, f, g, o = tf.split(z, 4, axis=-1)
            c = tf.sigmoid(f) * c + tf.sigmoid(i) * tf.tanh(g)
            return tf.sigmoid(o) * tf.tanh(c), c

        def call(self, inputs, states, constants):
            context, projected, mask = constants
            h, c = states
            h1, c1 = self._lstm(tf.matmul(inputs, self.conditional_kernel) +
                                tf.matmul(h, self.recurrent1_kernel) +
                                self.bias1, c)
            query = tf.matmul(h1, self.attention_recurrent)[:, None, :]
            scores = tf.reduce_sum(tf.tanh(projected + query) * self.wa, -1)
            alpha = tf.nn.softmax(scores + (1. - mask) * -1e9)
            ctx = tf.reduce_sum(context * alpha[:, :, None], 1)
            h, c = self._lstm(tf.matmul(h1, self.recurrent_kernel) +
                              tf.matmul(ctx, self.kernel) + self.bias, c1)
            return tf.concat([h, ctx], -1), [h, c]

    embedding = L.Embedding(VOCAB, EMBEDDING, mask_zero=True)
    rnn = L.RNN(ConditionalAttentionCell(HIDDEN), return_sequences=True,
                return_state=True)
    projection = L.Dense(HIDDEN)
    output = deep_output(keras)

    def decode(words, context, h, c):
        embedded = embedding(words)
        mask = L.Lambda(lambda a: tf.cast(tf.reduce_sum(tf.abs(a), -1) > 0,
                                          'float32'))(context)
        sequence, h, c = rnn(embedded, initial_state=[h, c],
                             constants=[context, projection(context), mask])
        states = L.Lambda(lambda s: s[:, :, :HIDDEN])(sequence)
        ctx = L.Lambda(lambda s: s[:, :, HIDDEN:])(sequence)
        return output(states, ctx, embedded), h, c
    return decode


def build(keras, framework):
    """The training model and the one-step models."""
    L = keras.layers
    decode = (peer_decoder if framework == H.PEER else ours_decoder)(keras)
    source = L.Input((None,), dtype='int32')
    state_below = L.Input((None,), dtype='int32')
    annotations, h0, c0 = encoder(keras, source)
    probabilities, h, c = decode(state_below, annotations, h0, c0)
    model = keras.models.Model([source, state_below], probabilities)
    model_init = keras.models.Model([source, state_below],
                                    [probabilities, annotations, h, c])
    previous = L.Input((None,), dtype='int32')
    context = L.Input((None, 2 * HIDDEN))
    h_in, c_in = L.Input((HIDDEN,)), L.Input((HIDDEN,))
    next_probabilities, next_h, next_c = decode(previous, context, h_in,
                                                c_in)
    model_next = keras.models.Model([previous, context, h_in, c_in],
                                    [next_probabilities, next_h, next_c])
    return model, model_init, model_next


def worker(framework, samples, decode_sentences):
    keras = H.import_keras(framework)
    sys.path.insert(0, os.path.join(H.ROOT, 'examples'))
    from seq2seq_decoding import beam_search
    np.random.seed(0)
    model, model_init, model_next = build(keras, framework)
    model.compile(keras.optimizers.Adam(), 'categorical_crossentropy')
    source, state_below, y, tokens = make_data(samples)
    # A warm-up fit (graph building, compilation), then one timed epoch.
    model.fit([source[:4 * BATCH], state_below[:4 * BATCH]], y[:4 * BATCH],
              batch_size=BATCH, verbose=0)
    cpu, start = H._cpu_seconds(), time.perf_counter()
    model.fit([source, state_below], y, batch_size=BATCH, verbose=0)
    wall, cpu = time.perf_counter() - start, H._cpu_seconds() - cpu
    beam_search(model_init, model_next, source[:8], 1, 2, beam_size=5,
                max_length=MAX_LEN)  # warm-up of both step models
    start = time.perf_counter()
    beam_search(model_init, model_next, source[:decode_sentences], 1, 2,
                beam_size=5, max_length=MAX_LEN)
    decode_wall = time.perf_counter() - start
    H.emit({'framework': framework, 'tokens_per_s': tokens / wall,
            'tokens_per_cpu_s': tokens / max(cpu, 1e-9),
            'sentences_per_s': decode_sentences / decode_wall})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--worker')
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--theano-runs', type=int, default=3)
    parser.add_argument('--samples', type=int, default=1024)
    parser.add_argument('--decode-sentences', type=int, default=64)
    args = parser.parse_args()
    extra = ['--samples', args.samples, '--decode-sentences',
             args.decode_sentences]
    if args.worker:
        return worker(args.worker, args.samples, args.decode_sentences)
    frameworks = ['tensorflow', H.PEER]
    if args.theano_runs:
        frameworks.append(('theano', args.theano_runs))
    results = H.alternate(frameworks, args.runs,
                          lambda f: H.run_worker(__file__, f, extra))
    keys = ('tokens_per_s', 'tokens_per_cpu_s', 'sentences_per_s')
    medians = {f: {k: H.median([r[k] for r in rs]) for k in keys}
               for f, rs in results.items()}
    print('\n| framework | train tokens/s | per CPU-s | beam-5 sentences/s |')
    print('|---|---:|---:|---:|')
    for f, m in medians.items():
        print('| %s | %.0f | %.0f | %.1f |' % (f, m['tokens_per_s'],
                                              m['tokens_per_cpu_s'],
                                              m['sentences_per_s']))
    peer = medians[H.PEER]
    for f in medians:
        if f != H.PEER:
            print('%s / tf_keras: training %s (per CPU-s %s), decoding %s'
                  % (f, H.ratio(medians[f]['tokens_per_s'],
                                peer['tokens_per_s']),
                     H.ratio(medians[f]['tokens_per_cpu_s'],
                             peer['tokens_per_cpu_s']),
                     H.ratio(medians[f]['sentences_per_s'],
                             peer['sentences_per_s'])))


if __name__ == '__main__':
    main()
