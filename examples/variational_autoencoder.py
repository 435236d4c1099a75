"""A variational autoencoder (Keras's variational_autoencoder) on generated
8x8 images of digits, with a 2-D latent space.

The encoder gives the mean and log-variance of `q(z|x)`; a `Lambda` layer
draws `z` with the reparameterisation trick; the decoder maps `z` back to
pixels. The loss is the reconstruction crossentropy plus the KL divergence
to the unit Gaussian, attached to the model with `add_loss` (so `compile`
takes no `loss`). The example prints the reconstruction error of the test
images through the means, and the KL term.

    python examples/variational_autoencoder.py [--small] [--backend theano]
"""
from example_utils import select_backend, parse_args, report, digit_images, \
    split
select_backend()

import numpy as np  # noqa: E402

import keras  # noqa: E402
from keras import backend as K  # noqa: E402
from keras.layers import Dense, Input, Lambda  # noqa: E402
from keras.losses import binary_crossentropy  # noqa: E402
from keras.models import Model  # noqa: E402
from keras.optimizers import Adam  # noqa: E402

LATENT = 2


def sampling(args):
    """`z = mean + exp(log_var / 2) * epsilon`, epsilon ~ N(0, I)."""
    z_mean, z_log_var = args
    epsilon = K.random_normal(shape=K.shape(z_mean))
    return z_mean + K.exp(0.5 * z_log_var) * epsilon


def build(pixels, hidden):
    """The VAE (with its loss added), the encoder (x -> z_mean) and the
    decoder (z -> x)."""
    x = Input(shape=(pixels,))
    h = Dense(hidden, activation='relu')(x)
    z_mean = Dense(LATENT, name='z_mean')(h)
    z_log_var = Dense(LATENT, name='z_log_var')(h)
    z = Lambda(sampling, output_shape=(LATENT,), name='z')([z_mean,
                                                            z_log_var])
    decoder_hidden = Dense(hidden, activation='relu')
    decoder_out = Dense(pixels, activation='sigmoid')
    x_decoded = decoder_out(decoder_hidden(z))
    vae = Model(x, x_decoded)

    reconstruction = pixels * binary_crossentropy(x, x_decoded)
    kl = -0.5 * K.sum(1 + z_log_var - K.square(z_mean) - K.exp(z_log_var),
                      axis=-1)
    vae.add_loss(K.mean(reconstruction + kl))

    z_in = Input(shape=(LATENT,))
    decoder = Model(z_in, decoder_out(decoder_hidden(z_in)))
    encoder = Model(x, [z_mean, z_log_var])
    return vae, encoder, decoder


def main(argv=None):
    """Trains; returns `{'loss', 'reconstruction', 'kl'}` on the test set."""
    args = parse_args(__doc__, argv, epochs=50, small_epochs=3)
    print('keras %s on the %s backend' % (keras.__version__,
                                         keras.backend.backend()))
    images, _ = digit_images(1000 if args.small else 10000, size=8,
                             noise=0.05, seed=args.seed)
    x = images.reshape(len(images), -1)
    (x_train,), (x_test,) = split([x])
    vae, encoder, decoder = build(x.shape[1], 32 if args.small else 256)
    vae.compile(Adam(lr=0.003))
    vae.summary()
    history = vae.fit(x_train, None, batch_size=32, epochs=args.epochs,
                      validation_data=(x_test, None), verbose=2)
    z_mean, z_log_var = encoder.predict(x_test)
    decoded = decoder.predict(z_mean)
    error = float(np.mean((decoded - x_test) ** 2))
    kl = float(np.mean(-0.5 * np.sum(1 + z_log_var - z_mean ** 2 -
                                     np.exp(z_log_var), axis=-1)))
    return {'loss': report('Training loss', history.history['loss'][-1]),
            'reconstruction': report('Test reconstruction MSE', error),
            'kl': report('Test KL divergence', kl)}


if __name__ == '__main__':
    main()
