from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from alliances.www.forms import DsfrFormMixin


class LoginForm(DsfrFormMixin, AuthenticationForm):
    username = forms.CharField(
        label="Adresse électronique ou numéro de téléphone",
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label="Mot de passe", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": "Identifiant ou mot de passe incorrect. Vérifiez-les et réessayez.",
        "inactive": "Ce compte est désactivé. Adressez-vous au CCAS.",
    }


class OtpForm(DsfrFormMixin, forms.Form):
    otp_token = forms.CharField(
        label="Code à 6 chiffres de votre application d'authentification",
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ResetForm(DsfrFormMixin, PasswordResetForm):
    email = forms.EmailField(
        label="Adresse électronique", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
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
