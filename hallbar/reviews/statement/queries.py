"""Read models for the environmental statement pages (a fixed number of queries each)."""

from django.db import models

from hallbar.indicators.models import Indicator
from hallbar.indicators.periods import Frequency

from ..models import CoreIndicatorSource, EnvironmentalStatement
from . import content


def statement_list(scope, *, year: int | None = None, validated: bool | None = None) -> models.QuerySet:
    """The active organisation's statements, newest year first (without their frozen content)."""
    statements = scope.filter(EnvironmentalStatement.objects.all()).defer("content")
    if year is not None:
        statements = statements.filter(year=year)
    if validated is not None:
        statements = statements.filter(validated_on__isnull=not validated)
    return statements.order_by("-year", "-pk")


def years(scope) -> list[int]:
    """The years the scope's organisation has statements for, newest first."""
    statements = scope.filter(EnvironmentalStatement.objects.all())
    return list(statements.order_by("-year").values_list("year", flat=True).distinct())


def statement_content(statement: EnvironmentalStatement) -> dict:
    """What the statement says: the content frozen at validation, or generated from the live data."""
    if statement.is_validated and statement.content:
        return statement.content
    return content.build(statement)


def previous_description(organisation) -> str:
    """The description of the organisation in its latest statement, to start a new one from."""
    latest = EnvironmentalStatement.objects.filter(organisation=organisation).order_by("-year").first()
    return latest.description if latest else ""


def core_indicator_sources(organisation) -> dict[str, CoreIndicatorSource]:
    """Area → the organisation's saved source for it."""
    sources = CoreIndicatorSource.objects.filter(organisation=organisation).select_related("a_indicator", "b_indicator")
    return {source.area: source for source in sources}


def yearly_indicators(organisation) -> models.QuerySet:
    """The indicators that may supply A or B: the organisation's yearly ones."""
    return Indicator.objects.filter(organisation=organisation, frequency=Frequency.YEARLY).order_by("title", "pk")
