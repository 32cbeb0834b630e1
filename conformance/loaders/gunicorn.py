"""Load gunicorn's request corpus, as JSON (``cases.json``: one object per ``.http`` file).

Strategy: a ``valid`` entry lists the requests gunicorn parses from the input (method, URI,
version, body); an ``invalid`` entry names the exception it raises. ``NoMoreData`` means the
input ended inside a message (incomplete); any other exception is a rejection. Entries that
depend on a non-default gunicorn setting (``cfg``: proxy protocol, relaxed limits, permitted
obs-fold ...) test that setting rather than HTTP, and are left out.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from conformance.model import Basis, Case, MessageSpec, Outcome, Role

_INCOMPLETE_ERRORS = frozenset({"NoMoreData"})


def load_gunicorn(path: Path) -> list[Case]:
    """The default-configuration cases of the corpus at ``path`` (a ``cases.json`` file)."""
    entries: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return [_case(entry) for entry in entries if not entry.get("cfg")]


def _case(entry: dict[str, Any]) -> Case:
    if entry["kind"] == "valid":
        outcome = Outcome.ACCEPT
        messages = tuple(_spec(message) for message in entry["expect"])
        note = "gunicorn parses it"
    else:
        error = entry["expect_error"]
        outcome = Outcome.INCOMPLETE if error in _INCOMPLETE_ERRORS else Outcome.REJECT
        messages = None
        note = f"gunicorn raises {error}"
    return Case(
        id=f"gunicorn:{entry['id'].removeprefix('gunicorn/')}",
        suite="gunicorn",
        role=Role.REQUEST,
        basis=Basis.CORPUS,
        requirements=(),
        input=base64.b64decode(entry["input_b64"]),
        allowed=frozenset({outcome}),
        messages=messages,
        note=note,
        source=entry["id"],
    )


def _spec(message: dict[str, Any]) -> MessageSpec:
    if "method" not in message:  # a reference to another file's expectation: count only
        return MessageSpec()
    major, minor = message["version"]
    body = message.get("body")
    return MessageSpec(
        method=message["method"].encode("latin-1"),
        target=message["uri"].encode("latin-1"),
        version=f"{major}.{minor}".encode(),
        body=base64.b64decode(body["$bytes_b64"]) if isinstance(body, dict) else None,
    )
