"""unlocated.csv: written by `frontline run`, filled in by the user, read back with --gazetteer."""

import csv
import json

from geo.cli import main

ARTICLE = ("2024-03-02\n\nRussian forces captured the village of Zorianka Persha on Saturday, and seized "
           "Nevelske, the Ukrainian military said. Ukrainian troops withdrew from the village of "
           "Krasnohorivka Druha near Pokrovsk.\n")


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _day_features(out):
    return {f["properties"]["name"]: f["geometry"] for f in json.loads((out / "2024-03-02.geojson").read_text())["features"]
            if f["properties"].get("name")}


def test_fill_two_rows_and_their_events_appear_on_the_map(tmp_path, capsys):
    source, out = tmp_path / "report.txt", tmp_path / "maps"
    source.write_text(ARTICLE, encoding="utf-8")
    assert main(["run", str(source), "--out", str(out), "--engine", "serial"]) == 0
    summary = capsys.readouterr().err
    assert f"unlocated: 3 places named have no coordinates (3 of the 3 event places); fill in lat and lon in {out / 'unlocated.csv'}" in summary
    rows = _rows(out / "unlocated.csv")
    assert [(r["name"], r["lat"], r["lon"], r["kind"], r["country"], r["events"]) for r in rows] == [
        ("Krasnohorivka Druha", "", "", "village", "UA", "1"),
        ("Nevelske", "", "", "town", "UA", "1"),
        ("Zorianka Persha", "", "", "village", "UA", "1"),
    ]
    assert rows[0]["hint"] == "the village of" and "Krasnohorivka Druha near Pokrovsk" in rows[0]["evidence"]
    assert rows[0]["article"] == "report.txt" and rows[0]["published"] == "2024-03-02"
    assert _day_features(out) == {"Krasnohorivka Druha": None, "Nevelske": None, "Zorianka Persha": None}  # kept, not drawn
    html = (out / "2024-03-02.html").read_text(encoding="utf-8")
    assert "48.105" not in html

    filled = {"Zorianka Persha": ("48.1050", "37.6020"), "Krasnohorivka Druha": ("48.2070", "37.5030")}
    for row in rows:
        if row["name"] in filled:
            row["lat"], row["lon"] = filled[row["name"]]
            row["source"] = "filled in by hand for the test"
    with (out / "unlocated.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    assert main(["run", str(source), "--out", str(out), "--engine", "serial", "--gazetteer", str(out / "unlocated.csv")]) == 0
    assert "unlocated: 1 place named has no coordinates (1 of the 3 event places)" in capsys.readouterr().err
    drawn = _day_features(out)
    assert drawn["Zorianka Persha"] == {"type": "Point", "coordinates": [37.602, 48.105]}
    assert drawn["Krasnohorivka Druha"] == {"type": "Point", "coordinates": [37.503, 48.207]}
    assert drawn["Nevelske"] is None
    html = (out / "2024-03-02.html").read_text(encoding="utf-8")
    assert "48.105" in html and "48.207" in html and "Zorianka Persha" in html
    kept = _rows(out / "unlocated.csv")  # the filled file was an input: its rows stay as the user wrote them
    assert [(r["name"], r["lat"], r["lon"]) for r in kept] == [
        ("Krasnohorivka Druha", "48.2070", "37.5030"), ("Nevelske", "", ""), ("Zorianka Persha", "48.1050", "37.6020")]


def test_a_border_is_named_but_never_a_place_to_fill_in(tmp_path, capsys):
    source, out = tmp_path / "report.txt", tmp_path / "maps"
    source.write_text("2024-03-02\n\nRussian forces captured the village of Zorianka Persha near the Ukrainian "
                      "border on Saturday, the Russian military said.\n", encoding="utf-8")
    assert main(["run", str(source), "--out", str(out), "--engine", "serial"]) == 0
    assert "unlocated: 1 place named has no coordinates (1 of the 1 event places)" in capsys.readouterr().err
    assert [r["name"] for r in _rows(out / "unlocated.csv")] == ["Zorianka Persha"]
    places = {r["place_id"]: r for r in _rows(out / "places.csv")}
    border = places["border:ru-ua"]
    assert (border["name"], border["place_kind"], border["lat"], border["located"]) == \
        ("Russia–Ukraine border", "border", "", "false")
