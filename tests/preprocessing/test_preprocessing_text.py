"""Tests of keras.preprocessing.text."""
import json
from hashlib import md5

import numpy as np
import pytest

from keras.preprocessing import text
from keras.preprocessing.text import Tokenizer


def test_text_to_word_sequence():
    assert text.text_to_word_sequence('hello! ? world!') == ['hello', 'world']
    assert text.text_to_word_sequence('Hello, World', lower=False) == \
        ['Hello', 'World']
    assert text.text_to_word_sequence('ali!stopveli?stopkırkdokuz',
                                      split='stop') == \
        ['ali', 'veli', 'kırkdokuz']
    assert text.text_to_word_sequence('a-b c', filters='') == ['a-b', 'c']


def test_hashing_trick_md5_and_hash():
    sample = 'The quick brown fox jumps over the lazy dog'
    encoded = text.hashing_trick(sample, 5, hash_function='md5')
    expected = [int(md5(w.encode()).hexdigest(), 16) % 4 + 1
                for w in sample.lower().split()]
    assert encoded == expected
    assert encoded[0] == encoded[6]  # "the" twice
    encoded = text.hashing_trick(sample, 3, hash_function=len)
    assert encoded == [len(w) % 2 + 1 for w in sample.split()]
    with pytest.raises(ValueError, match='at least 2'):
        text.hashing_trick(sample, 1)


def test_one_hot():
    sample = 'The cat sat on the mat.'
    encoded = text.one_hot(sample, 5)
    assert len(encoded) == 6
    assert all(1 <= i < 5 for i in encoded)
    assert encoded[0] == encoded[4]


TEXTS = ['The cat sat on the mat.',
         'The dog sat on the log.',
         'Dogs and cats living together.']


def test_tokenizer_fit_on_texts_vocabulary():
    tok = Tokenizer()
    tok.fit_on_texts(TEXTS)
    assert tok.document_count == 3
    assert tok.word_counts['the'] == 4 and tok.word_counts['sat'] == 2
    # Most frequent first; ties in order of first appearance.
    assert tok.word_index['the'] == 1
    assert tok.word_index['sat'] == 2 and tok.word_index['on'] == 3
    assert tok.word_index['cat'] == 4
    assert tok.index_word[1] == 'the'
    assert tok.word_docs['the'] == 2
    assert tok.index_docs[tok.word_index['sat']] == 2
    assert len(tok.word_index) == 12


def test_tokenizer_sequences_num_words_and_oov():
    tok = Tokenizer(num_words=4)
    tok.fit_on_texts(TEXTS)
    assert tok.texts_to_sequences(['the cat sat on the mat']) == \
        [[1, 2, 3, 1]]
    assert list(tok.texts_to_sequences_generator(['sat zebra'])) == [[2]]
    assert tok.sequences_to_texts([[1, 2, 9, 3]]) == ['the sat on']

    tok = Tokenizer(num_words=4, oov_token='<unk>')
    tok.fit_on_texts(TEXTS)
    assert tok.word_index['<unk>'] == 1 and tok.word_index['the'] == 2
    assert tok.texts_to_sequences(['the zebra sat cat']) == [[2, 1, 3, 1]]
    assert tok.sequences_to_texts([[2, 3, 11, 50]]) == \
        ['the sat <unk> <unk>']


def test_tokenizer_char_level_and_lists():
    tok = Tokenizer(char_level=True)
    tok.fit_on_texts(['abba', 'Ac'])
    assert tok.word_index == {'a': 1, 'b': 2, 'c': 3}
    assert tok.texts_to_sequences(['cab']) == [[3, 1, 2]]
    tok = Tokenizer()
    tok.fit_on_texts([['Hello', 'world'], ['hello']])
    assert tok.word_index == {'hello': 1, 'world': 2}
    assert tok.texts_to_sequences([['WORLD', 'x']]) == [[2]]


def test_tokenizer_matrix_modes():
    tok = Tokenizer()
    tok.fit_on_texts(TEXTS)
    texts = ['the the cat', 'dog']
    seqs = tok.texts_to_sequences(texts)
    n = len(tok.word_index) + 1
    binary = tok.texts_to_matrix(texts, mode='binary')
    count = tok.texts_to_matrix(texts, mode='count')
    freq = tok.texts_to_matrix(texts, mode='freq')
    tfidf = tok.texts_to_matrix(texts, mode='tfidf')
    assert binary.shape == (2, n)
    the, cat = tok.word_index['the'], tok.word_index['cat']
    assert count[0, the] == 2 and count[0, cat] == 1 and count[0].sum() == 3
    assert binary[0, the] == 1 and binary[0].sum() == 2
    np.testing.assert_allclose(freq[0, the], 2. / 3)
    idf_the = np.log(1 + 3. / (1 + tok.index_docs[the]))
    np.testing.assert_allclose(tfidf[0, the], (1 + np.log(2)) * idf_the)
    np.testing.assert_allclose(tfidf[1, tok.word_index['dog']],
                               np.log(1 + 3. / 2))
    np.testing.assert_array_equal(tok.sequences_to_matrix(seqs), binary)


def test_tokenizer_fit_on_sequences_and_errors():
    tok = Tokenizer(num_words=5)
    with pytest.raises(ValueError, match='before using tfidf'):
        tok.sequences_to_matrix([[1]], mode='tfidf')
    tok.fit_on_sequences([[1, 2, 2], [2, 3]])
    assert tok.document_count == 2
    assert tok.index_docs[2] == 2 and tok.index_docs[1] == 1
    m = tok.sequences_to_matrix([[1, 2, 7], []], mode='count')
    np.testing.assert_array_equal(m, [[0, 1, 1, 0, 0], [0, 0, 0, 0, 0]])
    with pytest.raises(ValueError, match='vectorization mode'):
        tok.sequences_to_matrix([[1]], mode='bogus')
    with pytest.raises(ValueError, match='Specify a dimension'):
        Tokenizer().sequences_to_matrix([[1]])
    with pytest.raises(TypeError, match='Unrecognized keyword'):
        Tokenizer(bogus=1)
    with pytest.warns(UserWarning, match='nb_words'):
        assert Tokenizer(nb_words=7).num_words == 7


def test_tokenizer_json_round_trip():
    tok = Tokenizer(num_words=6, oov_token='<oov>')
    tok.fit_on_texts(TEXTS)
    payload = tok.to_json()
    config = json.loads(payload)
    assert config['class_name'] == 'Tokenizer'
    assert config['config']['num_words'] == 6
    restored = text.tokenizer_from_json(payload)
    assert restored.word_index == tok.word_index
    assert restored.index_word == tok.index_word
    assert restored.word_counts == tok.word_counts
    assert dict(restored.index_docs) == dict(tok.index_docs)
    assert restored.document_count == 3
    sample = ['the cat and a zebra']
    assert restored.texts_to_sequences(sample) == \
        tok.texts_to_sequences(sample)
    np.testing.assert_allclose(restored.texts_to_matrix(sample, 'tfidf'),
                               tok.texts_to_matrix(sample, 'tfidf'))
