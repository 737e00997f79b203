"""The observatory: anonymous figures per territory and branch for signed-in accounts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CurrentAccount, SettingsDep
from api.schemas.observatory import CompetenceCount, GroupPublic, JobCount, ObservatoryPublic
from retrieval.observatory import Count, Territory, observe

router = APIRouter(prefix="/observatory", tags=["observatoire"])


@router.get("")
def observatory(
    settings: SettingsDep,
    _account: CurrentAccount,
    by: Annotated[
        Territory, Query(description="Regrouper par bassin d'emploi ou par département.")
    ] = "bassin",
    branch: Annotated[str | None, Query(max_length=40, description="Une seule branche.")] = None,
) -> ObservatoryPublic:
    seen = observe(settings.store_url, by=by, branch=branch or None)
    return ObservatoryPublic(
        groups=[
            GroupPublic(
                territory=group.territory,
                territory_label=group.territory_label,
                branch=group.branch,
                people=group.people,
                origins=_jobs(group.origins),
                proposed=_jobs(group.proposed),
                chosen=_jobs(group.chosen),
                missing=[CompetenceCount(code=c.code, label=c.label, count=c.count) for c in group.missing],
            )
            for group in seen.groups
        ],
        withheld=seen.withheld,
        minimum_group=seen.minimum_group,
        minimum_cell=seen.minimum_cell,
    )


def _jobs(counts: list[Count]) -> list[JobCount]:
    return [JobCount(code_rome=c.code, title=c.label, count=c.count) for c in counts]
