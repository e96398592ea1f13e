"""Bounds shared by every operation: ids, pages, dates and months that the database and the code can hold,
so that no input overflows a query or a date computation.

A value beyond them is a French 422, never a server error. Errors of our own validators have a type
starting with `alliances.` and a message already in French.
"""

from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

#: The largest id a database row can have (a signed 64-bit integer, PostgreSQL and SQLite alike).
MAX_ID = 2**63 - 1
#: Pages of a list: a million pages of 100 is far beyond any CCAS, and far below an overflowing offset.
MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 100

#: An object's id, in a path or a body.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
#: Dates the API accepts: a century and more either side of today, far from a date's arithmetic limits
#: (free slots from 9999-12-31 overflowed: a 500).
FIRST_YEAR, LAST_YEAR = 1900, 2099


_Dated = TypeVar("_Dated", date, datetime)


def _in_calendar(value: _Dated) -> _Dated:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise PydanticCustomError(
            "alliances.date_out_of_range",
            "Cette date n'est pas valide : elle doit être entre {first} et {last}.",
            {"first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return value


#: A day, in a path, a query or a body.
Day = Annotated[date, AfterValidator(_in_calendar)]
#: A date and time (without a zone, Paris time).
Moment = Annotated[datetime, AfterValidator(_in_calendar)]
#: A calendar month, AAAA-MM, from 1900 to 2099 (a year 0000 is no date at all).
Month = Annotated[str, Field(pattern=r"^(19|20)\d{2}-(0[1-9]|1[0-2])$", description="AAAA-MM (1900 à 2099)")]


class BoundedPageNumberPagination(PageNumberPagination):
    """Page-number pagination whose page and page size are bounded (ninja's accept any positive integer)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Numéro de page, à partir de 1.")
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE, description="Éléments par page (100 au plus).")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_page_size=MAX_PAGE_SIZE, **kwargs)
