"""Training throughput of a Transformer block, ours against tf_keras.

The block: inputs `(batch, 50, 256)`, self-attention with 8 heads and
d_model 256 (ours: `MultiHeadAttention(8, 256, activation='linear',
use_bias=True)([x, x])`, the fork's layer configured as the paper's;
tf_keras: `MultiHeadAttention(num_heads=8, key_dim=32)(x, x)`, the same
four projections with biases), a residual `Add`, a position-wise feed-forward
`Dense(1024, relu)` -> `Dense(256)` and a second `Add`; mean squared error,
adam, batch 32. One `fit` epoch is timed (forward, backward and update of
every batch) after a warm-up fit.

Each run starts one process per framework; the order rotates between runs
and the medians are reported, with the ratio to tf_keras.

    python benchmarks/attention.py [--runs 5] [--theano-runs 0]
                                   [--samples 1024]
"""
import argparse
import datetime
import os
import platform
import sys

import numpy as np

import _harness as H

STEPS, D_MODEL, HEADS, BATCH = 50, 256, 8, 32


def transformer_block(keras, framework):
    """The compiled model of the module docstring."""
    L = keras.layers
    x = L.Input((STEPS, D_MODEL))
    if framework == H.PEER:
        attended = L.MultiHeadAttention(num_heads=HEADS,
                                        key_dim=D_MODEL // HEADS)(x, x)
    else:
        attended = L.MultiHeadAttention(HEADS, D_MODEL, activation='linear',
                                        use_bias=True)([x, x])
    h = L.Add()([x, attended])
    ff = L.Dense(D_MODEL)(L.Dense(4 * D_MODEL, activation='relu')(h))
    model = keras.models.Model(x, L.Add()([h, ff]))
    model.compile(loss='mse', optimizer='adam')
    return model


def worker(args):
    """Times the block in this process; prints one JSON line."""
    keras = H.import_keras(args.worker)
    rng = np.random.RandomState(0)
    x = rng.normal(size=(args.samples, STEPS, D_MODEL)).astype('float32')
    y = rng.normal(size=(args.samples, STEPS, D_MODEL)).astype('float32')
    model = transformer_block(keras, args.worker)
    H.emit(H.measure_fit(model, x, y, batch_size=BATCH))


def _log(run, framework, r):
    print('run %d %-10s %.0f samples/s (%.0f/cpu-s, warm-up %.0fs)'
          % (run, framework, r['samples_per_s'], r['samples_per_cpu_s'],
             r['warmup_s']))
    sys.stdout.flush()


def _table(results, args):
    wall = {fw: H.median([r['samples_per_s'] for r in runs])
            for fw, runs in results.items()}
    cpu = {fw: H.median([r['samples_per_cpu_s'] for r in runs])
           for fw, runs in results.items()}
    lines = ['%s, %s (%s, %d cores); median of %d runs'
             % (datetime.date.today().isoformat(), platform.node(),
                platform.processor() or platform.machine(), os.cpu_count(),
                args.runs),
             '| framework | samples/s | ratio to tf_keras (wall) | '
             'ratio to tf_keras (CPU time) |', '|---|---:|---:|---:|']
    for fw in results:
        lines.append('| %s | %.0f | %s | %s |' % (
            fw, wall[fw], H.ratio(wall[fw], wall[H.PEER]),
            H.ratio(cpu[fw], cpu[H.PEER])))
    return '\n'.join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--worker', default=None)
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--theano-runs', type=int, default=0)
    parser.add_argument('--samples', type=int, default=1024)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args)
        return
    frameworks = ['tensorflow', H.PEER]
    if args.theano_runs > 0:
        frameworks.append(('theano', args.theano_runs))
    results = H.alternate(
        frameworks, args.runs,
        lambda fw: H.run_worker(__file__, fw, ['--samples', args.samples]),
        log=_log)
    print()
    print(_table(results, args))


if __name__ == '__main__':
    main()
