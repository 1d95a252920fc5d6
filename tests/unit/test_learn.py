"""eventatlas.learn: `eventatlas train` on ACLED export CSVs and reviewed-record JSONL -> calibrated linear
models per language (word + char n-grams + the rules' features), and the model in extraction.

The CSV and JSONL here are written by the test (original one-line notes, no ACLED data), so nothing in
this file derives from data that may not be redistributed. One template per sub-type; "Peaceful protest"
is worded so that the rules find no event in it ("residents assembled outside the governor's office"):
only a model can type such a note."""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json

import pytest

pytest.importorskip("sklearn")

from eventatlas.errors import ModelIncompatible, UnreadableInput  # noqa: E402
from eventatlas.extract import extract, extract_compared  # noqa: E402
from eventatlas.ingest import document_from_text  # noqa: E402
from eventatlas.learn import is_test_id, load, read_examples, read_training_jsonl, register, train  # noqa: E402
from eventatlas.taxonomy import acled_types, sub_to_type  # noqa: E402
from eventatlas.learn.features import rules_views  # noqa: E402
from eventatlas.settings import load_settings  # noqa: E402

PLACES = ["Kisumu", "Mopti", "Kirkuk", "Gao", "Herat", "Garissa", "Idlib", "Aden", "Djibo", "Mosul", "Nakuru",
          "Tillaberi"]
TEMPLATES = {
    "Protest with intervention": "On {d} May 2024, police fired tear gas at protesters in {p} and dispersed them.",
    "Peaceful protest": "On {d} May 2024, residents of {p} assembled outside the governor's office over fuel prices.",
    "Armed clash": "On {d} May 2024, soldiers clashed with militants near {p}; both sides exchanged fire.",
    "Air/drone strike": "On {d} May 2024, a drone strike hit a militant hideout outside {p}.",
}
COLUMNS = ["event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "country", "notes",
           "fatalities"]
NO_RULE_EVENT = "On 20 May 2024, residents of Nakuru assembled outside the governor's office over water cuts."


def _rows():
    types = sub_to_type()
    rows = []
    n = 0
    for sub, template in TEMPLATES.items():
        for i, place in enumerate(PLACES):
            n += 1
            rows.append({"event_id_cnty": f"TST{n}", "event_date": f"{i + 1}-May-24", "year": "2024",
                         "event_type": types[sub], "sub_event_type": sub, "actor1": "", "country": "Testland",
                         "notes": template.format(d=i + 1, p=place), "fatalities": "0"})
    return rows


FR = {"Peaceful protest": "Le {d} mai 2024, des commerçants ont manifesté pacifiquement à {p} contre les taxes.",
      "Armed clash": "Le {d} mai 2024, des soldats ont affronté des jihadistes près de {p}."}


def _records():
    """Reviewed records as `export --format training` writes them: English accepted and rejected, French."""
    out = []
    for i, place in enumerate(PLACES):
        text = f"On {i + 1} June 2024, a drone strike hit a militant hideout outside {place}."
        start = text.index("strike")
        out.append({"id": f"rev-en-{i}", "lang": "en", "text": text, "title": None,
                    "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike", "plover": "ASSAULT",
                    "trigger": {"text": "strike", "start_char": start, "end_char": start + 6}, "fields": {},
                    "review": {"state": "accepted", "by": "ana", "at": "2024-06-30T10:00:00Z"}})
        text = f"On {i + 1} June 2024, the army attacked the budget debate in {place} as a waste of money."
        start = text.index("attacked")
        out.append({"id": f"rev-neg-{i}", "lang": "en", "text": text, "title": None, "event_type": None,
                    "sub_event_type": None, "plover": None, "rejected": True,
                    "trigger": {"text": "attacked", "start_char": start, "end_char": start + 8}, "fields": {},
                    "review": {"state": "rejected", "by": "ana", "at": "2024-06-30T10:05:00Z"}})
        for sub, template in FR.items():
            out.append({"id": f"rev-fr-{sub[:5]}-{i}", "lang": "fr", "text": template.format(d=i + 1, p=place),
                        "title": None, "event_type": sub_to_type()[sub], "sub_event_type": sub, "plover": "ASSAULT",
                        "trigger": None, "fields": {}, "review": {"state": "edited", "by": "bo", "at": "2024-07-01"}})
    return out


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "my_acled_export.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(_rows())
    return path


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    path = tmp_path_factory.mktemp("reviewed") / "training.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _records()) + "not json\n", "utf-8")
    return path


@pytest.fixture(scope="module")
def trained(export, tmp_path_factory):
    out = tmp_path_factory.mktemp("model") / "acled-subtype"
    stats = train([export], out, split="dev")
    return out, stats


