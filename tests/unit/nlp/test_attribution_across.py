"""Attribution beyond the trigger's own clause (issue 16): passive claims, quotes that run over
sentences and paragraphs, pronoun speakers named before, relays hung on the speaker's phrase, and a
"selon X" that heads a paragraph's account. Each frame says why it applies (AttributionReason)."""
from __future__ import annotations

import pytest

from eventatlas.nlp.attribution import WRITER, AttributionReason, find_frame


def _frame(parsed, lang, text, word, nth=0):
    p = parsed(lang, text)
    tok = [t for t in p.doc if t.text == word][nth]
    return find_frame(tok.sent, tok, p.lex)


@pytest.mark.parametrize("lang,text,word,claimant", [
    ("fr", "L'attentat de samedi à Gao a été revendiqué par l'État islamique.", "attentat", "État islamique"),
    ("fr", "Plusieurs attaques contre des églises, revendiquées par le groupe Ansaru, ont eu lieu.", "attaques",
     "groupe Ansaru"),
    ("en", "The bombing in Kabul on Saturday was claimed by the Taliban.", "bombing", "Taliban"),
])
def test_the_agent_of_a_passive_claim_is_the_claimant(parsed, lang, text, word, claimant):
    frame = _frame(parsed, lang, text, word)
    assert (frame.kind, frame.source, frame.source_kind) == ("claim", claimant, "claimant")
    assert frame.reason == AttributionReason.PASSIVE_CLAIM


def test_the_act_claimed_is_never_the_claimant(parsed):
    frame = _frame(parsed, "fr", "L'attentat de samedi à Gao n'a pas été revendiqué.", "attentat")
    assert frame.kind != "claim"


def test_a_quote_closed_by_an_inverted_pronoun_incise_takes_the_speaker_named_before(parsed):
    text = ("Le porte-parole de l'armée, Ahmed Diallo, a fait une déclaration lundi.\n"
            "« Des hommes armés ont attaqué notre poste de Tessit samedi. Nous avons perdu quatre soldats », "
            "a-t-il déclaré.")
    frame = _frame(parsed, "fr", text, "attaqué")
    assert frame.kind == "report" and "porte-parole" in frame.source and frame.source_kind == "official"
    assert frame.reason == AttributionReason.PRONOUN_SPEAKER
    assert frame.speaker_span.text.startswith("porte-parole") or "porte-parole" in frame.speaker_span.text


def test_a_quote_over_two_paragraphs_takes_the_speaker_of_its_opening_sentence(parsed):
    text = ("Le porte-parole de l'armée malienne, le colonel Souleymane Dembélé, a déclaré lundi à la télévision "
            "nationale : « La situation est calme.\n"
            "« Des hommes armés ont attaqué notre poste de Tessit samedi. Quatre soldats ont été tués. »")
    frame = _frame(parsed, "fr", text, "attaqué")
    assert frame.kind == "report" and frame.source.startswith("porte-parole") and frame.source_kind == "official"
    assert frame.reason == AttributionReason.QUOTE_OPENER
    assert frame.span.text.endswith("a déclaré")


def test_a_quoted_act_of_the_speakers_own_side_is_a_claim(parsed):
    frame = _frame(parsed, "fr", "« Nos combattants ont attaqué le poste de Tessit samedi », a déclaré le "
                   "porte-parole du groupe.", "attaqué")
    assert frame.kind == "claim" and frame.source_kind == "claimant"


def test_a_pronoun_speaker_outside_quotes_points_back_to_the_subject_before(parsed):
    text = "Le maire de Tessit a été joint par téléphone. Des hommes armés ont attaqué le village samedi, a-t-il indiqué."
    frame = _frame(parsed, "fr", text, "attaqué")
    assert (frame.kind, frame.source, frame.reason) == ("report", "maire de Tessit", AttributionReason.PRONOUN_SPEAKER)


def test_the_outlet_a_speaker_talked_to_is_a_relay_not_part_of_the_name(parsed):
    frame = _frame(parsed, "fr", "Des hommes armés ont attaqué le village de Tessit samedi, a indiqué le maire à "
                   "l'AFP.", "attaqué")
    assert frame.chain == ("AFP", "maire") and frame.source_kind == "official"


def test_a_selon_heading_a_paragraph_governs_its_next_sentence_only_there(parsed):
    text = "Selon le gouverneur de la région, la situation est tendue. Des hommes armés ont attaqué le village samedi."
    frame = _frame(parsed, "fr", text, "attaqué")
    assert (frame.source, frame.reason) == ("gouverneur de la région", AttributionReason.SCOPE_CARRIED)
    other_paragraph = text.replace(". Des", ".\nDes")
    assert _frame(parsed, "fr", other_paragraph, "attaqué") == WRITER
    trailing = "La situation est tendue, selon le gouverneur de la région. Des hommes armés ont attaqué le village samedi."
    assert _frame(parsed, "fr", trailing, "attaqué") == WRITER


