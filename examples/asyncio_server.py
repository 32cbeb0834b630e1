"""A small HTTP/1.1 server on h11pc and asyncio streams.

    python examples/asyncio_server.py [PORT]     (PORT 0, the default, picks a free one)

It prints the port it listens on, then answers every request on a connection kept alive:
``GET /`` with a greeting, ``POST /echo`` with the request body, anything else with 404.
Bad requests get the status h11pc suggests in ``error_status_hint``.
"""

from __future__ import annotations

import asyncio
import sys

import h11pc


async def send(writer: asyncio.StreamWriter, conn: h11pc.Connection, event: h11pc.Event) -> None:
    data = conn.send(event)
    if data:
        writer.write(data)
        await writer.drain()


async def next_event(reader: asyncio.StreamReader, conn: h11pc.Connection) -> object:
    while True:
        event = conn.next_event()
        if event is not h11pc.NEED_DATA:
            return event
        conn.receive_data(await reader.read(65536))


async def respond(
    writer: asyncio.StreamWriter, conn: h11pc.Connection, status: int, body: bytes
) -> None:
    headers = [
        ("Content-Type", "text/plain"),
        ("Content-Length", str(len(body))),
        ("Server", h11pc.PRODUCT_ID),
    ]
    await send(writer, conn, h11pc.Response(status_code=status, headers=headers))
    await send(writer, conn, h11pc.Data(data=body))
    await send(writer, conn, h11pc.EndOfMessage())


async def serve_one(
    reader: asyncio.StreamReader, conn: h11pc.Connection, writer: asyncio.StreamWriter
) -> bool:
    """Serve one request; whether the connection can carry another."""
    request = await next_event(reader, conn)
    if not isinstance(request, h11pc.Request):
        return False  # the client closed the connection
    body = b""
    while not isinstance(event := await next_event(reader, conn), h11pc.EndOfMessage):
        assert isinstance(event, h11pc.Data)
        body += event.data
    if request.method == b"GET" and request.target == b"/":
        await respond(writer, conn, 200, b"hello from h11pc\n")
    elif request.method == b"POST" and request.target == b"/echo":
        await respond(writer, conn, 200, body)
    else:
        await respond(writer, conn, 404, b"not found\n")
    if conn.our_state is h11pc.DONE and conn.their_state is h11pc.DONE:
        conn.start_next_cycle()
        return True
    return False


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    conn = h11pc.Connection(h11pc.SERVER)
    try:
        while await serve_one(reader, conn, writer):
            pass
    except h11pc.RemoteProtocolError as error:
        if conn.our_state in (h11pc.IDLE, h11pc.SEND_RESPONSE):
            await respond(writer, conn, error.error_status_hint, f"{error}\n".encode())
    finally:
        writer.close()


async def main(port: int) -> None:
    server = await asyncio.start_server(handle, "127.0.0.1", port)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
