"""The page shell and the main interactions, used with a keyboard in headless Chromium."""

import re

import pytest
from django.utils import translation

from hallbar.accounts.roles import Role
from hallbar.organisations.models import OrganisationUnit
from tests.factories import MembershipFactory, UnitFactory, UserFactory

from .conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.browser


def sv(message: str) -> str:
    """The Swedish text the pages show for ``message`` (from the same catalogue the server uses)."""
    with translation.override("sv"):
        return translation.gettext(message)


FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex='-1'])"

ACTIVE_ELEMENT = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(), id: el.id, classes: el.className, text: el.textContent.trim().slice(0, 60),
        outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth, boxShadow: style.boxShadow,
        inMain: document.querySelector('main').contains(el) && el !== document.querySelector('main'),
        isMain: el === document.querySelector('main'),
    };
}"""


def focused(page) -> dict:
    return page.evaluate(ACTIVE_ELEMENT)


def assert_skip_link_works(page) -> None:
    first = page.locator(FOCUSABLE).first
    assert first.get_attribute("class") == "skip-link", "the skip link is not the first focusable element"
    if focused(page)["tag"] == "body":
        page.keyboard.press("Tab")
        active = focused(page)
        assert "skip-link" in active["classes"], f"the first Tab focused {active}, not the skip link"
    else:
        # The log-in page puts focus in its first field; Shift+Tab from there reaches the skip link.
        for _step in range(20):
            page.keyboard.press("Shift+Tab")
            if "skip-link" in focused(page)["classes"]:
                break
        assert "skip-link" in focused(page)["classes"], "Shift+Tab from the first field never reaches the skip link"
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0, "the focused skip link is not visible on screen"
    page.keyboard.press("Enter")
    assert focused(page)["isMain"], "activating the skip link did not move focus to <main>"
    page.keyboard.press("Tab")
    assert focused(page)["inMain"], "after the skip link, Tab does not continue inside the main content"


def assert_focus_always_visible(page, max_steps: int = 80) -> int:
    """Tab through the whole page; every focused element must show an outline or a box shadow."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    seen = []
    for _step in range(max_steps):
        page.keyboard.press("Tab")
        active = focused(page)
        if active["tag"] == "body" or (seen and active == seen[0]):
            break
        outline = active["outlineStyle"] != "none" and active["outlineWidth"] not in ("0px", "")
        shadow = active["boxShadow"] not in ("none", "")
        assert outline or shadow, f"no visible focus indicator on {active} ({page.url})"
        seen.append(active)
    assert len(seen) > 3, f"Tab reached only {len(seen)} elements on {page.url}"
    return len(seen)


def assert_landmarks(page, *, with_navigation: bool) -> None:
    assert page.get_by_role("main").count() == 1, "there must be exactly one main landmark"
    assert page.locator("main").count() == 1
    assert page.get_by_role("banner").count() == 1, "the header must be the page's one banner landmark"
    assert page.get_by_role("contentinfo").count() == 1, "the footer must be the page's one contentinfo landmark"
    navigations = page.get_by_role("navigation").all()
    if with_navigation:
        assert navigations, "the main navigation is missing"
    for navigation in navigations:
        first_line = navigation.aria_snapshot().splitlines()[0]
        assert re.match(r'- navigation "[^"]+"', first_line), (
            f"a navigation landmark has no accessible name: {first_line}"
        )


def test_skip_link_focus_and_landmarks(new_page, world_a):
    """On a logged-in page and on the log-in page: skip link, visible focus everywhere, landmarks."""
    visitor = new_page()
    visitor.goto("/accounts/login/")
    assert_skip_link_works(visitor)
    assert_focus_always_visible(visitor)
    assert_landmarks(visitor, with_navigation=False)

    page = new_page()
    login(page, world_a.user("coordinator"))
    for path in ["/", "/organisation/"]:
        page.goto(path)
        assert_skip_link_works(page)
        page.goto(path)
        assert_focus_always_visible(page)
        assert_landmarks(page, with_navigation=True)
    assert page.get_by_role("navigation", name=sv("Main"), exact=True).count() == 1


