"""The Connection: h11's sans-I/O driver, turning bytes into events and events into bytes.

Strategy: the connection owns the receive buffer, the state machine, and the reader and
writer for where each party stands; it swaps them as states change. It is the one place
where a reader's LocalProtocolError becomes the peer's RemoteProtocolError (in
:meth:`Connection.next_event`) and where any failure puts the party at fault in ERROR.
Framing decisions come from :mod:`h11pc._framing`, transitions from :mod:`h11pc._state`.
The head of a Response a server sends again -- the same response, in the same state of the
connection -- is sent as it was written the first time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Final

from h11pc._diagnose import error_at
from h11pc._errors import DataAfterCloseError, LocalProtocolError, RemoteProtocolError, as_remote
from h11pc._events import (
    Event,
    Request,
    Response,
    _ResponseBase,
)
from h11pc._framing import (
    CHUNKED,
    CONTENT_LENGTH,
    body_framing,
    expects_continue,
    keeps_alive,
)
from h11pc._headers import Headers
from h11pc._heads import head_readers
from h11pc._kinds import (
    CONNECTION_CLOSED,
    DATA,
    END_OF_MESSAGE,
    INFORMATIONAL_RESPONSE,
    REQUEST,
    RESPONSE,
)
from h11pc._leniency import Leniency, as_leniency
from h11pc._outgoing import informational_for_sending, request_for_sending, response_for_sending
from h11pc._readers import (
    PAUSED,
    ChunkedReader,
    ContentLengthReader,
    Reader,
    UntilCloseReader,
    await_next_cycle,
    expect_nothing,
    pause_reading,
)
from h11pc._receivebuffer import ReceiveBuffer
from h11pc._state import (
    _SWITCH_CONNECT,
    _SWITCH_UPGRADE,
    CLIENT,
    CLOSED,
    DONE,
    ERROR,
    EVENT,
    IDLE,
    MIGHT_SWITCH_PROTOCOL,
    MUST_CLOSE,
    SEND_BODY,
    SEND_RESPONSE,
    SERVER,
    SWITCHED_PROTOCOL,
    ConnectionState,
    Role,
    State,
    SwitchEvent,
)
from h11pc._util import Sentinel, remember
from h11pc._writers import (
    ChunkedWriter,
    ContentLengthWriter,
    Payload,
    Pieces,
    UntilCloseWriter,
    write_request,
    write_response,
)

if TYPE_CHECKING:
    # What receive_data takes: any object of the buffer protocol (collections.abc.Buffer
    # from Python 3.12; mypy ships typing_extensions).
    from typing_extensions import Buffer

__all__ = ["DEFAULT_MAX_INCOMPLETE_EVENT_SIZE", "NEED_DATA", "PAUSED", "Connection"]

DEFAULT_MAX_INCOMPLETE_EVENT_SIZE: Final = 16 * 1024
"""The default bound on a head, chunk-size line or trailer section, in octets."""


class NEED_DATA(Sentinel, metaclass=Sentinel):
    """next_event needs more data to go on."""


Writer = Callable[[Event], Pieces]

ReaderTable = dict[State, Reader | None]
WriterTable = dict[State, Writer | None]
# Both tables hold every state the party can be in (None where it has no reader or writer):
# picking one as a party moves is a subscript, not a call of get.


@cache
def _readers(leniency: Leniency, role: Role) -> ReaderTable:
    """The head and after-message readers of ``role``'s messages for ``leniency``, by
    ``role``'s state, shared by its connections (body readers are made per message)."""
    read_request, read_response = head_readers(leniency)
    table: ReaderTable = dict.fromkeys(EVENT[role])
    table[MUST_CLOSE] = table[CLOSED] = expect_nothing
    table[DONE] = await_next_cycle  # pauses on anything that arrives
    table[SWITCHED_PROTOCOL] = pause_reading
    if role is CLIENT:
        table[IDLE] = read_request
        table[MIGHT_SWITCH_PROTOCOL] = pause_reading
    else:
        table[IDLE] = table[SEND_RESPONSE] = read_response
    return table


