import pytest
from django.utils import translation

from hallbar.accounts.scoping import Scope
from hallbar.imports import services
from hallbar.imports.registry import get_spec
from tests.indicators.factories import IndicatorFactory


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def spec():
    return get_spec("indicator_values")


@pytest.fixture
def indicators(world_a):
    """A yearly indicator, a quarterly one split by gender, and one of another organisation."""
    return {
        "yearly": IndicatorFactory(organisation=world_a.organisation, title="Utsläpp per invånare"),
        "quarterly": IndicatorFactory(
            organisation=world_a.organisation, title="Sjukfrånvaro", frequency="quarterly", split_by_gender=True
        ),
    }


@pytest.fixture
def upload(world_a, spec):
    """``upload(text_or_bytes, role=..., filename=...)`` creates a checked job as that role."""

    def make(content, role="coordinator", filename="values.csv"):
        user = world_a.user(role)
        data = content.encode() if isinstance(content, str) else content
        return services.create_job(
            spec=spec,
            organisation=world_a.organisation,
            user=user,
            scope=Scope(user, world_a.organisation),
            filename=filename,
            data=data,
        )

    return make
