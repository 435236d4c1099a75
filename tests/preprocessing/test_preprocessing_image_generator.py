"""Tests of ImageDataGenerator and the image iterators."""
import os
import sys
import warnings

import numpy as np
import pytest

from keras.preprocessing import image
from keras.utils.data_utils import Sequence

pytest.importorskip('PIL', reason='Pillow is a test requirement '
                    '(requirements-test.txt); image files need it')


def _images(n=6, h=4, w=5, c=3, seed=0):
    return np.random.RandomState(seed).rand(n, h, w, c).astype('float32')


def test_generator_argument_checks():
    with pytest.raises(ValueError, match='data_format'):
        image.ImageDataGenerator(data_format='nhwc')
    with pytest.raises(ValueError, match='validation_split'):
        image.ImageDataGenerator(validation_split=1.5)
    with pytest.raises(ValueError, match='zoom_range'):
        image.ImageDataGenerator(zoom_range=(0.5, 1., 2.))
    with pytest.raises(ValueError, match='brightness_range'):
        image.ImageDataGenerator(brightness_range=0.5)
    assert image.ImageDataGenerator(zoom_range=0.25).zoom_range == \
        [0.75, 1.25]
    with pytest.warns(UserWarning, match='overrides'):
        gen = image.ImageDataGenerator(zca_whitening=True,
                                       featurewise_std_normalization=True)
    assert gen.featurewise_center and not gen.featurewise_std_normalization
    with pytest.warns(UserWarning, match='overrides'):
        gen = image.ImageDataGenerator(samplewise_std_normalization=True)
    assert gen.samplewise_center
    gen = image.ImageDataGenerator(data_format=None)
    assert gen.data_format in ('channels_last', 'channels_first')


@pytest.mark.parametrize('data_format', ['channels_last', 'channels_first'])
def test_fit_and_standardize_featurewise(data_format):
    x = _images() * 10
    if data_format == 'channels_first':
        x = x.transpose(0, 3, 1, 2)
    axes = (0, 2, 3) if data_format == 'channels_first' else (0, 1, 2)
    gen = image.ImageDataGenerator(featurewise_center=True,
                                   featurewise_std_normalization=True,
                                   data_format=data_format)
    gen.fit(x)
    mean = x.mean(axis=axes)
    std = (x - x.mean(axis=axes, keepdims=True)).std(axis=axes)
    np.testing.assert_allclose(gen.mean.ravel(), mean, rtol=1e-5)
    np.testing.assert_allclose(gen.std.ravel(), std, rtol=1e-4)
    out = gen.standardize(np.copy(x))
    np.testing.assert_allclose(out.mean(axis=axes), 0., atol=1e-4)
    np.testing.assert_allclose(out.std(axis=axes), 1., rtol=1e-3)
    with pytest.raises(ValueError, match='rank 4'):
        gen.fit(x[0])


def test_standardize_samplewise_rescale_preprocessing_function():
    calls = []

    def prep(v):
        calls.append(v.shape)
        return v + 1.

    gen = image.ImageDataGenerator(rescale=2., samplewise_center=True,
                                   samplewise_std_normalization=True,
                                   preprocessing_function=prep)
    x = _images(1)[0]
    out = gen.standardize(np.copy(x))
    expected = (x + 1.) * 2.
    expected = (expected - expected.mean()) / (expected.std() + 1e-6)
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)
    assert calls == [x.shape]
    gen = image.ImageDataGenerator(featurewise_center=True)
    with pytest.warns(UserWarning, match="hasn't been fit"):
        gen.standardize(np.copy(x))


