"""The shipped certifications and funding schemes: valid entries, resolved references, and a training path
(a bloc that teaches it) for almost every competence a bridge can show as missing.

Like test_referential_files, each check lists every problem it finds, so that the people writing the YAML
files can fix them all in one pass.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain

import pytest
from sqlalchemy import String

from retrieval.referential.files import DATA_DIR, read_csv, read_entries
from retrieval.referential.schema import CertificationEntry, CompetenceEntry, FundingEntry
from retrieval.store.models import Base, Certification, CertificationBloc, FundingScheme

#: Share of the acquirable competences (every kind but work context) that at least one bloc teaches.
MIN_COVERAGE = 0.8


@pytest.fixture(scope="module")
def certifications() -> list[CertificationEntry]:
    return read_entries(DATA_DIR / "certifications.yaml", CertificationEntry)


@pytest.fixture(scope="module")
def funding() -> list[FundingEntry]:
    return read_entries(DATA_DIR / "funding.yaml", FundingEntry)


@pytest.fixture(scope="module")
def kinds() -> dict[str, str]:
    paths = sorted((DATA_DIR / "competences").glob("*.yaml"))
    return {entry.code: entry.kind for path in paths for entry in read_entries(path, CompetenceEntry)}


def _duplicates(codes: list[str]) -> list[str]:
    return [code for code, count in Counter(codes).items() if count > 1]


def _too_long_for(entity: type[Base], codes: list[str]) -> list[str]:
    column = entity.__table__.c.code.type
    assert isinstance(column, String) and column.length is not None
    return [code for code in codes if len(code) > column.length]


def test_codes_are_unique_and_fit_the_store(
    certifications: list[CertificationEntry], funding: list[FundingEntry]
) -> None:
    certification_codes = [certification.code for certification in certifications]
    # A bloc's code is the store's primary key on its own, so it must be unique across certifications.
    bloc_codes = [bloc.code for certification in certifications for bloc in certification.blocs]
    funding_codes = [scheme.code for scheme in funding]
    assert _duplicates(certification_codes) == []
    assert _duplicates(bloc_codes) == []
    assert _duplicates(funding_codes) == []
    assert _too_long_for(Certification, certification_codes) == []
    assert _too_long_for(CertificationBloc, bloc_codes) == []
    assert _too_long_for(FundingScheme, funding_codes) == []


def test_funding_schemes_exist_and_are_all_used(
    certifications: list[CertificationEntry], funding: list[FundingEntry]
) -> None:
    known = {scheme.code for scheme in funding}
    unknown = [
        f"{certification.code}: {code}"
        for certification in certifications
        for code in certification.funding
        if code not in known
    ]
    assert unknown == []
    used = set(chain.from_iterable(certification.funding for certification in certifications))
    assert sorted(known - used) == []


def test_occupations_are_rome_fiches(certifications: list[CertificationEntry]) -> None:
    rome = {row["code"] for row in read_csv(DATA_DIR / "rome_codes.csv")}
    unknown = [
        f"{certification.code}: {code}"
        for certification in certifications
        for code in certification.occupations
        if code not in rome
    ]
    assert unknown == []


def test_blocs_teach_known_competences_at_least_one_acquirable(
    certifications: list[CertificationEntry], kinds: dict[str, str]
) -> None:
    problems = []
    for certification in certifications:
        for bloc in certification.blocs:
            where = f"{certification.code}, bloc {bloc.code}"
            problems += [f"{where}: {code} inconnue" for code in bloc.competences if code not in kinds]
            problems += [f"{where}: {code} en double" for code in _duplicates(bloc.competences)]
            # Work-context items only name the credential a bloc grants (CACES, permis): not enough alone.
            if all(kinds.get(code, "contexte") == "contexte" for code in bloc.competences):
                problems.append(f"{where}: aucune compétence à acquérir")
    assert problems == []


def test_blocs_fit_in_the_certification_hours(certifications: list[CertificationEntry]) -> None:
    too_long = [
        f"{certification.code}: {sum(bloc.hours for bloc in certification.blocs)} h > {certification.hours} h"
        for certification in certifications
        if sum(bloc.hours for bloc in certification.blocs) > certification.hours
    ]
    assert too_long == []


def test_blocs_teach_most_acquirable_competences(
    certifications: list[CertificationEntry], kinds: dict[str, str]
) -> None:
    acquirable = {code for code, kind in kinds.items() if kind != "contexte"}
    taught = {
        code for certification in certifications for bloc in certification.blocs for code in bloc.competences
    }
    coverage = len(acquirable & taught) / len(acquirable)
    untaught = ", ".join(sorted(acquirable - taught))
    assert coverage >= MIN_COVERAGE, f"{coverage:.1%} des compétences ont une formation ; sans : {untaught}"
