"""Scheme rules in the admin: new dated values can be added; none is changed or deleted (history kept)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from alliances.accounts.requests import account_of

from .models import SchemeRule


@admin.register(SchemeRule)
class SchemeRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "valid_from", "value", "source", "created_by", "created_at")
    list_filter = ("name",)
    fields = ("name", "valid_from", "value", "source")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: SchemeRule, form: Any, change: bool) -> None:
        obj.created_by = account_of(request)
        super().save_model(request, obj, form, change)
