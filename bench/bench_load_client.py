"""A Streamlit session without a browser: the app's own websocket protocol, in asyncio.

A browser tab talks to ``streamlit run`` over one websocket (``/_stcore/stream``):
it sends ``BackMsg`` protobufs (``rerun_script`` with the widget values that
changed, a button press being a one-shot "trigger" value) and receives
``ForwardMsg`` protobufs (the new session, the navigation, one ``delta`` per
element drawn, ``script_finished``). :class:`ProtocolSession` does the same
with the message classes that ship in the ``streamlit`` package, so one
process can hold hundreds of sessions. It does not run the page's JavaScript;
for the frame player it sends the one report a real player sends (the frame
on screen when playback ends), so the server sees the same traffic.

Used by ``bench/bench_load.py`` (and importable by tests); needs the
``websockets`` package, which Streamlit's server already depends on.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

__all__ = ["ProtocolSession", "RunResult", "ProtocolError"]

# ForwardMsg.ScriptFinishedStatus
FINISHED_OK = 0
FINISHED_COMPILE_ERROR = 1
FINISHED_EARLY_FOR_RERUN = 2
FINISHED_FRAGMENT_OK = 3

PLAYER_COMPONENT = "frame_player"  # part of the player's registered component name


class ProtocolError(RuntimeError):
    """The server closed the connection or did not answer in time."""


@dataclass
class RunResult:
    """What one script run sent back.

    ``elapsed`` is seconds from the request to ``script_finished``;
    ``player_at`` seconds from the request to the delta carrying the frame
    player (None when the run drew no player); ``player`` that player's data
    (the JSON the page receives, frames left out); ``errors`` the texts of
    exception boxes and error alerts drawn.
    """

    status: int | None = None
    elapsed: float = 0.0
    player_at: float | None = None
    player: dict[str, Any] | None = None
    player_id: str = ""  # the player's widget id, to send its reports
    player_fragment: str = ""
    errors: list[str] = field(default_factory=list)
    elements: int = 0


class ProtocolSession:
    """One user: a websocket to the app, the widget ids it has seen, one run at a time."""

    def __init__(self, base_url: str, page: str = "", *, timeout: float = 120.0) -> None:
        self.ws_url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.page = page
        self.timeout = timeout
        self.widgets: dict[str, str] = {}  # user key -> widget id
        self.page_hash = ""
        self.nav_names: list[str] = []
        self.session_id = ""
        self._ws: Any = None
        self._reader: asyncio.Task | None = None
        self._queue: asyncio.Queue[ForwardMsg | None] = asyncio.Queue()
        self.closed = False

    # ------------------------------------------------------------------ connection

    async def connect(self) -> RunResult:
        """Open the websocket and run the page once, like a tab opening its address."""
        self._ws = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], max_size=None,
            open_timeout=self.timeout, ping_interval=None,
        )
        self._reader = asyncio.create_task(self._read())
        return await self.rerun(page_name=self.page)

    async def close(self) -> None:
        self.closed = True
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 10)
            except (asyncio.TimeoutError, Exception):
                self._reader.cancel()

    async def _read(self) -> None:
        try:
            async for data in self._ws:
                msg = ForwardMsg()
                msg.ParseFromString(data)
                await self._queue.put(msg)
        except websockets.ConnectionClosed:
            pass
        finally:
            await self._queue.put(None)

    # ------------------------------------------------------------------ script runs

    def widget_id(self, key: str) -> str:
        try:
            return self.widgets[key]
        except KeyError:
            raise ProtocolError(f"no widget with key {key!r} was drawn; seen: "
                                f"{sorted(self.widgets)}") from None

    async def rerun(self, *, triggers: tuple[str, ...] = (), ints: dict[str, int] | None = None,
                    strings: dict[str, str] | None = None, json_values: dict[str, Any] | None = None,
                    values: dict[str, tuple[str, Any]] | None = None,
                    fragment_id: str = "", page_name: str | None = None,
                    by_id: bool = False) -> RunResult:
        """Send one rerun (buttons pressed = ``triggers``, typed values) and wait for its end.

        Keys are the widgets' ``key=`` (or raw widget ids with ``by_id``). ``values``
        maps a key to ``(field, value)`` with ``field`` a ``WidgetState`` value field
        (``"double_value"``, ``"string_array_value"``, ``"double_array_value"``, ...).
        Returns when the server reports the run finished (a run interrupted by a newer
        request is followed to the end of the newer one).
        """
        ident = (lambda k: k) if by_id else self.widget_id
        msg = BackMsg()
        client = msg.rerun_script
        client.query_string = ""
        if page_name is not None:
            client.page_name = page_name
        if self.page_hash and page_name is None:
            client.page_script_hash = self.page_hash
        if fragment_id:
            client.fragment_id = fragment_id
        states = client.widget_states
        for key in triggers:
            w = states.widgets.add()
            w.id = ident(key)
            w.trigger_value = True
        for key, value in (ints or {}).items():
            w = states.widgets.add()
            w.id = ident(key)
            w.int_value = int(value)
        for key, value in (strings or {}).items():
            w = states.widgets.add()
            w.id = ident(key)
            w.string_value = str(value)
        for key, (kind, value) in (values or {}).items():
            w = states.widgets.add()
            w.id = ident(key)
            target = getattr(w, kind)
            if kind.endswith("_array_value"):
                target.data.extend(value)
            else:
                setattr(w, kind, value)
        for key, value in (json_values or {}).items():
            w = states.widgets.add()
            w.id = ident(key)
            w.json_value = json.dumps(value)
        start = time.perf_counter()
        try:
            await self._ws.send(msg.SerializeToString())
        except websockets.ConnectionClosed as exc:
            raise ProtocolError(f"connection closed: {exc}") from exc
        return await self._collect(start)

    async def _collect(self, start: float) -> RunResult:
        result = RunResult()
        deadline = start + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise ProtocolError(f"no end of the script run within {self.timeout:.0f} s")
            try:
                msg = await asyncio.wait_for(self._queue.get(), remaining)
            except asyncio.TimeoutError:
                raise ProtocolError(
                    f"no end of the script run within {self.timeout:.0f} s") from None
            if msg is None:
                raise ProtocolError("the server closed the connection")
            kind = msg.WhichOneof("type")
            if kind == "delta":
                self._on_delta(msg, start, result)
            elif kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id or self.session_id
                if msg.new_session.page_script_hash:
                    self.page_hash = msg.new_session.page_script_hash
            elif kind == "navigation":
                self.nav_names = [p.page_name for p in msg.navigation.app_pages]
                if msg.navigation.page_script_hash:
                    self.page_hash = msg.navigation.page_script_hash
            elif kind == "page_info_changed":
                pass
            elif kind == "script_finished":
                status = msg.script_finished
                if status == FINISHED_EARLY_FOR_RERUN:
                    continue  # a newer request took over; its end is what we wait for
                result.status = status
                result.elapsed = time.perf_counter() - start
                return result

    def _on_delta(self, msg: ForwardMsg, start: float, result: RunResult) -> None:
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind is None:
            return
        result.elements += 1
        body = getattr(element, kind)
        widget = getattr(body, "id", "") if hasattr(body, "id") else ""
        if widget and "-" in widget and widget.startswith("$$ID-"):
            user_key = widget.split("-", 2)[2]
            if user_key and user_key != "None":
                self.widgets[user_key] = widget
        if kind == "exception":
            result.errors.append(f"exception: {body.type}: {body.message}")
        elif kind == "alert" and body.format == 1:  # Alert.Format.ERROR
            result.errors.append(f"error box: {body.body[:200]}")
        elif kind == "bidi_component" and PLAYER_COMPONENT in body.component_name:
            data = json.loads(body.json) if body.json else {}
            data.pop("frames", None)
            result.player = data
            result.player_id = body.id
            result.player_fragment = delta.fragment_id
            if result.player_at is None:
                result.player_at = time.perf_counter() - start

    async def report_frame(self, result: RunResult) -> RunResult:
        """What the page's player sends when playback ends: the last frame, in its fragment."""
        data = result.player or {}
        view = {"view": {"id": data.get("id", ""), "frame": int(data.get("count", 1)) - 1}}
        return await self.rerun(json_values={result.player_id: view},
                                fragment_id=result.player_fragment, by_id=True)
