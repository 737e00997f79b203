"""The public list of branches."""

from __future__ import annotations

from pydantic import BaseModel


class BranchSummary(BaseModel):
    #: The branch's name in URLs and in the widget's ``data-branch``, e.g. "plasturgie".
    slug: str
    title: str
