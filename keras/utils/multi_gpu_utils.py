"""Data-parallel replication of a model over several GPUs."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

from .. import backend as K
from .generic_utils import to_list


def _normalize_device_name(name):
    """'/job:localhost/replica:0/task:0/device:GPU:0' -> '/gpu:0'."""
    name = '/' + ':'.join(name.lower().replace('/', '').split(':')[-2:])
    return name


def _get_available_devices():
    """Normalized names of the devices the TensorFlow session sees."""
    return [_normalize_device_name(device.name)
            for device in K.get_session().list_devices()]


def _target_gpu_ids(gpus):
    if gpus is None:
        gpus = len([name for name in _get_available_devices()
                    if name.startswith('/gpu:')])
    if isinstance(gpus, (list, tuple)):
        if len(gpus) <= 1:
            raise ValueError('For multi-gpu usage to be effective, call '
                             '`multi_gpu_model` with `len(gpus) >= 2`. '
                             'Received: `gpus=%s`' % (gpus,))
        return list(gpus)
    if gpus <= 1:
        raise ValueError('For multi-gpu usage to be effective, call '
                         '`multi_gpu_model` with `gpus >= 2`. '
                         'Received: `gpus=%s`' % (gpus,))
    return list(range(gpus))


def _device(name):
    """A scope placing the ops built inside it on device `name`."""
    return K.get_graph().device(name)


def get_slice(data, i, parts):
    """Slice number `i` (of `parts`) of `data` along the batch axis; the
    last slice takes the remainder."""
    shape = K.shape(data)
    batch_size = shape[:1]
    input_shape = shape[1:]
    step = batch_size // parts
    if i == parts - 1:
        size = batch_size - step * i
    else:
        size = step
    size = K.concatenate([size, input_shape], axis=0)
    stride = K.concatenate([step, input_shape * 0], axis=0)
    start = stride * i
    return K.slice(data, start, size)


def multi_gpu_model(model, gpus=None, cpu_merge=True, cpu_relocation=False):
    """Replicates a model on different GPUs.

    Specifically, this function implements single-machine
    multi-GPU data parallelism. It works in the following way:

    - Divide the model's input(s) into multiple sub-batches.
    - Apply a model copy on each sub-batch. Every model copy
        is executed on a dedicated GPU.
    - Concatenate the results (on CPU) into one big batch.

    E.g. if your `batch_size` is 64 and you use `gpus=2`,
    then we will divide the input into 2 sub-batches of 32 samples,
    process each sub-batch on one GPU, then return the full
    batch of 64 processed samples.

    # Arguments
        model: A Keras model instance. To avoid OOM errors,
            this model could have been built on CPU, for instance
            (see usage example below).
        gpus: Integer >= 2 or list of integers, number of GPUs or
            list of GPU IDs on which to create model replicas.
            `None` means all the GPUs the machine has.
        cpu_merge: A boolean value to identify whether to force
            merging model weights under the scope of the CPU or not.
        cpu_relocation: A boolean value to identify whether to
            create the model's weights under the scope of the CPU.
            If the model is not defined under any preceding device
            scope, you can still rescue it by activating this option.

    # Returns
        A Keras `Model` instance which can be used just like the initial
        `model` argument, but which distributes its workload on multiple GPUs.

    # Raises
        ValueError: if the backend is not TensorFlow, if fewer than 2 GPUs
            are asked for, or if the machine lacks the GPUs asked for.
    """
    if K.backend() != 'tensorflow':
        raise ValueError('`multi_gpu_model` is only available '
                         'with the TensorFlow backend (current backend: '
                         '%s).' % K.backend())
    target_gpu_ids = _target_gpu_ids(gpus)
    target_devices = ['/cpu:0'] + ['/gpu:%d' % i for i in target_gpu_ids]
    available_devices = _get_available_devices()
    missing = [d for d in target_devices if d not in available_devices]
    if missing:
        raise ValueError('To call `multi_gpu_model` with `gpus=%s`, '
                         'we expect the following devices to be available: '
                         '%s. However this machine only has: %s. '
                         'Try reducing `gpus`.' % (gpus, target_devices,
                                                   available_devices))
    return _replicate(model, target_gpu_ids, cpu_merge, cpu_relocation)


def _replicate(model, target_gpu_ids, cpu_merge, cpu_relocation):
    from ..layers.core import Lambda
    from ..layers.merge import concatenate
    from ..models import Model, clone_model

    if cpu_relocation:
        with _device('/cpu:0'):
            model = clone_model(model)

    num_gpus = len(target_gpu_ids)
    all_outputs = [[] for _ in model.outputs]
    for i, gpu_id in enumerate(target_gpu_ids):
        with _device('/gpu:%d' % gpu_id):
            with K.name_scope('replica_%d' % gpu_id):
                inputs = []
                for x in model.inputs:
                    input_shape = K.int_shape(x)[1:]
                    slice_i = Lambda(get_slice, output_shape=input_shape,
                                     arguments={'i': i,
                                                'parts': num_gpus})(x)
                    inputs.append(slice_i)
                outputs = to_list(model(inputs))
                for o, output in enumerate(outputs):
                    all_outputs[o].append(output)

    merge_device = '/cpu:0' if cpu_merge else '/gpu:%d' % target_gpu_ids[0]
    with _device(merge_device):
        merged = [concatenate(outputs, axis=0, name=name)
                  for name, outputs in zip(model.output_names, all_outputs)]
        return Model(model.inputs, merged)
