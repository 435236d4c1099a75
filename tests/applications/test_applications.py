"""Builds every application with random weights and checks the published
parameter counts, the feature shapes and the input-shape validation."""
import os

import numpy as np
import pytest

from keras import applications
from keras import backend as K
from keras.applications import densenet, nasnet, resnet, resnet_v2

# Building the deepest graphs takes 8-15 s each (layer count, not input
# size); they run only when KERAS_TEST_SLOW=1 to keep this folder fast.
SLOW = os.environ.get('KERAS_TEST_SLOW') != '1'
SLOW_REASON = 'deep graph (8-15 s to build); set KERAS_TEST_SLOW=1'
# The counts do not depend on the backend. On PyTensor, building a deep
# graph is very slow today (the backend's pad / conv-window helpers run
# infer_static_shape over the whole graph at each call: quadratic in
# depth, e.g. 26 s for MobileNet-0.25), so the big builds run on TF only.
DEEP = pytest.mark.skipif(
    K.backend() == 'theano',
    reason='PyTensor graph building is quadratic in depth (backend pad / '
           'conv windows); counts are backend-independent, checked on TF')

# Published totals (keras.io/applications), include_top=True, 1000 classes.
# The classifier sits after global pooling (except VGG), so the count does
# not depend on the input size: small inputs keep the builds fast.
# (builder, total params, input size, last feature layer, its channels)
FULL = [
    (applications.ResNet50, 25636712, 32, 'res5c_branch2c', 2048),
    (resnet.ResNet50, 25636712, 32, 'conv5_block3_out', 2048),
    (applications.ResNet50V2, 25613800, 32, 'post_relu', 2048),
    (applications.InceptionV3, 23851784, 75, 'mixed10', 2048),
    (applications.MobileNet, 4253864, 32, 'conv_pw_13_relu', 1024),
    (applications.MobileNetV2, 3538984, 32, 'out_relu', 1280),
    (applications.Xception, 22910480, 71, 'block14_sepconv2_act', 2048),
]
FULL_SLOW = [
    (applications.DenseNet121, 8062504, 32),
    (applications.InceptionResNetV2, 55873736, 75),
    (applications.NASNetMobile, 5326716, 32),
    (applications.ResNet101, 44707176, 32),
    (applications.ResNet152, 60419944, 32),
    (applications.ResNet101V2, 44675560, 32),
    (applications.ResNet152V2, 60380648, 32),
    (applications.DenseNet169, 14307880, 32),
    (applications.DenseNet201, 20242984, 32),
    (applications.NASNetLarge, 88949818, 32),
]


def _shape(size, channels=3):
    if K.image_data_format() == 'channels_first':
        return (channels, size, size)
    return (size, size, channels)


def _check_full(builder, expected, size):
    model = builder(weights=None, input_shape=_shape(size))
    assert model.count_params() == expected
    assert model.output_shape == (None, 1000)
    return model


@DEEP
@pytest.mark.parametrize('builder,expected,size,layer,channels', FULL,
                         ids=[b[0].__module__ + '.' + b[0].__name__
                              for b in FULL])
def test_param_count_and_features(builder, expected, size, layer, channels):
    model = _check_full(builder, expected, size)
    shape = model.get_layer(layer).output_shape
    axis = 1 if K.image_data_format() == 'channels_first' else -1
    assert len(shape) == 4 and shape[axis] == channels


@DEEP
@pytest.mark.skipif(SLOW, reason=SLOW_REASON)
@pytest.mark.parametrize('builder,expected,size', FULL_SLOW,
                         ids=[b[0].__name__ for b in FULL_SLOW])
def test_param_count_deep(builder, expected, size):
    _check_full(builder, expected, size)


@DEEP
def test_vgg16_full_and_vgg19_features():
    model = applications.VGG16(weights=None)
    assert model.count_params() == 138357544
    assert model.get_layer('fc1').output_shape == (None, 4096)
    # VGG19 = VGG16's classifier (123,642,856) + 20,024,384 conv params.
    model = applications.VGG19(weights=None, include_top=False,
                               input_shape=_shape(32), pooling='max')
    assert model.count_params() == 143667240 - 123642856
    assert model.output_shape == (None, 512)
    assert model.name == 'vgg19'


