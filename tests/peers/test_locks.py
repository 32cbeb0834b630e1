"""The peers' locks install h11pc with ``--no-deps``: each must pin h11pc's own dependencies."""

from __future__ import annotations

import re

import pytest

from peers.environment import h11pc_dependencies, lock_path
from peers.suites import SUITES, Suite

_NAME = re.compile(r"[A-Za-z0-9._-]+")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize("suite", SUITES, ids=lambda suite: suite.name)
def test_each_lock_pinsh11pc_dependencies(suite: Suite) -> None:
    pinned = {
        _canonical(line.partition("==")[0])
        for line in lock_path(suite).read_text().splitlines()
        if line and not line.startswith("#")
    }
    wanted = {_canonical(m.group()) for d in h11pc_dependencies() if (m := _NAME.match(d))}
    assert wanted <= pinned, f"{lock_path(suite).name} lacks {sorted(wanted - pinned)}"