_WRITERS: Final[dict[Role, WriterTable]] = {
    CLIENT: {**dict.fromkeys(EVENT[CLIENT]), IDLE: write_request},
    SERVER: {**dict.fromkeys(EVENT[SERVER]), IDLE: write_response, SEND_RESPONSE: write_response},
}
"""The head writers of each role, by its state (body writers are made per message)."""
_NO_BODY: Final = ContentLengthReader(0)  # stateless: it only ever says EndOfMessage
_EMPTY_BODY: Final = ContentLengthWriter(0)  # stateless in effect: it only refuses, or ends
_EXPECT: Final = b"expect"
_SENT_HEADS: Final[dict[tuple[object, ...], tuple[Headers, Response, Payload]]] = {}
"""The Responses sent before, by what decides their heads (Connection._send_response): the
response as sent and its head. Each entry holds the fields it was made of: while it lasts,
the id in its key names no other object."""


def _located(error: LocalProtocolError, event: object) -> LocalProtocolError:
    """``error`` naming its rule: a reader's errors do; the state machine's refusal of an
    event the peer sent does not, and is said here. The ones it can refuse: the peer closing
    where a message was due; a server's received request when it can take none (it
    answered before any request came, or its sending failed); and a client's received 1xx
    -- before any request, or a 101 to a request that proposed no Upgrade."""
    if error.rule is not None:
        return error
    if type(event) is CONNECTION_CLOSED:
        return error_at(
            str(error),
            0,
            "HTTP-message",
            "RFC 9112 §8",
            "the connection closed where a message was due",
        )
    if type(event) is REQUEST:
        # RFC 9112 §9.3: a connection carries a request, then its response, in turn; a
        # server that answered unasked, or failed, has no response left for this request.
        return error_at(
            str(error),
            0,
            "request-line",
            "RFC 9112 §9.3",
            "a request arrived after the server answered without one, or failed",
            got=b"%s %s HTTP/%s" % (event.method, event.target, event.http_version),
        )
    assert isinstance(event, INFORMATIONAL_RESPONSE), (error, event)
    start_line = b"HTTP/%s %d %s" % (event.http_version, event.status_code, event.reason)
    return error_at(
        str(error),
        0,
        "status-code",
        "RFC 9110 §15.2",
        "a 1xx answers a request sent, a 101 an Upgrade it proposed",
        got=start_line,
    )


