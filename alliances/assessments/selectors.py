"""Reads readings: both sides side by side, the history, the gap. Every read is recorded."""

from dataclasses import dataclass, field
from datetime import date

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import require
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.persons.models import Person

from .enums import InstrumentCode, Side
from .instruments import Instrument, instrument_get
from .models import Reading
from .scoring import BondScore, bond_scores, cumulative_rupture


@dataclass(frozen=True)
class BondsReading:
    reading: Reading
    scores: list[BondScore]
    rupture: bool


@dataclass(frozen=True)
class BondGap:
    code: str
    label: str
    person: float | None
    worker: float | None
    gap: float | None


@dataclass
class PersonReadings:
    bonds: Instrument
    ladder: Instrument
    dimensions: Instrument
    #: Oldest first, per side.
    bonds_history: dict[str, list[BondsReading]] = field(default_factory=dict)
    ladder_history: dict[str, list[Reading]] = field(default_factory=dict)
    dimensions_latest: dict[str, Reading | None] = field(default_factory=dict)
    #: Oldest first, per side: every hidden-dimensions reading (the person's words are never dropped).
    dimensions_history: dict[str, list[Reading]] = field(default_factory=dict)

    def words_of(self, side: str, code: str) -> list[tuple[date, str]]:
        """Every distinct wording given for one dimension on one side, newest first: the latest words
        stay shown even when a later reading left that dimension empty."""
        seen: list[tuple[date, str]] = []
        for reading in reversed(self.dimensions_history.get(side) or []):
            text = (reading.words or {}).get(code, "").strip()
            if text and all(text != earlier for _, earlier in seen):
                seen.append((reading.taken_on, text))
        return seen

    def latest_bonds(self, side: str) -> BondsReading | None:
        history = self.bonds_history.get(side) or []
        return history[-1] if history else None

    def latest_ladder(self, side: str) -> Reading | None:
        history = self.ladder_history.get(side) or []
        return history[-1] if history else None

    @property
    def gaps(self) -> list[BondGap]:
        person, worker = self.latest_bonds(Side.PERSON), self.latest_bonds(Side.WORKER)
        rows = []
        for bond in self.bonds.bonds:
            p = next((s.score for s in person.scores if s.code == bond.code), None) if person else None
            w = next((s.score for s in worker.scores if s.code == bond.code), None) if worker else None
            gap = round(p - w, 2) if p is not None and w is not None else None
            rows.append(BondGap(code=bond.code, label=bond.label, person=p, worker=w, gap=gap))
        return rows

    @property
    def rupture(self) -> bool:
        """Shown when the latest reading of either side finds two or more bonds low."""
        return any(
            r is not None and r.rupture for r in (self.latest_bonds(Side.PERSON), self.latest_bonds(Side.WORKER))
        )


def _instrument(code: str, version: int | None = None) -> Instrument:
    instrument = instrument_get(code, version)
    assert instrument is not None, code
    return instrument


def readings_for(*, actor: User, person: Person) -> PersonReadings:
    require(actor, Action.VIEW, person, Category.BONDS)
    result = PersonReadings(
        bonds=_instrument(InstrumentCode.SOCIAL_BONDS),
        ladder=_instrument(InstrumentCode.PARTICIPATION_LADDER),
        dimensions=_instrument(InstrumentCode.HIDDEN_DIMENSIONS),
    )
    readings = Reading.objects.filter(person=person).select_related("author").order_by("taken_on", "id")
    for side in Side.values:
        result.bonds_history[side] = []
        result.ladder_history[side] = []
        result.dimensions_latest[side] = None
        result.dimensions_history[side] = []
    for reading in readings:
        if reading.instrument == InstrumentCode.SOCIAL_BONDS:
            instrument = _instrument(reading.instrument, reading.version)
            scores = bond_scores(instrument, reading.values)
            result.bonds_history[reading.side].append(
                BondsReading(reading=reading, scores=scores, rupture=cumulative_rupture(instrument, scores))
            )
        elif reading.instrument == InstrumentCode.PARTICIPATION_LADDER:
            result.ladder_history[reading.side].append(reading)
        else:
            result.dimensions_latest[reading.side] = reading
            result.dimensions_history[reading.side].append(reading)
    audit_record(actor=actor, person_id=person.pk, category=Category.BONDS, action=AuditAction.READ)
    return result


def reading_prefill(*, actor: User, person: Person, instrument_code: str) -> dict[str, object]:
    """What a new reading's form starts from: the values of the last reading on the side the actor writes,
    and for each item the latest words given on that side (so that words are carried, never lost)."""
    require(actor, Action.VIEW, person, Category.BONDS)
    side = Side.PERSON if person.account_id is not None and person.account_id == actor.pk else Side.WORKER
    readings = list(
        Reading.objects.filter(person=person, instrument=instrument_code, side=side).order_by("taken_on", "id")
    )
    if not readings:
        return {}
    data: dict[str, object] = dict(readings[-1].values or {})
    for reading in readings:  # oldest first: later words replace earlier ones, empty ones do not
        for code, text in (reading.words or {}).items():
            if text and text.strip():
                data[f"words_{code}"] = text
    audit_record(
        actor=actor, person_id=person.pk, category=Category.BONDS, action=AuditAction.READ, detail="lecture précédente"
    )
    return data