@pytest.mark.parametrize("text,word,kind,source_kind", [
    # a party's own act: claimed
    ("The Shabaab claims to have killed dozens of Kenyan soldiers in an attack near Baidoa.", "attack", "claim",
     "claimant"),
    ("The army claims that an offensive in the north has killed at least 40 insurgents.",
     "offensive", "claim", "claimant"),
    # another party's act: an accusation
    ("The government of Georgia claims that Russian forces shelled the village of Kvemo.", "shelled", "accuse", "party"),
    # a monitor is no party: reported
    ("The observatory claims that the government has dropped barrel bombs on Idlib.", "bombs",
     "report", "outlet"),
    # a perfect infinitive after a modal is no claim of one's own act
    ("A drone may have hit a fuel depot near Kherson overnight, officials said.", "hit", "report",
     "official"),
])
def test_claim_as_a_reporting_verb_depends_on_whose_act_it_is(parsed, text, word, kind, source_kind):
    frame = _frame(parsed, "en", text, word)
    assert (frame.kind, frame.source_kind) == (kind, source_kind), frame.cue


def test_a_blame_for_an_act_told_before_leaves_it_as_told(capsys, write):
    import json

    from eventatlas import cli
    text = ("Clashes near the capital Bishkek kill at least 9 people. Officials blame the attacks against security "
            "forces on a former deputy minister, Omar Tashiev.\n")
    cli.main(["extract", str(write("a.txt", text)), "--published", "2015-09-05"])
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines() if json.loads(line)["event_type"]]
    assert events and all(e["certainty"] == "asserted" for e in events)


@pytest.mark.parametrize("text,word,chain,source_kind", [
    # the lemmatizer leaves "indique" as it is; the parse hangs "rapporte" on the object
    ("Des hommes armés ont attaqué un convoi près de Gao, indique un communiqué de l'armée.", "attaqué",
     ("communiqué de l'armée",), "official"),
    ("Un attentat a tué vingt personnes lundi à Bagdad, rapporte l'agence de presse officielle INA.", "attentat",
     ("agence de presse officielle INA",), "outlet"),
    # the outlet between the verb and its inverted speaker is a relay
    ("Des hommes armés ont attaqué lundi un poste de police à Kandahar, a affirmé à l'AFP un responsable de la "
     "sécurité.", "attaqué", ("AFP", "responsable de la sécurité"), "official"),
])
def test_a_closing_inverted_incise_speaks_the_sentence(parsed, text, word, chain, source_kind):
    frame = _frame(parsed, "fr", text, word)
    assert (frame.kind, frame.chain, frame.source_kind) == ("report", chain, source_kind)


def test_an_impersonal_speaker_names_its_source_in_a_complement(parsed):
    frame = _frame(parsed, "fr", "Des hommes armés ont attaqué samedi un poste de police près de Gao, a-t-on appris de "
                   "source sécuritaire.", "attaqué")
    assert (frame.kind, frame.source, frame.source_kind) == ("report", "source sécuritaire", "anonymous")


@pytest.mark.parametrize("text", [
    "« Ces retards posent beaucoup de questions », ajoute Karim, un autre manifestant.",
    "« L'armée doit rentrer dans ses casernes », affirme un jeune manifestant, Samir Adel.",
])
def test_a_trigger_word_describing_the_speaker_of_an_incise_is_flagged(parsed, text):
    frame = _frame(parsed, "fr", text, "manifestant")
    assert frame.reason == AttributionReason.SPEAKER_WORD and frame.kind == "report"


def test_a_speakers_description_is_no_event(capsys, write):
    import json

    from eventatlas import cli
    cli.main(["extract", str(write("a.txt", "« Ces retards posent beaucoup de questions », ajoute Karim, un autre "
                                            "manifestant.\n")), "--published", "2012-06-23"])
    assert not [line for line in capsys.readouterr().out.splitlines() if json.loads(line)["event_type"]]


@pytest.mark.parametrize("text,kind", [
    ("L'ONG dénonce les agressions commises samedi par des soldats dans la prison de Homs.", "report"),
    ("Le gouvernement dénonce les agressions commises samedi par des rebelles à Homs.", "accuse"),
])
def test_a_monitor_denouncing_abuses_reports_them_a_party_accuses(parsed, text, kind):
    assert _frame(parsed, "fr", text, "agressions").kind == kind


def test_first_reports_are_nobody_in_particular(parsed):
    frame = _frame(parsed, "fr", "Selon les premières informations, douze personnes ont été tuées lundi dans "
                   "l'explosion d'une bombe à Kaboul.", "explosion")
    assert (frame.kind, frame.source, frame.source_kind) == ("generic", "reports", "writer")


