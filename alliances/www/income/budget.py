from decimal import Decimal

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from alliances.access.policy import AccessDenied, can_simulate_budget
from alliances.accounts.requests import AuthenticatedRequest
from alliances.core.months import month_str, parse_month
from alliances.income.services import budget_run
from alliances.www.forms import Form, errors_to_form


class BudgetForm(Form):
    month = forms.CharField(label="Mois (AAAA-MM)", max_length=7)
    guaranteed_level = forms.DecimalField(
        label="Niveau garanti par unité de consommation (€)",
        required=False,
        min_value=Decimal(0),
        max_digits=8,
        decimal_places=2,
    )
    scale_other_14_plus = forms.DecimalField(
        label="Poids d'une autre personne de 14 ans ou plus",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(2),
        decimal_places=2,
    )
    scale_child_under_14 = forms.DecimalField(
        label="Poids d'un enfant de moins de 14 ans",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(2),
        decimal_places=2,
    )
    resources_mode = forms.ChoiceField(
        label="Prestations comptées dans les ressources",
        required=False,
        choices=[
            ("", "Comme aujourd'hui"),
            ("declared", "Celles reçues (déclarées)"),
            ("entitled", "Celles dues (calculées avec OpenFisca-France)"),
        ],
    )
    population = forms.FileField(
        label="Population synthétique",
        required=False,
        help_text="Fichier JSON ou JSON Lines au format « foyer » ; sinon, les foyers inscrits.",
    )


@login_required
def budget(request: AuthenticatedRequest) -> HttpResponse:
    actor = request.user
    if not can_simulate_budget(actor):
        raise AccessDenied("Introuvable.")
    form = BudgetForm(request.POST or None, request.FILES or None, initial={"month": month_str(timezone.localdate())})
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("population")
        text = upload.read().decode("utf-8", errors="replace") if upload else ""
        try:
            month = parse_month(data["month"])
            result = budget_run(
                actor=actor,
                month=month,
                population=text,
                changes={
                    key: data.get(key)
                    for key in ("guaranteed_level", "scale_other_14_plus", "scale_child_under_14", "resources_mode")
                },
            )
        except ValueError as error:
            form.add_error("month", str(error))
        except ValidationError as error:
            errors_to_form(form, error)
    peak = max((count for _, count in result.distribution), default=0) if result else 0
    return render(
        request,
        "income/budget.html",
        {"title": "Simulation budgétaire", "form": form, "result": result, "peak": peak or 1},
    )
