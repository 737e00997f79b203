"""Reading short French answers: durations, distances, menu numbers, "peu importe"…

Pure functions of the text, so that the forms stay readable and every wording is tested on its own.
"""

from __future__ import annotations

import datetime as dt
import re

from retrieval.geo import fold

NUMBER_WORDS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
}
_NUMBER = r"(\d+(?:[.,]\d+)?|" + "|".join(NUMBER_WORDS) + ")"
_NOTHING = re.compile(
    r"^(?:non|rien|aucune?|peu importe|n importe|pas de preference|pas vraiment|je sais pas|"
    r"je ne sais pas|sais pas|jsp|tout me va|tout|ca m est egal|egal|bof|pas specialement|non merci)\b"
)


def _folded(text: str) -> str:
    """Lower case, no accents, punctuation and apostrophes as spaces: "moins d'un an" → "moins d un an"."""
    return fold(text)


def _number(word: str) -> float:
    return NUMBER_WORDS[word] if word in NUMBER_WORDS else float(word.replace(",", "."))


def menu_number(text: str, size: int) -> int | None:
    """The choice typed for a numbered menu ("2", "le 2", "n°3"), 1-based, or None."""
    found = re.fullmatch(r"(?:le |la |n |no |numero |choix )?(\d{1,2})", _folded(text))
    if found and 1 <= int(found[1]) <= size:
        return int(found[1])
    return None


def numbers(text: str) -> list[int]:
    """Every whole number in the text, in order ("enlève la 2 et la 4" → [2, 4])."""
    return [int(n) for n in re.findall(r"\d+", text)]


def says_nothing(text: str) -> bool:
    """No preference, nothing to add: "peu importe", "rien", "non"…"""
    return bool(_NOTHING.match(_folded(text)))


def years_of_experience(text: str, today: dt.date | None = None) -> float | None:
    """Years in a job: "10 ans", "deux ans et demi", "6 mois", "moins d'un an", "depuis 2015", "5"."""
    said = _folded(text)
    if re.search(r"\b(?:moins d un an|quelques mois|pas longtemps|debutant|jamais)\b", said):
        return 0.5
    if since := re.search(r"\bdepuis (?:l an |l annee )?((?:19|20)\d{2})\b", said):
        year = (today or dt.date.today()).year
        return float(max(year - int(since[1]), 0))
    if months := re.search(_NUMBER + r" ?mois\b", said):
        return round(_number(months[1]) / 12, 2)
    if years := re.search(_NUMBER + r" ?(?:ans?|annees?|piges?)\b( et demi)?", said):
        return _number(years[1]) + (0.5 if years[2] else 0.0)
    if bare := re.fullmatch(r"\s*" + _NUMBER + r"\s*", said):
        value = _number(bare[1])
        return value if value <= 50 else None
    if re.search(r"\b(?:longtemps|toute? ma vie|des annees)\b", said):
        return 10.0
    return None


#: The radius menu: 1. 10 km  2. 20 km  3. 30 km  4. 50 km.
RADIUS_MENU = (10, 20, 30, 50)
MAX_RADIUS_KM = 200


def radius_km(text: str) -> int | None:
    """How far the person can travel, in km: "20 km", "30", "une demi-heure", "pas loin", a menu number."""
    said = _folded(text)
    if (choice := menu_number(said, len(RADIUS_MENU))) is not None:
        return RADIUS_MENU[choice - 1]
    if re.search(r"\bdemi heure\b", said):
        return 25
    if km := re.search(_NUMBER + r" ?(?:km|kms|kilometres?|bornes)?\b", said):
        value = _number(km[1])
        if re.search(r"\b(?:min|minutes?)\b", said):
            value *= 0.8  # about 50 km/h around towns
        elif re.search(r"\bheures?\b", said):
            value *= 50
        return int(min(max(value, 1), MAX_RADIUS_KM))
    if re.search(r"\b(?:pas loin|a cote|tout pres|a pied|en velo|sans voiture|pas de voiture)\b", said):
        return 10
    if re.search(r"\b(?:loin|peu importe|partout|n importe ou|toute la region|je peux bouger)\b", said):
        return 50
    return None


