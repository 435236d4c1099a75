"""Shared parts of the side-by-side benchmarks (ours against `tf_keras`).

A benchmark script is run twice over: as the *driver* (no `--worker`
argument), which starts one subprocess per framework per run, alternating
the order of frameworks between runs, and as the *worker*
(`--worker FRAMEWORK`), which imports one framework, times its models and
prints one JSON line. Each framework lives in its own process so that the
TensorFlow settings of one cannot leak into the other.

Frameworks:

* `tensorflow`: this project, `KERAS_BACKEND=tensorflow` (with TensorFlow
  control flow v1, as the backend runs it);
* `theano`: this project, `KERAS_BACKEND=theano` (PyTensor);
* `tf_keras`: the peer, Keras 2 on TensorFlow 2 (`import tf_keras`).
"""
from __future__ import print_function

import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEER = 'tf_keras'
OURS = ('tensorflow', 'theano')


def import_keras(framework):
    """Imports and returns the Keras of `framework` (call once per process).

    # Arguments
        framework: 'tensorflow' or 'theano' (this project) or 'tf_keras'.

    # Returns
        The `keras` module to benchmark.

    # Raises
        ValueError: for an unknown framework name.
    """
    if framework == PEER:
        import tf_keras
        return tf_keras
    if framework not in OURS:
        raise ValueError('Unknown framework %r; expected one of %r'
                         % (framework, (PEER,) + OURS))
    os.environ['KERAS_BACKEND'] = framework
    if framework == 'tensorflow':
        # The backend uses control flow v1 (v2 while-loop gradients break
        # once a session has run); set it here too in case it does not yet.
        import tensorflow as tf
        tf.compat.v1.disable_control_flow_v2()
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    import keras
    if not keras.__file__.startswith(ROOT):
        raise RuntimeError('Imported %s instead of the project keras in %s'
                           % (keras.__file__, ROOT))
    return keras


def time_fit(model, x, y, batch_size, warmup=None, epochs=1, verbose=0):
    """Samples per second of `model.fit` over (x, y), after a warm-up.

    # Arguments
        model: a compiled model.
        x, y: training arrays.
        batch_size: the batch size of both fits.
        warmup: samples of the warm-up fit (default: 8 batches); it
            compiles the train function and touches every code path.
        epochs: epochs of the timed fit.
        verbose: `fit` verbosity of the timed fit.

    # Returns
        Training samples per second of the timed fit (wall clock).
    """
    return measure_fit(model, x, y, batch_size, warmup, epochs,
                       verbose)['samples_per_s']


def measure_fit(model, x, y, batch_size, warmup=None, epochs=1, verbose=0):
    """Like `time_fit`, with the process's CPU time as well.

    On a machine shared with other jobs the wall clock measures the load as
    much as the code; CPU seconds (user + system, all threads) are steadier
    and show how much work each framework does per sample.

    # Returns
        A dict: `samples_per_s` (wall clock), `samples_per_cpu_s`, and
        `warmup_s` (seconds of the warm-up fit: graph building and
        compilation included).
    """
    warmup = warmup or 8 * batch_size
    start = time.perf_counter()
    model.fit(x[:warmup], y[:warmup], batch_size=batch_size, epochs=1,
              verbose=0)
    warmup_s = time.perf_counter() - start
    cpu_start, start = _cpu_seconds(), time.perf_counter()
    model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=verbose)
    wall, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
    samples = len(x) * epochs
    return {'samples_per_s': samples / wall,
            'samples_per_cpu_s': samples / max(cpu, 1e-9),
            'warmup_s': warmup_s}


def _cpu_seconds():
    times = os.times()
    return times.user + times.system


def emit(result):
    """Prints the worker's result (a JSON-serialisable dict) as one line."""
    print(json.dumps(result))
    sys.stdout.flush()


def run_worker(script, framework, extra_args=(), timeout=None):
    """Runs `script --worker framework extra_args` in a fresh process.

    # Returns
        The dict of the last JSON line the worker printed.

    # Raises
        RuntimeError: if the worker printed no JSON line (with its stderr).
    """
    cmd = [sys.executable, os.path.abspath(script), '--worker', framework]
    cmd += [str(a) for a in extra_args]
    env = dict(os.environ, PYTHONPATH=ROOT, TF_CPP_MIN_LOG_LEVEL='2')
    out = subprocess.run(cmd, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, universal_newlines=True,
                         timeout=timeout)
    for line in out.stdout.splitlines()[::-1]:
        if line.startswith('{'):
            return json.loads(line)
    raise RuntimeError('%s worker failed (exit %s):\n%s'
                       % (framework, out.returncode, out.stderr[-3000:]))


def alternate(frameworks, runs, run_one, log=None):
    """Runs `run_one(framework)` `runs` times per framework, alternating.

    The order of `frameworks` is rotated each run so that no framework is
    always first (load on a shared machine drifts). A framework can be
    given fewer runs by listing it as `(name, runs)`. `log(run, name,
    result)` is called after each run (default: print them).

    # Returns
        A dict: framework -> list of results, in run order.
    """
    plan = [f if isinstance(f, tuple) else (f, runs) for f in frameworks]
    results = {name: [] for name, _ in plan}
    for run in range(max(n for _, n in plan)):
        todo = [name for name, n in plan if run < n]
        shift = run % len(todo)
        for name in todo[shift:] + todo[:shift]:
            results[name].append(run_one(name))
            (log or _log)(run + 1, name, results[name][-1])
    return results


def _log(run, name, result):
    print('run %d %-10s %s' % (run, name, result))
    sys.stdout.flush()


def median(values):
    """Median of a non-empty list, else None."""
    return statistics.median(values) if values else None


def ratio(ours, peer):
    """`ours / peer` formatted as '1.23x', or '-' if either is missing."""
    if not ours or not peer:
        return '-'
    return '%.2fx' % (ours / peer)
