"""Django admin: configuration only. Staff accounts are managed here; persons' files are not shown."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from alliances.access.policy import can_use_admin

from .enums import STAFF_ROLES
from .models import User
from .requests import account_of, account_or_none
from .services import password_set_by_admin, role_grant_approve, role_grant_request


def _has_permission(request: HttpRequest) -> bool:
    return can_use_admin(account_or_none(request))


admin.site.has_permission = _has_permission  # type: ignore[method-assign]
admin.site.site_header = "Alliances — configuration"
admin.site.site_title = "Alliances"


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Staff accounts only: person accounts belong to persons' files and stay out of the admin."""

    list_display = ("email", "first_name", "last_name", "role", "role_approved", "is_active")
    list_filter = ("role", "role_approved", "is_active")
    actions = ["approve_roles"]
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    fieldsets = (
        (None, {"fields": ("email", "username", "password")}),
        ("Identité", {"fields": ("first_name", "last_name", "phone")}),
        ("Rôle", {"fields": ("role", "is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "username", "role", "password1", "password2")}),)

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        """A role that opens persons' files waits for a second administrator (accounts.services)."""
        previous = User.objects.filter(pk=obj.pk).values_list("role", flat=True).first() if change else None
        super().save_model(request, obj, form, change)
        actor = account_of(request)
        updated = role_grant_request(actor=actor, user=obj, role=obj.role, previous_role=previous)
        obj.role_approved = updated.role_approved
        if not updated.role_approved:
            messages.warning(
                request,
                "Ce rôle donne accès à des dossiers : il prendra effet quand un autre administrateur l'aura approuvé.",
            )

    @admin.action(description="Approuver le rôle (second administrateur)")
    def approve_roles(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        actor = account_of(request)
        for user in queryset.filter(role_approved=False):
            try:
                role_grant_approve(actor=actor, user=user)
            except ValidationError as error:
                messages.error(request, f"{user} : {' '.join(error.messages)}")
            else:
                messages.success(request, f"{user} : rôle approuvé.")

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        """After an administrator sets a password: second factors removed, tokens revoked, owner told."""
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User.objects.get(pk=id)
            password_set_by_admin(actor=account_of(request), user=user)
        return response

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).filter(role__in=STAFF_ROLES)

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "role":
            kwargs["choices"] = [(value, label) for value, label in db_field.choices if value in STAFF_ROLES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)
