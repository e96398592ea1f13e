from typing import Any

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from alliances.accounts.services import totp_device_confirm, totp_device_pending
from alliances.accounts.throttle import reset_request_allowed

from .forms import LoginForm, NewPasswordForm, OtpForm, ResetForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    extra_context = {"title": _("Se connecter")}


class LogoutView(auth_views.LogoutView):
    pass


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return str(settings.LOGIN_REDIRECT_URL)


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Second step of a staff login: a TOTP code; first time, the device is set up here."""
    user = request.user
    if user.is_verified():  # type: ignore[union-attr]
        return redirect(_safe_next(request))
    confirmed = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    pending = None if confirmed else totp_device_pending(user=user)  # type: ignore[arg-type]
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["otp_token"].strip()
        device = confirmed if confirmed else pending
        assert device is not None
        if device.verify_token(token):
            if not confirmed:
                totp_device_confirm(device=device)
            django_otp.login(request, device)
            messages.success(request, _("Connexion vérifiée."))
            return redirect(_safe_next(request))
        form.add_error(
            "otp_token", _("Ce code n'est pas le bon, ou il a expiré. Saisissez le code affiché maintenant.")
        )
    context: dict[str, Any] = {"form": form, "title": _("Vérification en deux étapes"), "next": _safe_next(request)}
    if pending is not None:
        context["setup_uri"] = pending.config_url
        context["setup_secret"] = pending.bin_key.hex()
        context["setup_qr"] = _qr_svg(pending.config_url)
    return render(request, "accounts/otp_verify.html", context)


def _qr_svg(data: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode")


class ResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")
    extra_context = {"title": _("Mot de passe oublié")}

    def form_valid(self, form: ResetForm) -> HttpResponse:
        """Throttled per identifier and per address; the answer never says whether an account exists."""
        if not reset_request_allowed(request=self.request, identifier=form.cleaned_data.get("email", "")):
            form.add_error(None, _("Trop de demandes de réinitialisation. Réessayez dans une heure."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class ResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"
    extra_context = {"title": _("Courriel envoyé")}


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")
    extra_context = {"title": _("Nouveau mot de passe")}


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
    extra_context = {"title": _("Mot de passe changé")}
