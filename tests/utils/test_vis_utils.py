"""Tests for keras.utils.vis_utils (those needing no model)."""
import pytest

from keras.utils import vis_utils


def test_missing_pydot_message(monkeypatch):
    monkeypatch.setattr(vis_utils, 'pydot', None)
    with pytest.raises(ImportError, match='pip install pydot'):
        vis_utils.model_to_dot(object())
    with pytest.raises(ImportError, match='pip install pydot'):
        vis_utils.plot_model(object())


def test_missing_graphviz_message(monkeypatch):
    pytest.importorskip('pydot', reason='pydot is an optional dependency')
    monkeypatch.setenv('PATH', '')
    with pytest.raises(ImportError, match='GraphViz'):
        vis_utils._check_pydot()


def test_add_edge_adds_once():
    pydot = pytest.importorskip('pydot',
                                reason='pydot is an optional dependency')
    dot = pydot.Dot()
    vis_utils.add_edge(dot, 'a', 'b')
    vis_utils.add_edge(dot, 'a', 'b')
    vis_utils.add_edge(dot, 'b', 'a')
    assert len(dot.get_edges()) == 2


def _small_models():
    from keras.engine.input_layer import Input
    from keras.engine.training import Model
    from keras.layers import Dense, TimeDistributed
    x = Input((3,), name='x')
    inner = Model(x, Dense(2, name='inner_dense')(x), name='inner')
    seq_in = Input((4, 3), name='seq')
    y = TimeDistributed(inner, name='td')(seq_in)
    z = Dense(1, name='out')(y)
    return inner, Model(seq_in, z, name='outer')


def test_model_to_dot_nodes_edges_and_labels():
    pytest.importorskip('pydot', reason='pydot is an optional dependency')
    inner, outer = _small_models()
    assert vis_utils.is_model(outer)
    assert vis_utils.is_wrapped_model(outer.get_layer('td'))
    assert not vis_utils.is_wrapped_model(outer.get_layer('out'))
    dot = vis_utils.model_to_dot(outer, show_shapes=True, rankdir='LR')
    labels = [n.get_label() for n in dot.get_nodes() if n.get_label()]
    assert any('td(inner): TimeDistributed(Model)' in l for l in labels)
    assert any('(None, 4, 1)' in l for l in labels)
    assert len(dot.get_edges()) == 2
    assert dot.get('rankdir') == 'LR'
    # nested: the wrapped model becomes a cluster linked to its neighbours
    nested = vis_utils.model_to_dot(outer, expand_nested=True)
    assert [g.get_name() for g in nested.get_subgraphs()] == ['cluster_inner']
    assert len(nested.get_edges()) == 2
    names = vis_utils.model_to_dot(outer, show_layer_names=False)
    assert all(':' not in (n.get_label() or '') for n in names.get_nodes())


def test_plot_model_writes_png(tmp_path):
    pytest.importorskip('pydot', reason='pydot is an optional dependency')
    _, outer = _small_models()
    path = str(tmp_path / 'model.png')
    vis_utils.plot_model(outer, to_file=path, show_shapes=True)
    with open(path, 'rb') as f:
        assert f.read(8) == b'\x89PNG\r\n\x1a\n'
