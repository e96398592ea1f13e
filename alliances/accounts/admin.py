"""Django admin: configuration only. Staff accounts are managed here; persons' files are not shown."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from alliances.access.policy import can_use_admin

from .enums import STAFF_ROLES
from .models import User


def _has_permission(request: HttpRequest) -> bool:
    return can_use_admin(request.user)  # type: ignore[arg-type]


admin.site.has_permission = _has_permission  # type: ignore[method-assign]
admin.site.site_header = "Alliances — configuration"
admin.site.site_title = "Alliances"


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Staff accounts only: person accounts belong to persons' files and stay out of the admin."""

    list_display = ("email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    fieldsets = (
        (None, {"fields": ("email", "username", "password")}),
        ("Identité", {"fields": ("first_name", "last_name", "phone")}),
        ("Rôle", {"fields": ("role", "is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "username", "role", "password1", "password2")}),)

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).filter(role__in=STAFF_ROLES)

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "role":
            kwargs["choices"] = [(value, label) for value, label in db_field.choices if value in STAFF_ROLES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)
