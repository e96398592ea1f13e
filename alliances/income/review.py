"""What the second officer reviews before approving a cycle (four eyes): the change from last month by
group, the households with nothing declared, the corrections, a random sample, and every entitlement,
filterable and paged, with its breakdown. Reads only; each page runs a fixed number of queries whatever
the cycle's size (tests/income/test_review.py counts them at two sizes)."""

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, DecimalField, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Concat

from alliances.access.policy import AccessDenied, can_run_income_cycle
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.core.months import add_months, of_month
from alliances.households.models import Member

from .audit import audit_households
from .models import Correction, Cycle, Entitlement, SchemeRule

#: Entitlements drawn at random when a computation ends, for the second officer to check by hand.
SAMPLE_SIZE = 20
PAGE_SIZE = 50
_ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=10, decimal_places=2))


def review_change_threshold(*, month: date) -> Decimal:
    """The change from last month above which a household is reviewed (a dated management rule)."""
    value = (
        SchemeRule.objects.filter(name="review_change_threshold", valid_from__lte=month)
        .order_by("-valid_from")
        .values_list("value", flat=True)
        .first()
    )
    return Decimal(value or "50")


def draw_sample(cycle: Cycle) -> list[int]:
    """A fresh random sample of the cycle's entitlements (system randomness: nobody can predict it)."""
    ids = list(Entitlement.objects.filter(cycle=cycle).values_list("pk", flat=True))
    return sorted(random.SystemRandom().sample(ids, min(SAMPLE_SIZE, len(ids))))


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    condition: Q


def change_groups(threshold: Decimal) -> list[Group]:
    """Every entitlement falls in exactly one group, by its amount against last month's."""
    had = Q(previous_amount__gt=0)
    has = Q(amount__gt=0)
    return [
        Group("nouveau", "Nouveaux : un complément ce mois-ci, aucun le mois précédent", has & ~had),
        Group("fin", "Fin : plus de complément ce mois-ci", had & ~has),
        Group(
            "hausse",
            f"En hausse de plus de {threshold:.0f} €",
            had & has & Q(amount__gt=F("previous_amount") + threshold),
        ),
        Group(
            "baisse",
            f"En baisse de plus de {threshold:.0f} €",
            had & has & Q(amount__lt=F("previous_amount") - threshold),
        ),
        Group(
            "stable",
            f"Écart de {threshold:.0f} € ou moins",
            had & has & Q(amount__gte=F("previous_amount") - threshold, amount__lte=F("previous_amount") + threshold),
        ),
        Group("aucun", "Aucun complément, ni ce mois-ci ni le précédent", ~had & ~has),
    ]


def _cycle(actor: User, cycle_id: int) -> Cycle:
    if not can_run_income_cycle(actor):
        raise AccessDenied("Introuvable.")
    cycle = Cycle.objects.filter(pk=cycle_id).first()
    if cycle is None:
        raise AccessDenied("Introuvable.")
    return cycle


def change_figures(cycle: Cycle) -> dict[str, Any]:
    """The figures that do not move once a cycle is computed (the change from last month by group, what
    was declared, the corrections), as JSON: computed once when the computation ends, kept on the cycle
    (`review_figures`), so the cycle's page does not aggregate 100,000 rows on every view."""
    threshold = review_change_threshold(month=cycle.month)
    groups = change_groups(threshold)
    change = F("amount") - Coalesce(F("previous_amount"), _ZERO)
    aggregates: dict[str, Any] = {}
    for group in groups:
        aggregates[f"{group.key}_count"] = Count("id", filter=group.condition)
        aggregates[f"{group.key}_change"] = Coalesce(Sum(change, filter=group.condition), _ZERO)
    aggregates.update(
        total=Coalesce(Sum("amount"), _ZERO),
        previous_total=Coalesce(Sum("previous_amount"), _ZERO),
        undeclared=Count("id", filter=Q(resources_declared=False)),
    )
    figures = cycle.entitlements.aggregate(**aggregates)
    # Households paid last month that have no entitlement this month (they left the scheme).
    gone = (
        Entitlement.objects.filter(month=add_months(cycle.month, -1), amount__gt=0)
        .exclude(household_id__in=cycle.entitlements.values("household_id"))
        .aggregate(count=Count("id"), total=Coalesce(Sum("amount"), _ZERO))
    )
    corrections = cycle.corrections.aggregate(count=Count("id"), total=Coalesce(Sum("amount"), _ZERO))
    return {
        "threshold": _money(threshold),
        "groups": {
            g.key: {"count": figures[f"{g.key}_count"], "change": _money(figures[f"{g.key}_change"])} for g in groups
        },
        "left": {"count": gone["count"], "total": _money(gone["total"])},
        "total": _money(figures["total"]),
        "previous_total": _money(figures["previous_total"]),
        "undeclared": figures["undeclared"],
        "corrections": {"count": corrections["count"], "total": _money(corrections["total"])},
    }


