import secrets

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import ApiToken, User


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed TOTP device a staff member is setting up (created on first need)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Application d'authentification", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice) -> TOTPDevice:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return device


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Creates an API token and returns it with its raw value, shown once and never stored."""
    raw = "alli_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip() or "jeton", digest=ApiToken.digest_of(raw))
    return token, raw
