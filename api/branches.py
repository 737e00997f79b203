"""Branches of the widget: the demo ones shipped in ``branches.yml``, written to the store at setup."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from api.schemas.widget import SLUG, BranchConfig, BranchPublic, Colors
from retrieval.store import transaction
from retrieval.store.models import Branch

BRANCHES_FILE = Path(__file__).resolve().parent / "branches.yml"


class BranchesFileError(ValueError):
    """The shipped branches file is malformed: ``str()`` names the file, the branch and the field."""


def shipped_branches(path: Path = BRANCHES_FILE) -> dict[str, BranchConfig]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        branches = TypeAdapter(dict[str, BranchConfig]).validate_python(raw)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise BranchesFileError(f"{path}: {problems}") from error
    bad = [slug for slug in branches if not SLUG.match(slug)]
    if bad:
        raise BranchesFileError(f"{path}: invalid branch slug(s) {bad} (lower-case letters, digits, dashes)")
    return branches


def save_branch(session: Session, slug: str, config: BranchConfig) -> Branch:
    """Create or replace a branch."""
    row = session.get(Branch, slug) or Branch(slug=slug)
    row.title = config.title
    row.welcome = config.welcome
    row.logo_url = config.logo_url
    row.primary_color = config.colors.primary
    row.on_primary_color = config.colors.on_primary
    row.sectors = list(config.sectors)
    row.origins = list(config.origins)
    session.add(row)
    return row


def branch_public(row: Branch) -> BranchPublic:
    return BranchPublic(
        slug=row.slug,
        title=row.title,
        welcome=row.welcome,
        logo_url=row.logo_url,
        colors=Colors(primary=row.primary_color, on_primary=row.on_primary_color),
        sectors=row.sectors,
        origins=row.origins,
    )


def seed_branches(url: str) -> list[str]:
    """Add the shipped branches the store does not have yet (an admin's changes are kept); their slugs."""
    added = []
    with transaction(url) as session:
        for slug, config in shipped_branches().items():
            if session.get(Branch, slug) is None:
                save_branch(session, slug, config)
                added.append(slug)
    return added