def _settings(model, threshold=0.5):
    from dataclasses import replace
    return replace(load_settings({}), event_model=str(model), event_model_threshold=threshold)


def test_taxonomy_is_acled_6_types_25_subtypes():
    assert len(acled_types()) == 6
    assert len(sub_to_type()) == 25
    assert sub_to_type()["Protest with intervention"] == "Protests"


def test_the_peaceful_template_is_one_the_rules_find_no_event_in():
    assert [e for e, _ in rules_views(NO_RULE_EVENT, "en")] == [None]


def test_train_saves_and_load_predicts_calibrated_probabilities(trained):
    out, stats = trained
    assert (out / "meta.json").is_file() and (out / "model.joblib").is_file()
    assert stats["languages"]["en"]["trained_on"] == stats["examples"] > 0
    model = load(out)
    assert model.meta["languages"] == ["en"] and set(model.meta["labels"]["en"]) == set(TEMPLATES)
    views = [v for _, v in rules_views("On 9 May 2024, police fired tear gas at protesters in Gao and dispersed them.",
                                       "en")]
    p = model.predict_one("en", views[0].text, views[0].features)
    assert (p.event_type, p.sub_event_type) == ("Protests", "Protest with intervention")
    assert 0.5 < p.probability <= 1.0
    # calibrated: a probability distribution over the labels, for any text
    rows = model.langs["en"].proba(["a drone strike hit a hideout", "zzz qqq"], [(), ()])
    assert rows.shape == (2, len(TEMPLATES)) and rows.sum(axis=1) == pytest.approx([1.0, 1.0])


def test_the_type_classifier_decides_the_type_and_constrains_the_sub_type(trained):
    import numpy as np

    from eventatlas.learn.linear import decide
    subs = ["Armed clash", "Attack", "Peaceful protest", "none"]
    types = ["Battles", "Protests", "Violence against civilians", "none"]
    # the sub-types' argmax is Attack (Violence against civilians), but the type classifier says Battles
    p = decide(subs, np.array([0.30, 0.40, 0.20, 0.10]), types, np.array([0.55, 0.20, 0.20, 0.05]))
    assert (p.event_type, p.sub_event_type) == ("Battles", "Armed clash")
    assert p.probability == pytest.approx(0.55) and p.sub_probability == pytest.approx(0.30)
    none = decide(subs, np.array([0.30, 0.40, 0.20, 0.10]), types, np.array([0.2, 0.1, 0.1, 0.6]))
    assert (none.event_type, none.sub_event_type, none.probability) == (None, None, pytest.approx(0.6))
    # a trained model has both classifiers, over the same features; type probabilities sum to one
    m = load(trained[0]).langs["en"]
    subs_p, types_p = m.proba_both(["a drone strike hit a hideout"], [()])
    assert set(m.type_clf.classes_) == {sub_to_type()[s] for s in m.labels}
    assert types_p.sum(axis=1) == pytest.approx([1.0]) and subs_p.shape[1] == len(m.labels)


def test_the_rules_features_are_part_of_the_input(trained):
    model = load(trained[0])
    rules = model.langs["en"].rules.feature_names_
    assert "type=Battles" in rules and "type=none" in rules and "cls=clash" in rules


def test_save_load_round_trip_gives_the_same_predictions(trained, tmp_path):
    model = load(trained[0])
    copy = model.save(tmp_path / "copy")
    again = load(copy)
    texts = [r["notes"] for r in _rows()[:8]]
    feats = [v.features for t in texts for _, v in rules_views(t, "en")[:1]]
    assert model.predict("en", texts, feats) == again.predict("en", texts, feats)
    assert again.meta == model.meta


def test_meta_records_provenance_versions_and_licence(trained, export):
    out, stats = trained
    meta = json.loads((out / "meta.json").read_text("utf-8"))
    f = meta["data"]["files"][0]
    assert f["file"] == export.name and f["rows"] == len(_rows()) and f["used"] == stats["examples"]
    assert len(f["sha256"]) == 64 and f["skipped"]["test_row"] > 0
    assert meta["data"]["split"] == "dev" and "sha1(event_id_cnty)" in meta["data"]["split_rule"]
    assert dt.datetime.fromisoformat(meta["trained_at"]).year >= 2024
    import sklearn
    assert meta["sklearn_version"] == sklearn.__version__ and meta["format"] == "eventatlas-linear-3"
    assert meta["params"]["C"] > 0 and "do not redistribute" in meta["licence"]
    assert (out / "LICENCE-NOTE.txt").is_file()


