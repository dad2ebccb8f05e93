"""What every input part uses: the review's period and how records are written down."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from hallbar.accounts.scoping import Scope
from hallbar.risks.models import Level

from ..models import ManagementReview

HIGH_LEVELS = (Level.HIGH, Level.VERY_HIGH)
# Obligation fields the evaluations keep up to date: a new date there is not a change of the obligation.
OBLIGATION_BOOKKEEPING = frozenset({"next_evaluation_date"})


@dataclass(frozen=True)
class Period:
    organisation: object
    scope: Scope  # the whole organisation, without a unit focus
    review: ManagementReview
    start: date
    end: date
    now: datetime

    @property
    def today(self) -> date:
        return timezone.localdate(self.now)

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def includes(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def _day(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return value.isoformat()


def _record(obj, name: str, **values) -> dict:
    return {"id": obj.pk, "name": name, "url": obj.get_absolute_url(), **values}


def _unit(unit) -> str | None:
    return unit.name if unit is not None else None


def _person(user) -> str | None:
    return (user.full_name or user.email) if user is not None else None
