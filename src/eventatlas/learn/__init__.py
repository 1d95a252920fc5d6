"""The event classifier a user trains on their own data: ACLED exports and reviewed records.

eventatlas ships no trained weights (ACLED's terms forbid redistributing its data, and a model
trained on it is derived from it). Instead::

    eventatlas train export.csv reviewed.jsonl -o models/events            # split=dev: test rows left out
    EVENTATLAS_EVENT_MODEL=models/events eventatlas extract article.txt

and in Python::

    from eventatlas.learn import load
    model = load("models/events")

Per language: TF-IDF word 1-2-grams and char_wb 2-5-grams plus the rules' features into a
calibrated linear SVM (learn.linear); training inputs go through the rules (learn.features) as
extraction's do; extraction applies it in learn.apply. See docs/MODEL_CARD.md.
"""
from eventatlas.learn.cli import register
from eventatlas.learn.data import is_test_id, read_examples, read_training_jsonl
from eventatlas.learn.linear import EventModel, Params, Prediction, load
from eventatlas.learn.trainer import evaluate, train

__all__ = ["EventModel", "Params", "Prediction", "evaluate", "is_test_id", "load", "read_examples",
           "read_training_jsonl", "register", "train"]
