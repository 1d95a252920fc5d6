"""What a new user meets first: README's commands, the demo and one store, exit statuses, help with
defaults, --version, publication dates, and a headline that repeats the lede."""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from eventatlas import cli

ROOT = Path(__file__).resolve().parents[2]
DISPATCH = ("BAMAKO, March 14 - Gunmen attacked an army post near Douentza, in central Mali, on Tuesday, "
            "killing at least four soldiers, the army said in a statement.\n")

HEADLINED = """Mali : au moins cinq soldats tués dans l'attaque d'un poste militaire près de Douentza

Au moins cinq soldats maliens ont été tués mardi lors de l'attaque d'un poste militaire près de Douentza, \
dans le centre du pays, a annoncé l'armée dans un communiqué. Des hommes armés ont ouvert le feu sur le poste \
avant de se replier.
"""

PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Niger : douze civils tués dans une attaque près de Téra | Le Courrier du Fleuve</title>
<meta property="article:published_time" content="2024-05-08T09:14:00+00:00">
</head><body>
<nav><a href="/">Accueil</a> <a href="/afrique">Afrique</a> <a href="/sport">Sport</a></nav>
<article><h1>Niger : douze civils tués dans une attaque près de Téra</h1>
<p>Douze civils ont été tués lundi dans une attaque menée par des hommes armés contre un village proche de \
Téra, dans la région de Tillabéri, a-t-on appris mardi de sources locales. Les assaillants, arrivés à moto, \
ont incendié plusieurs maisons.</p>
<p>Les autorités n'avaient pas réagi mardi soir.</p>
</article><footer>Tous droits réservés. Mentions légales. Contact.</footer>
</body></html>
"""


def records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


# --- the headline is part of the document ----------------------------------------------------------

def test_a_headline_repeating_the_lede_gives_one_event_with_evidence_from_both(capsys, write):
    status = cli.main(["extract", str(write("a.txt", HEADLINED)), "--published", "2024-03-14"])
    events = [r for r in records(capsys.readouterr().out) if r["event_type"]]
    assert status == 0 and len(events) == 1, events
    event = events[0]
    assert event["date"]["start"] == "2024-03-12" and event["fatalities"]["best"] == 5
    headline_end = HEADLINED.index("\n")
    assert any(s["start_char"] < headline_end for s in event["evidence"])  # the headline's words
    assert any(s["start_char"] > headline_end for s in event["evidence"])  # and the body's
    assert event["trigger"]["start_char"] > headline_end  # the body tells the event, with its date


def test_a_news_page_gives_one_event_dated_from_its_own_publication_date(capsys, write):
    status = cli.main(["extract", str(write("page.html", PAGE))])
    events = [r for r in records(capsys.readouterr().out) if r["event_type"]]
    assert status == 0 and len(events) == 1, events
    event = events[0]
    assert event["document"]["published"] == "2024-05-08" and not event["document"]["published_inferred"]
    assert event["date"]["start"] == "2024-05-06"  # "lundi" before the page's date, not before today
    assert event["fatalities"]["best"] == 12
    assert event["document"]["text"].startswith("Niger : douze civils tués")


def test_a_headline_of_another_event_stays_its_own_record(capsys, write):
    text = ("Protesters march in Bamako\n\n" + DISPATCH)
    cli.main(["extract", str(write("b.txt", text)), "--published", "2024-03-14"])
    types = sorted(r["event_type"] or "" for r in records(capsys.readouterr().out))
    assert "Battles" in types


# --- exit statuses, --published, --version, help ---------------------------------------------------

def test_extract_and_ingest_share_the_exit_status_rule(run_cli, write, tmp_path):
    good, bad = write("good.txt", DISPATCH), write("bad.bin", b"\x00\x01\x02" * 50)
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    for command in (["extract"], ["ingest", "--db", db, "--quiet"]):
        assert run_cli(*command, good).returncode == 0
        assert run_cli(*command, good, bad).returncode == 1  # one input failed
        assert run_cli(*command, bad).returncode == 1  # every input failed
        assert run_cli(*command, good, "--published", "2024-13-40").returncode == 2  # usage error


def test_ingest_takes_a_publication_date_for_inputs_without_one(run_cli, write, tmp_path):
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    text = "Gunmen attacked an army post near Douentza, in central Mali, on Tuesday, killing four soldiers.\n"
    assert run_cli("ingest", write("d.txt", text), "--db", db, "--published", "2024-03-14", "--quiet").returncode == 0
    exported = run_cli("export", "--db", db, "--format", "jsonl")
    dates = {r["date"]["start"] for r in records(exported.stdout)}
    assert dates == {"2024-03-12"}  # the Tuesday before 14 March 2024


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    assert re.fullmatch(r"eventatlas \d+\.\d+\.\d+\S*\n", capsys.readouterr().out)


def _commands(parser: argparse.ArgumentParser):
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _commands(sub)


def test_every_option_has_help_and_shows_its_default():
    for command in _commands(cli.build_parser()):
        for action in command._actions:
            if isinstance(action, (argparse._HelpAction, argparse._VersionAction, argparse._SubParsersAction)):
                continue
            assert action.help, f"{command.prog} {action.dest} has no help"
            if action.option_strings and action.default not in (None, False):
                shown = command.formatter_class(command.prog)._get_help_string(action)
                assert "default" in shown, f"{command.prog} {action.option_strings} hides its default"


def test_lang_choices_are_the_language_profiles():
    from eventatlas.nlp.languages import available_languages
    parser = cli.build_parser()
    for command in _commands(parser):
        for action in command._actions:
            if "--lang" in action.option_strings:
                assert set(action.choices) - {"auto"} == set(available_languages())


# --- one store: demo, then export and serve without --db ------------------------------------------

@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """`eventatlas demo --no-serve` in a child process with its own data folder, as README runs it."""
    import os
    import subprocess
    import sys
    data = tmp_path_factory.mktemp("data")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTATLAS_")}
    env["EVENTATLAS_DATA_DIR"] = str(data)

    def run(*args):
        return subprocess.run([sys.executable, "-m", "eventatlas", *args], capture_output=True, text=True,
                              env=env, timeout=900)
    return run, run("demo", "--no-serve")


def test_demo_prints_its_table_and_stores_into_the_one_store(demo_run):
    run, demo = demo_run
    assert demo.returncode == 0, demo.stderr
    header, *rows = demo.stdout.splitlines()
    assert header.split()[:3] == ["date", "event_type", "sub_event_type"]
    summary = re.search(r"(\d+) documents, (\d+) events, (\d+) statements", demo.stdout)
    assert summary and int(summary[1]) == 30 and int(summary[2]) > 20
    exported = run("export", "--format", "jsonl")
    assert exported.returncode == 0
    events = records(exported.stdout)
    assert len(events) == int(summary[2]) + int(summary[3])  # export without --db shows the demo's records
    again = run("demo", "--no-serve")
    assert again.stdout == demo.stdout  # idempotent: the same store, the same table


def _figures_script():
    import importlib.util
    spec = importlib.util.spec_from_file_location("readme_figures", ROOT / "scripts" / "readme_figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_states_the_demo_figures_a_run_gives(demo_run):
    _, demo = demo_run
    figures = _figures_script()
    stated = figures.blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    for name, block in figures.demo_figures(demo.stdout, demo.stderr).items():
        assert stated.get(name) == block, f"README's {name} figures are stale: run scripts/readme_figures.py"


SEED = ROOT.parent / "shared" / "seed" / "iraq-2021-07-fr.txt"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside the repository")
def test_readme_shows_the_seed_table_a_run_gives(capsys):
    assert cli.main(["extract", str(SEED), "--published", "2021-07-31", "--format", "table"]) == 0
    figures = _figures_script()
    stated = figures.blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    assert stated["seed"] == figures.seed_figure(capsys.readouterr().out), \
        "README's seed table is stale: run scripts/readme_figures.py"


def test_a_place_in_brackets_after_another_is_where_it_is_not_a_second_event(capsys, write):
    text = ("Trois soldats ont été tués mardi dans l'attaque d'un poste militaire à Djibo (Soum), "
            "a annoncé l'armée.\n")
    cli.main(["extract", str(write("c.txt", text)), "--published", "2024-03-14"])
    events = [r for r in records(capsys.readouterr().out) if r["event_type"]]
    assert len(events) == 1 and events[0]["location"]["name"] == "Djibo"
