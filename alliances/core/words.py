"""The type of a text shown to a reader: a string, or a translation read in the page's language."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise as Words
else:
    from django.utils.functional import Promise

    Words = str | Promise

__all__ = ["Words"]
