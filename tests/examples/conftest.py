import pytest


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Service and form messages are asserted in English (pages follow the request's language)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def places(world_a, world_b):
    """A is Linköping (SKR group B3, Östergötland), B is Ale (another group, Västra Götaland)."""
    from hallbar.organisations.models import Municipality

    for world, code in ((world_a, "0580"), (world_b, "1440")):
        world.organisation.municipality = Municipality.objects.get(code=code)
        world.organisation.save()
    return Municipality.objects.get(code="0580"), Municipality.objects.get(code="1440")
