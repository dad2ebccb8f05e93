"""Property-based run of the whole API against its own OpenAPI schema: no request may cause a server error.

The schema is loaded in-process from ``/api/v1/schema/`` of the WSGI application, and every operation
in it becomes one test here (``test_api_against_its_schema[GET /api/v1/units/]`` and so on). Requests
go to the same WSGI application, inside the pytest-django test database, authenticated with the token
of a coordinator so the write endpoints are exercised too.

Deterministic and bounded: Hypothesis is derandomized, keeps no example database, and generates at
most ``MAX_EXAMPLES`` requests per operation in its fuzzing phase (plus Schemathesis' deterministic
coverage cases: boundary values, missing and wrongly typed parameters).

A failure prints the failing request as a curl command; the check names say what went wrong
(``not_a_server_error``: a 5xx; ``response_schema_conformance``: the body does not match the schema).
"""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from hallbar.accounts.models import Membership
from hallbar.frameworks.models import ItemMapping
from hallbar.history.models import ChangeRecord
from hallbar.organisations.models import OrganisationUnit

MAX_EXAMPLES = 15

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", WSGIHandler())


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    """Requests go through the real WSGI handler, which closes the database connection after each
    request (on PostgreSQL that would end the test's transaction). Django's test client avoids this
    the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def coordinator(world_a, world_b):
    """The caller: a coordinator of organisation A (organisation B exists, to be kept out of reach)."""
    user = world_a.user("coordinator")
    return {"world": world_a, "token": Token.objects.create(user=user).key}


def _real_objects(world) -> dict[str, list]:
    """Existing identifiers per collection: the caller's organisation's objects and reference data."""
    organisation = world.organisation
    return {
        "units": list(OrganisationUnit.objects.filter(organisation=organisation).values_list("pk", flat=True)),
        "organisations": [organisation.pk],
        "memberships": list(Membership.objects.filter(organisation=organisation).values_list("pk", flat=True)),
        "changes": list(ChangeRecord.objects.filter(organisation=organisation).values_list("pk", flat=True)),
        "mappings": list(ItemMapping.objects.order_by("pk").values_list("pk", flat=True)[:20]),
        "municipalities": ["0180", "0580", "2584"],
        "counties": ["01", "05", "25"],
        "libraries": ["urn:hallbar:library:sdg", "urn:hallbar:library:miljomal"],
        "framework-items": ["urn:hallbar:sdg:goal:13", "urn:hallbar:sdg:target:13.2", "urn:hallbar:miljomal:1"],
    }


def _pick(value, choices):
    """A real identifier for about half of the generated values; which ones depends only on the value."""
    if not choices or isinstance(value, bool):
        return value
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.isascii() and value.isdigit():
        number = int(value)
    elif isinstance(value, str):
        number = sum(map(ord, value))
    else:
        return value
    return choices[number // 2 % len(choices)] if number % 2 == 0 else value


def steer(case, world) -> None:
    """Point about half of the generated identifiers at objects that exist.

    Random ids and URNs almost never name an existing object, so without this nearly every request
    would end in 404 or "object does not exist" and never reach the serializers, permission checks,
    tree validation, saving, moving or the guarded delete. Only the caller's own organisation's
    objects are used (organisation B's stay out of reach, that is the isolation test's business).
    Which values are replaced depends only on the generated value, so the run stays deterministic.
    """
    real = _real_objects(world)
    collection = case.operation.path.removeprefix("/api/v1/").split("/", 1)[0]
    for name, value in (case.path_parameters or {}).items():
        case.path_parameters[name] = _pick(value, real.get(collection, []))
    if isinstance(case.body, dict):
        if "organisation" in case.body:
            case.body["organisation"] = _pick(case.body["organisation"], real["organisations"])
        if "parent" in case.body:
            case.body["parent"] = _pick(case.body["parent"], real["units"])
    query = case.query or {}
    for name, choices in [
        ("organisation", real["organisations"]),
        ("library", real["libraries"]),
        ("item", real["framework-items"]),
    ]:
        if name in query:
            query[name] = _pick(query[name], choices)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)
def test_api_against_its_schema(case, coordinator):
    steer(case, coordinator["world"])
    case.call_and_validate(
        headers={"Authorization": f"Token {coordinator['token']}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