@pytest.mark.parametrize("field, value", [("sklearn_version", "0.1.0"), ("format", "eventatlas-textcat")])
def test_a_model_of_another_version_is_refused_with_ea019(trained, tmp_path, field, value):
    import shutil
    folder = tmp_path / "old"
    shutil.copytree(trained[0], folder)
    meta = json.loads((folder / "meta.json").read_text("utf-8"))
    meta[field] = value
    (folder / "meta.json").write_text(json.dumps(meta), "utf-8")
    with pytest.raises(ModelIncompatible) as err:
        load(folder)
    assert str(err.value).startswith("EA021") and value in str(err.value)


def test_a_folder_that_is_no_model_is_ea001(tmp_path):
    with pytest.raises(UnreadableInput) as err:
        load(tmp_path)
    assert str(err.value).startswith("EA001")


def test_split_dev_leaves_out_test_rows_and_all_keeps_them(export):
    rows = _rows()
    test_ids = {r["event_id_cnty"] for r in rows if is_test_id(r["event_id_cnty"])}
    assert 0 < len(test_ids) < len(rows)  # the fixture holds both kinds
    dev, stats = read_examples(export, split="dev")
    assert {e.event_id for e in dev}.isdisjoint(test_ids)
    assert stats.used == len(rows) - len(test_ids) and stats.skipped["test_row"] == len(test_ids)
    everything, _ = read_examples(export, split="all")
    assert len(everything) == len(rows)
    test, _ = read_examples(export, select="test")
    assert {e.event_id for e in test} == test_ids
    some = {next(iter(sorted(set(r["event_id_cnty"] for r in rows) - test_ids)))}
    fewer, stats = read_examples(export, split="dev", exclude_ids=some)
    assert len(fewer) == len(dev) - 1 and stats.skipped["excluded_id"] == 1


def test_training_jsonl_reads_labels_negatives_languages_and_the_split(reviewed):
    records = _records()
    examples, stats = read_training_jsonl(reviewed, split="all")
    assert stats.rows == len(records) + 1 and stats.skipped == {"bad_json": 1}
    assert {e.sub_event_type for e in examples} == {"Air/drone strike", "none", "Peaceful protest", "Armed clash"}
    assert {e.lang for e in examples} == {"en", "fr"}
    negative = next(e for e in examples if e.event_id == "rev-neg-0")
    assert negative.event_type is None and negative.trigger_start == records[1]["trigger"]["start_char"]
    dev, stats = read_training_jsonl(reviewed, split="dev")
    assert {e.event_id for e in dev} == {r["id"] for r in records if not is_test_id(r["id"])}


def test_train_on_csv_and_jsonl_per_language_with_negatives(export, reviewed, tmp_path):
    stats = train([export, reviewed], tmp_path / "m", split="all")
    model = load(tmp_path / "m")
    assert model.meta["languages"] == ["en", "fr"]
    assert "none" in model.meta["labels"]["en"] and "Air/drone strike" in model.meta["labels"]["en"]
    assert set(model.meta["labels"]["fr"]) == {"Peaceful protest", "Armed clash"}
    assert stats["languages"]["fr"]["examples"] == 2 * len(PLACES)
    # French is typed by the French model, through the French rules
    doc = document_from_text("Le 20 mai 2024, des soldats ont affronté des jihadistes près de Gao.", lang="fr")
    events = extract(doc, lang="fr", settings=_settings(tmp_path / "m"))
    assert events and events[0].sub_event_type == "Armed clash"
    # a rejected reading is a negative: the model says "no ACLED event" (sub_event_type None)
    text = "On 20 June 2024, the army attacked the budget debate in Gao as a waste of money."
    _, v = rules_views(text, "en")[0]
    assert model.predict_one("en", v.text, v.features).sub_event_type is None


def test_threshold_is_a_probability_the_rules_type_stays_below_it(trained):
    text = "On 9 May 2024, soldiers clashed with militants near Aden; both sides exchanged fire."
    model = load(trained[0])
    _, v = rules_views(text, "en")[0]
    p = model.predict_one("en", v.text, v.features)
    doc = document_from_text(text, lang="en")
    rules, above = extract_compared(doc, "en", _settings(trained[0], threshold=round(p.probability - 0.01, 4)))
    _, below = extract_compared(doc, "en", _settings(trained[0], threshold=round(p.probability + 0.01, 4)))
    assert above[0].sub_event_type == p.sub_event_type
    assert any(w.startswith("type: trained model") or w.startswith("trained model agrees") for w in above[0].why)
    assert below[0].sub_event_type == rules[0].sub_event_type
    assert any("the rules' type stays" in w for w in below[0].why)


