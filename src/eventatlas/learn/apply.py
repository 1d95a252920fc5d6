"""The trained model in extraction (setting ``event_model``; ``extract.py`` calls ``apply_model``).

- Each ACLED event of the rules: the model reads the event's view (learn.features) and, when its
  type (decided by the type classifier) has calibrated probability >= ``event_model_threshold``, that type and its
  best sub-type of that type replace the rules'; ``why`` says so, with the rules' own decision kept beside it.
- No ACLED event from the rules: when the model is confident that the text reports one, one event is
  emitted, typed by the model. Its evidence is the sentence whose words the model finds most typical
  of that sub-type (a sentence whose only mentions the rules read as negated, future or threatened is never
  used); its trigger is the rules' trigger in that sentence, else the sentence's syntactic root when
  it is a verb or noun, else the sentence. Date, place, actors, weapon and fatalities are what the
  rules found in that sentence (date and place: else in the text; date: else the publication date).
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from eventatlas.learn.features import acled_events, view
from eventatlas.model import Document, Event, Span, replace

#: Mentions in these modalities say nothing happened (yet): their sentence never carries a model event.
NOT_HAPPENED = frozenset({"negated", "future", "threat", "generic"})
#: Sentences scored when choosing the model event's evidence (a long article's first ones).
MAX_SENTENCES = 40


@lru_cache(maxsize=1)
def _plover() -> dict:
    return json.loads(resources.files("eventatlas.learn").joinpath("plover.json").read_text("utf-8"))


def plover_of(event_type: str, sub_event_type: str, default: str = "ASSAULT") -> str:
    table = _plover()
    return table["by_sub_type"].get(sub_event_type) or table["by_type"].get(event_type, default)


def apply_model(document: Document, analysis, events: list[Event], model, threshold: float, lang: str) -> list[Event]:
    """``events`` (the rules', in text order) with the model's decisions applied (see the module doc)."""
    if lang not in model.langs:
        return events
    found = acled_events(events)
    if not found:
        whole = view(document, analysis, events, None)
        extra = _model_event(document, analysis, model, lang, threshold, whole)
        if extra is None:
            return events
        return sorted([*events, extra], key=lambda e: e.trigger.start_char)
    views = {id(e): view(document, analysis, events, e) for e in found}
    preds = dict(zip(views, model.predict(lang, [v.text for v in views.values()],
                                           [v.features for v in views.values()])))
    out = []
    for e in events:
        p = preds.get(id(e))
        if p is None:
            out.append(e)
            continue
        v = views[id(e)]
        if p.sub_event_type is None or p.probability < threshold:
            said = "no ACLED event" if p.sub_event_type is None else repr(p.sub_event_type)
            out.append(replace(e, why=(*e.why, f"trained model: {said} ({p.probability:.2f} < {threshold}, "
                                                f"on {v.reason}); the rules' type stays")))
            continue
        if p.sub_event_type == e.sub_event_type:
            out.append(replace(e, why=(*e.why, f"trained model agrees ({p.probability:.2f}, on {v.reason})")))
            continue
        rules_said = next((w for w in e.why if w.startswith("type: ")), "type: ?")[len("type: "):]
        type_why = (f"type: trained model ({p.probability:.2f} >= {threshold}, on {v.reason}); "
                    f"rules said {e.sub_event_type!r} ({rules_said})")
        why = tuple(type_why if w.startswith("type: ") else w for w in e.why)
        plover = e.plover if p.event_type == e.event_type else plover_of(p.event_type, p.sub_event_type, e.plover)
        out.append(replace(e, event_type=p.event_type, sub_event_type=p.sub_event_type, plover=plover,
                           why=why if why != e.why else (type_why, *e.why)))
    return out


def _sentences(document: Document, lang: str) -> list[Span]:
    from eventatlas.nlp.pipeline import parse
    doc = parse(lang, document.text)
    return [sent for sent in doc.sents if sent.text.strip()][:MAX_SENTENCES]


def _model_event(document: Document, analysis, model, lang: str, threshold: float, whole) -> Event | None:
    pred = model.predict_one(lang, whole.text, whole.features)
    if pred.sub_event_type is None or pred.probability < threshold:
        return None
    sents = []
    for sent in _sentences(document, lang):
        s, e = sent.start_char, sent.end_char
        ms = [m for m in analysis.mentions if s <= m.trigger.start_char < e]
        if ms and all(m.modality in NOT_HAPPENED for m in ms):
            continue
        sents.append((sent, [m for m in ms if m.modality not in NOT_HAPPENED]))
    if not sents:
        return None
    if len(sents) > 1:
        texts = [" ".join(sent.text.split()) for sent, _ in sents]
        # by their words alone: the rules' features are the whole text's, the same for every sentence
        scores = model.probability_of(lang, texts, [()] * len(texts), pred.sub_event_type)
        sent, ms = sents[max(range(len(sents)), key=lambda i: (scores[i], -i))]
    else:
        sent, ms = sents[0]
    return _build(document, analysis, pred, threshold, sent, ms)


def _build(document: Document, analysis, pred, threshold: float, sent, ms) -> Event:
    from eventatlas.assemble import _actors, _attribution, _certainty, _event_id, _publication_date
    s, e = sent.start_char, sent.end_char
    sentence = Span(document.text[s:e], s, e)
    if ms:
        core = ms[0]
        trigger, how = core.trigger, f"the rules' trigger {core.trigger.text!r}"
    elif sent.root.pos_ in ("VERB", "NOUN"):
        root = sent.root
        trigger = Span(document.text[root.idx:root.idx + len(root.text)], root.idx, root.idx + len(root.text))
        how = f"the sentence's root {root.text!r}"
    else:
        trigger, how = sentence, "the sentence (no verb or noun at its root)"
    dates = [w for d, w in analysis.dates if w is not None]
    in_sent = [w for d, w in analysis.dates if w is not None and s <= d.span.start_char < e]
    date = (in_sent or dates or [None])[0] or _publication_date(document)
    places = [p for p in analysis.places if p.place is not None]
    place = next((p.place for p in places if s <= p.span.start_char < e), places[0].place if places else None)
    country = place.country if place else None
    weapon = next((m.weapon for m in ms if m.weapon is not None), None)
    deaths = next((m.deaths for m in ms if m.deaths is not None), None)
    hurt = next((m.injuries for m in ms if m.injuries is not None), None)
    if ms:
        frame = ms[0].frame
        certainty, cert_why = _certainty(ms[0], frame, False)
    else:
        from eventatlas.nlp.attribution import Frame
        frame = Frame("none", "writer", "writer", (), None, "")
        certainty, cert_why = "asserted", "no attribution"
    why = (f"type: trained model ({pred.probability:.2f} >= {threshold}); the rules found no ACLED event in the text",
           f"evidence: the sentence the model finds most typical of {pred.sub_event_type!r}; trigger: {how}",
           f"certainty: {cert_why}")
    return Event(
        id=_event_id(document, trigger, pred.event_type, place), document=document, event_type=pred.event_type,
        sub_event_type=pred.sub_event_type, plover=plover_of(pred.event_type, pred.sub_event_type), trigger=trigger,
        date=date, location=place, actors=tuple(a for a, _ in _actors(list(ms), country)), weapon=weapon, fatalities=deaths, injuries=hurt,
        attribution=_attribution(frame), field_attribution=(), certainty=certainty, evidence=(sentence,), why=why,
        documents=(document.id,))
