"""What the trained model reads for one event: a text and the rules' own findings about it.

The same function serves training (a note of an ACLED export, a reviewed record) and extraction
(an event the rules built, or a document they found no event in), so the model always sees at
prediction time what it saw in training.

- The text: the whole document when it holds at most one ACLED event of the rules (an ACLED note, a
  dispatch about one happening), or when it is short (at most ``SHORT_TEXT_CHARS``: a note, a brief);
  the sentences of the event's own mentions when a longer text holds several, so that one event's
  words do not type another's. In a short text the rules' second "event" is mostly a second mention
  of the same happening (an ACLED note codes one event), and its first event's sentences alone lack
  the words that type it (3-fold CV on the development notes, docs/MODEL_CARD.md: type accuracy of
  notes the rules split 0.862 -> 0.892).
- The rules' features (strings, one-hot), from the event's own mentions when the text holds several
  events (short or not): the rules' event type, sub-type and the trigger class of the core mention (``none`` when the rules found no ACLED event), and for the mentions in scope
  their trigger classes, modality, actors' role and kind, weapon type and whether a death toll is
  given. They let the linear model lean on what the rules understood (who was hit, armed or not,
  by what) beside the words.
"""
from __future__ import annotations

from dataclasses import dataclass

from eventatlas.model import Document, Event

#: Longest text the model reads (characters): a long article's tail adds noise, not evidence.
MAX_TEXT_CHARS = 20_000
#: A text this short is read whole for each of its events (an ACLED note is at most about 900).
SHORT_TEXT_CHARS = 1_000


@dataclass(frozen=True)
class View:
    """The model's input for one event: ``text`` and the rules' ``features`` (sorted, unique)."""
    text: str
    features: tuple[str, ...]
    reason: str  # how the text was chosen, for the event's `why`


def acled_events(events) -> list[Event]:
    return [e for e in events if e.event_type]


def _in_scope(mentions, event: Event | None, several: bool):
    if event is None or not several:
        return list(mentions)
    starts = {s.start_char for s in (event.evidence or (event.trigger,))}
    return [m for m in mentions if m.trigger.start_char in starts] or [
        m for m in mentions if m.trigger.start_char == event.trigger.start_char]


def view(document: Document, analysis, events, event: Event | None) -> View:
    """The model's input for ``event`` (one of ``events``, the rules' events of ``document``), or for
    the document as a whole when ``event`` is None (the rules found no ACLED event in it)."""
    several = len(acled_events(events)) > 1
    mentions = _in_scope(analysis.mentions, event, several)  # the rules' features: the event's own mentions
    if several and event is not None and mentions and len(document.text.strip()) > SHORT_TEXT_CHARS:
        sents = sorted({(m.sent_span.start_char, m.sent_span.end_char) for m in mentions})
        text = " ".join(document.text[s:e] for s, e in sents)
        reason = f"the event's {len(sents)} sentence(s)"
    else:
        text, reason = document.text, "the whole text"
    feats = {f"type={event.event_type if event else 'none'}", f"sub={event.sub_event_type if event else 'none'}"}
    if event is not None:
        core = next((m for m in analysis.mentions if m.trigger.start_char == event.trigger.start_char), None)
        feats.add(f"core={core.cls if core else 'none'}")
        if event.weapon is not None:
            feats.add(f"event_weapon={event.weapon.type}")
        if event.fatalities is not None and (event.fatalities.best or 0) > 0:
            feats.add("event_fatal")
        feats.add(f"certainty={event.certainty}")
    for m in mentions:
        feats.add(f"cls={m.cls}")
        feats.add(f"modality={m.modality}")
        feats.update(f"actor={a.role}:{a.kind}" for a in m.actors)
        if m.weapon is not None:
            feats.add(f"weapon={m.weapon.type}")
        if m.deaths is not None and (m.deaths.best or 0) > 0:
            feats.add("deaths")
        if m.injuries is not None and (m.injuries.best or 0) > 0:
            feats.add("injuries")
    if not mentions:
        feats.add("no_mention")
    return View(" ".join(text[:MAX_TEXT_CHARS].split()), tuple(sorted(feats)), reason)


def rules_views(text: str, lang: str, published=None) -> list[tuple[Event | None, View]]:
    """Run the rules (no model) on ``text``: each ACLED event with its view, or ``[(None, view)]``
    when they find none. Used to build training inputs from notes and reviewed records."""
    from eventatlas.assemble import build_events
    from eventatlas.ingest import document_from_text
    from eventatlas.nlp.analyse import analyse
    document = document_from_text(text, published=published, lang=lang)
    analysis = analyse(document, lang)
    events = build_events(document, analysis)
    found = acled_events(events)
    if not found:
        return [(None, view(document, analysis, events, None))]
    return [(e, view(document, analysis, events, e)) for e in found]
