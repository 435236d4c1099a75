"""Training throughput of the layer catalogue's example models, side by side
with tf_keras.

Models (random data, one `fit` epoch timed after a warm-up fit):

* `cnn`: the CIFAR-10 example convnet on 32x32x3 inputs (Conv2D 32, 32,
  MaxPool, Dropout, Conv2D 64, 64, MaxPool, Dropout, Dense 512, Dense 10),
  RMSprop, batch 32;
* `lstm_rd`: the IMDB example, Embedding(20000, 128) on length-80 int
  sequences, LSTM(128, dropout=0.2, recurrent_dropout=0.2), Dense(1),
  adam, binary cross-entropy, batch 32;
* `lstm`: the same without recurrent dropout (`dropout=0.2` only).

Each run starts one process per framework (ours on TensorFlow, tf_keras,
and ours on PyTensor with `KERAS_BACKEND=theano`) that times every model
once; the order of frameworks rotates between runs and the median per
model is reported, with the ratio to tf_keras.

    python benchmarks/models.py [--runs 5] [--theano-runs 3]
                                [--models cnn,lstm_rd,lstm]
                                [--cnn-samples 2048] [--lstm-samples 1024]

`KERAS_PYTENSOR_MODE` (e.g. `CVM`, `NUMBA`) is passed on to the PyTensor
worker. See benchmarks/README.md for the latest table.

Profile one framework instead (cProfile of the timed fit, top functions):

    python benchmarks/models.py --worker tensorflow --models cnn --profile 25
"""
from __future__ import print_function

import argparse
import datetime
import os
import platform
import sys

import numpy as np

import _harness as H

MODELS = ('cnn', 'lstm_rd', 'lstm')
TITLES = {'cnn': 'CIFAR-like convnet, RMSprop, batch 32',
          'lstm_rd': 'IMDB LSTM-128, dropout + recurrent_dropout, adam, b32',
          'lstm': 'IMDB LSTM-128, dropout only, adam, batch 32'}


def cnn_case(keras, samples):
    """The CIFAR-10 example convnet; returns (model, x, y)."""
    L = keras.layers
    model = keras.models.Sequential([
        L.Conv2D(32, (3, 3), padding='same', activation='relu',
                 input_shape=(32, 32, 3)),
        L.Conv2D(32, (3, 3), activation='relu'),
        L.MaxPooling2D(pool_size=(2, 2)),
        L.Dropout(0.25),
        L.Conv2D(64, (3, 3), padding='same', activation='relu'),
        L.Conv2D(64, (3, 3), activation='relu'),
        L.MaxPooling2D(pool_size=(2, 2)),
        L.Dropout(0.25),
        L.Flatten(),
        L.Dense(512, activation='relu'),
        L.Dropout(0.5),
        L.Dense(10, activation='softmax')])
    model.compile(loss='categorical_crossentropy',
                  optimizer=keras.optimizers.RMSprop(learning_rate=1e-4),
                  metrics=['accuracy'])
    rng = np.random.RandomState(0)
    x = rng.rand(samples, 32, 32, 3).astype('float32')
    y = np.eye(10, dtype='float32')[rng.randint(0, 10, size=samples)]
    return model, x, y


def _lstm_case(keras, samples, recurrent_dropout):
    L = keras.layers
    model = keras.models.Sequential([
        L.Embedding(20000, 128, input_length=80),
        L.LSTM(128, dropout=0.2, recurrent_dropout=recurrent_dropout),
        L.Dense(1, activation='sigmoid')])
    model.compile(loss='binary_crossentropy', optimizer='adam',
                  metrics=['accuracy'])
    rng = np.random.RandomState(0)
    x = rng.randint(1, 20000, size=(samples, 80)).astype('int32')
    y = rng.randint(0, 2, size=(samples, 1)).astype('float32')
    return model, x, y


def lstm_rd_case(keras, samples):
    """The IMDB example LSTM with recurrent dropout; returns (model, x, y)."""
    return _lstm_case(keras, samples, 0.2)


def lstm_case(keras, samples):
    """The IMDB example LSTM without recurrent dropout."""
    return _lstm_case(keras, samples, 0.0)


CASES = {'cnn': cnn_case, 'lstm_rd': lstm_rd_case, 'lstm': lstm_case}


