"""Which servers a run starts, with which command lines, and how a server proves its library."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import pytest

from bench.e2e import cli, cpus, probe, variants
from bench.e2e.app import e2e_app
from bench.e2e.measure import rotated
from bench.e2e.variants import APP_DIR, Variant

PY = "/venv/bin/python"


def _names(found: list[Variant]) -> list[str]:
    return [variant.name for variant in found]


def test_the_five_variants_and_compiled_rows_only_when_an_interpreter_is_given() -> None:
    plain = variants.table(PY)
    assert _names(plain) == [
        "uvicorn on h11",
        "uvicorn on h11pc",
        "uvicorn on httptools",
        "hypercorn on h11",
        "hypercorn on h11pc",
    ]
    assert {variant.python for variant in plain} == {PY}
    both = variants.table(PY, "/compiled/bin/python")
    compiled = [variant for variant in both if variant.compiled]
    assert _names(compiled) == ["uvicorn on h11pc compiled", "hypercorn on h11pc compiled"]
    assert {variant.python for variant in compiled} == {"/compiled/bin/python"}
    assert [variant for variant in both if not variant.compiled] == plain


def test_the_stand_in_rows_come_last_of_each_server_and_only_when_asked_for() -> None:
    found = variants.table(PY, "/c", stand_in=True)
    assert [variant for variant in found if variant.library != variants.STAND_IN] == (
        variants.table(PY, "/c")
    )
    assert _names(found)[3:5] == ["uvicorn on httptools", "uvicorn on no work (stand-in)"]
    assert _names(found)[-1] == "hypercorn on no work (stand-in)"
    for server in ("uvicorn", "hypercorn"):
        argv = variants.command(Variant(server, variants.STAND_IN, PY), 9000)
        assert argv[:4] == [PY, "-m", "bench.e2e.nowork", server]
        # The checkout (which has ``bench``) on the path, h11pc's pure build.
        env = variants.environment(Variant(server, variants.STAND_IN, PY), {})
        assert env["PYTHONPATH"] == str(variants.CHECKOUT)
        assert env[variants.NO_EXTENSIONS] == "1"


def test_each_row_is_compared_with_the_same_server_on_h11() -> None:
    found = variants.table(PY, "/c")
    for variant in found:
        baseline = variants.baseline_of(variant, found)
        assert baseline == Variant(variant.server, "h11", PY)
    hypercorn_only = variants.by_server(found, ["hypercorn"])
    assert variants.baseline_of(found[0], hypercorn_only) is None


def test_uvicorn_command_lines() -> None:
    h11, h11pc, native = variants.table(PY)[:3]
    assert variants.command(h11, 8000)[:3] == [PY, "-m", "uvicorn"]
    assert variants.command(h11pc, 8000)[:4] == [PY, "-m", "h11pc.compat", "uvicorn"]
    for variant, http in ((h11, "h11"), (h11pc, "h11"), (native, "httptools")):
        argv = variants.command(variant, 8123)
        assert "e2e_app:app" in argv
        options = dict(itertools.pairwise(argv))
        assert options["--http"] == http
        assert options["--port"] == "8123"
        assert options["--host"] == "127.0.0.1"
        assert options["--app-dir"] == str(APP_DIR)
        assert options["--loop"] == "asyncio"
        assert "--no-access-log" in argv


def test_hypercorn_command_lines() -> None:
    h11, h11pc = variants.table(PY)[3:]
    assert variants.command(h11, 9000)[:3] == [PY, "-m", "hypercorn"]
    argv = variants.command(h11pc, 9000)
    assert argv[:4] == [PY, "-m", "h11pc.compat", "hypercorn"]
    options = dict(itertools.pairwise(argv))
    assert options["--bind"] == "127.0.0.1:9000"
    assert options["--worker-class"] == "asyncio"
    application = argv[4]
    assert application.endswith(":app")
    assert Path(application.removesuffix(":app")) == APP_DIR / "e2e_app.py"
    with pytest.raises(ValueError, match="h11 only"):
        variants.command(Variant("hypercorn", "httptools", PY), 9000)


def test_the_app_folder_holds_nothing_that_could_shadow_a_server_module() -> None:
    modules = {path.name for path in APP_DIR.iterdir() if path.name != "__pycache__"}
    assert modules == {"__init__.py", "e2e_app.py"}


def test_pinning_prefixes_taskset_and_leaves_unpinned_commands_alone() -> None:
    assert cpus.pinned(["wrk", "-t1"], 0) == ["taskset", "--cpu-list", "0", "wrk", "-t1"]
    assert cpus.pinned(["wrk", "-t1"], None) == ["wrk", "-t1"]
    pinning, note = cpus.choose(1, 1)
    assert pinning == cpus.UNPINNED
    assert note is not None and "same core" in note


def test_rounds_rotate_the_order_of_the_servers() -> None:
    assert rotated("abc", 0) == ["a", "b", "c"]
    assert rotated("abc", 1) == ["b", "c", "a"]
    assert rotated("abc", 4) == ["b", "c", "a"]
    assert rotated("", 3) == []


ABOUT = {"h11": "h11pc", "compiled": False, "httptools": False}


@pytest.mark.parametrize(
    ("library", "compiled", "about", "problem"),
    [
        ("h11pc", False, ABOUT, None),
        ("h11", False, {**ABOUT, "h11": "h11"}, None),
        ("h11pc", False, {**ABOUT, "h11": "h11"}, "gives 'h11'"),
        ("h11", False, ABOUT, "gives 'h11pc'"),
        ("h11pc", True, ABOUT, "compiled modules are not running"),
        ("h11pc", True, {**ABOUT, "compiled": True}, None),
        ("h11pc", False, {**ABOUT, "compiled": True}, "not the pure build"),
        ("httptools", False, {**ABOUT, "h11": None, "httptools": True}, None),
        ("httptools", False, {**ABOUT, "h11": None}, "not loaded httptools"),
        ("nowork", False, {**ABOUT, "connection": probe.STAND_IN_CONNECTION}, None),
        ("nowork", False, ABOUT, "its Connection None"),
        ("nowork", False, {**ABOUT, "h11": "h11"}, "gives 'h11'"),
        ("h11pc", False, {**ABOUT, "connection": probe.STAND_IN_CONNECTION}, "its Connection"),
    ],
)
def test_a_server_must_run_the_library_its_row_is_named_after(
    library: str, compiled: bool, about: dict[str, Any], problem: str | None
) -> None:
    found = probe.mismatch(Variant("uvicorn", library, PY, compiled), about)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


def _call(method: str, path: str, chunks: list[bytes]) -> tuple[int, bytes]:
    """One request through the ASGI app, its body in *chunks*."""
    incoming = [
        {"type": "http.request", "body": chunk, "more_body": index < len(chunks) - 1}
        for index, chunk in enumerate(chunks)
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return incoming.pop(0)

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(dict(message))

    scope = {"type": "http", "method": method, "path": path}
    asyncio.run(e2e_app.app(scope, receive, send))
    start, body = sent
    fields = dict(start["headers"])
    assert fields[b"content-length"] == str(len(body["body"])).encode()
    return start["status"], body["body"]


def test_the_application_answers_each_route() -> None:
    assert _call("GET", "/small", [b""]) == (200, b"Hello, world!")
    assert _call("GET", "/large", [b""]) == (200, e2e_app.LARGE_BODY)
    assert len(e2e_app.LARGE_BODY) == 65536
    assert _call("POST", "/upload", [b"x" * 10_000, b"", b"y" * 6_384]) == (200, b"16384")
    assert _call("GET", "/nowhere", [b""])[0] == 404
    status, body = _call("GET", "/about", [b""])
    about = json.loads(body)
    assert status == 200
    assert set(about) == {
        *("h11", "connection", "compiled", "httptools", "python", "executable", "versions")
    }
    assert about["versions"]["uvicorn"] is not None
    # In this process, h11 is h11 (or absent): its Connection is named where it is defined.
    assert about["connection"] in (None, "h11._connection.Connection")


def test_the_application_completes_the_lifespan() -> None:
    incoming = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent: list[str] = []

    async def receive() -> dict[str, Any]:
        return incoming.pop(0)

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message["type"])

    asyncio.run(e2e_app.app({"type": "lifespan"}, receive, send))
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


def test_each_h11pc_row_runs_its_own_build_whatever_the_environment_asks() -> None:
    """A pure row's server loads h11pc's sources even where the interpreter's h11pc is
    compiled; a compiled row's loads what is installed, whatever the caller set."""
    found = variants.table(PY, "/compiled/bin/python")
    for inherited in ({"PATH": "/bin"}, {"PATH": "/bin", "H11PC_NO_EXTENSIONS": "1"}):
        chosen = {
            variant.name: variants.environment(variant, inherited).get("H11PC_NO_EXTENSIONS")
            for variant in found
        }
        assert chosen == {
            "uvicorn on h11": None,
            "uvicorn on h11pc": "1",
            "uvicorn on h11pc compiled": None,
            "uvicorn on httptools": None,
            "hypercorn on h11": None,
            "hypercorn on h11pc": "1",
            "hypercorn on h11pc compiled": None,
        }
        assert all(variants.environment(v, inherited)["PATH"] == "/bin" for v in found)


