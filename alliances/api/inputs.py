"""Checks on every operation's validated input, whatever its schema.

No text with a NUL character reaches a handler: PostgreSQL refuses to store one (a server error
otherwise, found by fuzzing `GET /api/persons?q=a%00b`), and no French text needs one.
"""

from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any

from django.http import HttpRequest
from ninja.errors import ValidationError
from pydantic import BaseModel

NUL_CHARACTER = "string_nul_character"


def _nul_locations(value: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[str | int, ...]]:
    if isinstance(value, str):
        if "\x00" in value:
            yield loc
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _nul_locations(getattr(value, name), (*loc, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and "\x00" in key:
                yield (*loc, key)
            yield from _nul_locations(item, (*loc, key))
    elif isinstance(value, list | tuple | set | frozenset):
        for index, item in enumerate(value):
            yield from _nul_locations(item, (*loc, index))


def reject_nul_characters(view: Callable[..., Any]) -> Callable[..., Any]:
    """An operation decorator (after validation): a NUL character anywhere in the input is a 422."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        errors = [
            {"type": NUL_CHARACTER, "loc": loc}
            for name, value in kwargs.items()
            for loc in _nul_locations(value, (name,))
        ]
        if errors:
            raise ValidationError(errors)
        return view(request, *args, **kwargs)

    return checked
