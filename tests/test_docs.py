"""Every code block in the README and the docs runs, and says what it prints.

A fenced block must name its language. ``python`` blocks run: those with ``>>>`` prompts as
doctests -- all of one file in one namespace, in order, as a reader types them -- and the
others as scripts, each in a fresh interpreter (``python -bb -W error``); a script block
followed by a ```` ```text output```` block must print exactly that. ``sh`` blocks would
start servers and whole runs, so each command is checked, not run: a ``make`` target is
one the Makefile has (``make -n``), ``python -m conformance`` takes the options shown, and a
script named exists. Any other language (``text``, ``abnf`` ...) is shown; MyST directives
(```` ```{toctree}````) are not code. The package docstrings' examples run too.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import grammar
import h11pc
from conformance.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
SHOWN = {"sh", "text", "abnf", "http"}
_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>```+|~~~+)(?P<info>.*)$")


@dataclass(frozen=True)
class Block:
    """A fenced block: where it starts (1-based line of its first code line), its info."""

    path: Path
    line: int
    language: str
    flags: tuple[str, ...]
    code: str

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def blocks(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown file, in order (nested fences are the outer's text)."""
    found: list[Block] = []
    lines = path.read_text().splitlines()
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        index += 1
        if opening is None:
            continue
        indent, fence = len(opening["indent"]), opening["fence"]
        words = opening["info"].split()
        start, body = index, []
        while index < len(lines) and not lines[index].strip().startswith(fence):
            body.append(lines[index][indent:])
            index += 1
        index += 1
        language = words[0] if words else ""
        found.append(Block(path, start + 1, language, tuple(words[1:]), "\n".join(body) + "\n"))
    return found


ALL_BLOCKS = [block for page in PAGES for block in blocks(page)]
PYTHON = [block for block in ALL_BLOCKS if block.language == "python"]
SCRIPTS = [block for block in PYTHON if not block.code.lstrip().startswith(">>>")]


def test_every_block_says_whether_it_runs() -> None:
    unmarked = [
        f"{block}: {block.language or 'no language'}"
        for block in ALL_BLOCKS
        if block.language not in SHOWN | {"python"} and not block.language.startswith("{")
    ]
    assert not unmarked, "mark these as python (run) or sh/text/... (shown): " + str(unmarked)


def test_prompt_blocks_are_doctests_throughout() -> None:
    # A block mixing prompts and plain code would half run: say which it is.
    mixed = [str(b) for b in PYTHON if b not in SCRIPTS and not _all_prompted(b.code)]
    assert not mixed


def _all_prompted(code: str) -> bool:
    first = next(line for line in code.splitlines() if line.strip())
    return first.startswith(">>>")


DOCTEST_PAGES = sorted({block.path for block in PYTHON if block not in SCRIPTS})


@pytest.mark.parametrize("page", DOCTEST_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_doctest_blocks(page: Path) -> None:
    prompted = [b for b in blocks(page) if b.language == "python" and b not in SCRIPTS]
    # One text with each block at its own line, so that failures name the page's lines.
    lines = [""] * (prompted[-1].line + prompted[-1].code.count("\n"))
    for block in prompted:
        for offset, line in enumerate(block.code.splitlines()):
            lines[block.line - 1 + offset] = line
    parser = doctest.DocTestParser()
    test = parser.get_doctest("\n".join(lines), {}, str(page), str(page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    result = runner.run(test)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize("block", SCRIPTS, ids=str)
def test_script_blocks(block: Block, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-bb", "-W", "error", "-c", block.code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    expected = _expected_output(block)
    if expected is not None:
        assert result.stdout == expected


SHELL_COMMANDS = [
    pytest.param(block, words, id=f"{block}: {' '.join(words)}")
    for block in ALL_BLOCKS
    if block.language == "sh"
    for line in block.code.splitlines()
    if (words := shlex.split(line, comments=True))
]


@pytest.mark.parametrize(("block", "words"), SHELL_COMMANDS)
def test_shell_commands_name_what_exists(block: Block, words: list[str]) -> None:
    words = [word for word in words if word != "&"]
    match words:
        case ["make", *targets]:
            dry_run = subprocess.run(
                ["make", "-n", *targets], cwd=ROOT, capture_output=True, text=True, check=False
            )
            assert dry_run.returncode == 0, (str(block), dry_run.stderr)
        case ["python", "-m", "conformance", *options]:
            build_parser().parse_args(options)
        case ["python", "-m", "h11pc.compat", command, *_]:
            assert entry_points(group="console_scripts", name=command), str(block)
        case ["python", script, *_]:
            assert (ROOT / script).is_file(), str(block)
        case _:
            pytest.fail(f"{block}: no check for {words}")


def _expected_output(block: Block) -> str | None:
    """The ```` ```text output```` block right after ``block``, if there is one."""
    following = blocks(block.path)
    index = following.index(block) + 1
    if index < len(following) and following[index].flags == ("output",):
        between = block.path.read_text().splitlines()[
            block.line + block.code.count("\n") : following[index].line - 2
        ]
        if all(not line.strip() for line in between):
            return following[index].code
    return None


def test_the_extractor_sees_the_pages_blocks() -> None:
    # Guards the extractor itself: the README's examples are found, of both kinds.
    readme = blocks(ROOT / "README.md")
    assert any(b.language == "python" and b in SCRIPTS for b in readme)
    assert any(b.language == "python" and b not in SCRIPTS for b in readme)
    assert any(b.language == "sh" for b in readme)
    assert any(_expected_output(b) is not None for b in readme if b in SCRIPTS)


def test_rst_pages_have_no_code_blocks() -> None:
    # The reST pages only hold directives; code examples belong in the Markdown pages above,
    # where this module runs them.
    for page in (ROOT / "docs").rglob("*.rst"):
        text = page.read_text()
        assert not re.search(r"code-block|sourcecode|^[^.\n][^\n]*::\s*$", text, re.M), page


def _modules(package: object) -> list[str]:
    name = package.__name__  # type: ignore[attr-defined]
    path = package.__path__  # type: ignore[attr-defined]
    return [name, *(f"{name}.{m.name}" for m in pkgutil.iter_modules(path))]


def _docstring_tests() -> list[doctest.DocTest]:
    """The docstrings of the packages' modules (and of what they define) that hold
    examples; a docstring without any is no test."""
    finder = doctest.DocTestFinder()
    return [
        test
        for name in [*_modules(grammar), *_modules(h11pc)]
        for test in finder.find(importlib.import_module(name))
        if test.examples
    ]


DOCSTRING_TESTS = _docstring_tests()


@pytest.mark.parametrize("test", DOCSTRING_TESTS, ids=lambda test: test.name)
def test_docstring_examples(test: doctest.DocTest) -> None:
    result = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS).run(test)
    assert (result.attempted, result.failed) == (len(test.examples), 0)


def test_the_finder_sees_the_docstring_examples() -> None:
    # Guards the finder: the grammar package's docstring shows a rule at work.
    assert "grammar" in [test.name for test in DOCSTRING_TESTS]
