"""The ACLED merge simulator lives in eventatlas.eval.merge_sim (``eventatlas eval merge`` reports it)."""
from eventatlas.eval.merge_sim import FILES, SAMPLES, evaluate, load_rows, pair_scores, simulate  # noqa: F401
