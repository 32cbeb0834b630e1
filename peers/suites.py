"""The five test suites ``make peers`` runs, each pinned to one release and its sdist.

Strategy: a suite is data -- the release, the sha256 of its sdist, what its tests need and
where that list was read -- so that adding a peer or moving to a new release is an edit here
and a ``python -m peers --lock`` (which pins the whole closure in ``peers/locks/``).

The test requirements come from each sdist: httpcore's extras (``pyproject.toml``) and the
test tools of its repository's ``requirements.txt`` (the sdist does not ship that file);
uvicorn's ``dev`` dependency group; hypercorn's ``dev`` group and the ``pytest-cov`` its
``addopts`` (``--no-cov-on-fail``) cannot run without; wsproto's ``testing`` group; for h11,
pytest alone. What is left out is named in ``left_out``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Suite:
    """One peer's release and how to run its tests."""

    name: str
    """The project's name on the package index, and the suite's name in reports."""
    version: str
    sha256: str
    """Of the sdist; a download that does not match is refused."""
    extras: tuple[str, ...]
    """The project's own extras its tests import (installed with it)."""
    test_requires: tuple[str, ...]
    """The test tools, as the sdist names them (``--lock`` resolves and pins them)."""
    left_out: str = ""
    """What the project's own list has that is not installed here, and why."""
    installs_peer: bool = True
    """False for h11: its tests run against h11pc (or the real h11 in the baseline)."""
    pytest_args: tuple[str, ...] = ("tests",)

    @property
    def release(self) -> str:
        """``name-version``, the sdist's stem and the unpacked directory's name."""
        return f"{self.name}-{self.version}"


HTTPCORE = Suite(
    name="httpcore",
    version="1.0.9",
    sha256="6e34463af53fd2ab5d807f399a9b45ea31c3dfa2276f15a2c3f00afff6e176e8",
    extras=("asyncio", "trio", "http2", "socks"),
    test_requires=("pytest", "pytest-httpbin", "pytest-trio"),
    left_out="docs, packaging, coverage and lint tools",
)
UVICORN = Suite(
    name="uvicorn",
    version="0.55.0",
    sha256="b65ae5f0f30cdcbc26a104b93d7d19723aa5f46fec3915a6c247d5795449331c",
    extras=("standard",),
    test_requires=(
        "pytest>=9.1.1",
        "pytest-mock==3.17.0",
        "pytest-xdist[psutil]==3.8.0",
        "pytest-codspeed>=4.1.1",
        "trustme==1.2.1",
        "cryptography>=44.0.3",
        "httpx2",
        "a2wsgi==1.10.10",
        "wsproto==1.3.2",
    ),
    left_out=(
        "zttp (a separate HTTP implementation: uvicorn's conftest skips its cases when it is"
        " absent, and none of them runs h11), docs, coverage, lint and packaging tools"
    ),
    # uvicorn's addopts ask for 8 xdist workers: one per logical core instead.
    pytest_args=("tests", "-n", "logical"),
)
HYPERCORN = Suite(
    name="hypercorn",
    version="0.18.0",
    sha256="d63267548939c46b0247dc8e5b45a9947590e35e64ee73a23c074aa3cf88e9da",
    extras=("trio",),
    test_requires=(
        "httpx",
        "hypothesis",
        "mock",
        "pytest",
        "pytest-asyncio",
        "pytest-trio",
        "pytest-cov",
    ),
    left_out="docs, h3 (aioquic) and uvloop extras, which no test needs",
)
WSPROTO = Suite(
    name="wsproto",
    version="1.3.2",
    sha256="b86885dcf294e15204919950f666e06ffc6c7c114ca900b060d6e16293528294",
    extras=(),
    test_requires=("pytest>=8.3.3,<9", "hypothesis>=6.119.4,<7"),
    left_out="pytest-cov and pytest-xdist (the suite runs without coverage, in one process)",
)
H11 = Suite(
    name="h11",
    version="0.16.0",
    sha256="4e35b956cf45792e4caa5885e69fba00bdbc6ffafbfa020300e549b208ee5ff1",
    extras=(),
    test_requires=("pytest",),
    installs_peer=False,
    pytest_args=(),  # the public-API selection comes from peers.h11tests
)

SUITES: tuple[Suite, ...] = (HTTPCORE, UVICORN, HYPERCORN, WSPROTO, H11)


def by_name(names: list[str] | None) -> tuple[Suite, ...]:
    """The suites named (all when *names* is empty or None), in the canonical order."""
    if not names:
        return SUITES
    known = {suite.name for suite in SUITES}
    unknown = sorted(set(names) - known)
    if unknown:
        raise ValueError(f"unknown suite(s): {', '.join(unknown)}; known: {', '.join(known)}")
    return tuple(suite for suite in SUITES if suite.name in names)
