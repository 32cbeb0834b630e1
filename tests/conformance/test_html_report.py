"""The HTML report: one self-contained page, and in a real browser its matrix and filters."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conformance.model import Basis, Case, Outcome, Result, Role, Verdict
from conformance.registry import Registry, Requirement
from conformance.report import RunReport, html
from conformance.runner import Implementation

SENTENCE = "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request"
REGISTRY = Registry(
    {
        "RFC9112-3.2-p6-s1": Requirement(
            "RFC9112-3.2-p6-s1", "9112", "3.2", "MUST", "server", SENTENCE, "Host or 400"
        ),
        "RFC9112-6.1-p4-s1": Requirement(
            "RFC9112-6.1-p4-s1", "9112", "6.1", "MUST", "recipient", summary="parse chunked"
        ),
    },
    None,
)
HOST = Case(
    id="host-missing",
    suite="t",
    role=Role.REQUEST,
    basis=Basis.MUST,
    requirements=("RFC9112-3.2-p6-s1",),
    input=b"GET / HTTP/1.1\r\n\r\n",
    allowed=frozenset({Outcome.REJECT}),
)
TRAILING = replace(
    HOST, id="host-list", basis=Basis.ABNF, input=b"GET / HTTP/1.1\r\nHost: a,b\r\n\r\n"
)
CHUNKED = replace(
    HOST,
    id="te-chunked",
    requirements=("RFC9112-6.1-p4-s1",),
    input=b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    allowed=frozenset({Outcome.ACCEPT}),
    basis=Basis.MAY,
)
RECEIVED = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
REPORT = RunReport(
    implementations=[
        Implementation("parser", "in-process", "1.0"),
        Implementation("server", "live", "127.0.0.1:1"),
        Implementation("client", "client", "2.0"),
        Implementation("absent", "live", unavailable="cannot install absent"),
    ],
    results=[
        Result(HOST, "parser", Verdict.PASS),
        Result(
            HOST, "server", Verdict.FAIL, "answered [200]", "responses [200]", received=RECEIVED
        ),
        Result(TRAILING, "parser", Verdict.PASS),
        Result(TRAILING, "server", Verdict.PASS),
        Result(CHUNKED, "parser", Verdict.PASS),
        Result(CHUNKED, "server", Verdict.NA, "cannot"),
    ],
    cases=[HOST, TRAILING, CHUNKED],
    registry=REGISTRY,
    command="python -m conformance --test",
)


def test_the_page_holds_its_data_and_loads_nothing() -> None:
    page = html.render(REPORT)
    assert "/*REPORT*/" not in page
    assert '"id": "host-missing"' in page
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)
    assert "</script" not in page.split('id="report-data">', 1)[1].split("</script>", 1)[0]


# --- in a browser ------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("headless Chromium is not installed (Debian: chromium, chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.add_argument("--disable-background-networking")
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER, log_output=os.devnull)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Any:
    path = tmp_path / "report.html"
    path.write_text(html.render(REPORT), encoding="utf-8")
    browser.get(path.as_uri())
    assert browser.execute_script("return document.body.dataset.ready") == "1"
    return browser


def visible_cases(driver: Any) -> list[str]:
    rows = driver.find_elements("css selector", "#matrix tr.case")
    return [row.get_attribute("data-case") for row in rows if row.is_displayed()]


def test_the_matrix_renders_every_case_under_its_requirement(page: Any) -> None:
    assert visible_cases(page) == ["host-missing", "host-list", "te-chunked"]
    headers = page.find_elements("css selector", "#matrix thead th.impl")
    assert [h.text for h in headers] == ["parser", "server", "client", "absent"]
    assert "notrun" in headers[3].get_attribute("class")
    fail = page.find_element(
        "css selector", 'td.cell[data-case="host-missing"][data-impl="server"]'
    )
    assert "fail" in fail.get_attribute("class").split()


def test_filters_by_basis_section_and_subject(page: Any) -> None:
    page.find_element("css selector", '#bases input[value="MUST"]').click()
    assert visible_cases(page) == ["host-list", "te-chunked"]
    section = page.find_element("id", "section")
    section.find_element("css selector", 'option[value="RFC 9112 §6"]').click()
    assert visible_cases(page) == ["te-chunked"]
    page.find_element("css selector", '#kinds input[value="live"]').click()
    server = page.find_element("css selector", 'th.impl[data-kind="live"]')
    assert not server.is_displayed()


def test_a_failure_opens_to_the_requirement_and_the_bytes(page: Any) -> None:
    page.find_element(
        "css selector", 'td.cell[data-case="host-missing"][data-impl="server"]'
    ).click()
    details = page.find_element("id", "details")
    assert details.is_displayed()
    assert SENTENCE in details.text
    assert "answered [200]" in details.text
    assert "GET / HTTP/1.1␍␊" in details.find_element("css selector", "pre.sent").text
    assert "Content-Length: 2" in details.find_element("css selector", "pre.received").text
