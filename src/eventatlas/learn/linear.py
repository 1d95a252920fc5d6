"""The trained event classifier: sparse linear models over n-grams and the rules' features, per language.

For each language: TF-IDF over word uni/bigrams and over character 2-5-grams within words
(``char_wb``), plus the rules' features (learn.features: one-hot, scaled by ``rule_weight``), into a
linear SVM (one-vs-rest) whose inputs are scaled, for each class, by naive Bayes log-count ratios
(NBSVM, Wang & Manning 2012: ``NBLinearSVC``; 3-fold CV on the development notes, type accuracy
0.8866 -> 0.8936, sub-type weighted F1 0.8494 -> 0.8569, docs/MODEL_CARD.md), calibrated with ``CalibratedClassifierCV`` so that its scores are
probabilities and ``event_model_threshold`` means one: temperature scaling (``softmax(decision/T)``,
one T fitted on out-of-fold decisions, ``ensemble=False``: the SVM itself is trained on all rows).
OvR sigmoid calibration renormalised over 25 classes was measured too underconfident on the
development rows (p 0.45-0.5 for notes it typed right); temperature scaling keeps the SVM's argmax
and its probabilities track accuracy (3-fold CV on dev: mean p 0.93 -> accuracy 0.96, 0.71 -> 0.80,
0.55 -> 0.64, 0.45 -> 0.55). Labels are ACLED's sub-event
types (the type follows from ACLED's mapping) and ``none`` (no ACLED event: reviewers' rejections).

Saved in a folder: ``model.joblib`` (the scikit-learn objects) and ``meta.json`` (labels, languages,
training rows per file and language, parameters, scikit-learn and eventatlas versions, date, format).
``load`` refuses a folder written by another model format or another scikit-learn minor version
with EA021: scikit-learn's pickles are not portable across versions. ``model.joblib`` is a pickle:
load only folders you made yourself.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from eventatlas.errors import ModelIncompatible, UnreadableInput
from eventatlas.learn.data import sub_to_type

FORMAT = "eventatlas-linear-3"  # 2: a type classifier beside the sub-type one; 3: NB-scaled SVMs
NONE_LABEL = "none"
MODEL_FILE, META_FILE = "model.joblib", "meta.json"
LICENCE_NOTE = ("trained on the user's own data (ACLED export, reviewed records); do not redistribute when it "
                "includes ACLED data (ACLED Terms of Use forbid redistributing ACLED data, and these weights are "
                "derived from it)")


@dataclass(frozen=True)
class Params:
    """Chosen by 3-fold cross-validation on the development rows (benchmarks/train_baseline.py --cv)."""
    C: float = 1.0
    rule_weight: float = 1.0
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    char_min_df: int = 2
    calibration: str = "temperature"
    calibration_folds: int = 3
    seed: int = 0
    #: Naive Bayes smoothing of the log-count ratios (NBSVM); 0 turns the scaling off (a plain LinearSVC).
    nb_alpha: float = 1.0


@dataclass(frozen=True)
class Prediction:
    """The type classifier's decision and the best sub-type of that type. ``probability`` is the
    type's calibrated probability (what ``event_model_threshold`` is compared with); ``sub_probability``
    the sub-type classifier's probability of ``sub_event_type``."""
    sub_event_type: str | None  # None: the model's best is "no ACLED event"
    event_type: str | None
    probability: float
    sub_probability: float = 0.0


try:  # scikit-learn comes with the `train` extra; without it no model can be trained or loaded (EA021)
    from sklearn.base import BaseEstimator, ClassifierMixin
    _ESTIMATOR_BASES: tuple[type, ...] = (ClassifierMixin, BaseEstimator)
except ImportError:  # pragma: no cover - the test extra installs scikit-learn
    _ESTIMATOR_BASES = (object,)


