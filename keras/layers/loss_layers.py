"""The multimodal fork's loss layers and uncertainty losses.

`CustomMultiLossLayer` learns how to weight the losses of several outputs
by their homoscedastic uncertainty (Kendall, Gal & Cipolla 2018,
https://arxiv.org/abs/1705.07115): each task `i` gets a learned log
variance `s_i`, and the layer adds `exp(-s_i) * L_i + s_i` to the model
loss. The `uncertainty_*_crossentropy` factories build losses for outputs
whose last unit is a predicted log variance (see
`keras.layers.uncertainty_layers.ConcatenateOutputWithSigma`).
"""
from .. import backend as K
from .. import losses
from ..engine.base_layer import Layer
from ._utils import layer_error, to_shape_tuple

__all__ = ['CustomMultiLossLayer', 'deactivate_loss',
           'uncertainty_binary_crossentropy',
           'uncertainty_categorical_crossentropy']


def _squared_error_with_log_var(y_true, y_pred, log_var):
    """The fork's default task loss: `sum(exp(-s) * (y - p)^2 + s, -1)`."""
    return K.sum(K.exp(-log_var) * K.square(y_true - y_pred) + log_var,
                 axis=-1)


class CustomMultiLossLayer(Layer):
    """Adds the uncertainty-weighted sum of several task losses to the
    model (no loss needs to be compiled for its output).

    Called on `targets + predictions` (`nb_outputs` of each), it adds
    `mean(sum_i task_loss_i)` to the model losses, where with
    `loss_functions` empty (the fork's behaviour)
    `task_loss_i = sum(exp(-s_i) * (y_i - p_i)^2 + s_i, axis=-1)`, and with
    a loss `L_i` per task `task_loss_i = exp(-s_i) * L_i(y_i, p_i) + s_i`.
    Its output is the concatenation of its inputs on the last axis (not
    meant to be used; compile the model with `loss=None` or
    `deactivate_loss()`).

    Weights: `log_var0 ... log_var{n-1}`, each `(1,)`, initialised to 0.

    # Arguments
        nb_outputs: number of tasks.
        loss_functions: empty (squared error), or one Keras loss (name or
            function) per task.

    # Input shape
        A list of `2 * nb_outputs` tensors: the targets, then the
        predictions, pairwise of the same shape.

    # Output shape
        The inputs concatenated on the last axis.

    # Raises
        ValueError: for a number of inputs other than `2 * nb_outputs`, or
            a number of loss functions other than 0 or `nb_outputs`.
    """

    def __init__(self, nb_outputs=2, loss_functions=[], **kwargs):
        super().__init__(**kwargs)
        self.nb_outputs = int(nb_outputs)
        loss_functions = list(loss_functions or [])
        if loss_functions and len(loss_functions) != self.nb_outputs:
            raise layer_error(self, 'expected %d loss functions (or none), '
                              'got %d.' % (self.nb_outputs,
                                           len(loss_functions)))
        self.loss_functions = loss_functions
        self._losses = [losses.get(f) for f in loss_functions]
        self.is_placeholder = True

    def _check(self, input_shape):
        if not isinstance(input_shape, list) or \
                len(input_shape) != 2 * self.nb_outputs:
            count = len(input_shape) if isinstance(input_shape, list) else 1
            raise layer_error(self, 'expected %d inputs (%d targets then %d '
                              'predictions), got %d.'
                              % (2 * self.nb_outputs, self.nb_outputs,
                                 self.nb_outputs, count))

    def build(self, input_shape):
        self._check(input_shape)
        self.log_vars = [self.add_weight(name='log_var%d' % i, shape=(1,),
                                         initializer='zeros')
                         for i in range(self.nb_outputs)]
        self.built = True

    def multi_loss(self, ys_true, ys_pred):
        """The summed uncertainty-weighted task losses, batch-averaged."""
        total = 0.
        for i, (y_true, y_pred) in enumerate(zip(ys_true, ys_pred)):
            log_var = self.log_vars[i][0]
            if self._losses:
                task = K.exp(-log_var) * self._losses[i](y_true, y_pred) \
                    + log_var
            else:
                task = _squared_error_with_log_var(y_true, y_pred, log_var)
            total = total + K.mean(task)
        return total

    def call(self, inputs):
        ys_true = inputs[:self.nb_outputs]
        ys_pred = inputs[self.nb_outputs:]
        self.add_loss(self.multi_loss(ys_true, ys_pred), inputs=inputs)
        return K.concatenate(inputs, axis=-1)

    def compute_output_shape(self, input_shape):
        self._check(input_shape)
        shapes = [to_shape_tuple(s) for s in input_shape]
        last = [s[-1] for s in shapes]
        total = None if None in last else sum(last)
        return shapes[0][:-1] + (total,)

    def get_config(self):
        config = dict(super().get_config())
        config.update({'nb_outputs': self.nb_outputs,
                       'loss_functions': [losses.serialize(f) if callable(f)
                                          else f
                                          for f in self.loss_functions]})
        return config


