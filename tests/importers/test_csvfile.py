from pathlib import Path

import pytest

from retrieval.importers import ImportFailure
from retrieval.importers.csvfile import CsvRow, read_csv
from tests.importers.helpers import FIXTURES


def rows(path: Path, data: bytes, required: tuple[str, ...] = (), delimiter: str = ",") -> list[CsvRow]:
    return list(read_csv(path, data, required=required, delimiter=delimiter))


def test_rome_quirks_apostrophes_blank_lines_and_fields_over_several_lines() -> None:
    path = FIXTURES / "rome4" / "unix_referentiel_contexte_travail_v401_utf8.csv"
    found = rows(path, path.read_bytes(), ("code_ogr", "libelle_cont_travail"))
    assert [(row.line, row["code_ogr"]) for row in found] == [(2, "940001"), (5, "940002")]
    assert found[0]["libelle_cont_travail"] == "Horaires d'essai décalés\r\n(équipes)"
    path = FIXTURES / "rome4" / "unix_referentiel_savoir_v401_utf8.csv"
    assert rows(path, path.read_bytes())[0]["libelle_savoir"] == "Règles d'hygiène alimentaire"


def test_rncp_quirks_semicolons_crlf_and_siret_after_a_tab() -> None:
    path = FIXTURES / "rncp" / "export_fiches_CSV_Certificateurs_2099_01_01.csv"
    (row,) = rows(path, path.read_bytes(), ("Siret_Certificateur",), delimiter=";")
    assert row["Siret_Certificateur"] == "00000000000001"
    assert row["Nom_Certificateur"] == "CERTIFICATEUR D'ESSAI"


def test_a_file_labelled_utf8_but_written_in_windows_1252_is_read() -> None:
    data = '"code","libelle"\n"1","Céréales et élevage"\n'.encode("cp1252")
    assert (
        rows(Path("unix_arborescence_secteur_naf_v460_utf8.csv"), data)[0]["libelle"] == "Céréales et élevage"
    )


def test_a_byte_order_mark_does_not_hide_the_first_column() -> None:
    assert rows(Path("f.csv"), b'\xef\xbb\xbf"code"\n"A"\n', ("code",))[0]["code"] == "A"


def test_a_quote_left_open_by_a_truncation_names_the_line_and_the_field() -> None:
    data = b'"code_rome","code_ogr","coeur_metier"\n"A1101","1",""\n"A1101","12'
    with pytest.raises(ImportFailure) as failure:
        rows(Path("unix_coherence_item_v460_utf8.csv"), data)
    assert (failure.value.line, failure.value.field) == (3, "code_ogr")
    assert "unix_coherence_item_v460_utf8.csv" in str(failure.value)
    assert "ligne 3" in str(failure.value) and "« code_ogr »" in str(failure.value)


def test_a_short_row_names_the_first_missing_field() -> None:
    data = b'"code_rome","code_ogr","coeur_metier"\n"A1101","1"\n'
    with pytest.raises(ImportFailure) as failure:
        rows(Path("f.csv"), data)
    assert (failure.value.line, failure.value.field) == (2, "coeur_metier")


def test_a_row_with_extra_fields_is_refused() -> None:
    with pytest.raises(ImportFailure) as failure:
        rows(Path("f.csv"), b'"a","b"\n"1","2","3"\n')
    assert (failure.value.line, failure.value.field) == (2, "colonne 3")


def test_a_missing_column_is_named() -> None:
    with pytest.raises(ImportFailure) as failure:
        rows(Path("f.csv"), b'"code","libelle"\n"1","x"\n', ("code", "code_rome"))
    assert (failure.value.line, failure.value.field) == (1, "code_rome")


def test_a_character_cut_at_the_end_is_a_truncation_not_another_encoding() -> None:
    data = '"code","libelle"\n"1","Été"\n"2","é'.encode()[:-1]
    with pytest.raises(ImportFailure) as failure:
        rows(Path("f.csv"), data)
    assert failure.value.line == 3
    assert "tronqué" in failure.value.reason


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ImportFailure, match="vide"):
        rows(Path("f.csv"), b"\n\n")


def test_value_checks_name_the_line_and_field() -> None:
    (row,) = rows(Path("f.csv"), b'"code_rome","code_ogr","lat"\n"H21X2","12a","4,5"\n')
    assert row.number("lat") == 4.5
    for check, column in ((row.rome, "code_rome"), (row.code, "code_ogr")):
        with pytest.raises(ImportFailure) as failure:
            check(column)
        assert (failure.value.line, failure.value.field) == (2, column)


def test_the_operator_detail_gives_the_full_path_line_field_and_cause() -> None:
    failure = ImportFailure(Path("/data/f.csv"), "valeur manquante", line=7, field="code", cause="csv: oops")
    assert failure.detail == "/data/f.csv:7: field 'code': valeur manquante: csv: oops"
    assert failure.message == (
        "Import impossible depuis « f.csv » (ligne 7, champ « code ») : valeur manquante. "
        "La base n'a pas été modifiée."
    )