class NBLinearSVC(*_ESTIMATOR_BASES):
    """One-vs-rest linear SVMs, each over the inputs scaled by its class's naive Bayes log-count ratio
    ``r = log((p / |p|_1) / (q / |q|_1))``, with ``p`` (``q``) ``alpha`` plus the number of rows of the
    class (of the others) in which each feature occurs (Wang & Manning 2012, "Baselines and bigrams").
    A feature that marks one class weighs more in that class's SVM. ``(x * r) . w == x . (r * w)``, so
    the fitted ``coef_`` holds ``r * w`` and predicting costs what a LinearSVC does. A scikit-learn
    classifier (``decision_function``, ``classes_``), so ``CalibratedClassifierCV`` calibrates it."""

    def __init__(self, C: float = 1.0, alpha: float = 1.0, max_iter: int = 5000, random_state: int = 0):
        self.C = C
        self.alpha = alpha
        self.max_iter = max_iter  # the scaled inputs (|r| up to about 5) need more than liblinear's 1,000
        self.random_state = random_state

    def fit(self, X, y):
        import numpy as np
        from scipy.sparse import csr_matrix
        from sklearn.svm import LinearSVC
        X = csr_matrix(X)
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        if len(self.classes_) < 2:
            raise ValueError("NBLinearSVC needs at least two classes")
        present = (X > 0).astype(np.float64)
        totals = np.asarray(present.sum(axis=0)).ravel()
        # one SVM per class; with two classes, one for the second (scikit-learn's binary convention)
        targets = self.classes_[1:] if len(self.classes_) == 2 else self.classes_
        coef, intercept = [], []
        for c in targets:
            mask = y == c
            p = self.alpha + np.asarray(present[mask].sum(axis=0)).ravel()
            q = self.alpha + (totals - (p - self.alpha))
            r = np.log((p / p.sum()) / (q / q.sum())) if self.alpha > 0 else np.ones_like(p)
            svm = LinearSVC(C=self.C, max_iter=self.max_iter, random_state=self.random_state).fit(X.multiply(r).tocsr(), mask.astype(int))
            coef.append(svm.coef_.ravel() * r)
            intercept.append(svm.intercept_[0])
        self.coef_ = np.vstack(coef)
        self.intercept_ = np.asarray(intercept)
        self.n_features_in_ = X.shape[1]
        return self

    def decision_function(self, X):
        import numpy as np
        scores = np.asarray(X @ self.coef_.T + self.intercept_)
        return scores.ravel() if len(self.classes_) == 2 else scores

    def predict(self, X):
        import numpy as np
        scores = self.decision_function(X)
        if scores.ndim == 1:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[np.argmax(scores, axis=1)]


def _vectorizers(params: Params):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    word = TfidfVectorizer(ngram_range=tuple(params.word_ngrams), sublinear_tf=True, lowercase=True,
                           token_pattern=r"(?u)\b\w+\b")
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(params.char_ngrams), sublinear_tf=True,
                           lowercase=True, min_df=params.char_min_df)
    return word, char, DictVectorizer()


@dataclass
class LangModel:
    """One language's vectorizers and calibrated classifiers: ``clf`` over sub-types, ``type_clf``
    over event types (``none`` included), both on the same features. The type is decided by
    ``type_clf`` (trained on six classes, each pooling its sub-types' examples, it separates e.g.
    Battles from Violence against civilians better than the sub-types' argmax; dev CV in
    docs/MODEL_CARD.md) and constrains the sub-type to that type's best."""
    word: object
    char: object
    rules: object
    clf: object
    rule_weight: float
    type_clf: object = None

    def matrix(self, texts, features, fit: bool = False):
        from scipy.sparse import hstack
        dicts = [{f: 1.0 for f in fs} for fs in features]
        if fit:
            parts = [self.word.fit_transform(texts), self.char.fit_transform(texts), self.rules.fit_transform(dicts)]
        else:
            parts = [self.word.transform(texts), self.char.transform(texts), self.rules.transform(dicts)]
        parts[2] = parts[2] * self.rule_weight
        return hstack(parts).tocsr()

    @property
    def labels(self) -> list[str]:
        return [str(c) for c in self.clf.classes_]

    def proba(self, texts, features):
        return self.clf.predict_proba(self.matrix(texts, features))

    def proba_both(self, texts, features):
        """(sub-type probabilities, type probabilities) of each text, from one feature matrix."""
        x = self.matrix(texts, features)
        return self.clf.predict_proba(x), self.type_clf.predict_proba(x)


def fit_lang(texts: list[str], features: list[tuple[str, ...]], labels: list[str], params: Params) -> LangModel:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.svm import LinearSVC
    word, char, rules = _vectorizers(params)
    m = LangModel(word, char, rules, None, params.rule_weight)
    x = m.matrix(texts, features, fit=True)
    if min(Counter(labels).values()) < params.calibration_folds:
        raise ValueError(f"every label needs {params.calibration_folds} examples for calibration")
    def calibrated():
        svm = (NBLinearSVC(C=params.C, alpha=params.nb_alpha, random_state=params.seed) if params.nb_alpha > 0
               else LinearSVC(C=params.C, random_state=params.seed))
        return CalibratedClassifierCV(svm, method=params.calibration, cv=params.calibration_folds, ensemble=False)
    m.clf = calibrated().fit(x, labels)
    m.type_clf = calibrated().fit(x, [type_label(lab) for lab in labels])
    return m


def type_label(sub_event_type: str) -> str:
    """The event type a sub-type label belongs to (``none`` stays ``none``)."""
    return NONE_LABEL if sub_event_type == NONE_LABEL else sub_to_type()[sub_event_type]


