from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from alliances.accounts.phone import normalize_phone
from alliances.www.forms import DsfrFormMixin, Form


class LoginForm(DsfrFormMixin, AuthenticationForm):
    username = forms.CharField(
        label=_("Adresse électronique ou numéro de téléphone"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Mot de passe"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": _("Identifiant ou mot de passe incorrect. Vérifiez-les et réessayez."),
        "inactive": _("Ce compte est désactivé. Adressez-vous au CCAS."),
    }


class OtpForm(DsfrFormMixin, forms.Form):
    otp_token = forms.CharField(
        label=_("Code à 6 chiffres de votre application d'authentification"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ResetForm(DsfrFormMixin, PasswordResetForm):
    email = forms.EmailField(
        label=_("Adresse électronique"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Queues the email on the task queue instead of sending it inside the request."""
        from django.template import loader

        from alliances.notifications.tasks import send_email

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email(subject=subject, body=body, to=[to_email])


class NewPasswordForm(DsfrFormMixin, SetPasswordForm):
    pass


class SmsResetForm(Form):
    phone = forms.CharField(
        label=_("Votre numéro de téléphone portable"),
        help_text=_("Le numéro avec lequel vous vous connectez. Format attendu : 06 12 34 56 78"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": _("Écrivez votre numéro de téléphone.")},
    )

    def clean_phone(self) -> str:
        value: str = self.cleaned_data["phone"]
        if normalize_phone(value) is None:
            raise forms.ValidationError(_("Ce numéro n'est pas valide. Exemple : 06 12 34 56 78"))
        return value


class SmsCodeForm(Form):
    code = forms.CharField(
        label=_("Le code reçu par SMS"),
        help_text=_("6 chiffres."),
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("Écrivez le code reçu par SMS.")},
    )
    new_password1 = forms.CharField(
        label=_("Nouveau mot de passe"),
        help_text=_("8 caractères au moins. Une phrase que vous retenez facilement convient."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Choisissez un mot de passe.")},
    )
    new_password2 = forms.CharField(
        label=_("Le même mot de passe, encore une fois"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Écrivez le mot de passe une deuxième fois.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password1") and data.get("new_password2") and data["new_password1"] != data["new_password2"]:
            self.add_error("new_password2", _("Les deux mots de passe ne sont pas les mêmes."))
        return data
