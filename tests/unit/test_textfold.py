"""eventatlas.textfold: the one fold (case, apostrophes, accents) and fold_case."""
from __future__ import annotations

from eventatlas.textfold import fold, fold_case, fold_words, strip_accents


def test_fold_drops_case_accents_and_typographic_apostrophes():
    assert fold("L’Armée a ABATTU") == "l'armee a abattu"
    assert fold("‘Sécurité’ `x") == "'securite' 'x"
    assert fold("Łódź, Şanlıurfa, Ørsta") == "lodz, sanliurfa, orsta"


def test_fold_keeps_offsets_for_latin_text():
    text = "Jeudi 29 juillet, l’hélicoptère s’est écrasé près d’Amerli; cœur de la manœuvre " * 3
    folded = fold(text)
    assert len(folded) == len(text)
    i = folded.find("s'est ecrase")
    assert text[i:i + len("s'est ecrase")] == "s’est écrasé"


def test_spell_out_writes_two_letters_and_drops_transliteration_marks():
    assert fold("Straße Ærø cœur", spell_out=True) == "strasse aero coeur"
    assert fold("Maʿarrat Saʼdah", spell_out=True) == "maarrat sadah"
    assert fold("cœur") == "cœur"  # without spell_out one letter stays one letter


def test_short_and_long_texts_fold_alike():
    word = "Évacué"
    assert fold(word) == fold(word * 20)[:len(word)] == "evacue"


def test_fold_case_keeps_accents():
    assert fold_case("Marché") == "marché" != fold_case("marche")
    assert fold_case("L’ARMÉE") == "l'armée"
    assert fold_case("e\u0301") == "é"  # composed: spaCy tokens and profile words meet


def test_fold_words_and_strip_accents():
    assert fold_words("Şalāḩ ad-Dīn (Iraq)") == ["salah", "ad", "din", "iraq"]
    assert fold_words(None) == []
    assert fold_words("Bur Sa‘id") == fold_words("Bur Said") == ["bur", "said"]
    assert fold_words("Ra's al-Khaymah") == ["ras", "al", "khaymah"]
    assert fold_words("Gədəbəy") == ["gdby"]  # a letter with no Latin form is dropped, not a word break
    assert strip_accents("Şalāḩ ad Dīn Governorate") == "Salah ad Din Governorate"