def decide(sub_labels: list[str], sub_row, type_labels: list[str], type_row) -> Prediction:
    """The type classifier's best type, and the sub-type classifier's best sub-type of that type."""
    t = int(type_row.argmax())
    event_type = type_labels[t]
    if event_type == NONE_LABEL:
        return Prediction(None, None, float(type_row[t]), 0.0)
    of_type = [i for i, lab in enumerate(sub_labels) if lab != NONE_LABEL and type_label(lab) == event_type]
    i = max(of_type, key=lambda k: sub_row[k])
    return Prediction(sub_labels[i], event_type, float(type_row[t]), float(sub_row[i]))


@dataclass
class EventModel:
    """A model folder loaded: ``langs`` -> LangModel, and its ``meta``."""
    langs: dict[str, LangModel]
    meta: dict = field(default_factory=dict)

    def predict(self, lang: str, texts: list[str], features: list[tuple[str, ...]]) -> list[Prediction]:
        """Each text's best label and its calibrated probability (the language must be one it was trained on)."""
        m = self.langs[lang]
        labels, types = m.labels, [str(c) for c in m.type_clf.classes_]
        subs, kinds = m.proba_both(texts, features)
        return [decide(labels, s, types, t) for s, t in zip(subs, kinds)]

    def probability_of(self, lang: str, texts: list[str], features: list[tuple[str, ...]], label: str) -> list[float]:
        """Each text's calibrated probability of ``label`` (0 for a label the language's model lacks)."""
        m = self.langs[lang]
        if label not in m.labels:
            return [0.0] * len(texts)
        i = m.labels.index(label)
        return [float(row[i]) for row in m.proba(texts, features)]

    def predict_one(self, lang: str, text: str, features: tuple[str, ...]) -> Prediction:
        return self.predict(lang, [text], [features])[0]

    def save(self, out_dir: str | Path) -> Path:
        import joblib
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        joblib.dump(self.langs, out / MODEL_FILE, compress=3)
        (out / META_FILE).write_text(json.dumps(self.meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        (out / "LICENCE-NOTE.txt").write_text(
            "This model was " + LICENCE_NOTE + ".\nIt may be used where the training data's licence allows; "
            "do not publish or share it.\n", encoding="utf-8")
        return out


def sklearn_version() -> str:
    """scikit-learn's version; EA021 when it is not installed (it comes with the `train` extra)."""
    try:
        import sklearn
    except ImportError:
        raise ModelIncompatible("scikit-learn is not installed: pip install 'eventatlas[train]'") from None
    return sklearn.__version__


def _minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])


def make_meta(params: Params, langs: dict[str, LangModel], data: dict, seconds: float) -> dict:
    from eventatlas import __version__ as ea_version
    return {
        "format": FORMAT,
        "task": "acled_sub_event_type",
        "languages": sorted(langs),
        "labels": {lang: m.labels for lang, m in sorted(langs.items())},
        "params": asdict(params),
        "data": data,
        "training_seconds": seconds,
        "sklearn_version": sklearn_version(),
        "eventatlas_version": ea_version,
        "trained_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "licence": LICENCE_NOTE,
    }


def load(path: str | Path) -> EventModel:
    """Read a folder written by ``eventatlas train``: EA001 when it is not one, EA021 when it was
    written by another model format or scikit-learn version."""
    path = Path(path)
    meta_file = path / META_FILE
    if not meta_file.is_file() or not (path / MODEL_FILE).is_file():
        raise UnreadableInput("not a model folder written by `eventatlas train` (no meta.json and model.joblib)",
                              source=str(path))
    try:
        meta = json.loads(meta_file.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise UnreadableInput(f"unreadable meta.json ({exc})", source=str(path)) from None
    if meta.get("format") != FORMAT:
        raise ModelIncompatible(f"model format {meta.get('format')!r}, this eventatlas reads {FORMAT!r}",
                                source=str(path))
    made, here = str(meta.get("sklearn_version", "?")), sklearn_version()
    if _minor(made) != _minor(here):
        raise ModelIncompatible(f"made with scikit-learn {made}, this installation has {here}", source=str(path))
    import joblib
    try:
        langs = joblib.load(path / MODEL_FILE)
    except Exception as exc:  # noqa: BLE001 - any unpickling failure is an unusable model
        raise ModelIncompatible(f"cannot load model.joblib ({type(exc).__name__}: {exc})", source=str(path)) from None
    if not isinstance(langs, dict) or not all(isinstance(m, LangModel) and m.type_clf is not None
                                              for m in langs.values()):
        raise ModelIncompatible("model.joblib does not hold eventatlas language models", source=str(path))
    return EventModel(langs, meta)
