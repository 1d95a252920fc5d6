from __future__ import annotations

import pytest

from eventatlas.nlp.events.modality import Modality, ModalityReason, find_modality


@pytest.mark.parametrize("lang,text,word,modality,reason", [
    ("fr", "Des hommes armés ont attaqué le village.", "attaqué", Modality.FACT, ModalityReason.NONE),
    ("en", "Gunmen attacked the village.", "attacked", Modality.FACT, ModalityReason.NONE),
    ("fr", "Aucun groupe n'a attaqué le village.", "attaqué", Modality.NEGATED, ModalityReason.NEGATIVE_SUBJECT),
    ("en", "No group attacked the village.", "attacked", Modality.NEGATED, ModalityReason.NEGATIVE_SUBJECT),
    ("fr", "Les rebelles n'ont pas attaqué le village.", "attaqué", Modality.NEGATED, ModalityReason.NEGATION),
    ("en", "The rebels did not attack the village.", "attack", Modality.NEGATED, ModalityReason.NEGATION),
    ("fr", "Le groupe a menacé d'attaquer le village.", "attaquer", Modality.THREAT, ModalityReason.THREAT_VERB),
    ("en", "The group threatened to attack the village.", "attack", Modality.THREAT, ModalityReason.THREAT_VERB),
    ("fr", "Les rebelles attaqueront le village.", "attaqueront", Modality.FUTURE, ModalityReason.FUTURE_TENSE),
    ("en", "The rebels will attack the village.", "attack", Modality.FUTURE, ModalityReason.FUTURE_CUE),
    ("en", "The army may have shelled the village.", "shelled", Modality.POSSIBLE, ModalityReason.POSSIBILITY_MODAL),
    ("fr", "L'armée aurait bombardé le village.", "bombardé", Modality.CONDITIONAL, ModalityReason.CONDITIONAL_MOOD),
])
def test_modality_and_its_reason(parsed, lang, text, word, modality, reason):
    p = parsed(lang, text)
    found = find_modality(p.token(word), p.sent, p.lex)
    assert (found.modality, found.reason) == (modality, reason), found
    assert (found.cue == "") is (modality == Modality.FACT)


def test_an_english_conditional_is_not_read_as_a_french_one(parsed):
    # the conditional mood is an allegation only where the profile says so (French)
    p = parsed("en", "The army would attack the village.")
    assert find_modality(p.token("attack"), p.sent, p.lex).reason != ModalityReason.CONDITIONAL_MOOD


@pytest.mark.parametrize("text,word", [
    ("Le convoi aurait été visé samedi près de Gao par un engin explosif.", "engin"),
    ("Quatre soldats auraient été tués samedi dans une embuscade près de Gao.", "embuscade"),
])
def test_a_noun_trigger_takes_the_conditional_of_the_verb_it_hangs_off(parsed, text, word):
    p = parsed("fr", text)
    found = find_modality(p.token(word), p.sent, p.lex)
    assert (found.modality, found.reason) == (Modality.CONDITIONAL, ModalityReason.CONDITIONAL_MOOD)


@pytest.mark.parametrize("lang,text,word", [
    ("fr", "L'attentat de samedi à Gao n'a pas été revendiqué.", "attentat"),
    ("en", "No group has claimed the bombing in Kabul.", "bombing"),
])
def test_a_negated_claim_does_not_negate_the_act(parsed, lang, text, word):
    p = parsed(lang, text)
    assert find_modality(p.token(word), p.sent, p.lex).modality != Modality.NEGATED


@pytest.mark.parametrize("lang,text,word,alleged", [
    ("fr", "L'attentat présumé a fait quatre morts samedi à Gao.", "attentat", True),
    ("fr", "Un présumé massacre de civils a eu lieu samedi à Gao.", "massacre", True),
    ("en", "The alleged massacre of civilians took place on Saturday in Gao.", "massacre", True),
    # a hedge on the perpetrator leaves the happening as told (TAXONOMY.md)
    ("fr", "De présumés jihadistes ont attaqué samedi un poste de police à Gao.", "attaqué", False),
    ("en", "Alleged militants attacked a police post in Gao on Saturday.", "attacked", False),
])
def test_an_allegation_modifier_bears_on_what_it_qualifies(parsed, lang, text, word, alleged):
    p = parsed(lang, text)
    found = find_modality(p.token(word), p.sent, p.lex)
    assert (found.modality == Modality.CONDITIONAL) is alleged, found


@pytest.mark.parametrize("lang,text,word,hedged", [
    ("fr", "Trois soldats ont probablement été tués par un tir de mortier lundi à Gao.", "tir", True),
    ("en", "Three soldiers were probably killed by mortar fire on Monday.", "fire", True),
    # after the verb, the adverb hedges who did it, not whether it happened (TAXONOMY.md)
    ("fr", "Trois soldats ont été tués lundi par un tir de mortier à Gao, probablement par des jihadistes.", "tir", False),
])
def test_a_noun_trigger_is_hedged_by_an_adverb_before_the_verb_that_tells_it(parsed, lang, text, word, hedged):
    p = parsed(lang, text)
    found = find_modality(p.token(word), p.sent, p.lex)
    assert (found.reason in (ModalityReason.HEDGE_CUE, ModalityReason.SPECULATIVE_CUE)) is hedged, found


@pytest.mark.parametrize("text,word", [
    ("Les forces de sécurité devraient attaquer la ville dans les prochains jours.", "attaquer"),
    ("Le candidat devrait enlever la plupart des États clés.", "enlever"),
])
def test_what_should_happen_is_future(parsed, text, word):
    # "devrait": what is expected, not what took place (never an ACLED event)
    p = parsed("fr", text)
    assert find_modality(p.token(word), p.sent, p.lex).modality == Modality.FUTURE


def test_a_conditional_the_tagger_misses_still_alleges(parsed):
    # the tagger reads "seraient" as an indicative and hangs the noun off "lundi": the profile's
    # conditional forms still tell the journalistic conditional
    p = parsed("fr", "Au moins sept personnes seraient mortes lundi dans l'explosion d'une bombe à Peshawar.")
    found = find_modality(p.token("explosion"), p.sent, p.lex)
    assert (found.modality, found.reason) == (Modality.CONDITIONAL, ModalityReason.CONDITIONAL_MOOD), found