def worker(args):
    """Times each model in this process; prints one JSON line."""
    keras = H.import_keras(args.worker)
    result = {}
    for name in args.models:
        samples = args.cnn_samples if name == 'cnn' else args.lstm_samples
        try:
            model, x, y = CASES[name](keras, samples)
            if args.profile:
                result[name] = _profiled_fit(model, x, y, args.profile)
            else:
                result[name] = H.measure_fit(model, x, y, batch_size=32)
        except Exception as e:  # one broken model must not hide the others
            print('%s failed: %s: %s' % (name, type(e).__name__, e),
                  file=sys.stderr)
            result[name] = {'error': '%s: %s' % (type(e).__name__, e)}
        keras.backend.clear_session()
    H.emit(result)


def _profiled_fit(model, x, y, top):
    import cProfile
    import pstats
    H.time_fit(model, x[:256], y[:256], batch_size=32)  # warm-up
    profile = cProfile.Profile()
    profile.enable()
    speed = H.measure_fit(model, x, y, batch_size=32, warmup=32)
    profile.disable()
    stats = pstats.Stats(profile, stream=sys.stderr)
    stats.sort_stats('tottime').print_stats(top)
    stats.sort_stats('cumulative').print_stats(top)
    return speed


def _table(results, args):
    lines = ['%s, %s (%s, %d cores); median of %d runs (PyTensor: %d, '
             'mode %s)'
             % (datetime.date.today().isoformat(), platform.node(),
                platform.processor() or platform.machine(),
                os.cpu_count(), args.runs, args.theano_runs,
                os.environ.get('KERAS_PYTENSOR_MODE', 'default')),
             '| model | ours TF | tf_keras | ours/tf_keras | ours PyTensor '
             '| PyTensor/tf_keras | CPU-time ratio TF, PyTensor |',
             '|---|---:|---:|---:|---:|---:|---:|']
    for m in args.models:
        wall = _medians(results, m, 'samples_per_s')
        cpu = _medians(results, m, 'samples_per_cpu_s')
        peer, peer_cpu = wall.get(H.PEER), cpu.get(H.PEER)
        tf_, th = wall.get('tensorflow'), wall.get('theano')
        lines.append('| %s | %s | %s | %s | %s | %s | %s, %s |' % (
            m, _fmt(tf_), _fmt(peer), H.ratio(tf_, peer), _fmt(th),
            H.ratio(th, peer), H.ratio(cpu.get('tensorflow'), peer_cpu),
            H.ratio(cpu.get('theano'), peer_cpu)))
    lines.append('(training samples/s, wall clock; CPU-time ratio = the '
                 'same ratio in samples per CPU-second of the process. ' +
                 '; '.join('%s = %s' % (m, TITLES[m]) for m in args.models)
                 + ')')
    return '\n'.join(lines)


def _medians(results, model, key):
    """framework -> median of `key` over its runs of `model`."""
    return {fw: H.median([r[model][key] for r in runs
                          if key in r[model]])
            for fw, runs in results.items() if runs}


def _log(run, framework, result):
    print('run %d %-10s ' % (run, framework) + '  '.join(
        '%s %s' % (m, r['error'][:60]) if 'error' in r else
        '%s %.0f/s (%.0f/cpu-s, warm-up %.0fs)'
        % (m, r['samples_per_s'], r['samples_per_cpu_s'], r['warmup_s'])
        for m, r in result.items()))
    sys.stdout.flush()


def _fmt(value):
    return 'failed' if value is None else '%.0f' % value


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--worker', default=None)
    parser.add_argument('--models', default=','.join(MODELS))
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--theano-runs', type=int, default=3)
    parser.add_argument('--cnn-samples', type=int, default=2048)
    parser.add_argument('--lstm-samples', type=int, default=1024)
    parser.add_argument('--profile', type=int, default=0,
                        help='worker only: print the top N of cProfile')
    args = parser.parse_args(argv)
    args.models = [m for m in args.models.split(',') if m]
    unknown = set(args.models) - set(MODELS)
    if unknown:
        parser.error('unknown models %s; expected some of %s'
                     % (sorted(unknown), ','.join(MODELS)))
    if args.worker:
        worker(args)
        return
    extra = ['--models', ','.join(args.models),
             '--cnn-samples', args.cnn_samples,
             '--lstm-samples', args.lstm_samples]
    frameworks = ['tensorflow', H.PEER]
    if args.theano_runs > 0:
        frameworks.append(('theano', args.theano_runs))
    results = H.alternate(frameworks, args.runs,
                          lambda fw: H.run_worker(__file__, fw, extra),
                          log=_log)
    print()
    print(_table(results, args))


if __name__ == '__main__':
    main()