@pytest.mark.parametrize("second", [
    "Le ministère de la Défense l'a annoncé dimanche.",
    "L'information a été confirmée par le ministère de la Défense.",
    "C'est ce qu'a annoncé le ministère de la Défense dans un communiqué.",
    "Le ministère de la Défense a annoncé leur mort.",
])
def test_a_sentence_that_reports_the_happening_told_before_sources_it(second):
    from eventatlas.eval.common import extract_records
    text = f"Deux soldats français ont été tués samedi dans une embuscade au Mali. {second}"
    rec = next(r for r in extract_records(text, published="2012-07-10", lang="fr") if r["event_type"])
    assert (rec["certainty"], rec["attribution"]["source"]) == ("reported", "ministère de la Défense"), rec
    assert rec["date"]["start"].startswith("2012-07-07")  # the event's Saturday, not the day it was announced


def test_a_report_after_no_happening_is_no_event():
    from eventatlas.eval.common import extract_records
    text = "Le ministère de la Santé a annoncé un plan de vaccination. Le président l'a confirmé dimanche."
    assert not [r for r in extract_records(text, published="2012-07-10", lang="fr") if r["event_type"]]


def test_a_negated_report_sources_nothing():
    from eventatlas.eval.common import extract_records
    text = "Deux soldats ont été tués samedi dans une embuscade au Mali. Le ministère n'a pas confirmé l'information."
    rec = next(r for r in extract_records(text, published="2012-07-10", lang="fr") if r["event_type"])
    assert rec["certainty"] == "asserted", rec


@pytest.mark.parametrize("text,source", [
    # the source named before: a rank is an official's word
    ("Le colonel Diarra, porte-parole de l'armée, s'est exprimé lundi à la télévision. Selon lui, quatre soldats "
     "ont été tués dans une embuscade près de Kidal.", "colonel Diarra"),
    ("Le gouverneur de Mopti a confirmé l'attaque. D'après lui, quinze civils ont été tués mardi à Sobane.",
     "gouverneur de Mopti"),
])
def test_selon_lui_points_back_to_the_speaker_named_before(text, source):
    from eventatlas.eval.common import extract_records
    records = [r for r in extract_records(text, published="2012-07-10", lang="fr") if r["event_type"]]
    assert records and all((r["certainty"], r["attribution"]["source"]) == ("reported", source) for r in records), records


def test_a_quote_opened_by_a_verb_the_tagger_reads_as_an_adjective():
    # "raconte" tagged ADJ: still the reporting verb that opens the quote, its subject the speaker
    from eventatlas.eval.common import extract_records
    text = ("Un habitant de Gao, Moussa Traoré, raconte : « Ils sont arrivés vers minuit. On s'est caché dans la "
            "maison. Les jihadistes ont tué trois commerçants lundi soir au marché. »")
    rec = next(r for r in extract_records(text, published="2012-07-10", lang="fr") if r["event_type"])
    assert rec["certainty"] == "reported" and "habitant" in rec["attribution"]["source"], rec


@pytest.mark.parametrize("text,certainty", [
    ("Le porte-parole de l'armée a déclaré lundi : « Nos positions ont été attaquées à l'aube près de Kidal. »",
     "reported"),  # what hit the speaker's side is no claim of its own act
    ("Le porte-parole des rebelles a déclaré lundi : « Nos combattants ont attaqué une base de l'armée près de Kidal. »",
     "claimed"),
])
def test_our_possessive_claims_only_what_we_did(text, certainty):
    from eventatlas.eval.common import extract_records
    rec = next(r for r in extract_records(text, published="2012-07-10", lang="fr") if r["event_type"])
    assert rec["certainty"] == certainty, rec


@pytest.mark.parametrize("text,certainty,source", [
    # a claim another party denies, in a passive with its agent: alleged (TAXONOMY.md)
    ("L'armée affirme avoir tué dix terroristes lundi près de Mopti, une information démentie par les rebelles.",
     "alleged", "armée"),
    # a reporting verb phrase of the profile
    ("Les autorités ont fait état de deux morts lundi lors d'affrontements à Bamako.", "reported", "autorités"),
])
def test_passive_denials_and_reporting_phrases(text, certainty, source):
    from eventatlas.eval.common import extract_records
    rec = next(r for r in extract_records(text, published="2012-07-10", lang="fr") if r["event_type"])
    assert (rec["certainty"], rec["attribution"]["source"]) == (certainty, source), rec


@pytest.mark.parametrize("second,certainty", [
    ("« Nous avons mené cette opération contre les mécréants », a déclaré mardi un porte-parole du Mujao.",
     "claimed"),
    # another operation, not the act told before: no claim of it
    ("« Nous avons lancé une opération de ratissage », a déclaré le colonel Diarra.", "reported"),
])
def test_a_speaker_saying_its_side_conducted_the_act_told_before_claims_it(second, certainty):
    from eventatlas.eval.common import extract_records
    text = f"Six soldats ont été tués lundi dans une attaque à Gao, selon le gouverneur. {second}"
    rec = next(r for r in extract_records(text, published="2012-07-10", lang="fr") if r["event_type"])
    assert rec["certainty"] == certainty, rec