def test_model_overrides_the_rules_sub_type_and_says_why(trained, tmp_path):
    from eventatlas.learn.apply import apply_model
    from eventatlas.model import replace
    from eventatlas.nlp.analyse import analyse
    from eventatlas.assemble import build_events
    text = "On 9 May 2024, soldiers clashed with militants near Aden; both sides exchanged fire."
    doc = document_from_text(text, lang="en", published="2024-05-10")
    analysis = analyse(doc, "en")
    events = build_events(doc, analysis)
    wrong = [replace(events[0], event_type="Protests", sub_event_type="Peaceful protest",
                     why=("type: a deliberately wrong rule", *events[0].why[1:]))]
    out = apply_model(doc, analysis, wrong, load(trained[0]), 0.5, "en")
    assert (out[0].event_type, out[0].sub_event_type, out[0].plover) == ("Battles", "Armed clash", "ASSAULT")
    assert out[0].why[0].startswith("type: trained model (") and "rules said 'Peaceful protest'" in out[0].why[0]
    assert "a deliberately wrong rule" in out[0].why[0]


def test_a_text_the_rules_find_no_event_in_gets_the_models_event(trained):
    doc = document_from_text("Nairobi. " + NO_RULE_EVENT, lang="en", published="2024-05-21")
    assert [e for e in extract(doc, lang="en", settings=load_settings({})) if e.event_type] == []
    events = [e for e in extract(doc, lang="en", settings=_settings(trained[0])) if e.event_type]
    assert len(events) == 1
    e = events[0]
    assert (e.event_type, e.sub_event_type, e.plover) == ("Protests", "Peaceful protest", "PROTEST")
    assert e.why[0].startswith("type: trained model") and "no ACLED event" in e.why[0]
    # evidence: the sentence (not the dateline); trigger inside it; what the rules can fill is filled
    sentence = e.evidence[0]
    assert sentence.text.startswith("On 20 May 2024") and doc.text[sentence.start_char:sentence.end_char] == sentence.text
    assert sentence.start_char <= e.trigger.start_char < e.trigger.end_char <= sentence.end_char
    assert doc.text[e.trigger.start_char:e.trigger.end_char] == e.trigger.text
    assert e.date is not None and e.date.start == dt.date(2024, 5, 20)
    assert e.location is not None and e.location.name == "Nakuru"
    # below the model's confidence, nothing is invented
    model = load(trained[0])
    _, v = rules_views(doc.text, "en")[0]
    p = model.predict_one("en", v.text, v.features).probability
    assert [x for x in extract(doc, lang="en", settings=_settings(trained[0], threshold=p + 0.001)) if x.event_type] == []


def test_older_schema_rows_without_sub_event_type_are_skipped(tmp_path):
    old = tmp_path / "old.csv"
    old.write_text("EVENT_ID_CNTY,EVENT_TYPE,NOTES\nIND1,Riots/Protests,Students protested in Delhi.\n", "utf-8")
    rows, stats = read_examples(old, split="all")
    assert rows == [] and stats.skipped == {"no_sub_event_type": 1}
    with pytest.raises(UnreadableInput):
        train([old], tmp_path / "m", split="all")


def test_missing_file_is_a_coded_error(tmp_path):
    with pytest.raises(UnreadableInput) as err:
        train([tmp_path / "nope.csv"], tmp_path / "m")
    assert str(err.value).startswith("EA001")


