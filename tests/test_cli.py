"""The CLI contract that evaluation scripts depend on, on the shipped referential with the real encoder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retrieval.cli import app

pytestmark = pytest.mark.encoder
runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    """Exit code, and standard output (or standard error when the command failed)."""
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout if result.exit_code == 0 else result.stderr


def test_jobs_search_returns_ranked_fiches_as_json(shipped_store: str) -> None:
    code, output = run("jobs", "search", "cariste", "--top", "3", "--json", "--db", shipped_store)
    assert code == 0
    found = json.loads(output)
    assert [set(item) for item in found] == [{"code_rome", "title", "score"}] * 3
    assert found[0]["code_rome"] == "N1101"
    assert found[0]["score"] >= found[1]["score"] >= found[2]["score"]


def test_bridges_give_one_line_per_source_with_offers_and_trainings(shipped_store: str) -> None:
    code, output = run(
        "bridges",
        "--from",
        "H2102,N1101",
        "--near",
        "Beauvais",
        "--radius-km",
        "40",
        "--top",
        "10",
        "--json",
        "--db",
        shipped_store,
    )
    assert code == 0
    lines = [json.loads(line) for line in output.splitlines()]
    assert [line["from"] for line in lines] == ["H2102", "N1101"]
    line_operator = lines[0]["bridges"]
    assert len(line_operator) == 10
    for bridge in line_operator:
        assert {
            "code_rome",
            "title",
            "score",
            "shared",
            "missing",
            "band",
            "offers_nearby",
            "trainings",
        } <= set(bridge)
        assert bridge["band"] in {"passerelle courte", "passerelle longue"}
    # Machine-conduct jobs of other industries, with the generic competences of line work shared.
    targets = {bridge["code_rome"]: bridge for bridge in line_operator}
    assert targets.keys() & {"H3301", "H2906", "H3201", "H2903", "H2301"}
    first = line_operator[0]
    assert any(s["code"] == "demarrer-arreter-ligne" for s in first["shared"])
    assert sum(b["offers_nearby"] for b in line_operator) > 0
    assert all(o["demo"] for b in line_operator for o in b["offers"])


def test_skills_text_adds_confirmed_competences(shipped_store: str) -> None:
    code, output = run(
        "bridges",
        "--from",
        "K2204",
        "--skills",
        "je conduis un chariot et je prépare des commandes",
        "--top",
        "5",
        "--json",
        "--db",
        shipped_store,
    )
    assert code == 0
    targets = [b["code_rome"] for b in json.loads(output)["bridges"]]
    assert targets[:5] and {"N1103", "N1101", "N1105"} & set(targets)


def test_unknown_rome_code_and_commune_are_clear_french_errors(shipped_store: str) -> None:
    code, output = run("bridges", "--from", "Z9999", "--db", shipped_store)
    assert code == 1 and "code ROME inconnu" in output
    code, output = run("offers", "--near", "Groland-sur-Mer", "--db", shipped_store)
    assert code == 1 and "commune introuvable" in output


def test_offers_near_a_demo_territory(shipped_store: str) -> None:
    code, output = run(
        "offers", "--near", "02100", "--radius-km", "20", "--top", "5", "--json", "--db", shipped_store
    )
    assert code == 0
    offers = json.loads(output)["offers"]
    assert len(offers) == 5 and all(o["demo"] for o in offers)
    assert [o["distance_km"] for o in offers] == sorted(o["distance_km"] for o in offers)


def test_unknown_import_kind_is_refused(shipped_store: str) -> None:
    code, output = run("referential", "import", "romeo", ".", "--db", shipped_store)
    assert code == 2 and "type d'import inconnu" in output


def test_a_truncated_import_names_file_line_and_field_and_changes_nothing(tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 'store.db'}"
    offers = tmp_path / "offres.json"
    offers.write_text(
        '{"resultats": [{"id": "1", "intitule": "Cariste", "romeCode": "N1101"', encoding="utf-8"
    )
    code, output = run("referential", "import", "offers", str(offers), "--db", store)
    assert code == 1
    assert "offres.json" in output and "La base n'a pas été modifiée" in output and "Détail :" in output


def test_an_unreachable_database_is_a_clear_error(tmp_path: Path) -> None:
    code, output = run("db", "upgrade", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert code == 1 and "base de données est inaccessible" in output
