"""The widget's configuration for a branch (public), and its update by admins."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, HTTPException, Request, status

from api.branches import branch_public, save_branch
from api.deps import AdminAccount, SessionDep, SettingsDep
from api.schemas.widget import SLUG, BranchConfig, BranchPublic, Colors, WidgetConfigPublic
from retrieval.store.models import Branch

router = APIRouter(prefix="/widget", tags=["widget"])


def _unknown(branch: str) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, f"Branche inconnue : « {branch} ».")


@router.get("/{branch}")
def widget_config(
    branch: str, request: Request, session: SessionDep, settings: SettingsDep
) -> WidgetConfigPublic:
    row = session.get(Branch, branch)
    if row is None:
        raise _unknown(branch)
    logo = row.logo_url
    if logo.startswith(
        "/"
    ):  # served by this API: the widget runs on other sites, so it needs the full address
        logo = str(request.base_url).rstrip("/") + logo
    rasa = settings.rasa_browser_url
    return WidgetConfigPublic(
        branch=row.slug,
        title=row.title,
        welcome=row.welcome,
        logo_url=logo,
        colors=Colors(primary=row.primary_color, on_primary=row.on_primary_color),
        sectors=row.sectors,
        socket_url=rasa,
        socket_path=settings.rasa_socket_path,
        rest_url=f"{rasa}/webhooks/rest/webhook",
    )


@router.put("/{branch}")
def update_branch(
    branch: str,
    config: BranchConfig,
    request: Request,
    session: SessionDep,
    _admin: AdminAccount,
    after_answer: BackgroundTasks,
) -> BranchPublic:
    """Create or replace a branch; its websites may call the API at once (CORS)."""
    if not SLUG.match(branch):
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "Nom de branche invalide : lettres minuscules, chiffres et tirets (40 au plus).",
        )
    # The allow-list reads the store: refreshed once the change is committed (before the answer is sent).
    after_answer.add_task(request.app.state.origins.refresh)
    return branch_public(save_branch(session, branch, config))