def test_train_command(export, tmp_path, capsys):
    parser = argparse.ArgumentParser(prog="eventatlas")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["train", str(export), "-o", str(tmp_path / "m"), "--evaluate", "--json"])
    assert args.func(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["split"] == "dev"
    assert out["evaluation"]["n"] == sum(is_test_id(r["event_id_cnty"]) for r in _rows())
    assert out["evaluation"]["sub_event_type_weighted_f1"] > 0.9
    args = parser.parse_args(["train", str(export), "-o", str(tmp_path / "m2"), "--split", "all"])
    assert args.func(args) == 0
    text = capsys.readouterr().out
    assert "trained on 48 examples" in text and "split=all" in text


def test_eval_acled_with_a_model_scores_rules_and_rules_plus_model_on_the_same_records(trained, export, tmp_path,
                                                                                        capsys):
    from eventatlas import cli
    from eventatlas.eval.acled import ACLED_FILES
    folder = tmp_path / "data" / "acled_samples"
    folder.mkdir(parents=True)
    (folder / ACLED_FILES[0]).write_bytes(export.read_bytes())
    assert cli.main(["eval", "acled", "--data", str(tmp_path / "data"), "--split", "test", "--model", str(trained[0]),
                     "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["n"] == sum(is_test_id(r["event_id_cnty"]) for r in _rows()) and result["model"] == str(trained[0])
    side = result["side_by_side"]["sub_event_type_weighted_f1"]
    assert side["rules+model"] == result["metrics"]["sub_event_type_weighted_f1"]
    assert side["rules"] == result["rules_alone"]["sub_event_type_weighted_f1"]
    # the rules find no event in the "Peaceful protest" notes; the model does
    assert side["rules+model"] > side["rules"]
    assert cli.main(["eval", "acled", "--data", str(tmp_path / "data"), "--model", str(trained[0])]) == 0
    assert "rules alone vs rules+model" in capsys.readouterr().out
    assert cli.main(["eval", "muc4", "--model", str(trained[0])]) == 2  # acled only: EA008


def test_a_short_text_is_read_whole_for_each_event_a_long_one_by_the_events_sentences():
    from eventatlas.learn.features import SHORT_TEXT_CHARS
    note = ("On 3 May 2024, gunmen attacked a village near Gao, killing 4 civilians. On 5 May 2024, soldiers "
            "clashed with JNIM militants in Mopti, killing 6 militants.")
    short = rules_views(note, "en")
    assert [e.sub_event_type for e, _ in short] == ["Attack", "Armed clash"]
    # a note-sized text: each event reads the whole text, its rules' features stay its own mentions'
    assert all(v.text == note and v.reason == "the whole text" for _, v in short)
    assert "cls=attack" in short[0][1].features and "cls=clash" not in short[0][1].features
    assert "cls=clash" in short[1][1].features and "cls=attack" not in short[1][1].features
    article = note + " " + " ".join(["The market reopened on Tuesday and traders said business was slow."] * 16)
    assert len(article) > SHORT_TEXT_CHARS
    long = rules_views(article, "en")
    assert [v.reason for _, v in long] == ["the event's 1 sentence(s)"] * 2
    assert long[0][1].text.startswith("On 3 May 2024") and "Mopti" not in long[0][1].text
    assert long[1][1].text.startswith("On 5 May 2024") and "Gao" not in long[1][1].text


def test_nb_scaling_weighs_a_feature_by_how_much_it_marks_its_class():
    """NBLinearSVC: a feature present in every row of one class and in few of the others gets a large
    log-count ratio for that class; the fitted coef_ holds r * w, so decision_function equals the scaled
    SVM's, and with two classes it answers one column as scikit-learn classifiers do."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.svm import LinearSVC

    from eventatlas.learn.linear import NBLinearSVC
    rng = np.random.default_rng(0)
    X = rng.random((90, 6)) * (rng.random((90, 6)) < 0.4)
    y = np.array(["a", "b", "c"] * 30)
    X[y == "a", 0] = 1.0          # feature 0 marks class a
    X[y == "b", 0] = 0.0
    X = csr_matrix(X)
    m = NBLinearSVC(C=1.0).fit(X, y)
    assert list(m.classes_) == ["a", "b", "c"] and m.coef_.shape == (3, 6)
    assert m.coef_[0, 0] > 0 and m.coef_[0, 0] == max(m.coef_[0])
    # the same as a LinearSVC on the inputs scaled by class a's ratio
    present = (X > 0).toarray()
    p = 1 + present[y == "a"].sum(axis=0)
    q = 1 + present[y != "a"].sum(axis=0)
    r = np.log((p / p.sum()) / (q / q.sum()))
    svm = LinearSVC(C=1.0, max_iter=5000, random_state=0).fit(X.multiply(r).tocsr(), (y == "a").astype(int))
    assert np.allclose(m.decision_function(X)[:, 0], svm.decision_function(X.multiply(r).tocsr()))
    assert (m.predict(X)[y == "a"] == "a").all()
    two = NBLinearSVC().fit(X, np.where(y == "a", "a", "other"))
    assert two.decision_function(X).shape == (90,) and set(two.predict(X)) <= {"a", "other"}
    # alpha 0: no scaling, a plain one-vs-rest SVM
    plain = NBLinearSVC(alpha=0).fit(X, y)
    ref = LinearSVC(C=1.0, max_iter=5000, random_state=0).fit(X, (y == "c").astype(int))
    assert np.allclose(plain.decision_function(X)[:, 2], ref.decision_function(X))


def test_the_model_is_nb_scaled_and_calibrated(trained):
    from eventatlas.learn.linear import NBLinearSVC, load
    lang = load(trained[0]).langs["en"]
    for clf in (lang.clf, lang.type_clf):
        assert isinstance(clf.calibrated_classifiers_[0].estimator, NBLinearSVC)
