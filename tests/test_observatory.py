"""The observatory on people stored through retrieval.profiles: groups under the minimum are withheld."""

from __future__ import annotations

import datetime as dt

import pytest

from retrieval.observatory import MINIMUM_CELL, MINIMUM_GROUP, observe
from retrieval.profiles import StoredProfile, record_choice, record_proposals, save_profile

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
#: Creil (Oise, bassin 3210) and Saint-Quentin (Aisne, bassin 3204).
CREIL = ("60175", "3210")
SAINT_QUENTIN = ("02691", "3204")


def store_people(
    url: str, prefix: str, count: int, place: tuple[str, str], branch: str, job: str = "H2903"
) -> None:
    for n in range(count):
        ref = f"{prefix}-{n}"
        profile = StoredProfile(
            ref=ref, branch=branch, occupation_code=job, commune_insee=place[0], bassin=place[1]
        )
        save_profile(url, profile, consent_at=NOW)
        record_proposals(url, ref, [("H2102", 0.7, ["cmp-a", "cmp-b"]), ("N1103", 0.6, ["cmp-a"])])
        if n % 2 == 0:
            record_choice(url, ref, "H2102")


def test_a_group_of_nine_is_withheld_and_a_group_of_ten_shown(store_url: str) -> None:
    assert MINIMUM_GROUP == 10
    store_people(store_url, "creil", 10, CREIL, "plasturgie")
    store_people(store_url, "sq", 9, SAINT_QUENTIN, "plasturgie")

    seen = observe(store_url, by="bassin")

    assert seen.withheld == 1
    assert [(g.territory, g.branch, g.people) for g in seen.groups] == [("3210", "plasturgie", 10)]
    group = seen.groups[0]
    assert group.territory_label == "Santerre Oise Sud-Oise"
    assert [(c.code, c.count) for c in group.origins] == [("H2903", 10)]
    assert [(c.code, c.count) for c in group.proposed] == [("H2102", 10), ("N1103", 10)]
    assert [(c.code, c.count) for c in group.chosen] == [("H2102", 5)]
    # Counted once per person, however many proposals named the competence.
    assert [(c.code, c.count) for c in group.missing] == [("cmp-a", 10), ("cmp-b", 10)]


def test_departements_gather_the_bassins_and_branches_stay_apart(store_url: str) -> None:
    store_people(store_url, "creil", 6, CREIL, "plasturgie")
    store_people(store_url, "nogent", 4, ("60463", "3210"), "plasturgie", job="N1103")
    store_people(store_url, "agro", 10, CREIL, "agroalimentaire")

    by_departement = observe(store_url, by="departement", branch="plasturgie")
    assert by_departement.withheld == 0
    [oise] = by_departement.groups
    assert (oise.territory, oise.territory_label, oise.people) == ("60", "Oise", 10)
    # Four people from N1103: too few to be listed.
    assert [(c.code, c.count) for c in oise.origins] == [("H2903", 6)]

    assert {(g.branch, g.people) for g in observe(store_url, by="departement").groups} == {
        ("plasturgie", 10),
        ("agroalimentaire", 10),
    }


def test_inside_a_group_counts_under_five_are_left_out(store_url: str) -> None:
    assert MINIMUM_CELL == 5
    store_people(store_url, "creil", 6, CREIL, "plasturgie")  # 3 chose H2102
    store_people(store_url, "nogent", 4, ("60463", "3210"), "plasturgie", job="N1103")  # 2 chose H2102
    assert record_choice(store_url, "creil-1", "N1103")

    [group] = observe(store_url, by="bassin").groups

    assert group.people == 10
    # Four people came from N1103 and one chose it: neither is listed; five chose H2102: listed.
    assert [(c.code, c.count) for c in group.origins] == [("H2903", 6)]
    assert [(c.code, c.count) for c in group.chosen] == [("H2102", 5)]
    assert [(c.code, c.count) for c in group.proposed] == [("H2102", 10), ("N1103", 10)]


def test_nobody_stored_means_nothing_shown(store_url: str) -> None:
    assert observe(store_url).groups == []
    assert observe(store_url).withheld == 0


def test_an_unknown_territory_is_refused(store_url: str) -> None:
    with pytest.raises(ValueError, match="territoire"):
        observe(store_url, by="region")  # type: ignore[arg-type]
