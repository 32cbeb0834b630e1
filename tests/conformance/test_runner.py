"""The runner: every case fed whole, byte by byte and at random splits; split-dependence fails."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from conformance.adapters.base import Adapter
from conformance.deviations import Deviations
from conformance.model import Basis, Case, Message, Observation, Outcome, Role, Verdict
from conformance.runner import feedings, run_case, run_suite

CASE = Case(
    id="split-me",
    suite="t",
    role=Role.REQUEST,
    basis=Basis.MUST,
    requirements=("R",),
    input=b"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
    allowed=frozenset({Outcome.ACCEPT}),
)


class Fake(Adapter):
    """Accepts, unless told to reject input that arrives in more than ``limit`` pieces."""

    name = "fake"

    def __init__(self, limit: int | None = None, missing: str | None = None) -> None:
        self.limit = limit
        self.missing = missing
        self.feeds: list[list[bytes]] = []

    def unavailable(self) -> str | None:
        return self.missing

    def version(self) -> str:
        return "1.0"

    def supports(self, case: Case) -> str | None:
        return "cannot" if case.eof else None

    def parse(self, case: Case, chunks: Sequence[bytes]) -> Observation:
        self.feeds.append(list(chunks))
        if self.limit is not None and len(chunks) > self.limit:
            return Observation(error="too many pieces")
        return Observation(messages=(Message(method=b"GET"),))

    def send(self, case: Case) -> Observation:
        return Observation()


@given(st.binary(min_size=0, max_size=200), st.integers(0, 5), st.integers(0, 1000))
def test_every_feeding_delivers_the_input_exactly(data: bytes, splits: int, seed: int) -> None:
    case = replace(CASE, input=data)
    for _label, chunks in feedings(case, splits, seed):
        assert b"".join(chunks) == data


def test_feedings_are_whole_then_byte_by_byte_then_random() -> None:
    labels = [label for label, _ in feedings(CASE, 2)]
    assert labels[:2] == ["whole", "byte-by-byte"]
    assert len(labels) == 4
    assert all(label.startswith("random split") for label in labels[2:])
    byte_chunks = dict(feedings(CASE, 0))["byte-by-byte"]
    assert all(len(chunk) == 1 for chunk in byte_chunks)


def test_random_splits_are_reproducible_from_the_seed() -> None:
    assert list(feedings(CASE, 3, seed=7)) == list(feedings(CASE, 3, seed=7))
    assert list(feedings(CASE, 3, seed=7)) != list(feedings(CASE, 3, seed=8))


def test_a_consistent_implementation_passes() -> None:
    fake = Fake()
    result = run_case(fake, CASE, Deviations(), random_splits=3)
    assert result.verdict is Verdict.PASS
    assert len(fake.feeds) == 5


def test_a_result_that_depends_on_the_split_fails_whatever_the_expectation() -> None:
    lenient = replace(CASE, allowed=frozenset({Outcome.ACCEPT, Outcome.REJECT}))
    result = run_case(Fake(limit=1), lenient, Deviations())
    assert result.verdict is Verdict.FAIL
    assert result.split_dependent
    assert result.reason.startswith("split-dependent: whole input gave accept 1 msg;")
    assert "byte-by-byte gave reject: too many pieces" in result.reason


def test_a_documented_deviation_is_attached_to_the_failure() -> None:
    deviations = Deviations({("fake", "split-me"): "on purpose"})
    result = run_case(Fake(limit=0), CASE, deviations)
    assert (result.verdict, result.deviation) == (Verdict.FAIL, "on purpose")


def test_cases_an_adapter_cannot_express_are_not_applicable() -> None:
    result = run_case(Fake(), replace(CASE, eof=True), Deviations())
    assert (result.verdict, result.reason) == (Verdict.NA, "cannot")


def test_unavailable_implementations_are_listed_not_run() -> None:
    impls, results = run_suite([Fake(missing="not installed"), Fake()], [CASE], Deviations())
    assert [i.unavailable for i in impls] == ["not installed", None]
    assert impls[1].detail == "1.0"
    assert len(results) == 1
