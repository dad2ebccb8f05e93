"""The REST API's own behaviour: authentication, pagination, the caller and their organisations.

Units are in ``test_api_units.py``, memberships, the audit trail and reference data in
``test_api_reference.py``; the generated all-endpoints isolation test is ``tests/test_isolation.py``
and the fuzzing run ``test_schemathesis.py``.
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from hallbar.accounts.roles import Role

from ..factories import MembershipFactory, UnitFactory, UserFactory
from .helpers import ids, unit_count

LIST_ENDPOINTS = [
    "/api/v1/",
    "/api/v1/me/",
    "/api/v1/organisations/",
    "/api/v1/units/",
    "/api/v1/memberships/",
    "/api/v1/changes/",
    "/api/v1/municipalities/",
    "/api/v1/counties/",
    "/api/v1/libraries/",
    "/api/v1/framework-items/",
    "/api/v1/mappings/",
]


# Authentication ----------------------------------------------------------------------------------


def test_token_authentication(world_a, api):
    response = api(world_a.user("reader")).get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["email"] == "reader@a.example.se"


def test_wrong_or_inactive_token_is_refused(world_a, api):
    client = api()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get("/api/v1/me/").status_code == 401

    user = world_a.user("reader")
    client = api(user)
    user.is_active = False
    user.save()
    assert client.get("/api/v1/me/").status_code == 401


def test_session_authentication(world_a, client):
    client.force_login(world_a.user("coordinator"))
    response = client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["email"] == "coordinator@a.example.se"


def test_session_writes_need_the_csrf_token(world_a):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world_a.user("coordinator"))
    data = {"organisation": world_a.organisation.pk, "name": "Ny enhet"}
    before = unit_count()

    assert client.post("/api/v1/units/", data, format="json").status_code == 403
    assert unit_count() == before

    secret = "s3cr3t" * 5 + "ab"  # 32 characters, as in the CSRF cookie
    client.cookies[settings.CSRF_COOKIE_NAME] = secret
    response = client.post("/api/v1/units/", data, format="json", HTTP_X_CSRFTOKEN=secret)
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("url", LIST_ENDPOINTS)
def test_anonymous_requests_are_refused(db, api, url):
    response = api().get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_anonymous_writes_are_refused(world_a, api):
    before = unit_count()
    response = api().post("/api/v1/units/", {"organisation": world_a.organisation.pk, "name": "X"}, format="json")
    assert response.status_code == 401
    assert api().delete(f"/api/v1/units/{world_a.unit.pk}/").status_code == 401
    assert unit_count() == before


def test_schema_and_docs_are_public(db, api):
    schema = api().get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"openapi: 3" in schema.content
    docs = api().get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/api/v1/units/{id}/" in html
    # The data formats are listed field by field.
    unit_section = html[html.index('id="schema-Unit"') : html.index('id="schema-UnitKindEnum"')]
    assert "<code>organisation</code>" in unit_section
    assert "<code>parent</code>" in unit_section
    assert "integer, nullable" in unit_section


def test_schema_generation_is_clean(tmp_path):
    """No drf-spectacular warnings or errors, and the schema validates against the OpenAPI 3 spec."""
    GENERATOR_STATS.reset()  # count this generation's warnings only (the counter is process-wide)
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--api-version", "v1", "--file", str(tmp_path / "schema.yaml")
    )
    assert "/api/v1/units/{id}/" in (tmp_path / "schema.yaml").read_text()


# Pagination --------------------------------------------------------------------------------------


def test_pagination_shape_and_page_size(world_a, api):
    client = api(world_a.user("reader"))
    first = client.get("/api/v1/municipalities/").json()
    assert set(first) == {"count", "next", "previous", "results"}
    assert first["count"] == 290
    assert len(first["results"]) == settings.REST_FRAMEWORK["PAGE_SIZE"] == 50
    assert first["previous"] is None
    assert first["next"].endswith("/api/v1/municipalities/?page=2")

    last = client.get("/api/v1/municipalities/?page=6").json()
    assert len(last["results"]) == 40
    assert last["next"] is None
    assert last["previous"].endswith("/api/v1/municipalities/?page=5")

    codes = set()
    for page in range(1, 7):
        codes |= {row["code"] for row in client.get(f"/api/v1/municipalities/?page={page}").json()["results"]}
    assert len(codes) == 290

    assert client.get("/api/v1/municipalities/?page=7").status_code == 404
    assert client.get("/api/v1/municipalities/?page=x").status_code == 404


def test_scoped_lists_are_paginated_too(world_a, api):
    for _ in range(55):
        UnitFactory(organisation=world_a.organisation)
    body = api(world_a.user("reader")).get("/api/v1/units/").json()
    assert body["count"] == 59
    assert len(body["results"]) == 50
    assert body["next"] is not None


# Me and organisations ----------------------------------------------------------------------------


def test_me(world_a, world_b, api):
    body = api(world_a.user("editor")).get("/api/v1/me/").json()
    assert body["email"] == "editor@a.example.se"
    assert body["name"] == "A editor"
    assert body["language"] == "sv"
    assert [(m["organisation"], m["unit"], m["role"]) for m in body["memberships"]] == [
        (world_a.organisation.pk, world_a.administration.pk, "editor")
    ]


def test_me_leaves_out_ended_memberships(world_a, world_b, api):
    user = world_a.user("reader")
    ended = MembershipFactory(user=user, organisation=world_b.organisation, role=Role.READER, is_active=False)
    body = api(user).get("/api/v1/me/").json()
    assert ended.pk not in {m["id"] for m in body["memberships"]}


def test_organisations_lists_only_the_callers_organisations(world_a, world_b, api):
    client = api(world_a.user("administrator"))
    assert ids(client.get("/api/v1/organisations/")) == {world_a.organisation.pk}
    assert client.get(f"/api/v1/organisations/{world_a.organisation.pk}/").json()["name"] == "A kommun"
    assert client.get(f"/api/v1/organisations/{world_b.organisation.pk}/").status_code == 404


def test_member_of_two_organisations_sees_both(world_a, world_b, api):
    user = UserFactory()
    MembershipFactory(user=user, organisation=world_a.organisation, role=Role.READER)
    MembershipFactory(user=user, organisation=world_b.organisation, role=Role.READER)
    assert ids(api(user).get("/api/v1/organisations/")) == {world_a.organisation.pk, world_b.organisation.pk}


def test_user_without_membership_sees_nothing(world_a, api):
    client = api(UserFactory())
    for url in ["/api/v1/organisations/", "/api/v1/units/", "/api/v1/memberships/", "/api/v1/changes/"]:
        assert client.get(url).json()["count"] == 0, url
    assert client.get(f"/api/v1/units/{world_a.unit.pk}/").status_code == 404


def test_organisations_are_read_only(world_a, api):
    client = api(world_a.user("administrator"))
    assert client.post("/api/v1/organisations/", {"name": "X"}, format="json").status_code == 405
    url = f"/api/v1/organisations/{world_a.organisation.pk}/"
    assert client.patch(url, {"name": "X"}, format="json").status_code == 405
    assert client.delete(url).status_code == 405


def test_token_is_per_user(world_a, world_b, api):
    """A token only ever acts as its own user (no cross-organisation leakage through shared keys)."""
    a_token = Token.objects.create(user=world_a.user("reader"))
    b_token = Token.objects.create(user=world_b.user("reader"))
    assert a_token.key != b_token.key
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {b_token.key}")
    assert ids(client.get("/api/v1/organisations/")) == {world_b.organisation.pk}
