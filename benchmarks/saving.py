"""Cost of safe saving on a 100 MB model: atomic writes (temporary file,
fsync, `os.replace`) and weight checksums (CRC-32, the default, or HDF5's
Fletcher-32), against plain writes (what saving did before) and the peer
`tf_keras`.

A model Input(1000) -> Dense(4000) -> Dense(4000) -> Dense(1250) (25.0 M
float32 parameters, 100 MB) is saved with `save_weights` and with
`save` (SGD: no optimizer arrays), and its weights are loaded back, in four
variants per framework process:

* `safe`: this project's default (atomic write + CRC-32 checksums);
* `fletcher32`: atomic write + HDF5 Fletcher-32 checksums (chunked data);
* `atomic`: atomic write, no checksums;
* `plain`: neither (`h5py.File(path, 'w')` on the target: the old way);
* `tf_keras`: the peer's `save_weights` / `save` / `load_weights`.

Each run is one worker process per framework (the frameworks alternate
between runs); inside it the variants run 3 rounds in a random order each,
after `os.sync()` before every timed call; the worker reports its medians
and the table gives the median over all runs (5 by default).

    PYTHONPATH=. python3 benchmarks/saving.py [--runs 5] [--dir DIR]

`--dir` should be on the disk that holds real checkpoints (fsync on tmpfs
costs nothing).
"""
import argparse
import contextlib
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _harness  # noqa: E402

SIZES = (1000, 4000, 4000, 1250)  # 25,009,250 parameters
VARIANTS = ('safe', 'fletcher32', 'atomic', 'plain')


def _build(keras):
    layers = keras.layers
    inputs = layers.Input(shape=(SIZES[0],))
    x = inputs
    for units in SIZES[1:]:
        x = layers.Dense(units)(x)
    model = keras.models.Model(inputs, x)
    model.compile('sgd', 'mse')
    return model


@contextlib.contextmanager
def _variant(name):
    """Sets this project's saving to the variant `name`."""
    if name not in VARIANTS:
        yield
        return
    from keras.engine import saving_checks
    from keras.utils import atomic_io
    saved = saving_checks.CHECKSUMS, atomic_io.atomic_path

    @contextlib.contextmanager
    def direct(path):
        yield path

    saving_checks.CHECKSUMS = {'safe': 'crc32',
                               'fletcher32': 'fletcher32'}.get(name, False)
    if name == 'plain':
        atomic_io.atomic_path = direct
    try:
        yield
    finally:
        saving_checks.CHECKSUMS, atomic_io.atomic_path = saved


def _seconds(function):
    """Wall seconds of `function()`, after flushing other writes to disk
    (so that no variant pays for the previous one's dirty pages)."""
    os.sync()
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _measure(model, folder, name):
    weights = os.path.join(folder, 'bench_%s_weights.h5' % name)
    full = os.path.join(folder, 'bench_%s_model.h5' % name)
    with _variant(name):
        result = {
            'save_weights': _seconds(lambda: model.save_weights(weights)),
            'save': _seconds(lambda: model.save(full)),
            'load_weights': _seconds(lambda: model.load_weights(weights)),
            'MB': os.path.getsize(weights) / 1e6,
        }
    os.remove(weights)
    os.remove(full)
    return result


def worker(framework, folder, rounds=3):
    keras = _harness.import_keras(framework)
    model = _build(keras)
    variants = ['tf_keras'] if framework == 'tf_keras' else list(VARIANTS)
    _measure(model, folder, variants[0])  # warm-up
    samples = {name: [] for name in variants}
    for _ in range(rounds):
        random.shuffle(variants)
        for name in variants:
            samples[name].append(_measure(model, folder, name))
    result = {'params': model.count_params()}
    for name, runs in samples.items():
        result[name] = {key: _harness.median([r[key] for r in runs])
                        for key in runs[0]}
    _harness.emit(result)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--dir', default=os.getcwd())
    parser.add_argument('--worker')
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker, args.dir)
    results = _harness.alternate(
        ['tensorflow', _harness.PEER], args.runs,
        lambda fw: _harness.run_worker(__file__, fw, ['--dir', args.dir]))
    rows = {}
    for fw_results in results.values():
        for result in fw_results:
            for name, values in result.items():
                if isinstance(values, dict):
                    for key, seconds in values.items():
                        rows.setdefault((name, key), []).append(seconds)
    params = next(iter(results['tensorflow']))['params']
    print('%d parameters (%.0f MB float32), medians of %d runs, seconds'
          % (params, params * 4 / 1e6, args.runs))
    print('%-10s %13s %8s %13s %8s' % ('variant', 'save_weights', 'save',
                                       'load_weights', 'file MB'))
    for name in ('plain', 'atomic', 'safe', 'fletcher32', 'tf_keras'):
        cells = [_harness.median(rows.get((name, key), []))
                 for key in ('save_weights', 'save', 'load_weights', 'MB')]
        print('%-10s %13s %8s %13s %8s' % ((name,) + tuple(
            '-' if c is None else '%.3f' % c for c in cells)))
    for key in ('save_weights', 'save', 'load_weights'):
        plain = _harness.median(rows.get(('plain', key), []))
        safe = _harness.median(rows[('safe', key)])
        print('%s: safe/plain %s, fletcher32/plain %s, safe/tf_keras %s' % (
            key, _harness.ratio(safe, plain),
            _harness.ratio(_harness.median(rows[('fletcher32', key)]), plain),
            _harness.ratio(safe, _harness.median(rows.get(('tf_keras', key),
                                                          [])))))


if __name__ == '__main__':
    main()
