"""Human-readable rendering of an eval result (``eventatlas eval DATASET`` without --json)."""
from __future__ import annotations

from typing import Any


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.4f}"
    return "-" if v is None else str(v)


def _metrics_lines(metrics: dict, indent: str = "  ") -> list[str]:
    if not metrics:
        return [indent + "(none)"]
    width = max(len(k) for k in metrics)
    return [f"{indent}{k.ljust(width)}  {_fmt(v)}" for k, v in metrics.items() if not isinstance(v, (dict, list))]


def per_class_table(per_class: dict) -> list[str]:
    labels = sorted(per_class, key=lambda k: (-per_class[k].get("support", 0), k))
    width = max([len("label")] + [len(k) for k in labels])
    lines = [f"  {'label'.ljust(width)}  precision  recall      f1  support"]
    for lab in labels:
        row = per_class[lab]
        lines.append(f"  {lab.ljust(width)}  {row['precision']:9.4f}  {row['recall']:6.4f}  {row['f1']:6.4f}  "
                     f"{row.get('support', 0):7d}")
    return lines


def _abbrev(label: str, n: int = 6) -> str:
    return label if len(label) <= n else label[:n - 1] + "."


def confusion_table(conf: dict[str, dict[str, int]], max_labels: int = 26) -> list[str]:
    """Rows: gold; columns: predicted (abbreviated, keyed below the table)."""
    gold = sorted(conf, key=lambda g: -sum(conf[g].values()))[:max_labels]
    cols = sorted({p for g in gold for p in conf[g]},
                  key=lambda p: (p not in gold, gold.index(p) if p in gold else 0, p))
    keys = {c: f"c{i}" for i, c in enumerate(cols)}
    gw = max([len("gold \\ predicted")] + [len(g) for g in gold])
    cw = max([4] + [len(str(n)) for g in gold for n in conf[g].values()] + [len(k) for k in keys.values()])
    lines = ["  " + "gold \\ predicted".ljust(gw) + " " + " ".join(keys[c].rjust(cw) for c in cols)]
    for g in gold:
        lines.append("  " + g.ljust(gw) + " " + " ".join(str(conf[g].get(c, "") or ".").rjust(cw) for c in cols))
    lines.append("  columns: " + "; ".join(f"{keys[c]} = {c}" for c in cols))
    return lines


def format_report(result: dict) -> str:
    out = [f"dataset: {result.get('dataset')}   split: {result.get('split', '-')}   n: {result.get('n')}", "metrics:"]
    out += _metrics_lines(result.get("metrics") or {})
    if result.get("side_by_side"):
        out.append(f"rules alone vs rules+model ({result.get('model')}, threshold {result.get('threshold')}), "
                   "same records:")
        out += [f"  {k}: {_fmt(v['rules'])} -> {_fmt(v['rules+model'])}" for k, v in result["side_by_side"].items()]
    for section in ("by_schema", "by_country", "per_slot", "by_file"):
        block = result.get(section)
        if block:
            out.append(f"{section}:")
            for name, values in block.items():
                out.append(f"  {name}: " + ", ".join(f"{k}={_fmt(v)}" for k, v in values.items()))
    if result.get("per_class"):
        out.append("per class:")
        out += per_class_table(result["per_class"])
    if result.get("confusion"):
        out.append("confusion (rows gold, columns predicted):")
        out += confusion_table(result["confusion"])
    if result.get("top_confusions"):
        out.append("most common confusions (gold -> predicted: count):")
        out += [f"  {g} -> {p}: {n}" for g, p, n in result["top_confusions"]]
    for case in result.get("cases") or []:
        if not case.get("passed", True):
            out.append(f"FAILED {case.get('case')}: " + "; ".join(case.get("problems") or []))
    return "\n".join(out)
