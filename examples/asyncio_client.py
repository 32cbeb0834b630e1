"""A small HTTP/1.1 client on h11pc and asyncio streams.

    python examples/asyncio_client.py HOST PORT PATH [PATH ...]

It requests each PATH in turn over one kept-alive connection and prints, for each, the
status code and the body.
"""

from __future__ import annotations

import asyncio
import sys

import h11pc


async def fetch(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    conn: h11pc.Connection,
    host: str,
    path: str,
) -> tuple[int, bytes]:
    request = h11pc.Request(
        method="GET", target=path, headers=[("Host", host), ("User-Agent", h11pc.PRODUCT_ID)]
    )
    writer.write((conn.send(request) or b"") + (conn.send(h11pc.EndOfMessage()) or b""))
    await writer.drain()
    status, body = 0, b""
    while True:
        event = conn.next_event()
        if event is h11pc.NEED_DATA:
            conn.receive_data(await reader.read(65536))
        elif isinstance(event, h11pc.Response):
            status = event.status_code
        elif isinstance(event, h11pc.Data):
            body += event.data
        elif isinstance(event, h11pc.EndOfMessage):
            break
    conn.start_next_cycle()
    return status, body


async def main(host: str, port: int, paths: list[str]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    conn = h11pc.Connection(h11pc.CLIENT)
    try:
        for path in paths:
            status, body = await fetch(reader, writer, conn, host, path)
            print(status, body.decode(errors="replace").strip())
    finally:
        writer.close()
        await writer.wait_closed()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3:]))
