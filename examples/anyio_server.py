"""An HTTP/1.1 server on h11pc and anyio: on trio by default, or on asyncio.

    python examples/anyio_server.py [PORT] [--backend trio|asyncio]    (PORT 0 picks one)

It prints the port it listens on, then serves each connection in its own task, keeping it
alive between requests: ``GET /`` answers with a greeting, ``POST /echo`` streams the request
body back *as it arrives* -- each Data event is sent on at once, chunked, since the length is
not known in advance -- and anything else gets 404. A request with ``Expect: 100-continue``
is told to go on only when the server starts reading its body (RFC 9110 §10.1.1). Bad
requests get the status h11pc suggests in ``error_status_hint``.
"""

from __future__ import annotations

import argparse
from functools import partial

import anyio
from anyio.abc import SocketAttribute, SocketStream

import h11pc

GREETING = b"hello from h11pc\n"


class Exchange:
    """One connection: events in from the stream, events out to it."""

    def __init__(self, stream: SocketStream) -> None:
        self.stream = stream
        self.conn = h11pc.Connection(h11pc.SERVER)

    async def send(self, *events: h11pc.Event) -> None:
        data = b"".join(self.conn.send(event) or b"" for event in events)
        if data:
            await self.stream.send(data)

    async def next_event(self) -> h11pc.Event:
        while True:
            event = self.conn.next_event()
            if event is h11pc.NEED_DATA:
                if self.conn.they_are_waiting_for_100_continue:
                    await self.send(h11pc.InformationalResponse(status_code=100, headers=[]))
                try:
                    self.conn.receive_data(await self.stream.receive(65536))
                except (anyio.EndOfStream, anyio.BrokenResourceError):
                    self.conn.receive_data(b"")
            elif isinstance(event, h11pc.Event):
                return event

    async def respond(self, status: int, body: bytes) -> None:
        headers = [("Content-Length", str(len(body))), ("Server", h11pc.PRODUCT_ID)]
        response = h11pc.Response(status_code=status, headers=headers)
        await self.send(response, h11pc.Data(data=body), h11pc.EndOfMessage())

    async def echo(self) -> None:
        """Send the request body back piece by piece, as the client sends it."""
        await self.send(h11pc.Response(status_code=200, headers=[("Server", h11pc.PRODUCT_ID)]))
        while isinstance(event := await self.next_event(), h11pc.Data):
            await self.send(event)
        await self.send(h11pc.EndOfMessage())

    async def serve_one(self) -> bool:
        """Serve one request; whether the connection can carry another."""
        request = await self.next_event()
        if not isinstance(request, h11pc.Request):
            return False  # the client closed the connection
        if request.method == b"POST" and request.target == b"/echo":
            await self.echo()
        else:
            while not isinstance(await self.next_event(), h11pc.EndOfMessage):
                pass  # a body we have no use for
            found = request.method == b"GET" and request.target == b"/"
            await self.respond(200 if found else 404, GREETING if found else b"not found\n")
        if self.conn.our_state is h11pc.DONE and self.conn.their_state is h11pc.DONE:
            self.conn.start_next_cycle()
            return True
        return False


async def handle(stream: SocketStream) -> None:
    exchange = Exchange(stream)
    async with stream:
        try:
            while await exchange.serve_one():
                pass
        except h11pc.RemoteProtocolError as error:
            if exchange.conn.our_state in (h11pc.IDLE, h11pc.SEND_RESPONSE):
                await exchange.respond(error.error_status_hint, f"{error}\n".encode())
        except anyio.BrokenResourceError:
            pass  # the client went away mid-response: an exception here would stop the server


async def main(port: int) -> None:
    listener = await anyio.create_tcp_listener(local_host="127.0.0.1", local_port=port)
    print(listener.extra(SocketAttribute.local_port), flush=True)
    await listener.serve(handle)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("port", type=int, nargs="?", default=0)
    parser.add_argument("--backend", choices=["trio", "asyncio"], default="trio")
    arguments = parser.parse_args()
    anyio.run(partial(main, arguments.port), backend=arguments.backend)
