"""The requirement registry: built from the RFC extracts, and every case's IDs exist in it."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from conformance.model import Case
from conformance.registry import CURATED_FILE, Registry, load_registry
from conformance.report.tally import coverage
from tests.conformance.conftest import shared


def test_every_requirement_a_case_names_exists(registry: Registry, cases: list[Case]) -> None:
    assert registry.unknown(r for case in cases for r in case.requirements) == []


def test_the_registry_holds_every_extracted_sentence(registry: Registry) -> None:
    for name in ("rfc9112_requirements.json", "rfc9110_requirements.json"):
        for item in json.loads((shared("rfc") / name).read_text(encoding="utf-8")):
            requirement = registry[item["id"]]
            assert requirement.sentence == item["sentence"]
            assert requirement.section == item["section"]


def test_curated_entries_match_the_extraction() -> None:
    # An ID in our own file that the extraction lacks must be a keyword-less RULE: anything
    # else is a typo that would silently create a requirement the RFC does not have.
    extracted = {
        item["id"]: item
        for name in ("rfc9112_requirements.json", "rfc9110_requirements.json")
        for item in json.loads((shared("rfc") / name).read_text(encoding="utf-8"))
    }
    curated = tomllib.loads(CURATED_FILE.read_text(encoding="utf-8"))["requirement"]
    for requirement_id, entry in curated.items():
        if requirement_id in extracted:
            assert entry.get("level", extracted[requirement_id]["level"]) != "RULE"
        else:
            assert entry.get("level") == "RULE", requirement_id
            assert entry.get("summary"), requirement_id


def test_every_in_scope_must_has_a_case_or_a_reason(registry: Registry, cases: list[Case]) -> None:
    result = coverage(registry, cases)
    assert [r.id for r in result.uncovered] == []
    assert len(result.covered) > 90


def test_scope_is_rfc9112_sections_2_to_9(registry: Registry) -> None:
    sections = {r.section.split(".")[0] for r in registry.scope("MUST") if r.rfc == "9112"}
    assert sections == {str(n) for n in range(2, 10)}
    assert not registry["RFC9112-1.1-p1-s1"].in_scope


def test_requirement_urls_point_at_the_paragraph(registry: Registry) -> None:
    section = "https://www.rfc-editor.org/rfc/rfc9112#section-6.3"
    assert registry["RFC9112-6.3-p2.4-s3"].url == section + "-2.4"
    assert registry["RFC9112-6.3-p2.7-s1"].url == section  # a RULE of ours: the section


def test_a_named_rfc_directory_must_hold_the_files(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not hold"):
        load_registry(tmp_path)


def test_without_the_rfc_files_the_curated_summaries_remain(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("conformance.registry.shared_dir", lambda *parts: None)
    registry = load_registry()
    assert registry.rfc_dir is None
    assert registry["RFC9112-6.3-p2.7-s1"].level == "RULE"
    assert "no body" in registry["RFC9112-6.3-p2.7-s1"].text
    assert registry["RFC9112-6.3-p2.4-s3"].sentence == ""
