"""The base layer of the recurrent_advanced decoders: the list of inputs
(target sequence, contexts, initial states), masks, weights from a plan,
the loop, and the outputs (`return_sequences`, `return_extra_variables`,
`return_states`)."""
from ... import activations
from ... import backend as K
from ...engine import argument_checks
from ... import constraints
from ... import initializers
from ... import regularizers
from ...legacy.layers import Recurrent
from .._utils import layer_error
from ..rnn_base import run_loop, zero_states
from ..attention.scoring import MASK_MODES, canonical_attention_mode
from ..recurrent_cells import forget_bias_initializer
from ._parts import dropout_mask


def _kind(name):
    """Which module (de)serializes the hyperparameter `name`, if any."""
    for marker, module in (('_initializer', initializers),
                           ('_regularizer', regularizers),
                           ('_constraint', constraints)):
        if marker in name:
            return module
    if name in ('activation', 'recurrent_activation'):
        return activations
    return None


class ConditionalRecurrent(Recurrent):
    """Base class of the conditional / attentional decoders.

    Subclasses are short configurations: they set the class attributes
    below, pass their constructor arguments as `hyper`, and implement
    `_weight_plan` (the weights, in the fork's creation order) and
    `_make_step` (what is computed once before the loop, and the step).

    Class attributes:
        _lstm: True for LSTM-type cells (states h and c), False for GRUs.
        _context_ranks: the rank of each context input, in input order
            (empty for the self-attending AttLSTM / AttGRU).
        _attends: how many contexts are attended (their attended vectors
            and weights are the extra outputs).
    """

    _lstm = True
    _context_ranks = (3,)
    _attends = 1
    return_extra_variables = False

    def __init__(self, hyper, **kwargs):
        hyper = dict(hyper)
        self.num_inputs = hyper.pop('num_inputs', None)
        self.attention_mask_mode = kwargs.pop('attention_mask_mode',
                                              'exclude')
        self.fork_compatible = bool(kwargs.pop('fork_compatible', False))
        super().__init__(**kwargs)
        self._hyper_names = list(hyper)
        for name, value in hyper.items():
            setattr(self, name, self._resolve(name, value))
        if self.attention_mask_mode not in MASK_MODES:
            raise layer_error(self, '`attention_mask_mode` must be one of %s, '
                              'got %r.' % (MASK_MODES,
                                           self.attention_mask_mode))
        if self.num_inputs is not None and \
                self.num_inputs < self._min_inputs():
            raise layer_error(self, '`num_inputs` must be at least %d (the '
                              'target sequence and %d context(s), then the '
                              'optional initial states), got %r.'
                              % (self._min_inputs(),
                                 len(self._context_ranks), self.num_inputs))
        self.input_spec = None
        self.supports_masking = True
        self.states = [None] * self._state_count()
        self._step_function = None

    def _resolve(self, name, value):
        module = _kind(name)
        if module is not None:
            return module.get(value)
        if name.endswith('dropout') or name[:-1].endswith('dropout'):
            if value is None:
                value = 0.
            if not 0. <= value <= 1.:
                raise layer_error(self, '`%s` must be in [0, 1], got %r.'
                                  % (name, value))
        if name == 'units' and (not argument_checks.is_integer(value) or
                                value <= 0):
            raise layer_error(self, '`units` must be a positive integer, '
                              'got %r.' % (value,))
        if name == 'attention_mode':
            return canonical_attention_mode(value, 'Layer "%s" (%s)' % (
                self.name, self.__class__.__name__))
        return value

    # -- inputs --------------------------------------------------------------

    def _state_count(self):
        return 2 if self._lstm else 1

    def _min_inputs(self):
        return 1 + len(self._context_ranks)

    def _max_inputs(self):
        return self._min_inputs() + self._state_count()

    def _attention_units(self, value):
        return value or self.units

    def __call__(self, inputs, initial_state=None, **kwargs):
        inputs = list(inputs) if isinstance(inputs, (list, tuple)) \
            else [inputs]
        if initial_state is not None:
            inputs += list(initial_state) if isinstance(
                initial_state, (list, tuple)) else [initial_state]
        self._check_inputs(inputs)
        return super(Recurrent, self).__call__(
            inputs if len(inputs) > 1 else inputs[0], **kwargs)

    def _check_inputs(self, inputs):
        count = len(inputs)
        expected = self.num_inputs
        if expected is not None and expected > self._max_inputs():
            # A default larger than this class can take (the fork's AttGRU
            # says 3): the inputs tell.
            expected = None
        if expected is None:
            if not self._min_inputs() <= count <= self._max_inputs():
                raise layer_error(self, 'expects between %d and %d inputs, '
                                  'but it received %d input tensors.'
                                  % (self._min_inputs(), self._max_inputs(),
                                     count))
            if self.num_inputs is None:
                self.num_inputs = count
        elif count != expected:
            raise layer_error(self, 'expects %d inputs (num_inputs=%d: the '
                              'target sequence, %d context(s), then initial '
                              'states), but it received %d input tensors. '
                              'Pass `num_inputs=%d` to build it for these.'
                              % (expected, expected, len(self._context_ranks),
                                 count, count))
        ranks = (3,) + tuple(self._context_ranks) + (2,) * self._state_count()
        roles = (['the target sequence'] +
                 ['context %d' % (i + 1)
                  for i in range(len(self._context_ranks))] +
                 ['initial state %d' % (i + 1)
                  for i in range(self._state_count())])
        for tensor, rank, role in zip(inputs, ranks, roles):
            ndim = K.ndim(tensor)
            if ndim is not None and ndim != rank:
                raise layer_error(self, 'expected %s (input %d) of rank %d, '
                                  'got a tensor of shape %s.'
                                  % (role, roles.index(role), rank,
                                     K.int_shape(tensor)))

    def _split(self, values):
        """`(target, contexts, initial states)` of an inputs-like list."""
        values = list(values)
        n = len(self._context_ranks)
        return values[0], values[1:1 + n], values[1 + n:]

    # -- weights -------------------------------------------------------------

    def build(self, input_shape):
        shapes = [tuple(s) for s in input_shape] \
            if isinstance(input_shape, list) else [tuple(input_shape)]
        x_shape, context_shapes, state_shapes = self._split(shapes)
        for role, shape in [('the target sequence', x_shape)] + [
                ('context %d' % (i + 1), s)
                for i, s in enumerate(context_shapes)]:
            if shape[-1] is None:
                raise layer_error(self, 'the feature size of %s must be '
                                  'known, got shape %s.' % (role, shape))
        for index, shape in enumerate(state_shapes):
            if shape[-1] is not None and shape[-1] != self.units:
                raise layer_error(self, 'initial state %d must have %d '
                                  'features (units), got shape %s.'
                                  % (index + 1, self.units, shape))
        self._batch_input_size = x_shape[0]
        for spec in self._weight_plan(x_shape, context_shapes):
            setattr(self, spec.name, self._add_planned_weight(spec))
        if self.stateful:
            self.reset_states()
        self.built = True

    def _add_planned_weight(self, spec):
        def hyper(kind):
            return getattr(self, '%s_%s%s' % (spec.group, kind, spec.suffix),
                           None)
        initializer = hyper('initializer')
        if spec.group == 'bias' and self._lstm and \
                getattr(self, 'unit_forget_bias', False) and \
                spec.shape == (4 * self.units,):
            initializer = forget_bias_initializer(initializer, self.units)
        return self.add_weight(name=spec.name, shape=spec.shape,
                               initializer=initializer,
                               regularizer=hyper('regularizer'),
                               constraint=hyper('constraint'))

    def _w(self, name):
        """The weight `name`, or None when this configuration has none."""
        return getattr(self, name, None)

    # -- the loop ------------------------------------------------------------

    def _initial_core_states(self, x, given):
        count = self._state_count()
        if given:
            states = list(given)
            if len(states) == 1 and count == 2:
                states = states * 2
            return states[:count]
        if self.stateful:
            return list(self.states)
        zeros = zero_states(x, [self.units])[0]
        return [zeros] * count

    def _attended_inputs(self, x, target_mask, contexts, context_masks):
        """The contexts and their masks `_make_step` reads (the
        self-attending classes attend over `x` itself)."""
        return contexts, context_masks

    def _recurrent_mask(self, x, training):
        """The `recurrent_dropout` mask `(batch, units)` (or None)."""
        return dropout_mask(zero_states(x, [self.units])[0],
                            self.recurrent_dropout, training)

    def call(self, inputs, mask=None, training=None):
        inputs = inputs if isinstance(inputs, list) else [inputs]
        masks = mask if isinstance(mask, list) else [mask]
        masks = list(masks) + [None] * (len(inputs) - len(masks))
        x, contexts, given_states = self._split(inputs)
        _, context_masks, _ = self._split(masks)
        contexts, context_masks = self._attended_inputs(
            x, masks[0], contexts, context_masks)
        states = self._initial_core_states(x, given_states)
        sequence, step, prepared = self._make_step(x, contexts,
                                                   context_masks, training)
        self._step_function = step
        extra = []
        for context in prepared:
            extra += context.zero_states()
        core = len(states)
        last_output, outputs, final = run_loop(
            self, step, sequence, states + extra, mask=masks[0],
            pos_extra_outputs_states=list(range(core, core + len(extra))),
            inputs=inputs)
        result = [outputs if self.return_sequences else last_output]
        if self.return_extra_variables:
            result += list(final[core:])
        if self.return_states:
            result += list(final[:core])
        if self._uses_dropout() or getattr(last_output,
                                           '_uses_learning_phase', False):
            for tensor in result:
                tensor._uses_learning_phase = True
        return result if len(result) > 1 else result[0]

    def _uses_dropout(self):
        return any(0. < getattr(self, name) < 1.
                   for name in self._hyper_names if 'dropout' in name)

    def step(self, inputs, states):
        """One timestep of the last call: `(output, new_states)`, with
        `inputs` the projected target step and `states` the core states
        followed by the attended vectors and weights."""
        if self._step_function is None:
            raise layer_error(self, '`step` is available once the layer has '
                              'been called on its inputs.')
        return self._step_function(inputs, states)

    def get_initial_states(self, inputs):
        """Zero initial states `(batch, units)` for a target sequence
        `(batch, time, features)` (h, and c for LSTM types)."""
        if isinstance(inputs, list):
            inputs = inputs[0]
        return zero_states(inputs, [self.units] * self._state_count())

    get_initial_state = get_initial_states

    def _batch_size(self):
        if not getattr(self, '_batch_input_size', None):
            raise layer_error(self, 'if a RNN is stateful, it needs to know '
                              'its batch size: pass `batch_shape` (or '
                              '`batch_input_shape`) to the inputs.')
        return self._batch_input_size

    # -- shapes, masks, config -----------------------------------------------

    def _attended_shapes(self, x_shape, context_shapes):
        """`(steps, dim)` of each attended context."""
        return [(s[1], s[2]) for s in context_shapes[:self._attends]]

    def compute_output_shape(self, input_shape):
        shapes = [tuple(s) for s in input_shape] \
            if isinstance(input_shape, list) else [tuple(input_shape)]
        x_shape, context_shapes, _ = self._split(shapes)
        batch, time = x_shape[0], x_shape[1]
        if self.return_sequences:
            result = [(batch, time, self.units)]
        else:
            result = [(batch, self.units)]
        if self.return_extra_variables:
            for steps, dim in self._attended_shapes(x_shape, context_shapes):
                result += [(time, batch, dim), (time, batch, steps)]
        if self.return_states:
            result += [(batch, self.units)] * self._state_count()
        return result if len(result) > 1 else result[0]

    def compute_mask(self, inputs, mask=None):
        target_mask = mask[0] if isinstance(mask, list) else mask
        result = [target_mask if self.return_sequences else None]
        if self.return_extra_variables:
            result += [target_mask] * (2 * self._attends)
        if self.return_states:
            result += [None] * self._state_count()
        return result if len(result) > 1 else result[0]

    def get_config(self):
        config = {}
        for name in self._hyper_names:
            value = getattr(self, name)
            module = _kind(name)
            config[name] = module.serialize(value) if module else value
        config['num_inputs'] = self.num_inputs
        config['attention_mask_mode'] = self.attention_mask_mode
        config['fork_compatible'] = self.fork_compatible
        base_config = super().get_config()
        base_config.update(config)
        return base_config

    @classmethod
    def from_config(cls, config):
        """A layer from its config. Configs written by the multimodal fork
        carry neither `attention_mask_mode` nor `fork_compatible`: they get
        the fork's numbers ('fork' masking, the fork's equations). The fork
        did not always store `num_inputs`: then it is taken from the inputs
        of the first call."""
        config = dict(config)
        config.setdefault('attention_mask_mode', 'fork')
        config.setdefault('fork_compatible', True)
        config.setdefault('num_inputs', None)
        return cls(**config)
