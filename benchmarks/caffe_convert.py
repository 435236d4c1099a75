"""Conversion time and memory of a VGG-16-sized Caffe model (138M
parameters, random weights written by the test helper
`tests/caffe/caffe_nets.vgg16`).

    PYTHONPATH=. python3 benchmarks/caffe_convert.py [--runs 3]

Each run is a subprocess doing the steps of `caffe_to_keras` one by one:
the Keras model from the prototxt (initial weights), then, with the peak
resident memory reset (`/proc/self/clear_refs`), reading the caffemodel,
its blobs as NumPy arrays, and setting the Keras weights. Reported: the
median seconds of each step, and the peak memory of the weight steps above
the built model, as a multiple of the caffemodel's size. There is no peer
converter to run side by side.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _write(folder):
    sys.path.insert(0, os.path.join(ROOT, 'tests', 'caffe'))
    from caffe_nets import vgg16
    net = vgg16()
    prototxt, caffemodel = net.write(folder, 'vgg16')
    return prototxt, caffemodel


def _status(field):
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith(field + ':'):
                return int(line.split()[1]) * 1024
    return 0


def _worker(prototxt, caffemodel):
    """Builds the model, then (peak RSS reset) reads, converts and loads the
    weights: the steps of caffe_to_keras, timed one by one."""
    from keras import backend as K
    from keras.caffe import convert
    times = {}
    start = time.perf_counter()
    model = convert.caffe_to_keras(prototxt, None, phase='test')
    K.batch_get_value(model.weights[:1])   # variables initialized
    times['model'] = time.perf_counter() - start
    model_rss = _status('VmRSS')
    with open('/proc/self/clear_refs', 'w') as f:
        f.write('5')                        # resets the peak (VmHWM)
    start = time.perf_counter()
    convert._load_caffemodel(model, caffemodel)
    times['weights'] = time.perf_counter() - start
    print(json.dumps({'times': times, 'model_rss': model_rss,
                      'peak_rss': _status('VmHWM'),
                      'params': model.count_params()}))


def _run(prototxt, caffemodel):
    output = subprocess.check_output(
        [sys.executable, __file__, '--worker', prototxt, caffemodel],
        env=dict(os.environ, PYTHONPATH=ROOT), stderr=subprocess.DEVNULL)
    return json.loads(output.decode().strip().splitlines()[-1])


def _median(values):
    values = sorted(values)
    return values[len(values) // 2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--worker', nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(*args.worker)
        return
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        prototxt, caffemodel = _write(folder)
        size = os.path.getsize(caffemodel)
        print('wrote %s: %.0f MB in %.1f s' % (
            os.path.basename(caffemodel), size / 1e6,
            time.perf_counter() - start))
        runs = [_run(prototxt, caffemodel) for _ in range(args.runs)]
    print('parameters: %d' % runs[0]['params'])
    print('| step | seconds (median of %d) |' % args.runs)
    print('|---|---|')
    for step, what in (('model', 'Keras model from the prototxt'),
                       ('weights', 'caffemodel parsed layer by layer, '
                                   'weights set')):
        print('| %s | %.2f |' % (what, _median([r['times'][step]
                                                for r in runs])))
    extra = _median([r['peak_rss'] - r['model_rss'] for r in runs])
    print('model RSS %.0f MB; loading the weights peaks %.0f MB above it = '
          '%.2f x the caffemodel (%.0f MB)' % (
              _median([r['model_rss'] for r in runs]) / 1e6, extra / 1e6,
              extra / float(size), size / 1e6))


if __name__ == '__main__':
    main()
