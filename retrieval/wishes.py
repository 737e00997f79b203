"""People's wishes in the engine's terms.

The keys are the values the assistant's NLU gives the ``constraint`` and ``contract`` entities
(nlu/data/synonyms.yml): a person without a driving licence avoids the fiches that require one, someone with
back pain avoids heavy loads and painful postures; "intérim" is the offers' contract type MIS.
"""

from __future__ import annotations

AVOIDED_CONTEXTS: dict[str, tuple[str, ...]] = {
    "nuit": ("travail-nuit", "horaires-postes"),
    "horaires-decales": ("horaires-decales", "horaires-postes", "horaires-coupes"),
    "week-end": ("travail-week-end-feries",),
    "charges": ("port-charges",),
    "dos": ("port-charges", "postures-penibles"),
    "station-debout": ("station-debout",),
    "froid": ("travail-froid",),
    "permis": ("permis-b", "permis-c", "permis-ce", "permis-d", "conduite-frequente"),
    "conduite": ("conduite-frequente", "permis-c", "permis-ce", "permis-d"),
    "vehicule": ("site-peu-desservi", "deplacements-frequents", "grands-deplacements"),
}


def avoided_contexts(constraints: list[str]) -> list[str]:
    """The context codes behind the constraints, each once, in the order said; unknown values are ignored."""
    codes: dict[str, None] = {}
    for constraint in constraints:
        codes.update(dict.fromkeys(AVOIDED_CONTEXTS.get(constraint, ())))
    return list(codes)


#: France Travail's contract types (``typeContrat`` of the offers) for each contract people ask for.
OFFER_CONTRACTS: dict[str, str] = {
    "CDI": "CDI",
    "CDD": "CDD",
    "interim": "MIS",
    "saisonnier": "SAI",
    "alternance": "ALT",
}

#: How the offers' contract types are said.
CONTRACT_WORDS = {"CDI": "CDI", "CDD": "CDD", "MIS": "intérim", "SAI": "saisonnier", "ALT": "alternance"}


def offer_contracts(contracts: list[str]) -> list[str]:
    """The offers' contract types for the contracts asked for (working time, e.g. "temps-partiel", aside)."""
    return list(dict.fromkeys(OFFER_CONTRACTS[c] for c in contracts if c in OFFER_CONTRACTS))