def test_a_pure_row_runs_the_checkout_the_harness_belongs_to() -> None:
    """A pure row's server imports h11pc and the grammar from this checkout first (an
    editable install would import the checkout it was installed from); a compiled row's,
    and the other libraries', are left the interpreter's path."""
    found = variants.table(PY, "/compiled/bin/python")
    checkout = Path(variants.__file__).parents[2]
    assert (checkout / "h11pc" / "__init__.py").is_file()
    for inherited in ({"PATH": "/bin"}, {"PATH": "/bin", "PYTHONPATH": "/extra"}):
        paths = {
            variant.name: variants.environment(variant, inherited).get("PYTHONPATH")
            for variant in found
        }
        pure = os.pathsep.join(filter(None, (str(checkout), inherited.get("PYTHONPATH"))))
        assert paths == {
            "uvicorn on h11": inherited.get("PYTHONPATH"),
            "uvicorn on h11pc": pure,
            "uvicorn on h11pc compiled": inherited.get("PYTHONPATH"),
            "uvicorn on httptools": inherited.get("PYTHONPATH"),
            "hypercorn on h11": inherited.get("PYTHONPATH"),
            "hypercorn on h11pc": pure,
            "hypercorn on h11pc compiled": inherited.get("PYTHONPATH"),
        }


def test_interpreters_given_relative_are_made_absolute_not_resolved() -> None:
    # The servers start in another working directory; a virtualenv's python is a link.
    args = cli.parse_args(["--python", "v/bin/python", "--compiled-python", "c/bin/python"])
    assert args.python == os.path.join(os.getcwd(), "v", "bin", "python")
    assert args.compiled_python == os.path.join(os.getcwd(), "c", "bin", "python")
