"""The frontline command as a user runs it: formats, exit codes, messages, the output folder."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from geo.cli import main


def _run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_help_names_every_command(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("run", "places", "events", "distances", "gazetteer"):
        assert command in out


def test_no_command_is_a_usage_error(capsys):
    code, _, err = _run(capsys)
    assert code == 2 and "usage" in err


def test_bad_published_date_is_a_usage_error(capsys, seeds_dir):
    with pytest.raises(SystemExit) as exit_info:
        main(["places", str(seeds_dir), "--published", "2014-02-30"])
    assert exit_info.value.code == 2
    assert "2014-02-30" in capsys.readouterr().err


def test_places_json_has_the_contract_keys(capsys, seeds_dir):
    code, out, _ = _run(capsys, "places", str(seeds_dir), "--format", "json", "--engine", "serial")
    assert code == 0
    records = json.loads(out)
    assert records
    for key in ("article", "start", "end", "surface", "place_id", "name", "lat", "lon", "kind", "country"):
        assert key in records[0]


def test_events_csv_and_jsonl_agree(capsys, seeds_dir):
    _, as_csv, _ = _run(capsys, "events", str(seeds_dir), "--format", "csv", "--engine", "serial")
    _, as_jsonl, _ = _run(capsys, "events", str(seeds_dir), "--format", "jsonl", "--engine", "serial")
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    lines = [json.loads(line) for line in as_jsonl.splitlines()]
    assert len(rows) == len(lines) > 0
    for key in ("article", "place_id", "place", "lat", "lon", "actor", "kind", "date_start", "date_end",
                "date_precision", "evidence"):
        assert key in rows[0] and key in lines[0]


def test_distances_table_lists_verdicts(capsys, seeds_dir):
    code, out, _ = _run(capsys, "distances", str(seeds_dir), "--engine", "serial")
    assert code == 0
    assert "consistent" in out and "inconsistent" in out and "verdict" in out.splitlines()[0]


def test_one_bad_input_exit_1_and_the_good_one_is_still_processed(capsys, tmp_path, seeds_dir):
    (tmp_path / "bad.jsonl").write_text("{broken\n", encoding="utf-8")
    code, out, err = _run(capsys, "events", str(seeds_dir / "000_0c9bb0fd381daf89.txt"), str(tmp_path / "bad.jsonl"),
                          "--format", "json", "--engine", "serial")
    assert code == 1
    assert f"{tmp_path / 'bad.jsonl'}:1: not valid JSON" in err
    assert len(err.strip().splitlines()) == 1
    assert json.loads(out), "the good article's events are still printed"


def test_nothing_readable_is_exit_2(capsys, tmp_path):
    code, _, err = _run(capsys, "places", str(tmp_path / "missing.txt"))
    assert code == 2
    assert "missing.txt: no such file or folder" in err


def test_run_refuses_a_folder_it_does_not_own(capsys, tmp_path, seeds_dir):
    (tmp_path / "thesis.docx").write_text("mine", encoding="utf-8")
    code, _, err = _run(capsys, "run", str(seeds_dir), "--out", str(tmp_path), "--engine", "serial", "-q")
    assert code == 2 and "thesis.docx" in err and "--force" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis.docx"]


def test_run_writes_and_reruns_into_its_own_folder(capsys, tmp_path, seeds_dir):
    out = tmp_path / "maps"
    code, _, err = _run(capsys, "run", str(seeds_dir), "--out", str(out), "--engine", "serial")
    assert code == 0 and "articles read: 2" in err
    outputs = lambda: {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith("frontline-store.")}  # noqa: E731
    first = outputs()  # the store beside them is not an output: it records who used it last
    code, _, _ = _run(capsys, "run", str(seeds_dir), "--out", str(out), "--engine", "serial", "-q")
    assert code == 0
    assert outputs() == first
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_gazetteer_lookup_prefers_context(capsys):
    code, out, _ = _run(capsys, "gazetteer", "lookup", "Tripoli", "--country", "LY", "--format", "json")
    assert code == 0
    best = json.loads(out)[0]
    assert best["country"] == "LY"


def test_python_dash_m_geo_is_the_same_command():
    done = subprocess.run([sys.executable, "-m", "geo", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("frontline ")


def test_user_gazetteer_and_actor_files_are_merged_over_the_bundled_ones(capsys, tmp_path):
    (tmp_path / "places.csv").write_text(
        "name,lat,lon,kind,country,alternates\nUmm Zarqa,35.61,41.27,village,SY,Um Zarqa|Umm al-Zarqa\n",
        encoding="utf-8")
    (tmp_path / "actors.csv").write_text("form,actor,role\nBlue Banner Brigade,Blue Banner Brigade,non-state\n",
                                         encoding="utf-8")
    (tmp_path / "a.txt").write_text("2019-03-05\nThe Blue Banner Brigade seized Um Zarqa on Monday.\n",
                                    encoding="utf-8")
    code, out, err = _run(capsys, "events", str(tmp_path / "a.txt"), "--gazetteer", str(tmp_path / "places.csv"),
                          "--actors", str(tmp_path / "actors.csv"), "--format", "json", "--engine", "serial")
    assert code == 0, err
    (event,) = json.loads(out)
    assert (event["place"], event["lat"], event["lon"]) == ("Umm Zarqa", 35.61, 41.27)
    assert event["actor"] == "Blue Banner Brigade" and event["kind"] == "captured"
    assert event["date_start"] == "2019-03-04"


def test_a_headline_takes_the_date_of_its_lead_not_of_a_relative_clause_in_it(capsys, tmp_path):
    (tmp_path / "palmyra.txt").write_text(
        "2016-03-27\nSyrian army recaptures Palmyra from Islamic State\n\n"
        "BEIRUT (Reuters) - Syrian government forces drove Islamic State fighters out of Palmyra on Sunday, "
        "retaking the ancient city that the militants seized last May.\n", encoding="utf-8")
    _, out, _ = _run(capsys, "events", str(tmp_path), "--format", "csv", "--engine", "serial")
    rows = {(r["actor"], r["kind"], r["date_start"]) for r in csv.DictReader(io.StringIO(out))}
    assert ("Syrian government", "recaptured", "2016-03-27") in rows and ("ISIL", "captured", "2015-05-01") in rows
    assert not any(actor == "Syrian government" and start.startswith("2015") for actor, _, start in rows)


@pytest.mark.parametrize("body, place", [
    ("Sri Lankan troops captured Kilinochchi on Friday.\nThe Liberation Tigers of Tamil Eelam had held the town since 1998.",
     "Kilinochchi"),
    ("Government troops retook Arauca on Friday.\nThe National Liberation Army had held the town since 2019.", "Arauca"),
    ("Tigrayan forces withdrew from Mekelle on Monday.\nThe Tigray People's Liberation Front had run the city since 1991.",
     "Mek'ele"),
])
def test_a_word_of_a_side_s_name_is_no_deed(capsys, tmp_path, body, place):
    (tmp_path / "report.txt").write_text(f"2021-01-02\nNews\n\n{body}\n", encoding="utf-8")
    _, out, _ = _run(capsys, "events", str(tmp_path), "--format", "csv", "--engine", "serial")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["place"] == place for r in rows)
    assert not [r for r in rows if r["trigger"].casefold() == "liberation"]  # "Liberation" retook nothing in 1998
