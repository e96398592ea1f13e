"""What a research export may hold, table by table: every field of every model it reads is either on the
allowlist, with how it is coarsened, or named as never exported. A field added to one of these models is
neither until someone decides, and tests/exports/test_research_export.py fails.

Never exported: names, contact details, addresses, free text (journal, notes, goals, readings' words and
comments, reasons), who wrote what, exact dates. Identifiers are keyed hashes drawn anew for each export."""

from dataclasses import dataclass, field
from enum import StrEnum


class How(StrEnum):
    AS_IS = "as_is"  # a code, a number or a yes/no: nothing that names anyone
    PERSON = "person"  # the person's pseudonym (HMAC-SHA-256, a new key for each export)
    HOUSEHOLD = "household"  # the household's pseudonym
    MONTH = "month"  # a date or a moment → "YYYY-MM"
    BIRTH = "birth"  # a birth date → its year and an age band


@dataclass(frozen=True)
class Table:
    name: str  # the CSV file
    model: str  # app_label.ModelName
    fields: dict[str, How]  # exported, in column order (a related model's field as "relation__field")
    never: frozenset[str]  # every other field of the model (and of the related models read)
    person: str  # the lookup from a row to the person whose consent it needs
    year: str = ""  # the lookup of the date that puts a row in the year exported (none: all rows)
    #: Columns computed from the rows (not fields), each a documented count.
    computed: tuple[str, ...] = field(default=())


TABLES: tuple[Table, ...] = (
    Table(
        name="personnes",
        model="persons.Person",
        fields={"id": How.PERSON, "birth_date": How.BIRTH, "preferred_channel": How.AS_IS},
        never=frozenset(
            {
                "last_name",
                "first_names",
                "preferred_name",
                "email",
                "phone",
                "address",
                "languages",
                "accessibility_needs",
                "account",
                "created_at",
                "updated_at",
            }
        ),
        person="pk",
    ),
    Table(
        name="appartenances",
        model="households.Member",
        fields={
            "person": How.PERSON,
            "household": How.HOUSEHOLD,
            "role": How.AS_IS,
            "disability_rate": How.AS_IS,
            "situations": How.AS_IS,
            "left_on": How.MONTH,
        },
        # The other members did not agree: they appear only as counts on their household's row.
        never=frozenset({"id", "first_name", "last_name", "birth_date"}),
        person="person",
    ),
    Table(
        name="foyers",
        model="households.Household",
        fields={
            "id": How.HOUSEHOLD,
            "housing__status": How.AS_IS,
            "housing__rent": How.AS_IS,
            "housing__commune_code": How.AS_IS,
        },
        never=frozenset(
            {"reference", "created_at", "updated_at", "inputs_version", "housing__id", "housing__household"}
        ),
        person="members__person",
        computed=("adultes", "enfants"),
    ),
    Table(
        name="revenu_garanti",
        model="income.Entitlement",
        fields={
            "household": How.HOUSEHOLD,
            "month": How.MONTH,
            "eligible": How.AS_IS,
            "consumption_units": How.AS_IS,
            "guaranteed": How.AS_IS,
            "resources": How.AS_IS,
            "amount": How.AS_IS,
            "previous_amount": How.AS_IS,
            "resources_declared": How.AS_IS,
        },
        never=frozenset({"id", "cycle", "breakdown", "rules", "reviewed_by", "reviewed_at", "created_at"}),
        person="household__members__person",
        year="month",
    ),
    Table(
        name="echanges",
        model="alliance.Interaction",
        fields={
            "person": How.PERSON,
            "occurred_on": How.MONTH,
            "kind": How.AS_IS,
            "link_types": How.AS_IS,
            "bond": How.AS_IS,
            "person_took_part": How.AS_IS,
        },
        never=frozenset({"id", "summary", "author", "created_at"}),
        person="person",
        year="occurred_on",
    ),
    Table(
        name="rendez_vous",
        model="meetings.Meeting",
        fields={"person": How.PERSON, "starts_at": How.MONTH, "status": How.AS_IS, "place_kind": How.AS_IS},
        never=frozenset(
            {
                "id",
                "worker",
                "proposed_by",
                "ends_at",
                "office",
                "place_text",
                "agreed_by",
                "agreed_at",
                "previous",
                "reason",
                "created_at",
            }
        ),
        person="person",
        year="starts_at",
    ),
    Table(
        name="lectures",
        model="assessments.Reading",
        fields={
            "person": How.PERSON,
            "taken_on": How.MONTH,
            "instrument": How.AS_IS,
            "version": How.AS_IS,
            "side": How.AS_IS,
            "together": How.AS_IS,
            "values": How.AS_IS,
        },
        never=frozenset({"id", "words", "comment", "author", "created_at"}),
        person="person",
        year="taken_on",
    ),
    Table(
        name="mediation",
        model="mediation.ProgressStep",
        fields={
            "person": How.PERSON,
            "session__occurred_on": How.MONTH,
            "session__duration_minutes": How.AS_IS,
            "session__collective": How.AS_IS,
            "session__link_types": How.AS_IS,
            "procedure_code": How.AS_IS,
            "level": How.AS_IS,
            "person_level": How.AS_IS,
        },
        never=frozenset(
            {
                "id",
                "session",
                "person_answered_at",
                "session__id",
                "session__worker",
                "session__place",
                "session__workshop",
                "session__note",
                "session__catalogue_version",
                "session__created_at",
            }
        ),
        person="person",
        year="session__occurred_on",
    ),
    Table(
        name="objectifs",
        model="goals.Goal",
        fields={
            "person": How.PERSON,
            "created_at": How.MONTH,
            "bond": How.AS_IS,
            "proposed_by": How.AS_IS,
            "status": How.AS_IS,
            "closed_on": How.MONTH,
        },
        never=frozenset({"id", "text", "created_by", "updated_at"}),
        person="person",
        year="created_at",
    ),
)