def review_summary(cycle: Cycle) -> dict[str, Any]:
    """What the cycle's page shows the second officer: the stored change figures (computed now for a
    cycle computed before they were kept), and how many amounts were checked so far (one query)."""
    stored = cycle.review_figures or change_figures(cycle)
    threshold = Decimal(stored["threshold"])
    live = cycle.entitlements.filter(reviewed_at__isnull=False).aggregate(
        reviewed=Count("id"), sample_reviewed=Count("id", filter=Q(pk__in=cycle.sample or []))
    )
    rows = [
        {
            "key": g.key,
            "label": g.label,
            "count": stored["groups"][g.key]["count"],
            "change": Decimal(stored["groups"][g.key]["change"]),
        }
        for g in change_groups(threshold)
    ]
    gone = {"count": stored["left"]["count"], "total": Decimal(stored["left"]["total"])}
    total = Decimal(stored["total"])
    last_month_total = Decimal(stored["previous_total"]) + gone["total"]
    return {
        "threshold": threshold,
        "groups": rows,
        "gone": gone,
        "gone_change": -gone["total"],
        "total": total,
        "last_month_total": last_month_total,
        "total_change": total - last_month_total,
        "explained": sum((row["change"] for row in rows), Decimal(0)) - gone["total"],
        "undeclared": stored["undeclared"],
        "reviewed": live["reviewed"],
        "sample_size": len(cycle.sample or []),
        "sample_reviewed": live["sample_reviewed"],
        "corrections": {"count": stored["corrections"]["count"], "total": Decimal(stored["corrections"]["total"])},
    }


def _money(amount: Decimal) -> str:
    return f"{Decimal(amount):.2f}"


FILTERS = {
    "non-declare": ("Ressources non déclarées", Q(resources_declared=False)),
    "echantillon": ("Échantillon à vérifier à la main", None),  # the cycle's sample (see `_filtered`)
    "corrige": ("Avec une correction d'un mois passé", None),
    "plafond": ("Au-dessus du plafond de revue un par un", None),
    "revu": ("Déjà vérifiés", Q(reviewed_at__isnull=False)),
    "a-verifier": ("Pas encore vérifiés", Q(reviewed_at__isnull=True)),
}


def _filtered(cycle: Cycle, group: str, flag: str, reference: str) -> QuerySet[Entitlement]:
    entitlements = cycle.entitlements.all()
    by_key = {g.key: g for g in change_groups(review_change_threshold(month=cycle.month))}
    if group in by_key:
        entitlements = entitlements.filter(by_key[group].condition)
    if flag == "echantillon":
        entitlements = entitlements.filter(pk__in=cycle.sample or [])
    elif flag == "corrige":
        entitlements = entitlements.filter(
            Exists(Correction.objects.filter(cycle=cycle, household_id=OuterRef("household_id")))
        )
    elif flag == "plafond":
        ceiling = Decimal(cycle.rules.get("review_ceiling", {}).get("value", "0") or "0")
        entitlements = entitlements.filter(amount__gt=ceiling)
    elif flag in FILTERS and FILTERS[flag][1] is not None:
        entitlements = entitlements.filter(FILTERS[flag][1])
    if reference:  # references are written in capitals (T000012): the unique index finds it
        entitlements = entitlements.filter(household__reference=reference.strip().upper())
    return entitlements


def _applicant(field: str) -> Subquery:
    return Subquery(Member.objects.filter(household_id=OuterRef("household_id"), role="applicant").values(field)[:1])


def entitlements_page(
    *, actor: User, cycle_id: int, group: str = "", flag: str = "", reference: str = "", page: str | int = 1
) -> tuple[Cycle, Page[Any]]:
    """One page of a cycle's entitlements, largest first, with the applicant's name, last month's amount
    and whether a correction applies. Showing them is a read of each household's data (audited)."""
    cycle = _cycle(actor, cycle_id)
    # The page's ids first, from the (cycle, amount, id) index alone; then those rows with what they show.
    # (Annotating before paging would compute the names of every row skipped by the offset.)
    ids = _filtered(cycle, group, flag, reference).order_by("-amount", "id").values_list("pk", flat=True)
    current: Page[Any] = Paginator(ids, PAGE_SIZE).get_page(page)
    rows = {
        e.pk: e
        for e in Entitlement.objects.filter(pk__in=list(current.object_list))
        .select_related("household", "reviewed_by")
        .annotate(
            applicant=Concat(_applicant("first_name"), Value(" "), _applicant("last_name")),
            corrected=Exists(Correction.objects.filter(cycle=cycle, household_id=OuterRef("household_id"))),
            change=F("amount") - Coalesce(F("previous_amount"), _ZERO),
        )
    }
    shown: list[Any] = [rows[pk] for pk in current.object_list if pk in rows]
    current.object_list = shown
    _audit(actor, [e.household_id for e in shown], cycle, "liste des droits du mois")
    return cycle, current


