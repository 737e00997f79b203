"""Bridges for a stored profile and the what-if, with the real engine on the shipped referential."""

from __future__ import annotations

from dataclasses import replace

import pytest

from retrieval.engine import Engine, Proposal
from retrieval.guidance import (
    UnknownCertification,
    WhatIf,
    certification_competences,
    engine_profile,
    stored_bridges,
    what_if,
)
from retrieval.profiles import StoredProfile

pytestmark = pytest.mark.encoder

#: An agri-food production operator in Beauvais who wants to work in logistics.
OPERATOR = StoredProfile(
    ref="c-guidance",
    occupation_code="H2102",
    competences=("demarrer-arreter-ligne",),
    sectors=("logistique",),
    commune_insee="60057",
    radius_km=30,
    parcours="secteur",
)
FORKLIFT = "tp-cariste-entrepot"


@pytest.fixture(scope="module")
def engine(shipped_store: str) -> Engine:
    found = Engine.open(shipped_store)
    found.warm()
    return found


def missing(proposals: list[Proposal]) -> dict[str, set[str]]:
    return {p.bridge.code: {m.code for m in p.bridge.missing if m.core} for p in proposals}


def test_the_engine_profile_of_a_stored_profile() -> None:
    profile = engine_profile(OPERATOR)
    assert profile.occupations == ("H2102",)
    assert profile.competences == ("demarrer-arreter-ligne",)
    assert profile.sectors == ("logistique",)
    assert engine_profile(StoredProfile(ref="x")).occupations == ()


def test_no_bridges_while_neither_job_nor_competence_is_known(engine: Engine) -> None:
    assert stored_bridges(engine, StoredProfile(ref="c-new", commune_insee="60057", radius_km=30), 5) == []
    assert stored_bridges(engine, replace(OPERATOR, occupation_code=None), 5)


def test_changing_sector_bridges_are_in_the_sector_wished(engine: Engine) -> None:
    found = stored_bridges(engine, OPERATOR, 5)
    assert found
    assert all("logistique" in engine.sectors_of(p.bridge.code) for p in found)


def test_a_certification_obtained_closes_the_gaps_it_teaches(engine: Engine) -> None:
    taught = set(certification_competences(engine.url, [FORKLIFT]))
    assert "conduire-chariot-elevateur" in taught
    before = missing(stored_bridges(engine, OPERATOR, 5))
    assert any(gaps & taught for gaps in before.values())

    after = missing(what_if(engine, OPERATOR, WhatIf(add_certifications=(FORKLIFT,)), 5))

    assert after != before
    assert not any(gaps & taught for gaps in after.values())


def test_competences_added_then_removed_give_the_same_bridges(engine: Engine) -> None:
    added = WhatIf(add_competences=("conduire-chariot-elevateur", "preparer-commandes"))
    with_them = what_if(engine, OPERATOR, added, 5)
    gained = replace(OPERATOR, competences=(*OPERATOR.competences, *added.add_competences))
    removed = what_if(engine, gained, WhatIf(remove_competences=added.add_competences), 5)

    assert missing(with_them) != missing(removed)
    assert missing(removed) == missing(stored_bridges(engine, OPERATOR, 5))


def test_a_wider_radius_counts_more_offers(engine: Engine) -> None:
    near = {p.bridge.code: p.offers_nearby for p in what_if(engine, OPERATOR, WhatIf(radius_km=5), 5)}
    far = {p.bridge.code: p.offers_nearby for p in what_if(engine, OPERATOR, WhatIf(radius_km=200), 5)}
    assert sum(far.values()) > sum(near.values())


def test_an_unknown_certification_is_named(engine: Engine) -> None:
    with pytest.raises(UnknownCertification, match="RNCP00000") as raised:
        what_if(engine, OPERATOR, WhatIf(add_certifications=(FORKLIFT, "RNCP00000")), 5)
    assert raised.value.codes == ["RNCP00000"]
