"""Learned ACLED sub-event classification, trained by the user on their own licensed export.

eventatlas ships no weights trained on ACLED data (its terms forbid redistribution). Instead:

    eventatlas train export.csv -o models/acled-subtype            # split=dev: project test rows left out
    eventatlas train export.csv -o models/acled-subtype --split all # a user's own full export

and in Python::

    from eventatlas.learn import load
    clf = load("models/acled-subtype")
    clf.predict("On 3 May 2024, police fired tear gas at protesters in Kisumu.")
    # -> ("Protest with intervention", 0.83)

See docs/MODEL_CARD.md for what the model is, how it is measured and its licence constraints.
"""
from eventatlas.learn.cli import register
from eventatlas.learn.data import is_test_id, read_examples
from eventatlas.learn.textcat import Classifier, evaluate, load, train

__all__ = ["Classifier", "evaluate", "is_test_id", "load", "read_examples", "register", "train"]