ERROR_TIES = """() => [...document.querySelectorAll('main form.form :is(input, select, textarea)')]
    .filter(el => el.type !== 'hidden')
    .map(el => ({
        id: el.id,
        invalid: el.getAttribute('aria-invalid'),
        described: (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean)
            .map(id => ({id, exists: !!document.getElementById(id),
                         isError: !!document.getElementById(id)?.classList.contains('error'),
                         text: document.getElementById(id)?.textContent.trim() || ''})),
        fieldErrors: [...(el.closest('.field')?.querySelectorAll('.error') || [])]
            .map(p => ({id: p.id, text: p.textContent.trim()})),
    }))"""


def assert_errors_tied_to_fields(page, expected_invalid: set[str]) -> None:
    inputs = page.evaluate(ERROR_TIES)
    invalid = {entry["id"] for entry in inputs if entry["invalid"] == "true"}
    assert invalid == expected_invalid, f"aria-invalid is on {invalid}, expected {expected_invalid}"
    for entry in inputs:
        for described in entry["described"]:
            assert described["exists"], f"#{entry['id']} is described by #{described['id']}, which does not exist"
        errors_shown = entry["fieldErrors"]
        if entry["id"] in expected_invalid:
            assert errors_shown, f"#{entry['id']} is invalid but its field shows no error message"
            described_ids = {described["id"] for described in entry["described"]}
            for error in errors_shown:
                assert error["id"] in described_ids, f"the error {error} is not in aria-describedby of #{entry['id']}"
            error_texts = [d["text"] for d in entry["described"] if d["isError"]]
            prefix = sv("Error:")
            assert all(text.startswith(prefix) and len(text) > len(prefix) for text in error_texts), error_texts
        else:
            assert not errors_shown and not any(d["isError"] for d in entry["described"]), entry
    summary = page.locator("main .form-errors[role=alert]")
    assert summary.count() == 1 and summary.inner_text().strip(), "no error summary announced with role=alert"


def test_form_errors_are_tied_to_their_inputs(new_page, world_a):
    page = new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", "")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    assert_errors_tied_to_fields(page, {"id_username", "id_password"})
    described = page.get_attribute("#id_username", "aria-describedby").split()
    texts = [page.inner_text(f"#{element_id}") for element_id in described]
    assert any(sv("This field is required.") in text for text in texts), texts

    login(page, world_a.user("coordinator"))
    page.goto("/organisation/units/new/")
    page.fill("#id_org_number", "12")  # one field wrong, one required field empty, the rest fine
    with page.expect_navigation():
        page.click("main form.form button[type=submit]")
    assert_errors_tied_to_fields(page, {"id_name", "id_org_number"})
    # Help texts stay tied to their inputs next to the errors.
    described = page.get_attribute("#id_org_number", "aria-describedby").split()
    assert "id_org_number_helptext" in described and "id_org_number_error1" in described
    assert sv("Error:") in page.inner_text("#id_org_number_error1")


def test_language_switch_sets_html_lang(new_page, world_a):
    assert sv("Main") != "Main", "the Swedish translations are not compiled: run make messages"
    page = new_page()
    login(page, world_a.user("reader"))
    page.goto("/organisation/")
    assert page.get_attribute("html", "lang") == "sv"
    assert page.get_by_role("navigation", name=sv("Main"), exact=True).count() == 1

    english = page.locator("form.language-switcher button[value=en]")
    assert english.get_attribute("lang") == "en", "the language button must be marked with its own language"
    english.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_attribute("html", "lang") == "en"
    assert page.url.endswith("/organisation/"), "switching language must stay on the same page"
    assert page.get_by_role("navigation", name="Main", exact=True).count() == 1
    assert page.get_by_role("heading", level=1).inner_text() == "Organisation structure"
    page.goto("/")  # the choice is remembered
    assert page.get_attribute("html", "lang") == "en"

    with page.expect_navigation():
        page.click("form.language-switcher button[value=sv]")
    assert page.get_attribute("html", "lang") == "sv"
    assert page.get_by_role("navigation", name=sv("Main"), exact=True).count() == 1
    assert page.locator("form.language-switcher button[value=en]").count() == 1


