"""The one scoping mechanism: reading per organisation, writing per role and unit subtree."""

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from hallbar.accounts.roles import Permission, Role
from hallbar.accounts.scoping import Scope
from hallbar.frameworks.models import Library
from hallbar.organisations.models import OrganisationUnit

from ..factories import MembershipFactory, UnitFactory, UserFactory


def test_filter_limits_to_member_organisations(world_a, world_b):
    scope = Scope(world_a.user(Role.READER))
    units = scope.filter(OrganisationUnit.objects.all())
    assert set(units) == {world_a.committee, world_a.administration, world_a.unit, world_a.sibling}


def test_filter_refuses_models_without_organisation(world_a):
    with pytest.raises(ImproperlyConfigured):
        Scope(world_a.user(Role.READER)).filter(Library.objects.all())


def test_anonymous_and_inactive_users_see_nothing(world_a):
    user = world_a.user(Role.ADMINISTRATOR)
    user.is_active = False
    user.save()
    assert not Scope(user).filter(OrganisationUnit.objects.all()).exists()


def test_ended_membership_gives_nothing(world_a):
    membership = world_a.user(Role.COORDINATOR).memberships.get()
    membership.is_active = False
    membership.save()
    assert not Scope(world_a.user(Role.COORDINATOR)).has(Permission.VIEW, world_a.unit)


@pytest.mark.parametrize(
    ("role", "permission", "expected"),
    [
        (Role.ADMINISTRATOR, Permission.MANAGE_PEOPLE, True),
        (Role.COORDINATOR, Permission.MANAGE_STRUCTURE, True),
        (Role.COORDINATOR, Permission.MANAGE_PEOPLE, True),
        (Role.READER, Permission.VIEW, True),
        (Role.READER, Permission.CHANGE, False),
        (Role.AUDITOR, Permission.WRITE_FINDINGS, True),
        (Role.AUDITOR, Permission.CHANGE, False),
        (Role.EDITOR, Permission.MANAGE_STRUCTURE, False),
    ],
)
def test_role_permissions_on_the_whole_organisation(world_a, role, permission, expected):
    assert Scope(world_a.user(role)).has(permission, world_a.unit) is expected


def test_editor_changes_only_in_their_subtree(world_a):
    scope = Scope(world_a.user(Role.EDITOR))  # editor of world_a.administration
    assert scope.has(Permission.CHANGE, world_a.administration)
    assert scope.has(Permission.CHANGE, world_a.unit)  # below their unit
    assert not scope.has(Permission.CHANGE, world_a.sibling)
    assert not scope.has(Permission.CHANGE, world_a.committee)  # above their unit
    assert not scope.has(Permission.CHANGE, organisation_id=world_a.organisation.pk)  # organisation-wide data
    assert scope.has(Permission.VIEW, world_a.sibling)  # but reads everything


def test_changeable_units_follow_the_subtree(world_a):
    units = Scope(world_a.user(Role.EDITOR)).changeable_units(world_a.organisation.pk)
    assert set(units) == {world_a.administration, world_a.unit}
    assert Scope(world_a.user(Role.READER)).changeable_units(world_a.organisation.pk).count() == 0
    assert Scope(world_a.user(Role.COORDINATOR)).changeable_units(world_a.organisation.pk).count() == 4


def test_no_rights_in_a_foreign_organisation(world_a, world_b):
    scope = Scope(world_a.user(Role.ADMINISTRATOR))
    assert not scope.has(Permission.VIEW, world_b.unit)
    with pytest.raises(PermissionDenied):
        scope.require(Permission.CHANGE, world_b.unit)


def test_active_organisation_narrows_the_scope(world_a, world_b):
    person = UserFactory()
    MembershipFactory(user=person, organisation=world_a.organisation, role=Role.READER)
    MembershipFactory(user=person, organisation=world_b.organisation, role=Role.READER)
    assert Scope(person).organisation_ids == {world_a.organisation.pk, world_b.organisation.pk}
    assert Scope(person, world_b.organisation).organisation_ids == {world_b.organisation.pk}


def test_grantable_roles(world_a):
    assert Scope(world_a.user(Role.ADMINISTRATOR)).grantable_roles(world_a.organisation.pk) == set(Role.values)
    coordinator = Scope(world_a.user(Role.COORDINATOR)).grantable_roles(world_a.organisation.pk)
    assert Role.ADMINISTRATOR not in coordinator and Role.EDITOR in coordinator
    assert Scope(world_a.user(Role.EDITOR)).grantable_roles(world_a.organisation.pk) == set()


def test_unit_tree_paths_follow_moves(world_a):
    leaf = UnitFactory(organisation=world_a.organisation, parent=world_a.unit, name="Leaf")
    assert leaf.depth == 3
    world_a.administration.parent = world_a.sibling
    world_a.administration.save()
    leaf.refresh_from_db()
    assert leaf.path.startswith(world_a.sibling.path)
    assert leaf.depth == 4
    assert list(world_a.sibling.subtree().order_by("path")) == [
        world_a.sibling,
        world_a.administration,
        OrganisationUnit.objects.get(pk=world_a.unit.pk),
        leaf,
    ]


def test_unit_switcher_focuses_lists_on_a_subtree(world_a, world_b, client_for):
    client = client_for(world_a.user(Role.READER))
    assert client.post("/organisation/focus/", {"unit": world_a.administration.pk}).status_code == 302

    def tree_names(response):
        names, stack = [], list(response.context["tree"])
        while stack:
            node = stack.pop()
            names.append(node["unit"].name)
            stack.extend(node["children"])
        return names

    focused = tree_names(client.get("/organisation/"))
    assert world_a.unit.name in focused and world_a.sibling.name not in focused
    assert client.post("/organisation/focus/", {"unit": world_b.unit.pk}).status_code == 400
    client.post("/organisation/focus/", {"unit": ""})
    assert world_a.sibling.name in tree_names(client.get("/organisation/"))


def test_in_focus_keeps_organisation_wide_rows(world_a):
    from hallbar.accounts.models import Membership

    scope = Scope(world_a.user(Role.READER), world_a.organisation, focus=world_a.unit)
    memberships = scope.in_focus(scope.filter(Membership.objects.all()))
    assert memberships.filter(unit__isnull=True).exists()  # organisation-wide roles still apply
    assert not memberships.filter(unit=world_a.administration).exists()  # above the focused unit
