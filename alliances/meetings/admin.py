"""CCAS offices in the admin: where meetings and workshops take place, with address and accessibility.
Closing an office (unticking "ouvert") keeps the meetings already held there."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Office


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("name", "address", "active")
    list_filter = ("active",)
    fields = ("name", "address", "accessibility", "active")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # meetings keep their place; close the office instead
