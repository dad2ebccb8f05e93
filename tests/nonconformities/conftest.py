import pytest
from django.conf import settings

from hallbar.accounts.roles import Role
from hallbar.actions.models import Action
from hallbar.actions.services import create_action

from .factories import analysed


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def item(world_a):
    """A reported nonconformity of the unit, owned by the editor, with its analysis filled in."""
    return analysed(world_a.organisation, responsible_unit=world_a.unit, owner=world_a.user(Role.EDITOR))


def corrective_action(nonconformity, status=Action.Status.NOT_STARTED, contact_person=None, title="Töm avskiljaren"):
    return create_action(
        organisation=nonconformity.organisation,
        title=title,
        reason=nonconformity,
        responsible_unit=nonconformity.responsible_unit,
        status=status,
        contact_person=contact_person,
    )


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Service and form messages are asserted in English; tests of the Swedish text override "sv"
    themselves (pages follow the request's language whatever this sets)."""
    from django.utils import translation

    with translation.override("en"):
        yield
