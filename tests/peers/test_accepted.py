"""The accepted list: its format, and a run judged against it."""

from __future__ import annotations

import pytest

from peers import accepted
from peers.outcomes import FAILED, PASSED, SKIPPED, Result, SuiteRun
from peers.suites import SUITES

ENTRIES = """
[[accepted]]
suite = "wsproto"
test = "tests/test_client.py::test_forge[a]"
rfc = "RFC 9110 §15.2.2: A server MUST generate an Upgrade header field in a 101 response"

[[accepted]]
suite = "hypercorn"
test = "tests/test_x.py::test_ws"
reason = "fails on h11 0.16.0 too: the test needs a server that is not there"
"""


def _run(suite: str, *tests: Result, problems: tuple[str, ...] = ()) -> SuiteRun:
    return SuiteRun(suite, "1.0", "h11pc", 1.0, 1, tests, problems)


def test_entries_give_suite_test_and_why() -> None:
    forge, websocket = accepted.parse(ENTRIES)
    assert (forge.suite, forge.test, forge.kind) == (
        "wsproto",
        "tests/test_client.py::test_forge[a]",
        "rfc",
    )
    assert forge.why.startswith("RFC 9110 §15.2.2")
    assert (websocket.kind, websocket.why[:22]) == ("reason", "fails on h11 0.16.0 to")


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ('suite = "h11"\ntest = "t"', "exactly one of"),
        ('suite = "h11"\ntest = "t"\nrfc = "a"\nreason = "b"', "exactly one of"),
        ('suite = "h11"\ntest = "t"\nreason = "  "', "exactly one of"),
        ('suite = "h11"\nrfc = "a"', "'test' must be"),
        ('suite = ""\ntest = "t"\nrfc = "a"', "'suite' must be"),
        ('suite = "h11"\ntest = "t"\nrfc = "a"\nwhy = "c"', "unknown key"),
    ],
)
def test_a_malformed_entry_is_refused_with_its_number(body: str, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint) as caught:
        accepted.parse(f"[[accepted]]\n{body}\n")
    assert "entry 1" in str(caught.value)


def test_the_same_test_twice_is_refused() -> None:
    twice = '[[accepted]]\nsuite = "h11"\ntest = "t"\nrfc = "a"\n' * 2
    with pytest.raises(ValueError, match="listed twice"):
        accepted.parse(twice)


def test_the_projects_list_parses_and_names_only_known_suites() -> None:
    entries = accepted.load()
    assert accepted.unknown_suites(entries, [suite.name for suite in SUITES]) == []


def test_an_entry_for_an_unknown_suite_is_found() -> None:
    entries = accepted.parse(ENTRIES.replace('"wsproto"', '"wsprot"'))
    assert accepted.unknown_suites(entries, ["wsproto", "hypercorn"]) == [
        "wsprot tests/test_client.py::test_forge[a]"
    ]


def test_failures_are_accepted_only_by_their_exact_id_in_their_suite() -> None:
    entries = accepted.parse(ENTRIES)
    forged = Result("tests/test_client.py::test_forge[a]", FAILED, "LocalProtocolError")
    other_parameter = Result("tests/test_client.py::test_forge[b]", FAILED, "boom")
    verdict = accepted.judge(
        _run("wsproto", forged, other_parameter), entries, check_stale=True, complete=True
    )
    assert [entry.test for _, entry in verdict.accepted] == [forged.id]
    assert verdict.unexpected == (other_parameter,)
    assert not verdict.ok
    # The same id in another suite is not covered by the wsproto entry.
    elsewhere = accepted.judge(_run("h11", forged), entries, check_stale=True, complete=True)
    assert elsewhere.unexpected == (forged,)


def test_a_run_whose_failures_are_all_accepted_is_ok() -> None:
    entries = accepted.parse(ENTRIES)
    run = _run("wsproto", Result("tests/test_client.py::test_forge[a]", FAILED, "x"))
    assert accepted.judge(run, entries, check_stale=True, complete=True).ok


@pytest.mark.parametrize("outcome", [PASSED, SKIPPED])
def test_an_entry_whose_test_did_not_fail_is_stale(outcome: str) -> None:
    entries = accepted.parse(ENTRIES)
    run = _run("wsproto", Result("tests/test_client.py::test_forge[a]", outcome))
    verdict = accepted.judge(run, entries, check_stale=True, complete=True)
    assert [(s.entry.test, s.outcome) for s in verdict.stale] == [
        ("tests/test_client.py::test_forge[a]", outcome)
    ]
    assert not verdict.ok


def test_an_entry_whose_test_never_ran_is_stale_only_when_the_whole_suite_ran() -> None:
    entries = accepted.parse(ENTRIES)
    run = _run("wsproto", Result("tests/test_other.py::test_x", PASSED))
    whole = accepted.judge(run, entries, check_stale=True, complete=True)
    assert [s.outcome for s in whole.stale] == ["not run"]
    selected = accepted.judge(run, entries, check_stale=True, complete=False)
    assert selected.stale == ()
    assert selected.ok


def test_staleness_is_not_checked_when_asked_not_to() -> None:
    entries = accepted.parse(ENTRIES)
    run = _run("wsproto", Result("tests/test_client.py::test_forge[a]", PASSED))
    assert accepted.judge(run, entries, check_stale=False, complete=True).ok


def test_a_run_that_went_wrong_is_not_ok_even_without_failures() -> None:
    run = _run("h11", Result("t", PASSED), problems=("main: the real h11 was loaded",))
    assert not accepted.judge(run, (), check_stale=True, complete=True).ok