@DEEP
def test_features_pooling():
    for pooling, rank in (('avg', 2), ('max', 2), (None, 4)):
        model = applications.MobileNet(weights=None, include_top=False,
                                       alpha=0.25, input_shape=_shape(32),
                                       pooling=pooling)
        assert len(model.output_shape) == rank
        assert model.count_params() == 218544


def test_densenet_small_variant_layers():
    model = densenet.DenseNet([1, 1, 1, 1], weights=None, include_top=False,
                              input_shape=_shape(32), pooling='avg')
    # 64 stem channels, +32 per block, halved by each transition.
    assert model.output_shape == (None, (((64 + 32) // 2 + 32) // 2 + 32)
                                  // 2 + 32)
    for name in ('conv1/conv', 'conv2_block1_concat', 'pool2_pool', 'bn'):
        assert model.get_layer(name) is not None


@DEEP
def test_nasnet_small_variant():
    model = nasnet.NASNet(input_shape=_shape(32), penultimate_filters=96,
                          num_blocks=1, stem_block_filters=8,
                          skip_reduction=False, weights=None,
                          include_top=False, pooling='avg')
    assert model.output_shape == (None, 96)
    assert model.get_layer('normal_concat_0') is not None
    with pytest.raises(ValueError, match='penultimate_filters'):
        nasnet.NASNet(penultimate_filters=100, weights=None)


@DEEP
def test_input_tensor_and_custom_classes():
    from keras.layers import Input
    tensor = Input(shape=_shape(32))
    model = applications.MobileNet(input_tensor=tensor, weights=None,
                                   alpha=0.25, classes=7)
    assert model.inputs[0] is tensor
    assert model.output_shape == (None, 7)
    assert model.name == 'mobilenet_0.25_32'


@pytest.mark.parametrize('kwargs,match', [
    (dict(input_shape=_shape(16)), 'at least 32x32'),
    (dict(input_shape=(32, 32)), 'three integers'),
    (dict(weights='imagenet', input_shape=_shape(64, 1)), '3 channels'),
    (dict(weights='imagenet', include_top=True, input_shape=_shape(64)),
     'should be'),
    (dict(include_top=True, input_shape=(None, None, 3)), 'static'),
    (dict(weights='imagenet', include_top=True, classes=10), 'classes'),
    (dict(weights='/no/such/file.h5'), '`weights` argument'),
    (dict(pooling='sum', include_top=False), 'pooling'),
])
def test_invalid_arguments(kwargs, match):
    kwargs.setdefault('weights', None)
    kwargs.setdefault('include_top', False)
    with pytest.raises(ValueError, match=match):
        applications.VGG16(**kwargs)


def test_invalid_kwarg_and_injection():
    with pytest.raises(TypeError, match='bogus'):
        applications.VGG16(weights=None, bogus=1)

    @applications.keras_modules_injection
    def base_fun(**kwargs):
        return kwargs
    injected = base_fun(include_top=False)
    assert set(injected) == {'backend', 'layers', 'models', 'utils',
                             'include_top'}
    assert injected['backend'] is K
    # The builders accept the injected modules (here: up to shape checks).
    with pytest.raises(ValueError, match='at least 32x32'):
        applications.VGG16(weights=None, input_shape=_shape(16), **injected)


def test_inception_min_size():
    with pytest.raises(ValueError, match='at least 75x75'):
        applications.InceptionV3(weights=None, include_top=False,
                                 input_shape=_shape(74))


def test_weights_path_round_trip(tmp_path):
    model = densenet.DenseNet([1, 1, 1, 1], weights=None, include_top=False,
                              input_shape=_shape(32))
    path = str(tmp_path / 'densenet.h5')
    model.save_weights(path)
    other = densenet.DenseNet([1, 1, 1, 1], weights=path, include_top=False,
                              input_shape=_shape(32))
    for a, b in zip(model.get_weights(), other.get_weights()):
        np.testing.assert_array_equal(a, b)
