"""The examples run and learn: every example's `--small` mode, in this
process, on the active backend; the command line switches the backend."""
import importlib.util
import math
import os
import subprocess
import sys

import pytest

from keras import backend as K

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, 'examples')


def load_example(name):
    if EXAMPLES not in sys.path:
        sys.path.insert(0, EXAMPLES)
    path = os.path.join(EXAMPLES, name + '.py')
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_quickstart_demo_learns_the_spirals(capsys):
    demo = load_example('quickstart_mlp')
    accuracy = demo.main(epochs=12, samples_per_class=300)
    out = capsys.readouterr().out
    assert 'Epoch 12/12' in out and 'Test accuracy:' in out
    # 4 classes: chance is 0.25; a linear model stays far below 0.9.
    assert accuracy > 0.9


def test_spirals_are_balanced_and_seeded():
    demo = load_example('quickstart_mlp')
    x, y = demo.make_spirals(100, seed=3)
    x2, y2 = demo.make_spirals(100, seed=3)
    assert x.shape == (400, 2) and x.dtype.name == 'float32'
    assert sorted(set(y.tolist())) == [0, 1, 2, 3]
    assert (x == x2).all() and (y == y2).all()


def _check_range(results, key, low, high):
    value = results[key]
    assert low <= value <= high, '%s = %r, expected in [%r, %r]' % (
        key, value, low, high)


# example: (the lines it prints, {result: (low, high)}). The bounds are
# what the small runs reach with a margin: above chance where a few
# seconds of training learn the task, else below the untrained loss.
SMALL_RUNS = {
    'mlp_classifier': (['Test accuracy:'], {'accuracy': (0.4, 1.)}),
    'mnist_like_cnn': (['Test accuracy:'], {'accuracy': (0.2, 1.)}),
    'lstm_text_classifier': (['Test accuracy:'], {'accuracy': (0.55, 1.)}),
    # Uniform guessing over the 17 output characters: loss ln(17) = 2.83.
    'lstm_seq2seq': (['Test sequence accuracy:', ' -> '],
                     {'loss': (0., 2.2), 'accuracy': (0., 1.)}),
    # Uniform guessing over the 12 characters: loss ln(12) = 2.48.
    'addition_rnn': (['Test answer accuracy:', ' = '],
                     {'loss': (0., 2.3), 'accuracy': (0., 1.)}),
    # A constant 0.5 per pixel: crossentropy ln(2) = 0.69.
    'conv_lstm': (['Next-frame MSE:', 'Repeat-last-frame MSE:'],
                  {'loss': (0., 0.6), 'mse': (0., 0.3),
                   'baseline_mse': (0.01, 0.5)}),
    # An untrained decoder (all pixels 0.5): 64 * ln(2) = 44 nats.
    'variational_autoencoder': (['Test reconstruction MSE:'],
                                {'loss': (0., 40.), 'reconstruction': (0., .2),
                                 'kl': (0., 20.)}),
    # The majority class is 2/3 of the labels.
    'multi_io_functional': (['Test label accuracy:', 'Test count MAE:'],
                            {'accuracy': (0.8, 1.), 'count_mae': (0., 0.8)}),
    'sequence_training': (['Test accuracy:'], {'accuracy': (0.2, 1.)}),
    'transfer_learning_lr_multipliers': (
        ['Relative change of base_1:'],
        {'pretrain_accuracy': (0.3, 1.), 'accuracy': (0., 1.),
         'moved_base_1': (0., 0.), 'moved_head_b': (0.01, 10.)}),
}


@pytest.mark.parametrize('name', sorted(SMALL_RUNS))
def test_small_run(name, capsys):
    printed, ranges = SMALL_RUNS[name]
    results = load_example(name).main(['--small'])
    out = capsys.readouterr().out
    assert 'on the %s backend' % K.backend() in out
    for line in printed:
        assert line in out, 'the %s example did not print %r' % (name, line)
    assert math.isfinite(results['loss']), results
    assert all(math.isfinite(v) for v in results.values()), results
    for key, (low, high) in ranges.items():
        _check_range(results, key, low, high)
    if name == 'transfer_learning_lr_multipliers':
        # Multiplier 0.1 against 1 for the new head (Adam's steps scale).
        assert 0 < results['moved_base_2'] < results['moved_head_b']


def test_every_example_has_a_small_run():
    names = {f[:-3] for f in os.listdir(EXAMPLES)
             if f.endswith('.py') and f != 'example_utils.py'}
    # Tested elsewhere (tests/test_flagship_examples.py), or a helper.
    flagships = {'quickstart_mlp', 'nmt_attention', 'captioning',
                 'seq2seq_decoding'}
    assert names - flagships <= set(SMALL_RUNS), sorted(names)


def test_backend_option_selects_the_engine():
    other = 'theano' if K.backend() == 'tensorflow' else 'tensorflow'
    env = dict(os.environ, PYTHONPATH=ROOT, KERAS_BACKEND=K.backend())
    proc = subprocess.run(
        [sys.executable, os.path.join(EXAMPLES, 'mlp_classifier.py'),
         '--small', '--epochs', '1', '--backend', other],
        env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert 'on the %s backend' % other in proc.stdout
    assert 'Test accuracy:' in proc.stdout


def test_backend_option_is_checked():
    utils = load_example('example_utils')
    with pytest.raises(ValueError, match='expected one of'):
        utils.select_backend(['--backend', 'cntk'])
    other = 'theano' if K.backend() == 'tensorflow' else 'tensorflow'
    with pytest.raises(ValueError, match='already imported'):
        utils.select_backend(['--backend', other])
    utils.select_backend(['--backend', K.backend()])   # the active one: fine


def test_digit_images_are_seeded_and_in_range():
    utils = load_example('example_utils')
    x, y = utils.digit_images(50, size=12, seed=4)
    x2, y2 = utils.digit_images(50, size=12, seed=4)
    assert x.shape == (50, 12, 12, 1) and x.dtype.name == 'float32'
    assert 0. <= x.min() and x.max() <= 1.
    assert (x == x2).all() and (y == y2).all()
    assert set(y.tolist()) <= set(range(10))
    x, y = utils.digit_images(40, classes=range(5, 10), seed=1)
    assert set(y.tolist()) <= set(range(5, 10))
