"""A branch's widget: how it looks and greets, which sectors it favours, which websites embed it."""

from __future__ import annotations

import re
from typing import Annotated, Self
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, Field, StringConstraints, model_validator

from api.schemas.common import Strict

#: WCAG 2.1 level AA for normal text.
MIN_CONTRAST = 4.5


def _relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours, from 1 (same) to 21 (black on white)."""
    light, dark = sorted((_relative_luminance(first), _relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _origin(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
        raise ValueError(f"Origine web invalide : « {value} » (exemple : https://www.ma-branche.fr).")
    return f"{parts.scheme}://{parts.netloc}".lower()


Colour = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^#[0-9a-fA-F]{6}$")]
Origin = Annotated[str, AfterValidator(_origin)]
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


class Colors(BaseModel):
    primary: Colour
    on_primary: Colour

    @model_validator(mode="after")
    def _readable(self) -> Self:
        ratio = contrast_ratio(self.primary, self.on_primary)
        if ratio < MIN_CONTRAST:
            raise ValueError(
                f"Contraste insuffisant entre les deux couleurs ({ratio:.1f}:1, il faut au moins "
                f"{MIN_CONTRAST}:1 pour être lisible)."
            )
        return self


class BranchConfig(Strict):
    """What an admin sets for a branch (and what ``api/branches.yml`` ships for the demo branches)."""

    title: str = Field(min_length=1, max_length=200)
    welcome: str = Field(min_length=1, max_length=2000)
    #: A path on this server (``/static/logos/<branch>.svg``) or an absolute https address.
    logo_url: str = Field(min_length=1, max_length=500, pattern=r"^(/|https?://)")
    colors: Colors
    sectors: list[Annotated[str, StringConstraints(min_length=1, max_length=40)]] = Field(max_length=20)
    origins: list[Origin] = Field(default=[], max_length=20)


class WidgetConfigPublic(BaseModel):
    branch: str
    title: str
    welcome: str
    logo_url: str
    colors: Colors
    sectors: list[str]
    socket_url: str
    socket_path: str
    rest_url: str


class BranchPublic(BranchConfig):
    """A branch as admins see it (with its CORS origins)."""

    slug: str


class VisitorCreate(Strict):
    branch: str = Field(min_length=1, max_length=40)


class VisitorPublic(BaseModel):
    #: "v-" and 32 hex digits: the widget's Rasa sender id.
    id: str
