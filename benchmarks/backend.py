"""Backend kernels, TensorFlow engine against PyTensor engine, in one run.

Three cases, each a forward + backward pass compiled once with `K.function`:

* conv2d: batch 32, 32x32x32 input -> 64 filters, 3x3 kernel, 'same'
  padding; gradients for the input and the kernel.
* max pooling: batch 32, 32x32x64 input, 2x2 windows, strides 2;
  gradient for the input.
* LSTM-style `K.rnn`: batch 32, 80 steps, 128 units (input projection
  before the loop, one recurrent product per step); gradients for the
  three weights.

Both engine modules are imported directly (`keras.backend.tensorflow_backend`
and `keras.backend.theano_backend`), whatever `KERAS_BACKEND` says. Runs
alternate between engines; the median of `--runs` runs is reported with
the ratio PyTensor / TensorFlow (lower is better for PyTensor).

    python benchmarks/backend.py [--runs 5] [--iters 10]
"""
from __future__ import print_function

import argparse
import importlib
import os
import statistics
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

ENGINES = (('tensorflow', 'keras.backend.tensorflow_backend'),
           ('pytensor', 'keras.backend.theano_backend'))


def conv_case(K, rng):
    """conv2d forward + backward; returns (function, inputs)."""
    x = K.placeholder(shape=(32, 32, 32, 32))
    kernel = K.variable(rng.randn(3, 3, 32, 64) * 0.1, name='bench_kernel')
    y = K.conv2d(x, kernel, strides=(1, 1), padding='same')
    loss = K.mean(K.square(y))
    grads = K.gradients(loss, [x, kernel])
    fn = K.function([x], [loss] + grads)
    return fn, [rng.rand(32, 32, 32, 32).astype('float32')]


def pool_case(K, rng):
    """2x2 max pooling forward + backward; returns (function, inputs)."""
    x = K.placeholder(shape=(32, 32, 32, 64))
    y = K.pool2d(x, (2, 2), strides=(2, 2), pool_mode='max')
    loss = K.mean(K.square(y))
    fn = K.function([x], [loss] + K.gradients(loss, [x]))
    return fn, [rng.rand(32, 32, 32, 64).astype('float32')]


def lstm_case(K, rng, batch=32, steps=80, units=128):
    """LSTM-style `K.rnn` forward + backward; returns (function, inputs)."""
    x = K.placeholder(shape=(batch, steps, units))
    w = K.variable(rng.randn(units, 4 * units) * 0.05, name='bench_w')
    u = K.variable(rng.randn(units, 4 * units) * 0.05, name='bench_u')
    b = K.variable(np.zeros(4 * units), name='bench_b')
    projected = K.bias_add(K.dot(x, w), b)

    def step(z_t, states):
        h, c = states[0], states[1]
        z = z_t + K.dot(h, u)
        i = K.sigmoid(z[:, :units])
        f = K.sigmoid(z[:, units:2 * units])
        g = K.tanh(z[:, 2 * units:3 * units])
        o = K.sigmoid(z[:, 3 * units:])
        c_new = f * c + i * g
        h_new = o * K.tanh(c_new)
        return h_new, [h_new, c_new]

    h0 = K.zeros_like(projected[:, 0, :units])
    last, _, _ = K.rnn(step, projected, [h0, h0])
    loss = K.mean(K.square(last))
    fn = K.function([x], [loss] + K.gradients(loss, [w, u, b]))
    return fn, [rng.rand(batch, steps, units).astype('float32')]


CASES = (('conv2d fwd+bwd', conv_case), ('maxpool fwd+bwd', pool_case),
         ('lstm rnn fwd+bwd', lstm_case))


def _time(fn, inputs, iters):
    start = time.perf_counter()
    for _ in range(iters):
        fn(inputs)
    return (time.perf_counter() - start) / iters * 1000.


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--iters', type=int, default=10)
    args = parser.parse_args(argv)
    engines = [(name, importlib.import_module(module))
               for name, module in ENGINES]
    rows = []
    for title, build in CASES:
        compiled = {}
        compile_ms = {}
        for name, K in engines:
            start = time.perf_counter()
            fn, inputs = build(K, np.random.RandomState(0))
            fn(inputs)  # compile / warm up
            compile_ms[name] = (time.perf_counter() - start) * 1000.
            compiled[name] = (fn, inputs)
        times = {name: [] for name, _ in engines}
        for _ in range(max(args.runs, 1)):
            for name, _ in engines:
                fn, inputs = compiled[name]
                times[name].append(_time(fn, inputs, args.iters))
        medians = {name: statistics.median(t) for name, t in times.items()}
        rows.append((title, medians, compile_ms))
    print('%-18s %12s %12s %8s %14s' % ('case', 'tensorflow', 'pytensor',
                                        'ratio', 'first call'))
    for title, medians, compile_ms in rows:
        tf_ms, pt_ms = medians['tensorflow'], medians['pytensor']
        print('%-18s %9.1f ms %9.1f ms %7.2fx %6.1fs/%.1fs'
              % (title, tf_ms, pt_ms, pt_ms / tf_ms,
                 compile_ms['tensorflow'] / 1000.,
                 compile_ms['pytensor'] / 1000.))
    print('(median of %d alternating runs of %d calls; ratio = pytensor / '
          'tensorflow; first call = build + compile + first run, tf/pytensor)'
          % (args.runs, args.iters))


if __name__ == '__main__':
    main()
