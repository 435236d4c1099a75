"""Training throughput of the 784-512-512-10 MLP (RMSprop, batch 128),
side by side with tf_keras.

Each framework runs in its own subprocess (so TensorFlow settings do not
clash); runs alternate between frameworks and the median is reported.

    python benchmarks/mlp.py [--samples 60000] [--epochs 2] [--runs 5]
                             [--theano-runs 1] [--verbose 0]

Prints samples/s per framework and the ratio ours / tf_keras.
"""
from __future__ import print_function

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _data(samples):
    import numpy as np
    rng = np.random.RandomState(0)
    x = rng.rand(samples, 784).astype('float32')
    y = np.eye(10, dtype='float32')[rng.randint(0, 10, size=samples)]
    return x, y


def _build(keras):
    layers = keras.layers
    model = keras.models.Sequential([
        layers.Dense(512, activation='relu', input_shape=(784,)),
        layers.Dropout(0.2),
        layers.Dense(512, activation='relu'),
        layers.Dropout(0.2),
        layers.Dense(10, activation='softmax')])
    model.compile(loss='categorical_crossentropy',
                  optimizer=keras.optimizers.RMSprop(),
                  metrics=['accuracy'])
    return model


def worker(framework, samples, epochs, verbose):
    """Times `fit` in this process; prints one JSON line."""
    if framework == 'tf_keras':
        import tf_keras as keras
    else:
        sys.path.insert(0, ROOT)
        os.environ['KERAS_BACKEND'] = framework
        import keras
    x, y = _data(samples)
    model = _build(keras)
    # Warm-up: compile the train function and touch every code path.
    model.fit(x[:1280], y[:1280], batch_size=128, epochs=1, verbose=0)
    start, cpu_start = time.perf_counter(), time.process_time()
    model.fit(x, y, batch_size=128, epochs=epochs, verbose=verbose)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    print(json.dumps({'framework': framework,
                      'samples_per_s': samples * epochs / elapsed,
                      'samples_per_cpu_s': samples * epochs / cpu}))


def _run_worker(framework, args):
    cmd = [sys.executable, os.path.abspath(__file__), '--worker', framework,
           '--samples', str(args.samples), '--epochs', str(args.epochs),
           '--verbose', str(args.verbose)]
    env = dict(os.environ, PYTHONPATH=ROOT, TF_CPP_MIN_LOG_LEVEL='2')
    out = subprocess.run(cmd, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, universal_newlines=True)
    for line in out.stdout.splitlines()[::-1]:
        if line.startswith('{'):
            result = json.loads(line)
            return result['samples_per_s'], result['samples_per_cpu_s']
    raise RuntimeError('%s worker failed:\n%s' % (framework,
                                                  out.stderr[-3000:]))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--worker', default=None)
    parser.add_argument('--samples', type=int, default=60000)
    parser.add_argument('--epochs', type=int, default=2)
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--theano-runs', type=int, default=1)
    parser.add_argument('--verbose', type=int, default=0)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.samples, args.epochs, args.verbose)
        return
    results = {'tensorflow': [], 'tf_keras': [], 'theano': []}
    for run in range(args.runs):
        order = ['tensorflow', 'tf_keras'] if run % 2 == 0 else \
            ['tf_keras', 'tensorflow']
        for framework in order:
            results[framework].append(_run_worker(framework, args))
            print('run %d %-10s %10.0f samples/s %10.0f samples/cpu-s'
                  % ((run + 1, framework) + results[framework][-1]))
    for run in range(args.theano_runs):
        results['theano'].append(_run_worker('theano', args))
        print('run %d %-10s %10.0f samples/s %10.0f samples/cpu-s'
              % ((run + 1, 'theano') + results['theano'][-1]))
    report(results, args)


def report(results, args):
    """Prints the medians (wall clock and CPU time) and the ratios."""
    print('\nMLP 784-512-512-10, RMSprop, batch 128, %d samples x %d epochs, '
          'verbose=%d (median of runs)' % (args.samples, args.epochs,
                                           args.verbose))
    for column, label in ((0, 'samples/s (wall clock)'),
                          (1, 'samples per CPU-second (all threads)')):
        medians = {k: statistics.median(r[column] for r in v)
                   for k, v in results.items() if v}
        print('  %s:' % label)
        for name, value in sorted(medians.items()):
            print('    %-22s %10.0f' % (
                'tf_keras' if name == 'tf_keras' else
                'keras (' + name + ')', value))
        for name in ('tensorflow', 'theano'):
            if name in medians:
                print('    ratio ours(%s) / tf_keras: %.2fx'
                      % (name, medians[name] / medians['tf_keras']))


if __name__ == '__main__':
    main()
