"""A spaCy text classifier over ACLED's 25 sub-event types, trained on the user's own export.

No weights ship with eventatlas: ACLED's terms forbid redistributing its data, and a model trained
on it is not ours to publish. ``train`` builds one from the user's licensed export, on CPU, in
minutes; ``load`` reads it back.

The pipeline is ``spacy.blank(lang)`` + ``textcat`` (mutually exclusive classes). Architectures:
``bow`` (``spacy.TextCatBOW.v3``: hashed unigrams and bigrams, a linear model; the default, fast)
or ``ensemble`` (``spacy.TextCatEnsemble.v2``: the same bag of words plus a small CNN over hashed
word features; slower, sometimes better). Texts are lower-cased and whitespace-collapsed before
they reach the pipeline, at training and at prediction time (recorded in the meta as
``input_normalisation``), so the bag-of-words features do not split on case.
"""
from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from eventatlas.errors import UnreadableInput
from eventatlas.learn.data import SPLIT_RULE, SPLITS, Example, read_examples
from eventatlas.taxonomy import sub_event_types, sub_to_type

LICENCE_NOTE = ("trained on the user's own ACLED export; do not redistribute (ACLED Terms of Use forbid "
                "redistributing ACLED data, and these weights are derived from it)")
ARCHITECTURES = ("bow", "ensemble")
NORMALISATION = "lowercase, whitespace collapsed"


def normalise(text: str) -> str:
    return " ".join((text or "").split()).lower()


def _textcat_config(architecture: str) -> dict:
    if architecture == "bow":
        model = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
                 "no_output_layer": False, "length": 262144}
    elif architecture == "ensemble":
        model = {
            "@architectures": "spacy.TextCatEnsemble.v2",
            "linear_model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
                             "no_output_layer": False, "length": 262144},
            "tok2vec": {"@architectures": "spacy.Tok2Vec.v2",
                        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 64,
                                  "rows": [5000, 2500, 2500], "attrs": ["NORM", "PREFIX", "SUFFIX"],
                                  "include_static_vectors": False},
                        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 64,
                                   "window_size": 1, "maxout_pieces": 3, "depth": 2}},
        }
    else:
        raise ValueError(f"architecture must be one of {ARCHITECTURES}, not {architecture!r}")
    return {"model": model}


def _labels() -> list[str]:
    return sub_event_types()


def train(csv_paths: Iterable[str | Path], out_dir: str | Path, *, exclude_ids=frozenset(), split: str = "dev",
          epochs: int = 8, seed: int = 0, architecture: str = "bow", lang: str = "en",
          batch_size: int = 64, dropout: float = 0.2) -> dict:
    """Train on the notes of ACLED export CSVs and write the pipeline to ``out_dir``.

    Rows without ``sub_event_type`` (older schemas) or ``notes`` are skipped; with ``split="dev"``
    the project's test rows (``int(sha1(event_id_cnty), 16) % 5 == 0``) are skipped too;
    ``exclude_ids`` removes further event ids. Returns training stats (also stored, with the data
    provenance, in the pipeline's meta.json under "eventatlas")."""
    import spacy
    from spacy.training import Example as SpacyExample
    from spacy.util import fix_random_seed, minibatch

    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    if epochs < 1:
        raise ValueError("epochs must be at least 1")
    csv_paths = [Path(p) for p in csv_paths]
    if not csv_paths:
        raise UnreadableInput("no CSV file given")
    exclude_ids = frozenset(str(i) for i in exclude_ids)
    t0 = time.monotonic()
    examples: list[Example] = []
    files = []
    for path in csv_paths:
        ex, stats = read_examples(path, split=split, exclude_ids=exclude_ids)
        examples += ex
        files.append(stats.as_dict())
    if not examples:
        raise UnreadableInput("no usable rows: training needs rows with notes and an ACLED sub_event_type"
                              + (" outside the test split" if split == "dev" else ""),
                              source=", ".join(str(p) for p in csv_paths))

    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = spacy.blank(lang)
    textcat = nlp.add_pipe("textcat", config=_textcat_config(architecture))
    labels = _labels()
    for label in labels:
        textcat.add_label(label)
    data = [SpacyExample.from_dict(nlp.make_doc(normalise(e.text)),
                                   {"cats": {lab: float(lab == e.sub_event_type) for lab in labels}})
            for e in examples]
    optimizer = nlp.initialize(lambda: data[:500])
    losses_per_epoch = []
    for _ in range(epochs):
        rng.shuffle(data)
        losses: dict[str, float] = {}
        for batch in minibatch(data, size=batch_size):
            nlp.update(batch, sgd=optimizer, drop=dropout, losses=losses)
        losses_per_epoch.append(round(losses.get("textcat", 0.0), 4))
    seconds = round(time.monotonic() - t0, 1)

    label_counts = Counter(e.sub_event_type for e in examples)
    stats = {
        "examples": len(examples),
        "labels_seen": len(label_counts),
        "label_counts": dict(label_counts.most_common()),
        "epochs": epochs,
        "losses": losses_per_epoch,
        "seconds": seconds,
    }
    from eventatlas import __version__ as ea_version  # noqa: WPS433
    nlp.meta.update({
        "name": "eventatlas_acled_subtype",
        "version": "0.0.0",
        "description": "ACLED sub_event_type from event notes (eventatlas train)",
        "license": "not redistributable: " + LICENCE_NOTE,
        "author": "the user who ran eventatlas train",
    })
    nlp.meta["eventatlas"] = {
        "task": "acled_sub_event_type",
        "architecture": architecture,
        "textcat_config": _textcat_config(architecture),
        "input_normalisation": NORMALISATION,
        "labels": labels,
        "data": {"files": files, "split": split, "split_rule": SPLIT_RULE,
                 "excluded_ids": len(exclude_ids), "examples": len(examples)},
        "training": {"epochs": epochs, "seed": seed, "batch_size": batch_size, "dropout": dropout,
                     "losses": losses_per_epoch, "seconds": seconds},
        "trained_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "eventatlas_version": ea_version,
        "licence": LICENCE_NOTE,
    }
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    (out_dir / "LICENCE-NOTE.txt").write_text(
        "This model was " + LICENCE_NOTE + ".\nIt may be used where the training data's licence allows; "
        "do not publish or share it.\n", encoding="utf-8")
    stats.update(out_dir=str(out_dir), files=files, split=split)
    return stats


