"""The observatory: anonymous figures per territory and branch, never about fewer than ``MINIMUM_GROUP``.

For each territory (the bassin d'emploi or the département of the person's commune) and branch website: the
jobs people come from, the passerelles proposed to them and chosen, and the core competences they most often
lack. Every figure is a count of people computed by the database; a group smaller than the minimum is never
returned, only counted as withheld, so that no answer can single anyone out.

Inside a shown group, a job or competence counted for fewer than ``MINIMUM_CELL`` people is left out of its
list (not shown as "fewer than 5"): a rare job of origin could otherwise point at the one person who has it.
The lists therefore give the frequent cases only, and their counts do not add up to the group's size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import ColumnElement, Subquery, case, func, select, true
from sqlalchemy.orm import Session

from retrieval.geo import read_bassins, read_departements
from retrieval.store import transaction
from retrieval.store.models import Competence, Occupation, Person, PersonProfile, Proposal

#: The fewest people a group must have to be shown (k-anonymity).
MINIMUM_GROUP = 10
#: The fewest people a job or competence of a shown group must be counted for to be listed.
MINIMUM_CELL = 5
#: How many jobs or competences each list of a group shows, most frequent first.
TOP = 10

Territory = Literal["bassin", "departement"]
TERRITORIES: tuple[Territory, ...] = ("bassin", "departement")


@dataclass(frozen=True)
class Count:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class Group:
    territory: str
    territory_label: str
    branch: str | None
    people: int
    origins: list[Count] = field(default_factory=list)
    proposed: list[Count] = field(default_factory=list)
    chosen: list[Count] = field(default_factory=list)
    missing: list[Count] = field(default_factory=list)


@dataclass(frozen=True)
class Observatory:
    groups: list[Group]
    #: How many groups were too small to be shown.
    withheld: int
    minimum_group: int = MINIMUM_GROUP
    minimum_cell: int = MINIMUM_CELL


GroupKey = tuple[str, str | None]


def observe(url: str, by: Territory = "bassin", branch: str | None = None) -> Observatory:
    """The figures of every group of at least ``MINIMUM_GROUP`` people, largest group first."""
    if by not in TERRITORIES:
        raise ValueError(f"territoire « {by} » inconnu : {' ou '.join(TERRITORIES)} attendu")
    people = _people(by, branch)
    with transaction(url) as session:
        sizes = {
            (territory, group_branch): size
            for territory, group_branch, size in session.execute(
                select(people.c.territory, people.c.branch, func.count()).group_by(
                    people.c.territory, people.c.branch
                )
            )
        }
        shown = {key for key, size in sizes.items() if size >= MINIMUM_GROUP}
        origins = _counts(session, people, people.c.occupation, shown)
        proposals = select(people, Proposal.rome_code, Proposal.chosen, Proposal.missing).join(
            Proposal, Proposal.person_id == people.c.id
        )
        proposed = proposals.subquery()
        chosen = proposals.where(Proposal.chosen.is_(True)).subquery()
        missing = _missing_elements(session, proposed)
        by_code = {
            "origins": origins,
            "proposed": _counts(session, proposed, proposed.c.rome_code, shown),
            "chosen": _counts(session, chosen, chosen.c.rome_code, shown),
            "missing": _counts(session, missing, missing.c.code, shown),
        }
        job_titles = _labels(
            session, Occupation.code, Occupation.title, by_code, ("origins", "proposed", "chosen")
        )
        competence_labels = _labels(session, Competence.code, Competence.label, by_code, ("missing",))
    names = territory_names(by)
    groups = [
        Group(
            territory=territory,
            territory_label=names.get(territory, territory),
            branch=group_branch,
            people=sizes[territory, group_branch],
            **{
                name: [
                    Count(code, (competence_labels if name == "missing" else job_titles).get(code, code), n)
                    for code, n in counts.get((territory, group_branch), [])
                ]
                for name, counts in by_code.items()
            },
        )
        for territory, group_branch in shown
    ]
    groups.sort(key=lambda g: (-g.people, g.territory, g.branch or ""))
    return Observatory(groups=groups, withheld=len(sizes) - len(shown))


def territory_names(by: Territory) -> dict[str, str]:
    """The official name of every bassin or département, by code."""
    return dict(_names(by))


@lru_cache(maxsize=2)
def _names(by: Territory) -> tuple[tuple[str, str], ...]:
    records: Sequence[Any] = read_bassins() if by == "bassin" else read_departements()
    return tuple((record.code, record.name) for record in records)


def _people(by: Territory, branch: str | None) -> Subquery:
    """One row per consenting person whose territory is known: id, territory, branch, job."""
    territory = PersonProfile.bassin if by == "bassin" else _departement()
    query = (
        select(
            Person.id.label("id"),
            territory.label("territory"),
            Person.branch.label("branch"),
            PersonProfile.occupation_code.label("occupation"),
        )
        .join(PersonProfile, PersonProfile.person_id == Person.id)
        .where(Person.consent_at.is_not(None), territory.is_not(None))
    )
    return (query if branch is None else query.where(Person.branch == branch)).subquery()


def _departement() -> ColumnElement[str]:
    """The département of the person's commune: its INSEE code's first two characters, three overseas."""
    insee = PersonProfile.commune_insee
    return case((func.substr(insee, 1, 2) == "97", func.substr(insee, 1, 3)), else_=func.substr(insee, 1, 2))


def _missing_elements(session: Session, proposed: Any) -> Any:
    """One row per (person, missing competence code) of their proposals, unnested by the database."""
    if session.get_bind().dialect.name == "postgresql":
        elements = func.json_array_elements_text(proposed.c.missing).table_valued("value")
    else:
        elements = func.json_each(proposed.c.missing).table_valued("value")
    return (
        select(proposed.c.id, proposed.c.territory, proposed.c.branch, elements.c.value.label("code"))
        .select_from(proposed)
        .join(elements, true())
        .subquery()
    )


def _counts(
    session: Session, rows: Any, code: Any, shown: set[GroupKey]
) -> dict[GroupKey, list[tuple[str, int]]]:
    """Per shown group, the ``TOP`` most frequent codes with the number of distinct people having each.

    Codes counted for fewer than ``MINIMUM_CELL`` people are left out.
    """
    people = func.count(rows.c.id.distinct())
    query = (
        select(rows.c.territory, rows.c.branch, code, people)
        .where(code.is_not(None))
        .group_by(rows.c.territory, rows.c.branch, code)
        .having(people >= MINIMUM_CELL)
        .order_by(people.desc(), code)
    )
    counts: dict[GroupKey, list[tuple[str, int]]] = defaultdict(list)
    for territory, branch, value, n in session.execute(query):
        if (territory, branch) in shown and len(counts[territory, branch]) < TOP:
            counts[territory, branch].append((str(value), int(n)))
    return counts


def _labels(
    session: Session,
    key: Any,
    label: Any,
    by_code: dict[str, dict[GroupKey, list[tuple[str, int]]]],
    lists: tuple[str, ...],
) -> dict[str, str]:
    """The referential's label of every code shown in the given lists."""
    codes = {code for name in lists for counts in by_code[name].values() for code, _ in counts}
    return {code: text for code, text in session.execute(select(key, label).where(key.in_(codes)))}
