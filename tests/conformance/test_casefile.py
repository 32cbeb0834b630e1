"""The case files: they load, follow the schema, and errors name the file and the case."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conformance.casefile import CaseFileError, load_cases, octets
from conformance.model import Basis, Case, Outcome, Role

GOOD = """
[[case]]
id = "one"
requirements = ["RFC9112-2.2-p2-s1"]
basis = "MUST"
input = "GET / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n"
expect = "accept"
"""


def write(tmp_path: Path, text: str, name: str = "x.toml") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_octets_are_latin_1() -> None:
    assert octets("a\u0000\u00ff") == b"a\x00\xff"
    with pytest.raises(ValueError, match="not an octet"):
        octets("\u20ac")


def test_a_case_file_loads_to_exact_bytes(tmp_path: Path) -> None:
    [case] = load_cases(write(tmp_path, GOOD))
    assert case.input == b"GET / HTTP/1.1\r\nHost: a\r\n\r\n"
    assert case.allowed == {Outcome.ACCEPT}
    assert (case.role, case.basis, case.suite) == (Role.REQUEST, Basis.MUST, "x")


def test_repeat_expands_markers(tmp_path: Path) -> None:
    text = GOOD.replace('input = "GET / ', 'repeat = { "@" = ["ab", 3] }\ninput = "GET /@ ')
    [case] = load_cases(write(tmp_path, text))
    assert case.input.startswith(b"GET /ababab HTTP/1.1")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('expect = "accept"', 'expect = "accept"\ncolour = "red"'), "unknown case key"),
        (('requirements = ["RFC9112-2.2-p2-s1"]', "requirements = []"), "at least one"),
        (('expect = "accept"', 'expect = "maybe"'), "maybe"),
        (('input = "GET', 'repeat = { "@" = ["a", 2] }\ninput = "GET'), "does not occur"),
        (('expect = "accept"', 'expect = "accept"\nsend = [{ type = "Data" }]'), "send/checks"),
        (('basis = "MUST"', 'basis = "MUST"\nrole = "send-response"'), "needs a 'send' list"),
    ],
)
def test_schema_errors_name_the_file_and_case(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    with pytest.raises(CaseFileError, match=message) as caught:
        load_cases(write(tmp_path, GOOD.replace(*change)))
    assert "x.toml" in str(caught.value)
    assert "one" in str(caught.value)


def test_duplicate_ids_across_files_are_refused(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, GOOD, "b.toml")
    with pytest.raises(CaseFileError, match="duplicate case id 'one'"):
        load_cases(tmp_path)


def test_the_suite_has_its_200_cases_in_every_role_and_basis(cases: list[Case]) -> None:
    assert len(cases) >= 200
    assert set(Counter(c.role for c in cases)) == set(Role)
    assert {c.basis for c in cases} == {Basis.MUST, Basis.ABNF, Basis.SHOULD, Basis.MAY}


def test_each_rfc_section_has_its_file(cases: list[Case]) -> None:
    suites = Counter(c.suite for c in cases)
    for section in range(2, 10):
        assert any(s.startswith(f"rfc9112-{section}-") for s in suites), section
    assert suites["smuggling"] > 0
    assert suites["sender"] > 0


def test_may_cases_allow_more_than_one_outcome(cases: list[Case]) -> None:
    # A MAY means the RFC permits either behaviour; a single expected outcome would be a
    # requirement the RFC does not make.
    for case in cases:
        if case.basis is Basis.MAY and case.role.parses:
            assert len(case.allowed) > 1 or case.allowed == {Outcome.ACCEPT}, case.id