def test_zca_whitening_decorrelates():
    x = _images(n=40, h=2, w=2, c=1, seed=3)
    x[..., 0, 1, 0] = x[..., 0, 0, 0] * 2  # correlated pixels
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        gen = image.ImageDataGenerator(zca_whitening=True, zca_epsilon=1e-9)
    gen.fit(x)
    white = gen.standardize(np.copy(x)).reshape(40, -1)
    cov = white.T.dot(white) / 40
    # The rank-deficient direction stays at 0; the others become unit.
    eig = np.sort(np.linalg.eigvalsh(cov))
    np.testing.assert_allclose(eig[1:], 1., atol=1e-3)
    np.testing.assert_allclose(cov - np.diag(np.diag(cov)), 0., atol=1e-3)


def test_apply_transform_flips_and_random_transform():
    gen = image.ImageDataGenerator()
    x = np.arange(24.).reshape(2, 4, 3)
    np.testing.assert_allclose(
        gen.apply_transform(x, {'flip_horizontal': True}), x[:, ::-1])
    np.testing.assert_allclose(
        gen.apply_transform(x, {'flip_vertical': True}), x[::-1])
    np.testing.assert_allclose(
        gen.apply_transform(x, {'channel_shift_intensity': 100.}), x.max())
    gen = image.ImageDataGenerator(rotation_range=30, width_shift_range=2,
                                   height_shift_range=[1, 2],
                                   shear_range=5, zoom_range=0.2,
                                   channel_shift_range=0.5,
                                   horizontal_flip=True,
                                   brightness_range=(0.8, 1.2))
    params = gen.get_random_transform(x.shape, seed=4)
    assert set(params) == {'theta', 'tx', 'ty', 'shear', 'zx', 'zy',
                           'flip_horizontal', 'flip_vertical',
                           'channel_shift_intensity', 'brightness'}
    assert abs(params['tx']) in (1, 2) and abs(params['ty']) in (0, 1)
    assert params == gen.get_random_transform(x.shape, seed=4)
    out = gen.random_transform(x * 10, seed=1)
    assert out.shape == x.shape
    np.testing.assert_allclose(out, gen.random_transform(x * 10, seed=1))


def test_flow_batches_labels_weights_and_misc():
    x = _images(n=7)
    y = np.arange(7)
    w = np.linspace(0, 1, 7)
    gen = image.ImageDataGenerator(rescale=0.5)
    it = gen.flow(x, y, batch_size=3, shuffle=False, sample_weight=w)
    assert isinstance(it, Sequence) and len(it) == 3
    bx, by, bw = it[0]
    np.testing.assert_allclose(bx, x[:3] * 0.5, rtol=1e-6)
    np.testing.assert_array_equal(by, [0, 1, 2])
    np.testing.assert_allclose(bw, w[:3])
    assert it[2][0].shape == (1, 4, 5, 3)
    with pytest.raises(ValueError, match='length 3'):
        it[3]
    # Infinite iteration wraps around.
    batches = [next(it)[1].tolist() for _ in range(4)]
    assert batches == [[0, 1, 2], [3, 4, 5], [6], [0, 1, 2]]

    extra = np.arange(14).reshape(7, 2)
    bx, by = gen.flow((x, extra), y, batch_size=2, shuffle=False)[1]
    assert isinstance(bx, list) and len(bx) == 2
    np.testing.assert_array_equal(bx[1], extra[2:4])
    only_x = gen.flow(x, batch_size=4, shuffle=True, seed=3)[0]
    assert only_x.shape == (4, 4, 5, 3)

    with pytest.raises(ValueError, match='same length'):
        gen.flow(x, y[:3])
    with pytest.raises(ValueError, match='rank 4'):
        gen.flow(x[0], None)
    with pytest.warns(UserWarning, match='channels'):
        gen.flow(np.zeros((2, 3, 3, 7)))


def test_flow_shuffle_is_a_permutation_and_seeded():
    x = _images(n=10)
    y = np.arange(10)
    gen = image.ImageDataGenerator()
    first = [gen.flow(x, y, batch_size=5, shuffle=True, seed=1)[i][1]
             for i in range(2)]
    assert sorted(np.concatenate(first).tolist()) == list(range(10))
    again = [gen.flow(x, y, batch_size=5, shuffle=True, seed=1)[i][1]
             for i in range(2)]
    np.testing.assert_array_equal(np.concatenate(first),
                                  np.concatenate(again))


