"""The actor lexicon: surface forms, roles, context and user files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.extract.actors import Actors
from geo.errors import InputError

GOLD = json.loads((Path(__file__).resolve().parent / "gold" / "seeds.json").read_text(encoding="utf-8"))
GOLD_FORMS = [(form, actor) for actor, forms in GOLD["actors"].items() for form in forms]


def actors_in(text: str, *, dominant: str = "", country: str = "") -> list[str]:
    actors = Actors.default()
    return [m.actor for m in actors.in_context(actors.find(text), dominant=dominant, country=country)]


@pytest.mark.parametrize("form, actor", GOLD_FORMS, ids=[f for f, _ in GOLD_FORMS])
def test_gold_surface_forms_in_an_iraqi_article_about_isil(form, actor):
    assert set(actors_in(f"Witnesses said {form} moved in.", dominant="ISIL", country="IQ")) == {actor}


@pytest.mark.parametrize(
    "text, country, expected",
    [
        ("Russian troops and Ukrainian forces clashed", "UA", ["Russian forces", "Ukrainian forces"]),
        ("the paramilitary Rapid Support Forces fought the Sudanese army", "SD", ["RSF", "SAF"]),
        ("Houthi fighters attacked government troops", "YE", ["Houthis", "Yemeni government"]),
        ("GNA forces pushed back the Libyan National Army", "LY", ["GNA", "LNA"]),
        ("HTS fighters overran Syrian army positions", "SY", ["HTS", "Syrian government"]),
        ("the Syrian Democratic Forces, backed by U.S. troops", "SY", ["SDF", "United States forces"]),
        ("soldiers entered the city", "UA", ["Ukrainian forces"]),
    ],
)
def test_other_wars(text, country, expected):
    assert actors_in(text, country=country) == expected


@pytest.mark.parametrize(
    "actor, role",
    [("ISIL", "non-state"), ("Iraqi government", "state"), ("Russian forces", "foreign"), ("SAF", "state"),
     ("RSF", "non-state"), ("Houthis", "non-state"), ("GNA", "state"), ("LNA", "non-state"), ("SDF", "non-state")],
)
def test_roles(actor, role):
    assert Actors.default().role(actor) == role


def test_a_capital_standing_for_its_government():
    assert actors_in("Kabul's government and Haftar's forces", country="AF") == ["Afghan government", "LNA"]


def test_generic_forms_stay_generic_without_a_named_actor():
    assert actors_in("Unidentified gunmen and militants attacked", country="") == ["unidentified militants"] * 2


def test_acronyms_match_only_in_capitals():
    assert actors_in("this has its own sdf and hts files") == []
    assert actors_in("HTS and SDF") == ["HTS", "SDF"]


def test_sources_of_news_are_not_parties():
    assert actors_in("Police and army officials said militants attacked", dominant="ISIL") == ["ISIL"]


def test_dominant_skips_forces_allied_with_the_state():
    actors = Actors.default()
    matches = actors.find("Shia militiamen paraded. Shia fighters marched. ISIS advanced.")
    assert actors.dominant(matches) == "ISIL"


def test_users_add_actors_from_toml(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[[actor]]\nname = "Azawad rebels"\nrole = "non-state"\nforms = ["CMA", "Tuareg rebels"]\n', encoding="utf-8")
    actors = Actors.default().merged(Actors.from_file(path))
    assert [m.actor for m in actors.find("Tuareg rebels took Kidal from the CMA")] == ["Azawad rebels", "Azawad rebels"]
    assert actors.role("Azawad rebels") == "non-state"
    assert [m.actor for m in actors.find("ISIS attacked")] == ["ISIL"]


def test_users_add_actors_from_csv(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("form,actor,role\nFANT,Chadian government,state\n", encoding="utf-8")
    actors = Actors.default().merged(Actors.from_file(path))
    assert [(m.actor, m.role) for m in actors.find("FANT units")] == [("Chadian government", "state")]


@pytest.mark.parametrize(
    "content, suffix",
    [('[[actor]]\nname = "X"\nrole = "rebel"\nforms = ["x"]\n', ".toml"), ("name,role\nX,state\n", ".csv"), ("[[actor", ".toml")],
)
def test_bad_actor_files_are_input_errors(tmp_path, content, suffix):
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError):
        Actors.from_file(path)