def entitlement_detail(*, actor: User, cycle_id: int, entitlement_id: int) -> dict[str, Any]:
    """One household's entitlement with its breakdown, last month's, the members, the frozen inputs and
    the corrections applied this cycle (audited read)."""
    cycle = _cycle(actor, cycle_id)
    entitlement = (
        Entitlement.objects.filter(cycle=cycle, pk=entitlement_id)
        .select_related("household", "reviewed_by", "cycle__computed_by")
        .first()
    )
    if entitlement is None:
        raise AccessDenied("Introuvable.")
    previous = Entitlement.objects.filter(
        household_id=entitlement.household_id, month=add_months(cycle.month, -1)
    ).first()
    members = list(Member.objects.filter(household_id=entitlement.household_id).order_by("role", "birth_date", "id"))
    snapshot = cycle.snapshots.filter(household_id=entitlement.household_id).values_list("data", flat=True).first()
    corrections = list(Correction.objects.filter(cycle=cycle, household_id=entitlement.household_id))
    _audit(actor, [entitlement.household_id], cycle, "droit du mois et son calcul")
    return {
        "cycle": cycle,
        "entitlement": entitlement,
        "previous": previous,
        "change": entitlement.amount - previous.amount if previous is not None else None,
        "members": members,
        "incomes": _incomes(snapshot, members),
        "corrections": corrections,
        "in_sample": entitlement.pk in (cycle.sample or []),
    }


def _incomes(snapshot: dict[str, Any] | None, members: list[Member]) -> list[dict[str, Any]]:
    """The frozen incomes (what was computed from), per member, and the benefits received, in plain words."""
    from .engine.top_up import BENEFIT_LABELS, INCOME_LABELS

    if not snapshot:
        return []
    names = {str(m.pk): f"{m.first_name} {m.last_name}" for m in members}
    rows = []
    for member in snapshot.get("members", []):
        for income_type, by_month in member.get("incomes", {}).items():
            for month, amount in sorted(by_month.items()):
                rows.append(
                    {
                        "member": names.get(str(member["id"]), "ancien membre"),
                        "label": INCOME_LABELS.get(income_type, income_type),
                        "month": month,
                        "amount": Decimal(str(amount)),
                    }
                )
    for benefit, amount in snapshot.get("received", {}).items():
        label, agree = BENEFIT_LABELS.get(benefit, (benefit, "e"))
        rows.append(
            {
                "member": "le foyer",
                "label": f"{label} reçu{agree} (moyenne par mois sur la période comptée)",
                "month": "",
                "amount": Decimal(str(amount)),
            }
        )
    return rows


def _audit(actor: User, household_ids: list[int], cycle: Cycle, what: str) -> None:
    detail = f"Revue du revenu garanti {of_month(cycle.month)} : {what}"
    audit_households(actor, Member.objects.filter(household_id__in=household_ids), detail, AuditAction.READ)


def approval_record(cycle: Cycle, approver: User) -> dict[str, Any]:
    """What the second officer had in front of them when approving: kept on the cycle, for good."""
    summary = review_summary(cycle)
    by_approver = cycle.entitlements.filter(reviewed_by=approver).count()
    return {
        "threshold": _money(summary["threshold"]),
        "groups": {row["key"]: {"count": row["count"], "change": _money(row["change"])} for row in summary["groups"]},
        "left": {"count": summary["gone"]["count"], "total": _money(summary["gone"]["total"])},
        "total": _money(summary["total"]),
        "last_month_total": _money(summary["last_month_total"]),
        "undeclared": summary["undeclared"],
        "corrections": {"count": summary["corrections"]["count"], "total": _money(summary["corrections"]["total"])},
        "sample": {"size": summary["sample_size"], "reviewed": summary["sample_reviewed"]},
        "reviewed": summary["reviewed"],
        "reviewed_by_approver": by_approver,
    }