def test_flow_subsets_and_save_to_dir(tmp_path):
    x = _images(n=10)
    y = np.array([0, 1] * 5)
    gen = image.ImageDataGenerator(validation_split=0.4)
    val = gen.flow(x, y, batch_size=10, shuffle=False, subset='validation')
    train = gen.flow(x, y, batch_size=10, shuffle=False, subset='training')
    np.testing.assert_allclose(val[0][0], x[:4])
    np.testing.assert_allclose(train[0][0], x[4:])
    with pytest.raises(ValueError, match='subset'):
        gen.flow(x, y, subset='test')
    with pytest.raises(ValueError, match='different number of classes'):
        gen.flow(x, np.sort(y), subset='training')
    it = gen.flow(x, y, batch_size=2, save_to_dir=str(tmp_path),
                  save_prefix='aug', save_format='png')
    it[0]
    saved = os.listdir(str(tmp_path))
    assert len(saved) == 2 and all(f.startswith('aug_') for f in saved)


def _write_tree(root, per_class=3, size=(6, 8)):
    """root/{cats,dogs}/img_i.png (+ an ignored text file)."""
    for label, value in (('cats', 40), ('dogs', 200)):
        folder = os.path.join(root, label)
        os.makedirs(folder)
        for i in range(per_class):
            arr = np.full(size + (3,), value + i, dtype='float32')
            image.save_img(os.path.join(folder, 'img_%d.png' % i), arr,
                           scale=False)
        with open(os.path.join(folder, 'notes.txt'), 'w') as f:
            f.write('not an image')


def test_flow_from_directory(tmp_path):
    root = str(tmp_path / 'data')
    _write_tree(root)
    gen = image.ImageDataGenerator(rescale=1. / 255)
    it = gen.flow_from_directory(root, target_size=(6, 8), batch_size=4,
                                 shuffle=False)
    assert it.class_indices == {'cats': 0, 'dogs': 1}
    np.testing.assert_array_equal(it.classes, [0, 0, 0, 1, 1, 1])
    assert it.filenames[0] == os.path.join('cats', 'img_0.png')
    assert len(it) == 2 and it.samples == 6
    bx, by = it[0]
    assert bx.shape == (4, 6, 8, 3) and bx.dtype == np.float32
    np.testing.assert_allclose(bx[0], 40. / 255, rtol=1e-5)
    np.testing.assert_array_equal(by, [[1, 0], [1, 0], [1, 0], [0, 1]])

    sparse = gen.flow_from_directory(root, target_size=(3, 4),
                                     class_mode='sparse',
                                     color_mode='grayscale', shuffle=False)
    bx, by = sparse[0]
    assert bx.shape == (6, 3, 4, 1)
    np.testing.assert_array_equal(by, [0, 0, 0, 1, 1, 1])
    only = gen.flow_from_directory(root, classes=['dogs'], class_mode=None,
                                   target_size=(6, 8))
    assert only[0].shape == (3, 6, 8, 3)
    auto = gen.flow_from_directory(root, target_size=(6, 8),
                                   class_mode='input', batch_size=2)
    bx, by = auto[0]
    np.testing.assert_allclose(bx, by)

    split = image.ImageDataGenerator(validation_split=1. / 3)
    val = split.flow_from_directory(root, target_size=(6, 8),
                                    subset='validation', shuffle=False)
    train = split.flow_from_directory(root, target_size=(6, 8),
                                      subset='training')
    assert val.samples == 2 and train.samples == 4
    assert val.filenames == [os.path.join('cats', 'img_0.png'),
                             os.path.join('dogs', 'img_0.png')]

    first = image.ImageDataGenerator(data_format='channels_first')
    cf = first.flow_from_directory(root, target_size=(6, 8), batch_size=1,
                                   color_mode='rgba')
    assert cf[0][0].shape == (1, 4, 6, 8)
    with pytest.raises(ValueError, match='class_mode'):
        gen.flow_from_directory(root, class_mode='bogus')
    with pytest.raises(ValueError, match='color mode'):
        gen.flow_from_directory(root, color_mode='cmyk')
    with pytest.raises(ValueError, match='subset'):
        split.flow_from_directory(root, subset='test')


