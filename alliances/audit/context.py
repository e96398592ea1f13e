"""Per-request context (request id, client address) carried by a context variable.

The audit trail and the log lines read it, so every event can be tied to one request.
"""

import logging
import uuid
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    ip_address: str | None = None
    path: str = ""
    #: A web request records each read once (a page that reads one part twice leaves one row).
    deduplicate: bool = False
    #: What this request recorded: (actor, person, category, action, detail) and (actor, person).
    recorded: set[tuple[object, ...]] = field(default_factory=set, compare=False)
    #: A web request's reads, written together when it ends (one append to the chain, not one per part of
    #: the page read); writes are recorded at once, in the transaction of what they record.
    reads: list[Any] = field(default_factory=list, compare=False)


_current: ContextVar[RequestContext | None] = ContextVar("alliances_request_context", default=None)


def new_request_id() -> str:
    return uuid.uuid4().hex


def set_context(context: RequestContext | None) -> object:
    return _current.set(context)


def reset_context(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]


def current_context() -> RequestContext:
    """The current request's context, or a fresh one for commands and tasks."""
    context = _current.get()
    if context is None:
        context = RequestContext(request_id=new_request_id(), path="")
        _current.set(context)
    return context


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        context = _current.get()
        if context is not None:
            record.request_id = context.request_id
        else:
            # django.request logs a 404 or a 500 once the middleware has returned: its record carries the request.
            record.request_id = getattr(getattr(record, "request", None), "request_id", "-")
        return True
