import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from retrieval.profiles import (
    ProfileError,
    StoredProfile,
    erase_person,
    export_person,
    load_profile,
    record_choice,
    record_proposals,
    save_profile,
)
from retrieval.store import connect, transaction
from retrieval.store.models import Base, Person, PersonProfile, Proposal
from retrieval.store.session import MIGRATIONS_DIR

PERSON_TABLES = {"person", "person_profile", "proposal"}
FIRST_CONSENT = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
LATER_CONSENT = dt.datetime(2026, 11, 21, 14, 0, tzinfo=dt.UTC)

FULL = StoredProfile(
    ref="a1b2c3d4-sender",
    branch="plasturgie",
    occupation_code="H2102",
    occupation_label="conducteur de ligne en agroalimentaire",
    years=7.5,
    competences=("conduite-ligne", "controle-qualite", "nettoyage-desinfection"),
    sectors=("plasturgie", "metallurgie"),
    avoid=("travail-de-nuit",),
    commune_insee="2A004",
    bassin="9401",
    radius_km=30,
    training_hours=400,
    ratings={"conduite-ligne": "acquis", "reglage-presse": "a_renforcer", "soudure": "pas_encore"},
    parcours="reconversion",
)


def _count(url: str, table: type[Base], ref: str | None = None) -> int:
    with transaction(url) as session:
        query = select(func.count()).select_from(table)
        if ref is not None and table is not Person:
            query = query.join(Person)
        if ref is not None:
            query = query.where(Person.ref == ref)
        return session.scalar(query) or 0