def test_flow_from_dataframe(tmp_path):
    pd = pytest.importorskip('pandas', reason='flow_from_dataframe needs '
                             'pandas, an optional dependency')
    root = str(tmp_path / 'data')
    _write_tree(root)
    df = pd.DataFrame({
        'filename': ['cats/img_0.png', 'dogs/img_1.png', 'cats/img_2.png',
                     'missing.png'],
        'class': ['cat', 'dog', 'cat', 'dog'],
        'multi': [['cat'], ['dog', 'cat'], ['cat'], ['dog']],
        'value': [0.5, 1.5, 2.5, 3.5],
        'weight': [1., 2., 3., 4.],
    })
    gen = image.ImageDataGenerator()
    with pytest.warns(UserWarning, match='1 invalid image filename'):
        it = gen.flow_from_dataframe(df, root, target_size=(6, 8),
                                     shuffle=False, batch_size=3,
                                     weight_col='weight')
    assert it.class_indices == {'cat': 0, 'dog': 1}
    assert it.filenames == ['cats/img_0.png', 'dogs/img_1.png',
                            'cats/img_2.png']
    bx, by, bw = it[0]
    assert bx.shape == (3, 6, 8, 3)
    np.testing.assert_allclose(bx[1], 201.)
    np.testing.assert_array_equal(by, [[1, 0], [0, 1], [1, 0]])
    np.testing.assert_allclose(bw, [1., 2., 3.])

    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        multi = gen.flow_from_dataframe(df, root, y_col='multi',
                                        target_size=(6, 8), shuffle=False)
        np.testing.assert_array_equal(multi[0][1][1], [1, 1])
        raw = gen.flow_from_dataframe(df, root, y_col='value',
                                      class_mode='raw', target_size=(6, 8),
                                      shuffle=False)
        np.testing.assert_allclose(raw[0][1], [0.5, 1.5, 2.5])
        outs = gen.flow_from_dataframe(df, root, y_col=['value', 'weight'],
                                       class_mode='multi_output',
                                       target_size=(6, 8), shuffle=False)
        assert [o.tolist() for o in outs[0][1]] == [[0.5, 1.5, 2.5],
                                                    [1., 2., 3.]]
        other = gen.flow_from_dataframe(df, root, y_col='value',
                                        class_mode='other',
                                        target_size=(6, 8))
        assert other.class_mode == 'raw'
        binary = gen.flow_from_dataframe(df, root, class_mode='binary',
                                         target_size=(6, 8), shuffle=False)
        np.testing.assert_array_equal(binary[0][1], [0., 1., 0.])
        picked = gen.flow_from_dataframe(df, root, classes=['dog'],
                                         target_size=(6, 8))
        assert picked.samples == 1
    with pytest.raises(TypeError, match='y_col must be a list'):
        gen.flow_from_dataframe(df, root, y_col='value',
                                class_mode='multi_output')
    with pytest.raises(TypeError, match='must be strings'):
        gen.flow_from_dataframe(df, root, y_col='value', class_mode='sparse')
    with pytest.raises(TypeError, match='numeric'):
        gen.flow_from_dataframe(df, root, weight_col='class')


def test_dataframe_iterator_without_pandas(monkeypatch):
    monkeypatch.setitem(sys.modules, 'pandas', None)
    with pytest.raises(ImportError, match='pip install pandas'):
        image.ImageDataGenerator().flow_from_dataframe(object())
