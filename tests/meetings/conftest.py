from alliances.meetings.services import OptionIn

from ..conftest import NOW, PARIS, at  # noqa: F401  (the clock and open_week fixtures live there too)


def option(day: int, hour: int, place: str = "phone", **extra: object) -> OptionIn:
    return OptionIn(starts_at=at(day, hour), ends_at=at(day, hour + 1), place_kind=place, **extra)  # type: ignore[arg-type]
