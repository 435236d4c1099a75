"""Transfer learning with per-layer learning-rate multipliers (the
multimodal fork's feature).

1. Pretrain a network on the digits 0-4 (generated 8x8 images) and save its
   weights.
2. Build a network for the digits 5-9 from the same layers (same names), with
   a new output layer, and load the pretrained weights by name. The first
   layer gets learning-rate multiplier 0 (frozen, gradients still flow
   through it), the second 0.1 (fine-tuned slowly), the new head 1.
3. Fine-tune, and print how far each layer's kernel moved (relative change):
   exactly 0 for the frozen one, small for the slow one.

    python examples/transfer_learning_lr_multipliers.py [--small]
"""
import os
import tempfile

from example_utils import select_backend, parse_args, report, digit_images, \
    split
select_backend()

import numpy as np  # noqa: E402

import keras  # noqa: E402
from keras.layers import Dense, Flatten, Input  # noqa: E402
from keras.models import Model  # noqa: E402
from keras.optimizers import Adam  # noqa: E402
from keras.utils import to_categorical  # noqa: E402


def build(head, multipliers=(1., 1.)):
    """Two shared hidden layers (`base_1`, `base_2`, with the given
    learning-rate multipliers) and a softmax layer named `head`."""
    x = Input(shape=(8, 8, 1))
    h = Flatten()(x)
    for name, multiplier in zip(('base_1', 'base_2'), multipliers):
        h = Dense(64, activation='relu', name=name,
                  kernel_learning_rate_multiplier=multiplier,
                  bias_learning_rate_multiplier=multiplier)(h)
    return Model(x, Dense(5, activation='softmax', name=head)(h))


def task(classes, samples, seed):
    x, y = digit_images(samples, size=8, seed=seed, classes=classes)
    return split([x, to_categorical(y - min(classes), 5)])


def main(argv=None):
    """Returns `{'loss', 'accuracy', 'pretrain_accuracy', 'moved_*'}`."""
    args = parse_args(__doc__, argv, epochs=15, small_epochs=3)
    print('keras %s on the %s backend' % (keras.__version__,
                                         keras.backend.backend()))
    samples = 1000 if args.small else 6000
    (xa, ya), (xa_test, ya_test) = task(range(5), samples, args.seed)
    (xb, yb), (xb_test, yb_test) = task(range(5, 10), samples // 2,
                                        args.seed + 1)

    pretrained = build('head_a')
    pretrained.compile(Adam(lr=0.003), 'categorical_crossentropy',
                       metrics=['accuracy'])
    pretrained.fit(xa, ya, batch_size=32, epochs=args.epochs, verbose=2)
    pretrain_accuracy = pretrained.evaluate(xa_test, ya_test, verbose=0)[1]
    path = os.path.join(tempfile.mkdtemp(), 'pretrained.h5')
    pretrained.save_weights(path)

    model = build('head_b', multipliers=(0., 0.1))
    model.load_weights(path, by_name=True)
    before = {name: model.get_layer(name).get_weights()[0].copy()
              for name in ('base_1', 'base_2', 'head_b')}
    model.compile(Adam(lr=0.003), 'categorical_crossentropy',
                  metrics=['accuracy'])
    model.fit(xb, yb, batch_size=32, epochs=args.epochs, verbose=2)
    loss, accuracy = model.evaluate(xb_test, yb_test, verbose=0)
    os.remove(path)

    result = {'pretrain_accuracy': report('Pretraining test accuracy',
                                          pretrain_accuracy),
              'loss': report('Fine-tuned test loss', loss),
              'accuracy': report('Fine-tuned test accuracy', accuracy)}
    for name, kernel in before.items():
        now = model.get_layer(name).get_weights()[0]
        moved = np.linalg.norm(now - kernel) / np.linalg.norm(kernel)
        result['moved_' + name] = report('Relative change of %s' % name,
                                         moved)
    return result


if __name__ == '__main__':
    main()
