"""The offers radius search returns exactly what a brute-force distance scan returns, nearest first."""

from __future__ import annotations

import math

import numpy as np
import pytest

from retrieval.demo import CONTRACTS, synthetic_offers
from retrieval.geo import haversine_km_array
from retrieval.offers import OfferIndex
from retrieval.store import transaction
from retrieval.store.models import Offer

ROME_CODES = ["H2102", "H3201", "N1103", "F1703"]


def random_offers(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Points clustered around a few centres, plus some over the whole globe (poles, date line)."""
    centres = np.array([[49.43, 2.08], [43.3, -0.37], [-21.1, 55.5], [89.9, 10.0], [0.0, 179.95]])
    which = rng.integers(len(centres), size=n)
    lat = np.clip(centres[which, 0] + rng.normal(0, 0.5, n), -90, 90)
    lon = (centres[which, 1] + rng.normal(0, 0.7, n) + 180) % 360 - 180
    spread = rng.random(n) < 0.2
    lat[spread] = np.degrees(np.arcsin(rng.uniform(-1, 1, spread.sum())))
    lon[spread] = rng.uniform(-180, 180, spread.sum())
    return {
        "ids": np.array([f"o{i}" for i in range(n)]),
        "lat": lat,
        "lon": lon,
        "contracts": rng.choice(list(CONTRACTS), n),
        "rome": rng.choice(ROME_CODES, n),
    }


def distances_to(offers: dict[str, np.ndarray], lat: float, lon: float) -> np.ndarray:
    return haversine_km_array(
        math.radians(lat), math.radians(lon), np.radians(offers["lat"]), np.radians(offers["lon"])
    )


@pytest.mark.parametrize("seed", range(5))
def test_radius_search_finds_the_same_offers_as_a_brute_force_scan(seed: int) -> None:
    rng = np.random.default_rng(seed)
    offers = random_offers(rng, 5_000)
    index = OfferIndex(offers["ids"], offers["lat"], offers["lon"], offers["contracts"], offers["rome"])
    for _ in range(40):
        anchor = rng.integers(len(offers["ids"]))
        lat = float(np.clip(offers["lat"][anchor] + rng.normal(0, 0.3), -90, 90))
        lon = float(offers["lon"][anchor] + rng.normal(0, 0.3))
        radius = float(rng.choice([0.5, 5, 30, 100, 2_000]))
        contracts = {"CDI", "MIS"} if rng.random() < 0.3 else None
        romes = {"H2102", "UNKNOWN"} if rng.random() < 0.3 else None
        distances = distances_to(offers, lat, lon)
        wanted = distances <= radius
        if contracts:
            wanted &= np.isin(offers["contracts"], list(contracts))
        if romes:
            wanted &= np.isin(offers["rome"], list(romes))
        hits = index.near(lat, lon, radius, contracts=contracts, rome_codes=romes)
        assert {h.id for h in hits} == set(offers["ids"][wanted])
        found = [h.distance_km for h in hits]
        assert found == sorted(found)
        np.testing.assert_allclose(found, np.sort(distances[wanted]), rtol=1e-9)


def test_demand_counts_the_offers_of_each_fiche_inside_the_circle() -> None:
    offers = random_offers(np.random.default_rng(7), 5_000)
    index = OfferIndex(offers["ids"], offers["lat"], offers["lon"], offers["contracts"], offers["rome"])
    inside = distances_to(offers, 49.43, 2.08) <= 40
    codes, counts = np.unique(offers["rome"][inside], return_counts=True)
    assert index.demand(49.43, 2.08, 40) == dict(zip(codes.tolist(), counts.tolist(), strict=True))


def test_limit_keeps_the_nearest_offers() -> None:
    rng = np.random.default_rng(11)
    offers = random_offers(rng, 3_000)
    index = OfferIndex(offers["ids"], offers["lat"], offers["lon"], offers["contracts"], offers["rome"])
    everything = index.near(49.43, 2.08, 150)
    assert len(everything) > 20
    assert index.near(49.43, 2.08, 150, limit=20) == everything[:20]
    assert index.near(49.43, 2.08, 150, limit=0) == []


def test_offers_without_coordinates_are_left_out() -> None:
    index = OfferIndex(
        ["a", "b", "c"], [49.43, np.nan, 49.44], [2.08, 2.08, np.nan], ["CDI"] * 3, ["H2102"] * 3
    )
    assert len(index) == 1
    assert [h.id for h in index.near(49.43, 2.08, 1_000)] == ["a"]


def test_unknown_filter_values_match_nothing() -> None:
    index = OfferIndex(["a"], [49.43], [2.08], ["CDI"], ["H2102"])
    assert index.near(49.43, 2.08, 10, contracts={"XYZ"}) == []
    assert index.near(49.43, 2.08, 10, rome_codes=set()) == []
    assert [h.id for h in index.near(49.43, 2.08, 10, contracts={"CDI"}, rome_codes={"H2102"})] == ["a"]


def test_index_from_the_store_holds_the_offers_with_coordinates(store_url: str) -> None:
    with transaction(store_url) as session:
        session.add_all(
            [
                Offer(
                    id="beauvais",
                    title="Cariste",
                    occupation="N1101",
                    contract="CDI",
                    latitude=49.43,
                    longitude=2.08,
                    source="test",
                ),
                Offer(
                    id="creil",
                    title="Cariste",
                    occupation="N1101",
                    contract="MIS",
                    latitude=49.26,
                    longitude=2.47,
                    source="test",
                ),
                Offer(id="nowhere", title="Cariste", occupation=None, contract="CDD", source="test"),
            ]
        )
    index = OfferIndex.from_store(store_url)
    assert len(index) == 2
    hits = index.near(49.43, 2.08, 50)
    assert [h.id for h in hits] == ["beauvais", "creil"]
    assert hits[1].distance_km == pytest.approx(33, abs=2)
    assert [h.id for h in index.near(49.43, 2.08, 50, contracts={"MIS"})] == ["creil"]


def test_empty_store_gives_an_empty_index(store_url: str) -> None:
    index = OfferIndex.from_store(store_url)
    assert len(index) == 0 and index.near(49.43, 2.08, 50) == []


def test_synthetic_offers_are_reproducible_and_over_france() -> None:
    offers = synthetic_offers(20_000, seed=3)
    assert len(offers) == 20_000 and len(set(offers["id"])) == 20_000
    np.testing.assert_array_equal(offers, synthetic_offers(20_000, seed=3))
    assert not np.array_equal(offers["latitude"], synthetic_offers(20_000, seed=4)["latitude"])
    assert set(offers["contract"]) == set(CONTRACTS)
    mainland = (offers["latitude"] > 41) & (offers["latitude"] < 51.2)
    assert mainland.mean() > 0.95
    index = OfferIndex.from_arrays(offers)
    assert len(index.near(48.8566, 2.3522, 50)) > 100
