"""Posting a progress update on an action page: in place with htmx, and checked with axe afterwards."""

import pytest

from hallbar.accounts.roles import Role
from hallbar.actions.models import Action
from tests.actions.factories import ActionFactory
from tests.actions.test_queries import quiet_for

from .conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.browser


def test_progress_is_posted_in_place(new_page, world_a):
    reader = world_a.user(Role.READER)  # a reader may post on actions they are contact person for
    action = quiet_for(ActionFactory(organisation=world_a.organisation, title="Solceller", contact_person=reader), 150)
    page = new_page()
    login(page, reader)
    page.goto(action.get_absolute_url())
    assert page.locator("#action-status .badge").count() == 2  # status and the stale marker
    assert_no_axe_violations(page)
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    page.fill("#id_text", "Panelerna är monterade.")
    page.select_option("#id_status", "done")
    page.click("#progress button[type=submit]")
    page.locator("#progress [role=status]").wait_for()
    assert navigations == [], "the page was reloaded instead of updated in place"
    assert "Panelerna är monterade." in page.locator("#progress").inner_text()
    assert page.locator("#action-status .badge").count() == 1  # done: no longer stale
    assert_no_axe_violations(page)
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
