"""Forgotten password, for a person who logs in with her phone: a code by SMS, then a new password."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from alliances.accounts.phone import normalize_phone
from alliances.accounts.sms_reset import SMS_CODE_MINUTES, sms_code_send, sms_code_use
from alliances.accounts.throttle import reset_request_allowed
from alliances.www.forms import submit

from .forms import SmsCodeForm, SmsResetForm

SESSION_KEY = "alliances_reset_phone"


def password_reset_sms(request: HttpRequest) -> HttpResponse:
    form = SmsResetForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            phone = form.cleaned_data["phone"]
            if not reset_request_allowed(request=request, identifier=phone):
                form.add_error(None, _("Trop de demandes de code. Réessayez dans une heure."))
                status = 429
            else:
                sms_code_send(phone=phone)
                request.session[SESSION_KEY] = normalize_phone(phone)
                return redirect("password_reset_sms_code")
    context = {"title": _("Mot de passe oublié"), "form": form}
    return render(request, "accounts/password_reset_sms.html", context, status=status)


def password_reset_sms_code(request: HttpRequest) -> HttpResponse:
    phone = request.session.get(SESSION_KEY)
    if not phone:
        return redirect("password_reset_sms")
    form = SmsCodeForm(request.POST or None)
    done = _("Votre mot de passe est changé. Vous pouvez vous connecter.")
    if request.method == "POST" and submit(
        request, form, lambda data: sms_code_use(phone=phone, code=data["code"], password=data["new_password1"]), done
    ):
        del request.session[SESSION_KEY]
        return redirect("login")
    context = {"title": _("Code reçu par SMS"), "form": form, "minutes": SMS_CODE_MINUTES}
    return render(request, "accounts/password_reset_sms_code.html", context, status=400 if form.errors else 200)