def deactivate_loss():
    """A loss that is always 0 (for outputs whose loss is added by a layer,
    such as `CustomMultiLossLayer`).

    # Returns
        A function `(y_true, y_pred) -> zeros of shape y_pred.shape[:-1]`.
    """
    def zero_loss(y_true, y_pred):
        return 0. * K.mean(y_pred, axis=-1)
    return zero_loss


def _split_log_variance(y_true, y_pred):
    """Predictions, their log variance (last unit) and the matching
    targets (the targets may or may not carry the extra unit)."""
    units = K.int_shape(y_pred)[-1]
    if units is None or units < 2:
        raise ValueError('uncertainty losses need predictions with a known '
                         'last axis of at least 2 units (the outputs then a '
                         'log variance), got shape %s.'
                         % (K.int_shape(y_pred),))
    classes = units - 1
    return y_true[..., :classes], y_pred[..., :classes], \
        y_pred[..., classes], classes


def _uncertainty_loss(crossentropy, auto_weight, norm):
    def loss(y_true, y_pred):
        y_true, pred, log_var, classes = _split_log_variance(y_true, y_pred)
        value = crossentropy(y_true, pred)
        if norm:
            value = value / float(classes)
        if auto_weight:
            value = K.exp(-log_var) * value + log_var
        return value
    return loss


def uncertainty_binary_crossentropy(auto_weight=True, norm=False):
    """Binary cross-entropy weighted by a predicted log variance.

    For predictions `[p_1 .. p_C, s]` (sigmoid outputs followed by a log
    variance `s`): `loss = exp(-s) * BCE + s` with
    `BCE = sum_c bce(y_c, p_c)`.

    # Arguments
        auto_weight: if False, the plain summed cross-entropy (`s` unused).
        norm: if True, the cross-entropy is divided by `C` (the mean over
            the units).

    # Returns
        A loss function `(y_true, y_pred)`; `y_true` has `C` (or `C + 1`)
        units.
    """
    def crossentropy(y_true, pred):
        return K.sum(K.binary_crossentropy(y_true, pred), axis=-1)
    return _uncertainty_loss(crossentropy, auto_weight, norm)


def uncertainty_categorical_crossentropy(auto_weight=True, norm=False):
    """Categorical cross-entropy weighted by a predicted log variance.

    For predictions `[p_1 .. p_C, s]` (class probabilities followed by a
    log variance `s`): `loss = exp(-s) * CE + s`.

    # Arguments
        auto_weight: if False, the plain cross-entropy (`s` unused).
        norm: if True, the cross-entropy is divided by `C`.

    # Returns
        A loss function `(y_true, y_pred)`; `y_true` has `C` (or `C + 1`)
        units.
    """
    return _uncertainty_loss(K.categorical_crossentropy, auto_weight, norm)
