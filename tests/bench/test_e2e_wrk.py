"""Reading wrk's report, and the scripts and command lines that make wrk send each request."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.e2e import wrk
from bench.e2e.workloads import WORKLOADS, by_name

REPORT = """\
Running 5s test @ http://127.0.0.1:41313/small
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.31ms  612.20us  15.02ms   91.20%
    Req/Sec    11.62k   523.44    12.30k    84.00%
  Latency Distribution
     50%    4.20ms
     75%    4.45ms
     90%  880.12us
     99%    1.02s
  57821 requests in 5.00s, 8.44MB read
Requests/sec:  11562.30
Transfer/sec:      1.69MB
"""


def test_the_numbers_of_a_report() -> None:
    result = wrk.parse(REPORT)
    assert result.requests == 57821
    assert result.seconds == pytest.approx(5.0)
    assert result.requests_per_s == pytest.approx(11562.30)
    assert result.latency_ms == pytest.approx({"50": 4.20, "75": 4.45, "90": 0.88012, "99": 1020.0})
    assert result.p99_ms == pytest.approx(1020.0)
    assert (result.socket_errors, result.bad_responses) == (0, 0)


def test_latency_in_minutes_and_fractional_percentiles() -> None:
    text = REPORT.replace("     99%    1.02s", "  99.000%    2.50m").replace("5.00s,", "1.00m,")
    result = wrk.parse(text)
    assert result.p99_ms == pytest.approx(150_000.0)
    assert result.seconds == pytest.approx(60.0)


def test_the_thread_statistics_are_not_taken_for_percentiles() -> None:
    result = wrk.parse(REPORT)
    assert set(result.latency_ms) == {"50", "75", "90", "99"}


def test_socket_errors_are_summed_and_error_statuses_counted() -> None:
    text = REPORT.replace(
        "Requests/sec:",
        "  Socket errors: connect 1, read 2, write 3, timeout 4\n"
        "  Non-2xx or 3xx responses: 17\nRequests/sec:",
    )
    result = wrk.parse(text)
    assert (result.socket_errors, result.bad_responses) == (10, 17)


@pytest.mark.parametrize(
    "broken",
    [
        REPORT.replace("     99%    1.02s\n", ""),
        REPORT.replace("Requests/sec:  11562.30\n", ""),
        REPORT.replace("  57821 requests in", "  many requests in"),
        REPORT.replace("57821 requests", "0 requests"),
        "unable to connect to 127.0.0.1:1 Connection refused\n",
    ],
    ids=["no-p99", "no-rate", "no-count", "no-request", "refused"],
)
def test_a_report_without_its_numbers_is_an_error(broken: str) -> None:
    with pytest.raises(wrk.WrkError):
        wrk.parse(broken)


def test_lua_strings_escape_quotes_backslashes_and_bytes_outside_printable_ascii() -> None:
    assert wrk.lua_string(b'GET "x"\\') == '"GET \\034x\\034\\092"'
    assert wrk.lua_string(b"\r\n\x00\xff") == '"\\013\\010\\000\\255"'
    assert wrk.lua_string(b"") == '""'


def test_a_post_script_sets_method_path_and_the_whole_body() -> None:
    (post,) = by_name(["post-16k"])
    script = wrk.script(post)
    assert 'wrk.method = "POST"\n' in script
    assert 'wrk.path = "/upload"\n' in script
    assert f'wrk.body = "{"x" * 16384}"\n' in script
    assert 'wrk.headers["Content-Type"] = "application/octet-stream"' in script


def test_a_get_script_sends_no_body() -> None:
    (get,) = by_name(["get-13b"])
    assert wrk.script(get) == 'wrk.method = "GET"\nwrk.path = "/small"\n'


def test_the_command_line_one_thread_keep_alive_connections_and_latency() -> None:
    argv = wrk.command("http://127.0.0.1:8000/small", Path("/s/get.lua"), 50, 5)
    assert argv == [
        "wrk",
        "-t1",
        "-c50",
        "-d5s",
        "--latency",
        "-s",
        "/s/get.lua",
        "http://127.0.0.1:8000/small",
    ]


def test_the_workloads_and_their_answers() -> None:
    sizes = {w.name: (len(w.request_body), len(w.response_body)) for w in WORKLOADS}
    assert sizes == {"get-13b": (0, 13), "get-64k": (0, 65536), "post-16k": (16384, 5)}
    with pytest.raises(ValueError, match="unknown workloads: nope"):
        by_name(["get-13b", "nope"])
