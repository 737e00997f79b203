"""The engine's answers as plain JSON-ready dicts: one shape for the CLI, the actions and the API.

The keys of ``proposal`` (``code_rome``, ``title``, ``score``, ``shared``, ``missing``, ``band``,
``offers_nearby``, ``trainings``) are a contract with evaluation scripts and widgets: extend, never rename.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from retrieval.bridges import Bridge
from retrieval.engine import OfferSummary, Proposal
from retrieval.trainings import TrainingPath


def bridge(found: Bridge) -> dict[str, Any]:
    return {
        "code_rome": found.code,
        "title": found.title,
        "score": found.score,
        "shared": [{"code": s.code, "label": s.label, "because_of": s.because_of} for s in found.shared],
        "missing": [
            {"code": m.code, "label": m.label, "core": m.core, "hours": m.hours} for m in found.missing
        ],
        "band": found.band,
        "training_hours": found.training_hours,
        "facets": found.facets,
        "reasons": found.reasons,
    }


def offer(found: OfferSummary) -> dict[str, Any]:
    return asdict(found)


def training_path(path: TrainingPath) -> list[dict[str, Any]]:
    """The steps of a training path, each a bloc of a certification with its sessions nearby."""
    return [
        {
            "certification": step.bloc.certification,
            "certification_title": step.bloc.certification_title,
            "kind": step.bloc.certification_kind,
            "bloc": step.bloc.code,
            "bloc_title": step.bloc.title,
            "hours": step.bloc.hours,
            "covers": step.covers,
            "funding": list(step.bloc.funding),
            "sessions": [
                {**asdict(session), "start": session.start.isoformat() if session.start else None}
                for session in step.sessions
            ],
        }
        for step in path.steps
    ]


def proposal(found: Proposal) -> dict[str, Any]:
    return {
        **bridge(found.bridge),
        "band": found.band,
        "offers_nearby": found.offers_nearby,
        "offers": [offer(o) for o in found.offers],
        "trainings": training_path(found.training),
        "training_total_hours": found.training.total_hours,
        "not_covered_by_training": found.training.uncovered,
        "funding": found.training.funding,
    }
