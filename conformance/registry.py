"""The requirement registry: every BCP 14 sentence of RFC 9112 and RFC 9110, with stable IDs.

Strategy: the sentences come, at run time, from ``rfc9112_requirements.json`` and
``rfc9110_requirements.json`` (``../shared/rfc`` beside the repository by default, or a
directory the user names); they are never copied into the repository. Our own text -- a
one-sentence summary, the actor and level where the extraction needs a correction, and for
requirements no message-level test can observe, why -- lives in ``requirements.toml`` next
to this module, so the registry still names and summarises every requirement the cases use
when the RFC files are absent.

The *scope* of the suite is RFC 9112 §2-§9 and the parts of RFC 9110 that bear on message
parsing (field syntax, Host, Connection, Content-Length, trailers, 1xx).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from conformance.paths import shared_dir

CURATED_FILE = Path(__file__).parent / "requirements.toml"
RFC_FILES = ("rfc9112_requirements.json", "rfc9110_requirements.json")

_RFC9110_SCOPE = (
    *("2.2", "2.3", "2.4", "5.1", "5.2", "5.3", "5.4", "5.5", "5.6.1", "5.6.2", "5.6.3"),
    *("5.6.4", "5.6.7", "6.2", "6.5", "7.2", "7.6.1", "7.8", "8.6", "10.1.1", "15.2"),
)
"""RFC 9110 sections that bear on message parsing and framing."""
LEVELS = ("MUST", "RULE", "SHOULD", "MAY")
"""``RULE``: a normative statement without a BCP 14 keyword (curated, see requirements.toml)."""


@dataclass(frozen=True, slots=True)
class Requirement:
    id: str
    rfc: str
    section: str
    level: str
    actor: str
    sentence: str = ""
    """The RFC's sentence, verbatim (empty when the RFC files were not found)."""
    summary: str = ""
    untestable: str = ""
    """Why no message-level case can observe this requirement (proxy-only, TLS, ...)."""
    paragraph_url: str = ""
    """The RFC's anchor for the sentence's paragraph, when the extraction gives it."""

    @property
    def url(self) -> str:
        section = f"https://www.rfc-editor.org/rfc/rfc{self.rfc}#section-{self.section}"
        return self.paragraph_url or section

    @property
    def text(self) -> str:
        return self.summary or self.sentence

    @property
    def in_scope(self) -> bool:
        if self.rfc == "9112":
            major = self.section.split(".")[0]
            return major.isdigit() and 2 <= int(major) <= 9
        return any(self.section == s or self.section.startswith(s + ".") for s in _RFC9110_SCOPE)


@dataclass(frozen=True, slots=True)
class Registry:
    requirements: Mapping[str, Requirement]
    rfc_dir: Path | None
    """Where the RFC sentences were read from; ``None`` if only our own summaries are known."""

    def __contains__(self, requirement_id: object) -> bool:
        return requirement_id in self.requirements

    def __getitem__(self, requirement_id: str) -> Requirement:
        return self.requirements[requirement_id]

    def scope(self, level: str = "MUST") -> list[Requirement]:
        """In-scope requirements of ``level``, in RFC then document order."""
        return [r for r in self.requirements.values() if r.in_scope and r.level == level]

    def unknown(self, ids: Iterable[str]) -> list[str]:
        return sorted({i for i in ids if i not in self.requirements})


def load_registry(rfc_dir: Path | None = None) -> Registry:
    """The registry from ``rfc_dir`` (default ``../shared/rfc``) merged with our summaries."""
    directory = rfc_dir if rfc_dir is not None else shared_dir("rfc")
    found = directory is not None and all((directory / name).is_file() for name in RFC_FILES)
    if rfc_dir is not None and not found:
        raise FileNotFoundError(f"{directory} does not hold {' and '.join(RFC_FILES)}")
    requirements: dict[str, Requirement] = {}
    if found and directory is not None:
        for name in RFC_FILES:
            for item in json.loads((directory / name).read_text(encoding="utf-8")):
                requirements[item["id"]] = _from_rfc(item)
    for requirement_id, curated in _load_curated().items():
        base = requirements.get(requirement_id) or _from_id(requirement_id, curated)
        requirements[requirement_id] = replace(
            base,
            level=curated.get("level", base.level),
            actor=curated.get("actor", base.actor),
            summary=curated.get("summary", ""),
            untestable=curated.get("untestable", ""),
        )
    return Registry(requirements, directory if found else None)


def _from_rfc(item: Mapping[str, Any]) -> Requirement:
    return Requirement(
        id=item["id"],
        rfc=item["rfc"],
        section=item["section"],
        level=item["level"],
        actor=item["actor"],
        sentence=item["sentence"],
        paragraph_url=item.get("url", ""),
    )


def _from_id(requirement_id: str, curated: Mapping[str, str]) -> Requirement:
    """A requirement known only from our own file: RFC and section come from its ID."""
    rfc, section = requirement_id.removeprefix("RFC").split("-")[:2]
    return Requirement(
        id=requirement_id,
        rfc=rfc,
        section=section,
        level=curated.get("level", ""),
        actor=curated.get("actor", ""),
    )


def _load_curated() -> dict[str, dict[str, str]]:
    with CURATED_FILE.open("rb") as handle:
        document = tomllib.load(handle)
    curated: dict[str, dict[str, str]] = document["requirement"]
    return curated
