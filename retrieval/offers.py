"""Radius search over job offers: "the offers within 30 km of Beauvais, in CDI, for these fiches".

The index keeps the offers sorted by latitude in numpy arrays. A query takes the latitude band of the
circle with two binary searches, narrows it to the longitude band, and computes exact great-circle
distances on the few candidates left: a few milliseconds over a million offers on one core.

Offers without coordinates are never returned by a radius search: they are left out of the index.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from sqlalchemy import select

from retrieval.geo import EARTH_RADIUS_KM, FloatArray, haversine_km_array
from retrieval.store import transaction
from retrieval.store.models import Offer

# Widens the bands by a hair so that rounding never drops a point lying exactly on the circle.
_BAND_MARGIN_RAD = 1e-9


class OfferHit(NamedTuple):
    """An offer found by a radius search (a named tuple: cheap to build by thousands)."""

    id: str
    distance_km: float
    rome_code: str


class _Codes:
    """Strings (contract types, ROME codes) stored as small integers, with their vocabulary."""

    def __init__(self, values: npt.ArrayLike) -> None:
        self.vocabulary, self.codes = np.unique(np.asarray(values, dtype=str), return_inverse=True)
        self.index = {str(value): i for i, value in enumerate(self.vocabulary)}

    def lookup(self, values: Collection[str]) -> npt.NDArray[np.intp]:
        return np.array([self.index[v] for v in values if v in self.index], dtype=np.intp)


class OfferIndex:
    """Offers' positions, contract types and ROME codes, searchable by distance from a point."""

    def __init__(
        self,
        ids: Sequence[str] | npt.NDArray[np.str_],
        latitudes: npt.ArrayLike,
        longitudes: npt.ArrayLike,
        contracts: Sequence[str] | npt.NDArray[np.str_],
        rome_codes: Sequence[str] | npt.NDArray[np.str_],
    ) -> None:
        """Index offers given in degrees; offers whose latitude or longitude is NaN are left out."""
        lat = np.asarray(latitudes, dtype=np.float64)
        lon = np.asarray(longitudes, dtype=np.float64)
        placed = np.flatnonzero(~(np.isnan(lat) | np.isnan(lon)))
        order = placed[np.argsort(lat[placed], kind="stable")]
        self.ids = np.asarray(ids, dtype=str)[order]
        self.lat = np.radians(lat[order])
        self.lon = np.radians(lon[order])
        self.cos_lat = np.cos(self.lat)
        self.contracts = _Codes(np.asarray(contracts, dtype=str)[order])
        self.rome_codes = _Codes(np.asarray(rome_codes, dtype=str)[order])

    @classmethod
    def from_arrays(cls, offers: npt.NDArray[np.void]) -> OfferIndex:
        """From a structured array with fields id, latitude, longitude, contract and rome."""
        return cls(offers["id"], offers["latitude"], offers["longitude"], offers["contract"], offers["rome"])

    @classmethod
    def from_store(cls, url: str) -> OfferIndex:
        """Every offer of the store that has coordinates."""
        query = select(Offer.id, Offer.latitude, Offer.longitude, Offer.contract, Offer.occupation).where(
            Offer.latitude.is_not(None), Offer.longitude.is_not(None)
        )
        with transaction(url) as session:
            rows = session.execute(query).all()
        ids, lats, lons, contracts, romes = zip(*rows, strict=True) if rows else ((), (), (), (), ())
        return cls(ids, lats, lons, contracts, [rome or "" for rome in romes])

    def __len__(self) -> int:
        return len(self.ids)

    def near(
        self,
        latitude: float,
        longitude: float,
        radius_km: float,
        *,
        contracts: Collection[str] | None = None,
        rome_codes: Collection[str] | None = None,
        limit: int | None = None,
    ) -> list[OfferHit]:
        """Offers within ``radius_km`` of the point (degrees), nearest first, optionally filtered and cut."""
        candidates, distances = self._within(latitude, longitude, radius_km, contracts, rome_codes)
        if limit is not None and limit < len(candidates):
            nearest = np.argpartition(distances, limit)[:limit]
            candidates, distances = candidates[nearest], distances[nearest]
        order = np.argsort(distances, kind="stable")
        rows = candidates[order]
        romes = self.rome_codes.vocabulary[self.rome_codes.codes[rows]]
        return list(map(OfferHit, self.ids[rows].tolist(), distances[order].tolist(), romes.tolist()))

    def demand(self, latitude: float, longitude: float, radius_km: float) -> dict[str, int]:
        """How many offers each ROME code has within ``radius_km`` of the point: the local demand."""
        candidates, _ = self._within(latitude, longitude, radius_km, None, None)
        counts = np.bincount(self.rome_codes.codes[candidates], minlength=len(self.rome_codes.index))
        return {code: int(counts[i]) for code, i in self.rome_codes.index.items() if counts[i] and code}

    def _within(
        self,
        latitude: float,
        longitude: float,
        radius_km: float,
        contracts: Collection[str] | None,
        rome_codes: Collection[str] | None,
    ) -> tuple[npt.NDArray[np.intp], FloatArray]:
        """Rows of the offers inside the circle that pass the filters, with their distances."""
        lat, lon = math.radians(latitude), math.radians(longitude)
        angle = radius_km / EARTH_RADIUS_KM + _BAND_MARGIN_RAD
        start = int(np.searchsorted(self.lat, lat - angle, side="left"))
        stop = int(np.searchsorted(self.lat, lat + angle, side="right"))
        candidates = start + np.flatnonzero(self._longitude_band(lat, lon, angle, self.lon[start:stop]))
        if contracts is not None:
            candidates = candidates[
                np.isin(self.contracts.codes[candidates], self.contracts.lookup(contracts))
            ]
        if rome_codes is not None:
            candidates = candidates[
                np.isin(self.rome_codes.codes[candidates], self.rome_codes.lookup(rome_codes))
            ]
        distances = haversine_km_array(
            lat, lon, self.lat[candidates], self.lon[candidates], self.cos_lat[candidates]
        )
        inside = distances <= radius_km
        return candidates[inside], distances[inside]

    @staticmethod
    def _longitude_band(lat: float, lon: float, angle: float, lons: FloatArray) -> npt.NDArray[np.bool_]:
        """Which of ``lons`` may be within ``angle`` (radians) of the point: all if the circle has a pole."""
        if abs(lat) + angle >= math.pi / 2:
            return np.ones(len(lons), dtype=bool)
        half_width = math.asin(min(1.0, math.sin(angle) / math.cos(lat))) + _BAND_MARGIN_RAD
        west, east = lon - half_width, lon + half_width
        if west < -math.pi:  # the band crosses the date line
            return (lons >= west + 2 * math.pi) | (lons <= east)
        if east > math.pi:
            return (lons >= west) | (lons <= east - 2 * math.pi)
        return (lons >= west) & (lons <= east)
