from __future__ import annotations

from pathlib import Path

import pytest

from paratrain.cohort.roster import parse_roster, read_roster
from paratrain.errors import RosterError


def test_valid_roster_with_bom_and_roles(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_bytes(
        "\ufeffid,first_name,last_name,email,role\n"
        "ana,Ana,Silva,ana@example.org,\n"
        "sup1,Sam,Lee,sam@example.org,supervisor\n".encode()
    )
    people = read_roster(p)
    assert [(x.id, x.role) for x in people] == [("ana", "trainee"), ("sup1", "supervisor")]


def test_every_bad_row_is_listed_and_nothing_is_returned() -> None:
    text = (
        "id,first_name,last_name,email,role\n"
        "ana,Ana,Silva,ana@example.org,trainee\n"
        "Ana B,Ana,B,not-an-email,boss\n"
        "ana,Dup,Id,dup@example.org,trainee\n"
        ",No,Id,ANA@example.org,trainee\n"
        "x,too,many,x@example.org,trainee,extra\n"
    )
    with pytest.raises(RosterError) as info:
        parse_roster(text, "cohort.csv")
    probs = "\n".join(info.value.problems)
    assert "row 3, column id: 'Ana B' must be lowercase" in probs
    assert "row 3, column email: 'not-an-email'" in probs
    assert "row 3, column role: 'boss'" in probs
    assert "row 4, column id: 'ana' already used on row 2" in probs
    assert "row 5, column id: empty" in probs
    assert "row 5, column email: 'ANA@example.org' already used on row 2" in probs
    assert "row 6: more values than columns" in probs
    assert "nothing was imported" in str(info.value) and "cohort.csv" in str(info.value)


def test_header_and_encoding_errors(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="missing column"):
        parse_roster("name,email\nx,y\n")
    p = tmp_path / "latin1.csv"
    p.write_bytes("id,first_name,last_name\njo,Jos\xe9,P\n".encode("latin-1"))
    with pytest.raises(RosterError, match="line 2 is not UTF-8"):
        read_roster(p)
    with pytest.raises(RosterError) as info:
        parse_roster("id,first_name,last_name\n")
    assert info.value.problems == ["the roster has no people in it"]
    assert "no people" in str(info.value)
