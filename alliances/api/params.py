"""Bounds shared by every operation: ids and pages a database can hold, so that no input overflows a query.

An id or a page beyond them is a French 422, never a server error.
"""

from typing import Annotated, Any

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

#: The largest id a database row can have (a signed 64-bit integer, PostgreSQL and SQLite alike).
MAX_ID = 2**63 - 1
#: Pages of a list: a million pages of 100 is far beyond any CCAS, and far below an overflowing offset.
MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 100

#: An object's id, in a path or a body.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
#: A calendar month, AAAA-MM, from 1900 to 2099 (a year 0000 is no date at all).
Month = Annotated[str, Field(pattern=r"^(19|20)\d{2}-(0[1-9]|1[0-2])$", description="AAAA-MM (1900 à 2099)")]


class BoundedPageNumberPagination(PageNumberPagination):
    """Page-number pagination whose page and page size are bounded (ninja's accept any positive integer)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Numéro de page, à partir de 1.")
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE, description="Éléments par page (100 au plus).")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_page_size=MAX_PAGE_SIZE, **kwargs)