def _utc(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    assert moment.utcoffset() == dt.timedelta(0)
    return moment


def test_a_profile_comes_back_as_saved(store_url: str) -> None:
    save_profile(store_url, FULL, consent_at=FIRST_CONSENT)
    assert load_profile(store_url, FULL.ref) == FULL


def test_a_minimal_profile_comes_back_with_its_defaults(store_url: str) -> None:
    save_profile(store_url, StoredProfile(ref="only-ref"), consent_at=FIRST_CONSENT)
    assert load_profile(store_url, "only-ref") == StoredProfile(ref="only-ref")


def test_nothing_is_loaded_for_an_unknown_person(store_url: str) -> None:
    save_profile(store_url, FULL, consent_at=FIRST_CONSENT)
    assert load_profile(store_url, "someone-else") is None


def test_saving_again_replaces_the_profile_and_keeps_the_first_consent(store_url: str) -> None:
    save_profile(store_url, FULL, consent_at=FIRST_CONSENT)
    first = export_person(store_url, FULL.ref)
    changed = replace(FULL, branch=None, years=8.0, competences=("soudure",), ratings={}, commune_insee=None)
    save_profile(store_url, changed, consent_at=LATER_CONSENT)

    assert load_profile(store_url, FULL.ref) == changed
    second = export_person(store_url, FULL.ref)
    assert first is not None and second is not None
    assert second["consent_at"] == "2026-11-20T09:30:00+00:00"
    assert second["created_at"] == first["created_at"]
    assert _utc(second["updated_at"]) > _utc(first["updated_at"])
    assert _utc(second["profile"]["updated_at"]) > _utc(first["profile"]["updated_at"])
    assert _count(store_url, Person) == 1
    assert _count(store_url, PersonProfile) == 1


def test_consent_is_stored_in_utc(store_url: str) -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    save_profile(store_url, FULL, consent_at=dt.datetime(2026, 11, 20, 10, 30, tzinfo=paris))
    exported = export_person(store_url, FULL.ref)
    assert exported is not None
    assert exported["consent_at"] == "2026-11-20T09:30:00+00:00"


def test_proposals_are_recorded_only_for_a_person_who_consented(store_url: str) -> None:
    assert record_proposals(store_url, FULL.ref, [("H2903", 0.8, ["reglage-presse"])]) is False
    assert _count(store_url, Proposal) == 0

    save_profile(store_url, FULL, consent_at=FIRST_CONSENT)
    assert record_proposals(store_url, FULL.ref, [("H2903", 0.8, ["reglage-presse"]), ("N1103", 0.6, [])])
    assert record_proposals(store_url, FULL.ref, [("H2903", 0.85, [])])
    assert record_proposals(store_url, FULL.ref, []) is True
    exported = export_person(store_url, FULL.ref)
    assert exported is not None
    assert [(p["rome_code"], p["score"], p["missing"], p["chosen"]) for p in exported["proposals"]] == [
        ("H2903", 0.8, ["reglage-presse"], False),
        ("N1103", 0.6, [], False),
        ("H2903", 0.85, [], False),
    ]


def test_the_choice_marks_the_latest_proposal_of_that_code(store_url: str) -> None:
    save_profile(store_url, FULL, consent_at=FIRST_CONSENT)
    save_profile(store_url, replace(FULL, ref="other-sender"), consent_at=FIRST_CONSENT)
    record_proposals(store_url, FULL.ref, [("H2903", 0.8, []), ("N1103", 0.6, [])])
    record_proposals(store_url, FULL.ref, [("H2903", 0.85, [])])
    record_proposals(store_url, "other-sender", [("H2903", 0.7, [])])

    assert record_choice(store_url, FULL.ref, "H2903") is True
    assert record_choice(store_url, FULL.ref, "A1101") is False
    assert record_choice(store_url, "nobody", "H2903") is False
    mine = export_person(store_url, FULL.ref)
    theirs = export_person(store_url, "other-sender")
    assert mine is not None and theirs is not None
    assert [(p["score"], p["chosen"]) for p in mine["proposals"]] == [
        (0.8, False),
        (0.6, False),
        (0.85, True),
    ]
    assert [p["chosen"] for p in theirs["proposals"]] == [False]


def test_erasing_removes_the_person_and_only_them(store_url: str) -> None:
    save_profile(store_url, FULL, consent_at=FIRST_CONSENT)
    save_profile(store_url, replace(FULL, ref="other-sender"), consent_at=FIRST_CONSENT)
    record_proposals(store_url, FULL.ref, [("H2903", 0.8, []), ("N1103", 0.6, [])])
    record_proposals(store_url, "other-sender", [("H2903", 0.7, [])])

    assert erase_person(store_url, FULL.ref) is True
    assert load_profile(store_url, FULL.ref) is None
    assert export_person(store_url, FULL.ref) is None
    assert (_count(store_url, Person), _count(store_url, PersonProfile), _count(store_url, Proposal)) == (
        1,
        1,
        1,
    )
    assert _count(store_url, Proposal, "other-sender") == 1
    assert load_profile(store_url, "other-sender") == replace(FULL, ref="other-sender")
    assert erase_person(store_url, FULL.ref) is False


def test_the_export_holds_everything_stored(store_url: str) -> None:
    before = dt.datetime.now(dt.UTC)
    save_profile(store_url, FULL, consent_at=FIRST_CONSENT)
    record_proposals(store_url, FULL.ref, [("H2903", 0.8, ["reglage-presse", "lecture-plan"])])
    record_choice(store_url, FULL.ref, "H2903")
    after = dt.datetime.now(dt.UTC)

    exported = export_person(store_url, FULL.ref)
    assert exported is not None
    stamps = [exported["created_at"], exported["updated_at"], exported["profile"]["updated_at"]]
    stamps.append(exported["proposals"][0]["created_at"])
    assert all(before <= _utc(stamp) <= after for stamp in stamps)
    assert exported["created_at"] == exported["updated_at"] == exported["profile"]["updated_at"]
    assert exported == {
        "ref": "a1b2c3d4-sender",
        "branch": "plasturgie",
        "created_at": stamps[0],
        "consent_at": "2026-11-20T09:30:00+00:00",
        "updated_at": stamps[1],
        "profile": {
            "occupation_code": "H2102",
            "occupation_label": "conducteur de ligne en agroalimentaire",
            "years": 7.5,
            "competences": ["conduite-ligne", "controle-qualite", "nettoyage-desinfection"],
            "sectors": ["plasturgie", "metallurgie"],
            "avoid": ["travail-de-nuit"],
            "commune_insee": "2A004",
            "bassin": "9401",
            "radius_km": 30,
            "training_hours": 400,
            "ratings": {"conduite-ligne": "acquis", "reglage-presse": "a_renforcer", "soudure": "pas_encore"},
            "parcours": "reconversion",
            "updated_at": stamps[2],
        },
        "proposals": [
            {
                "rome_code": "H2903",
                "score": 0.8,
                "missing": ["reglage-presse", "lecture-plan"],
                "chosen": True,
                "created_at": stamps[3],
            }
        ],
    }


@pytest.mark.parametrize(
    ("change", "field_name"),
    [
        ({"ref": ""}, "ref"),
        ({"ref": "   "}, "ref"),
        ({"ref": "x" * 201}, "ref"),
        ({"branch": "Plasturgie !"}, "branch"),
        ({"occupation_code": "H290"}, "occupation_code"),
        ({"occupation_label": ""}, "occupation_label"),
        ({"years": -1.0}, "years"),
        ({"years": float("nan")}, "years"),
        ({"radius_km": -5}, "radius_km"),
        ({"training_hours": -35}, "training_hours"),
        ({"competences": ("conduite-ligne", " ")}, "competences[1]"),
        ({"sectors": ("Plasturgie",)}, "sectors[0]"),
        ({"avoid": ("x" * 201,)}, "avoid[0]"),
        ({"commune_insee": "2C004"}, "commune_insee"),
        ({"bassin": "x" * 11}, "bassin"),
        ({"parcours": ""}, "parcours"),
        ({"ratings": {"soudure": "bien"}}, "ratings[soudure]"),
        ({"ratings": {"": "acquis"}}, "ratings[0]"),
    ],
)
def test_a_bad_profile_is_refused_naming_the_field(
    store_url: str, change: dict[str, Any], field_name: str
) -> None:
    with pytest.raises(ProfileError) as refused:
        save_profile(store_url, replace(FULL, **change), consent_at=FIRST_CONSENT)
    assert refused.value.field_name == field_name
    assert str(refused.value).startswith(f"profil, champ « {field_name} » : ")
    assert _count(store_url, Person) == 0


def test_a_rating_outside_the_scale_is_explained(store_url: str) -> None:
    with pytest.raises(ProfileError) as refused:
        save_profile(store_url, replace(FULL, ratings={"soudure": "bien"}), consent_at=FIRST_CONSENT)
    assert str(refused.value) == (
        "profil, champ « ratings[soudure] » : « bien » n'est pas l'une des valeurs "
        "acquis, a_renforcer, pas_encore"
    )


def test_a_consent_date_without_time_zone_is_refused(store_url: str) -> None:
    with pytest.raises(ProfileError) as refused:
        save_profile(store_url, FULL, consent_at=dt.datetime(2026, 11, 20, 9, 30))
    assert refused.value.field_name == "consent_at"
    assert _count(store_url, Person) == 0


@pytest.mark.parametrize(
    ("proposals", "field_name"),
    [
        ([("H2903", 0.8, []), ("h2903", 0.5, [])], "proposals[1].rome_code"),
        ([("H2903", float("inf"), [])], "proposals[0].score"),
        ([("H2903", 0.8, ["lecture-plan", ""])], "proposals[0].missing[1]"),
    ],
)
def test_bad_proposals_are_refused_as_a_whole(
    store_url: str, proposals: list[tuple[str, float, list[str]]], field_name: str
) -> None:
    save_profile(store_url, FULL, consent_at=FIRST_CONSENT)
    with pytest.raises(ProfileError) as refused:
        record_proposals(store_url, FULL.ref, proposals)
    assert refused.value.field_name == field_name
    assert _count(store_url, Proposal) == 0


@pytest.mark.parametrize(
    "call",
    [
        lambda url: load_profile(url, ""),
        lambda url: erase_person(url, " "),
        lambda url: export_person(url, ""),
        lambda url: record_choice(url, "", "H2903"),
    ],
)
def test_every_call_refuses_an_empty_reference(store_url: str, call: Callable[[str], object]) -> None:
    with pytest.raises(ProfileError, match="« ref »"):
        call(store_url)


def test_a_choice_needs_a_rome_code(store_url: str) -> None:
    with pytest.raises(ProfileError) as refused:
        record_choice(store_url, FULL.ref, "soudeur")
    assert refused.value.field_name == "rome_code"


def _alembic(url: str, step: Callable[[Config, str], None], revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with connect(url).begin() as connection:
        config.attributes["connection"] = connection
        step(config, revision)


def test_migration_0003_goes_down_and_up_again(store_url: str) -> None:
    save_profile(store_url, FULL, consent_at=FIRST_CONSENT)
    _alembic(store_url, command.downgrade, "0002")
    tables = set(inspect(connect(store_url)).get_table_names())
    assert not PERSON_TABLES & tables
    assert {"occupation", "offer", "training_session"} <= tables

    _alembic(store_url, command.upgrade, "head")
    assert set(inspect(connect(store_url)).get_table_names()) >= PERSON_TABLES
    assert load_profile(store_url, FULL.ref) is None
    save_profile(store_url, FULL, consent_at=FIRST_CONSENT)
    assert load_profile(store_url, FULL.ref) == FULL


def _person_tables_only(_item: object, name: str | None, kind: str, _reflected: bool, _other: object) -> bool:
    return kind != "table" or name in PERSON_TABLES


def test_the_migrated_person_tables_match_the_models(store_url: str) -> None:
    with connect(store_url).connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": _person_tables_only})
        assert compare_metadata(context, Base.metadata) == []