@dataclass
class Classifier:
    """A trained pipeline; ``predict(text)`` -> (sub_event_type, probability)."""
    nlp: object
    meta: dict

    def predict(self, text: str) -> tuple[str, float]:
        return self._best(self.nlp(normalise(text)).cats)

    def predict_many(self, texts: Iterable[str], batch_size: int = 256) -> list[tuple[str, float]]:
        return [self._best(doc.cats) for doc in self.nlp.pipe((normalise(t) for t in texts), batch_size=batch_size)]

    @staticmethod
    def event_type(sub_event_type: str) -> str | None:
        return sub_to_type().get(sub_event_type)

    def predict_event(self, text: str) -> tuple[str | None, str, float]:
        """(event_type, sub_event_type, probability of the sub-type)."""
        sub, p = self.predict(text)
        return self.event_type(sub), sub, p

    @staticmethod
    def _best(cats: dict[str, float]) -> tuple[str, float]:
        label = max(cats, key=lambda k: (cats[k], k))
        return label, float(cats[label])


def load(path: str | Path) -> Classifier:
    """Read a pipeline written by ``train``."""
    import spacy
    path = Path(path)
    if not (path / "meta.json").is_file():
        raise UnreadableInput("not a model folder written by `eventatlas train` (no meta.json)", source=str(path))
    try:
        nlp = spacy.load(path)
    except (OSError, ValueError) as exc:
        raise UnreadableInput(f"cannot load the model ({type(exc).__name__}: {exc})", source=str(path)) from None
    if "textcat" not in nlp.pipe_names:
        raise UnreadableInput("the pipeline has no textcat component", source=str(path))
    return Classifier(nlp=nlp, meta=dict(nlp.meta.get("eventatlas", {})))


def evaluate(classifier: Classifier, csv_paths: Iterable[str | Path]) -> dict:
    """The classifier alone on the test rows' notes: event_type accuracy and sub_event_type
    weighted/macro F1 and accuracy (eval.common.classification, over the gold sub-types)."""
    from eventatlas.metrics import classification
    rows: list[Example] = []
    for path in csv_paths:
        rows += read_examples(path, select="test")[0]
    preds = classifier.predict_many([r.text for r in rows])
    gold_sub = [r.sub_event_type for r in rows]
    pred_sub = [p for p, _ in preds]
    c = classification(gold_sub, pred_sub)
    type_ok = [classifier.event_type(p) == r.event_type for r, p in zip(rows, pred_sub)]
    return {"n": len(rows),
            "event_type_accuracy": round(sum(type_ok) / len(rows), 4) if rows else None,
            "sub_event_type_weighted_f1": c["weighted_f1"], "sub_event_type_macro_f1": c["macro_f1"],
            "sub_event_type_accuracy": c["accuracy"], "per_class": c["per_class"]}
