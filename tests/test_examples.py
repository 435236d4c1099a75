"""The README's demo runs and learns (a few epochs, on the active backend)."""
import importlib.util
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_example(name):
    path = os.path.join(ROOT, 'examples', name + '.py')
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
