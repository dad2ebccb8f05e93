"""The public pages' language switch: a cookie of the public pages only, never a signed-in person's choice."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from hallbar.portal.pages import LANGUAGE_COOKIE
from hallbar.portal.publishable import public_url
from tests.plans.factories import plan_tree_for

from .factories import published

pytestmark = pytest.mark.django_db


def test_switching_the_public_language_leaves_a_signed_in_persons_language_alone(world_a):
    goal = published(plan_tree_for(world_a.organisation).goals.get())
    url = public_url(goal, world_a.organisation)
    person = world_a.user("coordinator")
    person.language = "sv"
    person.save()
    visitor = Client(enforce_csrf_checks=True)  # the cached page carries no CSRF token
    visitor.force_login(person)
    assert '<html lang="sv">' in visitor.get(url).content.decode()

    response = visitor.post(reverse("portal:language"), {"language": "en", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert response.cookies[LANGUAGE_COOKIE].value == "en"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies  # the internal pages' language cookie
    person.refresh_from_db()
    assert person.language == "sv"
    assert '<html lang="en">' in visitor.get(url).content.decode()  # the public page follows the choice ...
    internal = visitor.get(reverse("plans:goal", args=[goal.pk]))
    assert internal.status_code == 200 and internal["Content-Language"] == "sv"  # ... the internal ones do not


def test_the_switch_refuses_other_sites_and_unknown_languages(world_a):
    visitor = Client()
    response = visitor.post(reverse("portal:language"), {"language": "xx", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert LANGUAGE_COOKIE not in response.cookies
    assert visitor.get(reverse("portal:language")).status_code == 405