def test_organisation_switcher_changes_the_active_organisation(new_page, world_a, world_b):
    person = UserFactory(email="both@example.se", full_name="Två Organisationer")
    MembershipFactory(user=person, organisation=world_a.organisation, role=Role.READER)
    MembershipFactory(user=person, organisation=world_b.organisation, role=Role.COORDINATOR)
    page = new_page()
    login(page, person)

    switcher = page.get_by_label(sv("Organisation"), exact=True)
    assert switcher.evaluate("select => select.selectedOptions[0].textContent") == "A kommun"
    assert page.get_by_role("heading", level=1).inner_text() == "A kommun"
    assert_no_axe_violations(page, "the start page with the organisation switcher")

    switcher.select_option(label="B kommun")
    with page.expect_navigation():
        page.get_by_role("button", name=sv("Switch"), exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "B kommun"
    assert (
        page.get_by_label(sv("Organisation"), exact=True).evaluate("select => select.selectedOptions[0].textContent")
        == "B kommun"
    )
    page.goto("/organisation/")  # the whole interface follows the switch
    tree = page.locator("main .tree").first.inner_text()
    assert "B nämnd" in tree and "A nämnd" not in tree


def test_coordinator_creates_a_unit(new_page, world_a):
    page = new_page()
    login(page, world_a.user("coordinator"))
    page.goto("/organisation/")
    with page.expect_navigation():
        page.get_by_role("link", name=sv("New unit"), exact=True).click()
    page.get_by_label(sv("name")).fill("Miljöenheten")
    page.locator("#id_kind").select_option("unit")
    page.locator("#id_parent").select_option(str(world_a.administration.pk))
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()

    unit = OrganisationUnit.objects.get(organisation=world_a.organisation, name="Miljöenheten")
    assert unit.parent == world_a.administration
    assert page.url.endswith(unit.get_absolute_url())
    assert "Miljöenheten" in page.locator("main .messages[role=status]").inner_text()
    assert_no_axe_violations(page, "a unit page with a success message")

    page.goto("/organisation/")
    parent = page.evaluate(
        """() => {
            const links = [...document.querySelectorAll('main .tree a')];
            const link = links.find(a => a.textContent.trim() === 'Miljöenheten');
            const parentItem = link && link.closest('li').parentElement.closest('li');
            return parentItem ? parentItem.querySelector(':scope > a').textContent.trim() : null;
        }"""
    )
    assert parent == "A förvaltning", "the new unit is not shown under its parent in the tree"


def test_deleting_a_unit_with_a_child_is_refused(new_page, world_a):
    parent = UnitFactory(organisation=world_a.organisation, name="Tekniska nämnden", kind="committee")
    UnitFactory(organisation=world_a.organisation, parent=parent, name="Gatuenheten")
    page = new_page()
    login(page, world_a.user("coordinator"))
    page.goto(parent.get_absolute_url())
    with page.expect_navigation():
        page.locator("main .actions a.button--danger").click()
    assert page.url.endswith(f"/organisation/units/{parent.pk}/delete/")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    assert OrganisationUnit.objects.filter(pk=parent.pk).exists(), "the unit was deleted"
    assert page.url.endswith(parent.get_absolute_url())
    message = page.locator("main .message--error").inner_text()
    assert "Tekniska nämnden" in message and "Gatuenheten" in message, message
    assert message.startswith(sv("Error:")), "the error must not be signalled by colour alone"
    assert_no_axe_violations(page, "a unit page with an error message")