class Connection:
    """One HTTP/1.1 connection, seen from ``our_role`` (CLIENT or SERVER).

    ``max_incomplete_event_size`` bounds the octets a head, a chunk-size line or a trailer
    section may take, however they arrive; past it the peer gets a 431-hinted error (414
    for a request-line that long).

    ``leniency`` (keyword only; :class:`~h11pc.Leniency` flags combined with ``|``, or a set
    of them) lets the readers accept named departures from RFC 9112 that real peers make;
    the default, no flags, accepts none.
    """

    # A dict: the values document the public attributes (help() and the API reference).
    __slots__ = {
        "_buffer": None,
        "_closed": None,
        "_cstate": None,
        "_leniency": None,
        "_reader": None,
        "_reader_state": None,
        "_readers": None,
        "_request_method": None,
        "_writer": None,
        "_writer_state": None,
        "_writers": None,
        "client_is_waiting_for_100_continue": (
            "Whether the client sent ``Expect: 100-continue`` and has had no response yet "
            "(RFC 9110 §10.1.1)."
        ),
        "our_role": "CLIENT or SERVER: the party this connection speaks for.",
        "their_http_version": (
            'The HTTP version of the peer\'s last request or response (``b"1.1"``), '
            "None until one arrives."
        ),
        "their_role": "The peer's role: SERVER if ours is CLIENT, and the other way round.",
    }

    def __init__(
        self,
        our_role: Role,
        max_incomplete_event_size: int = DEFAULT_MAX_INCOMPLETE_EVENT_SIZE,
        *,
        # The defaults are literals (a Final is one): the compiled class's signature, which
        # inspect reads from its docstring, holds only those.
        leniency: Leniency | Iterable[Leniency] = (),
    ) -> None:
        if our_role is not CLIENT and our_role is not SERVER:
            raise ValueError(f"expected CLIENT or SERVER, not {our_role!r}")
        self.our_role: Role = our_role
        self.their_role: Role = SERVER if our_role is CLIENT else CLIENT
        self._leniency = as_leniency(leniency)
        self._readers = _readers(self._leniency, self.their_role)
        self._writers = _WRITERS[our_role]
        self._cstate = ConnectionState()
        # The writer and reader, and the states (ours, theirs) they were picked for: each
        # party's state as of its last move, since _respond_to_state_changes follows every
        # move. The public methods read the states here, one attribute away.
        self._writer = self._writers[IDLE]
        self._reader = self._readers[IDLE]
        self._writer_state: State = IDLE
        self._reader_state: State = IDLE
        self._buffer = ReceiveBuffer(max_incomplete_event_size)
        self._closed = False
        self._request_method: bytes | None = None
        self.their_http_version: bytes | None = None
        self.client_is_waiting_for_100_continue = False

    # -- where things stand -----------------------------------------------------------------

    @property
    def leniency(self) -> Leniency:
        """The leniencies this connection's readers apply (none by default)."""
        return self._leniency

    @property
    def states(self) -> dict[Role, State]:
        """Both parties' states: ``{CLIENT: ..., SERVER: ...}`` (a copy)."""
        return dict(self._cstate.states)

    @property
    def our_state(self) -> State:
        """Our party's state (``states[our_role]``)."""
        return self._writer_state

    @property
    def their_state(self) -> State:
        """The peer's state (``states[their_role]``)."""
        return self._reader_state

    @property
    def they_are_waiting_for_100_continue(self) -> bool:
        """Whether the peer is a client waiting for ``100 Continue`` before it sends the
        body (a server answers with an InformationalResponse, or a final Response)."""
        return self.their_role is CLIENT and self.client_is_waiting_for_100_continue

    @property
    def trailing_data(self) -> tuple[bytes, bool]:
        """The bytes received and not consumed (after a protocol switch, the new protocol's
        first bytes), and whether the peer closed its side."""
        return self._buffer.unread(), self._closed

    # -- receiving --------------------------------------------------------------------------

    def receive_data(self, data: Buffer) -> None:
        """Add received bytes (any bytes-like object, as h11 takes: bytes, bytearray,
        memoryview, array, mmap...; copied unless bytes); ``b""`` means the peer closed its
        side."""
        if not data:
            self._closed = True
            return
        if self._closed:
            raise DataAfterCloseError("received close, then received more data?")
        # Through memoryview: bytes(5) would be five NUL octets, where h11 raises TypeError
        # for what holds no bytes. (The annotation, a protocol, leaves the compiled build
        # checking nothing more than the pure one.)
        self._buffer.feed(data if type(data) is bytes else bytes(memoryview(data)))

    def next_event(self) -> Event | type[NEED_DATA] | type[PAUSED]:
        """The next event the peer's bytes make, or NEED_DATA, or PAUSED (the peer has
        started its next message: call :meth:`start_next_cycle` first)."""
        if self._reader_state is ERROR:
            raise RemoteProtocolError("Can't receive data when peer state is ERROR")
        event: object = None
        try:
            reader = self._reader
            assert reader is not None
            event = reader.read(self._buffer)
            if event is None:
                if not self._closed:
                    return NEED_DATA
                event = self._at_eof(reader)
            kind = type(event)
            if kind is DATA:
                # Body data moves no state (SEND_BODY -> SEND_BODY); a client's counts for
                # 100-continue.
                if self.their_role is CLIENT and self.client_is_waiting_for_100_continue:
                    self._note_continue(CLIENT, event)  # type: ignore[arg-type]
            elif kind is REQUEST:
                self._process_request(self.their_role, event)  # type: ignore[arg-type]
            elif kind is RESPONSE or kind is INFORMATIONAL_RESPONSE:
                self._process_response(self.their_role, event)  # type: ignore[arg-type]
            elif event is PAUSED:
                return PAUSED  # a new cycle, or a switch: not for this reader to read
            else:
                self._process_move(self.their_role, event)  # type: ignore[arg-type]
            return event
        except LocalProtocolError as error:
            self._process_error(self.their_role)
            raise as_remote(_located(error, event)) from None
        except BaseException:
            self._process_error(self.their_role)
            raise

    def _at_eof(self, reader: Reader) -> Event:
        """The event the peer's close makes where ``reader`` stands, or why it is an error."""
        buffer = self._buffer
        if buffer:
            raise error_at(
                "peer unexpectedly closed connection",
                len(buffer),
                "HTTP-message",
                "RFC 9112 §8",
                "the connection closed inside a message",
                got=buffer.unread(),
            )
        return reader.read_eof(buffer)

    # -- sending ----------------------------------------------------------------------------

    def send(self, event: Event) -> bytes | None:
        """The bytes that send ``event``; None for ConnectionClosed (close the socket)."""
        pieces = self.send_with_data_passthrough(event)
        if pieces is None:
            return None
        # A lone bytes piece (a head) is returned by join itself, uncopied (CPython).
        return b"".join(pieces)

    def send_with_data_passthrough(self, event: Event) -> Pieces | None:
        """Like :meth:`send`, as a list of pieces in which Data's bytes appear uncopied."""
        our_state = self._writer_state
        if our_state is ERROR:
            raise LocalProtocolError("Can't send data when our state is ERROR")
        kind = type(event)
        try:
            if kind is DATA and our_state is SEND_BODY:
                # Body data moves no state (SEND_BODY -> SEND_BODY); a client's counts for
                # 100-continue.
                if self.our_role is CLIENT and self.client_is_waiting_for_100_continue:
                    self._note_continue(CLIENT, event)
                assert self._writer is not None
                return self._writer(event)
            writer = self._writer  # the one for where we stand: the move may replace it
            if kind is RESPONSE:
                return self._send_response(event, writer)  # type: ignore[arg-type]
            if kind is REQUEST:
                event = request = request_for_sending(event)  # type: ignore[arg-type]
                self._process_request(self.our_role, request)
            elif kind is INFORMATIONAL_RESPONSE:
                sendable = informational_for_sending(event, self.their_http_version)  # type: ignore[arg-type]
                # Processed even if not sent: an HTTP/1.0 client gets no 1xx (RFC 9110 §15.2).
                informational = event if sendable is None else sendable
                self._process_response(self.our_role, informational)  # type: ignore[arg-type]
                if sendable is None:
                    return []
                event = sendable
            else:
                # EndOfMessage, ConnectionClosed, or Data the state machine refuses.
                self._process_move(self.our_role, event)
                if kind is CONNECTION_CLOSED:
                    return None
            assert writer is not None
            return writer(event)
        except BaseException:
            self._process_error(self.our_role)
            raise

    def _send_response(self, response: Response, writer: Writer | None) -> Pieces:
        """A Response's head, with the fields :func:`response_for_sending` adds and drops,
        and the move it makes. A server sends one head response after response (its fields
        one Headers: :meth:`Headers.from_user` keeps them): a head sent before, for the same
        response in the same state of the connection, is sent again as it was written."""
        method, version = self._request_method, self.their_http_version
        keep_alive = self._cstate.keep_alive
        given = response.headers
        key = (
            response.status_code,
            response.reason,
            response.http_version,
            id(given),
            method,
            version,
            keep_alive,
        )
        known = _SENT_HEADS.get(key)
        if known is not None:
            self._process_response(self.our_role, known[1])
            return [known[2]]
        sendable = response_for_sending(response, method, version, keep_alive)
        self._process_response(self.our_role, sendable)
        assert writer is not None  # a party that may send a Response has a head writer
        pieces = writer(sendable)
        remember(_SENT_HEADS, key, (given, sendable, pieces[0]))
        return pieces

    def send_failed(self) -> None:
        """Tell the connection that sending failed: we enter ERROR."""
        self._process_error(self.our_role)

    def start_next_cycle(self) -> None:
        """Both parties are DONE: reset for the next request/response on this connection."""
        self._cstate.start_next_cycle()  # both DONE, now both IDLE: or it raised
        self._request_method = None
        self._respond_to_state_changes()

    # -- the machinery ----------------------------------------------------------------------

    def _process_error(self, role: Role) -> None:
        self._cstate.process_error(role)
        self._respond_to_state_changes()

    def _note_continue(self, role: Role, event: Event) -> None:
        """Keep :attr:`client_is_waiting_for_100_continue` (RFC 9110 §10.1.1): a client's
        request that expects 100-continue starts the wait; anything more the client sends
        of its message, or any response, ends it."""
        kind = type(event)
        if role is CLIENT:
            if type(event) is REQUEST:
                self.client_is_waiting_for_100_continue = event.headers.has(
                    _EXPECT
                ) and expects_continue(event)
            elif kind is DATA or kind is END_OF_MESSAGE:
                self.client_is_waiting_for_100_continue = False
        elif kind is RESPONSE or kind is INFORMATIONAL_RESPONSE:
            self.client_is_waiting_for_100_continue = False

    def _process_move(self, role: Role, event: Event) -> None:
        """An event other than a head (EndOfMessage, ConnectionClosed, Data where no body
        is due): a move, which may end a 100-continue wait."""
        self._cstate.process_event(role, type(event))
        if self.client_is_waiting_for_100_continue:
            self._note_continue(role, event)
        self._respond_to_state_changes()

    def _respond_to_state_changes(self, head: Request | _ResponseBase | None = None) -> None:
        """Pick a writer and a reader for the states the parties have moved to, where they
        differ from the ones the current writer and reader were picked for: a body's from
        the framing of ``head``, the message head that starts it, the others from the
        tables. Called after anything that can move a party."""
        cstate = self._cstate
        if self.our_role is CLIENT:
            ours, theirs = cstate.client, cstate.server
        else:
            ours, theirs = cstate.server, cstate.client
        if ours is not self._writer_state:
            self._writer_state = ours
            self._writer = self._body_writer(head) if ours is SEND_BODY else self._writers[ours]
        if theirs is not self._reader_state:
            self._reader_state = theirs
            self._reader = self._body_reader(head) if theirs is SEND_BODY else self._readers[theirs]

    def _process_switch_proposals(self, request: Request) -> None:
        """A client's request proposes a switch by CONNECT, or by Upgrade (RFC 9110 §7.8:
        a server ignores Upgrade in an HTTP/1.0 request)."""
        if request.method == b"CONNECT":
            self._cstate.process_client_switch_proposal(_SWITCH_CONNECT)
        if request.http_version >= b"1.1" and request.headers.elements(b"upgrade"):
            self._cstate.process_client_switch_proposal(_SWITCH_UPGRADE)

    def _process_request(self, role: Role, request: Request) -> None:
        """A Request: the switch it proposes, its move, what it says beyond that, and the
        reader and writer for where it leaves the parties (a body's framed by it)."""
        headers = request.headers
        if role is CLIENT and (
            request.method == b"CONNECT" or (not headers.plain and headers.has(b"upgrade"))
        ):
            self._process_switch_proposals(request)
        cstate = self._cstate
        cstate.process_event(role, REQUEST)
        if role is self.their_role:
            self.their_http_version = request.http_version
        self._request_method = request.method
        # Only a request with Expect starts a wait (a request finds none: the client's last
        # message ended it).
        if not headers.plain and headers.has(_EXPECT):
            self._note_continue(role, request)
        if not keeps_alive(request):
            cstate.process_keep_alive_disabled()
        self._respond_to_state_changes(request)

    def _process_response(self, role: Role, response: _ResponseBase) -> None:
        """An (Informational)Response: the switch it accepts, its move, what it says beyond
        that, and the reader and writer for where it leaves the parties."""
        cstate = self._cstate
        switch = None
        if role is SERVER and (
            type(response) is INFORMATIONAL_RESPONSE or cstate.pending_switch_proposals
        ):
            switch = self._server_switch_event(response)
        cstate.process_event(role, type(response), switch)
        if role is self.their_role:
            self.their_http_version = response.http_version
        if self.client_is_waiting_for_100_continue:
            self._note_continue(role, response)  # a response ends it
        if type(response) is not INFORMATIONAL_RESPONSE and not keeps_alive(response):
            cstate.process_keep_alive_disabled()
        self._respond_to_state_changes(response)

    def _server_switch_event(self, event: Event) -> SwitchEvent | None:
        """Whether the server's event accepts a protocol switch (RFC 9110 §7.8, §9.3.6)."""
        if type(event) is INFORMATIONAL_RESPONSE and event.status_code == 101:
            return _SWITCH_UPGRADE
        if (
            type(event) is RESPONSE
            and _SWITCH_CONNECT in self._cstate.pending_switch_proposals
            and 200 <= event.status_code < 300
        ):
            return _SWITCH_CONNECT
        return None

    def _body_writer(self, head: Request | _ResponseBase | None) -> Writer:
        """The writer of the body ``head`` frames."""
        assert head is not None  # a party moves to SEND_BODY only by sending a head
        kind, length = body_framing(self._request_method, head)
        if kind == CONTENT_LENGTH:
            return (ContentLengthWriter(length) if length else _EMPTY_BODY).write
        return (ChunkedWriter() if kind == CHUNKED else UntilCloseWriter()).write

    def _body_reader(self, head: Request | _ResponseBase | None) -> Reader:
        """The reader of the body ``head`` frames; a chunked body's errors count their
        offsets from where it starts in the buffer."""
        assert head is not None  # (see _body_writer)
        kind, length = body_framing(self._request_method, head)
        if kind == CONTENT_LENGTH:
            return ContentLengthReader(length) if length else _NO_BODY
        if kind == CHUNKED:
            # RFC 9112 §5.2: a response's obs-fold (in its trailers) is replaced by SP; a
            # request's is refused unless the OBS_FOLD leniency says otherwise.
            leniency = self._leniency
            folds = self.their_role is SERVER or Leniency.OBS_FOLD in leniency
            return ChunkedReader(leniency, folds, self._buffer.consumed)
        return UntilCloseReader()
