"""Small helpers shared by the API test modules."""

from hallbar.accounts.roles import Role
from hallbar.organisations.models import OrganisationUnit

STRUCTURE_ROLES = [Role.ADMINISTRATOR, Role.COORDINATOR]
READ_ONLY_ROLES = [Role.EDITOR, Role.READER, Role.AUDITOR]


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def unit_count() -> int:
    return OrganisationUnit.objects.count()