def training_wish(text: str) -> str | None:
    """How much training the person accepts: "courte", "longue" or "aucune"."""
    said = _folded(text)
    if (choice := menu_number(said, 3)) is not None:
        return ("courte", "longue", "aucune")[choice - 1]
    if re.search(r"\b(?:pas de formation|aucune|non|pas (?:le temps|envie)|plus l age|jamais)\b", said):
        return "aucune"
    if re.search(r"\b(?:longue|plusieurs mois|un an|des mois|meme longue|peu importe|pourquoi pas)\b", said):
        return "longue"
    if re.search(r"\b(?:courte|quelques (?:jours|semaines)|pas trop longue|petite|oui|ok|d accord)\b", said):
        return "courte"
    return None


PARCOURS_WORDS = (
    ("secteur", r"\b(?:secteur|changer de (?:domaine|branche|voie)|reconversion|autre domaine)\b"),
    ("bilan", r"\b(?:point|bilan|evaluer|mes competences|ce que je sais faire)\b"),
    (
        "proche",
        r"\b(?:pres de chez|proche|a cote|offres?|annonces?|trouver (?:un )?(?:emploi|travail|job))\b",
    ),
    ("decouvrir", r"\b(?:decouvr\w*|metiers?|idees?|passerelles?|explorer)\b"),
)
#: The menu's order.
PARCOURS = ("decouvrir", "proche", "bilan", "secteur")


def parcours(text: str) -> str | None:
    """The parcours chosen: a code of PARCOURS, from its menu number or words."""
    said = _folded(text)
    if said in PARCOURS:
        return said
    if (choice := menu_number(said, len(PARCOURS))) is not None:
        return PARCOURS[choice - 1]
    for code, words in PARCOURS_WORDS:
        if re.search(words, said):
            return code
    return None


#: Words that welcome what a clause names: "travailler debout, ça me va", "le froid ne me dérange pas";
#: a counsellor says them of the person ("ça lui va", "elle aime bien").
_WELCOMING = re.compile(
    r"\b(?:(?:ca (?:me|lui) (?:va|plait)|(?:j|il|elle) (?:aime|adore)|(?:je|il|elle) veu[xt] bien|"
    r"(?:j|il|elle) accepte)(?! pas| plus| jamais| trop)|(?:me|lui) (?:derange|gene) pas|"
    r"pas de (?:probleme|souci)|aucun (?:probleme|souci)|sans (?:probleme|souci)|ok pour|d accord pour|"
    r"l habitude|habitue|pas genant)\b"
)
#: Where a clause ends: "pas de nuit mais travailler debout ça me va" (a comma may only set a topic apart:
#: "le froid, j'ai l'habitude").
_CLAUSE_END = re.compile(r"[;.!?]|\b(?:mais|et|par contre|sauf)\b", re.IGNORECASE)
#: A constraint said in the negative is avoided whatever the rest says: "pas de nuit", "je veux bien la
#: nuit, pas le froid".
_AVOIDING = re.compile(r"^(?:pas|sans|ne|non|jamais|plus)\b")
_AVOIDING_BEFORE = re.compile(r"\b(?:pas|sans|ni|jamais|plus|eviter?)(?: (?:de|d|le|la|les|du|des))?$")


def welcomed(text: str, start: int, end: int) -> bool:
    """Whether the clause holding ``text[start:end]`` (a constraint the NLU found) welcomes it."""
    ends = [m.start() for m in _CLAUSE_END.finditer(text)]
    clause_start = max((e for e in ends if e < start), default=0)
    clause_end = min((e for e in ends if e >= end), default=len(text))
    if _AVOIDING.match(_folded(text[start:end])) or _AVOIDING_BEFORE.search(
        _folded(text[clause_start:start])
    ):
        return False
    return bool(_WELCOMING.search(_folded(text[clause_start:clause_end])))


RATINGS = ("acquis", "a_renforcer", "pas_encore")


def rating(text: str) -> str | None:
    """How the person rates a competence: one of RATINGS, from a menu number or words."""
    said = _folded(text)
    if said.replace(" ", "_") in RATINGS:
        return said.replace(" ", "_")
    if (choice := menu_number(said, len(RATINGS))) is not None:
        return RATINGS[choice - 1]
    if re.search(r"\b(?:pas encore|jamais|non|pas du tout|je sais pas|je ne sais pas|aucune idee)\b", said):
        return "pas_encore"
    if re.search(r"\b(?:renforcer|un peu|moyen|bof|a peu pres|des fois|parfois|pas trop|debutant)\b", said):
        return "a_renforcer"
    if re.search(
        r"\b(?:acquis|oui|maitrise|je sais|facile|bien sur|carrement|tous les jours|expert)\b", said
    ):
        return "acquis"
    return None
