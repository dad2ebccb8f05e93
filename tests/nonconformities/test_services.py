"""Writes: validation, the five whys, corrective actions, closed nonconformities and deleting."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hallbar.accounts.roles import Role
from hallbar.actions.models import Action
from hallbar.core.deletion import DeletionRefused
from hallbar.nonconformities import services
from hallbar.nonconformities.models import Nonconformity, Stage
from tests.factories import UserFactory
from tests.indicators.factories import indicator_for

from .conftest import corrective_action
from .factories import nonconformity


def errors_of(callable_, *args, **kwargs) -> dict:
    with translation.override("en"), pytest.raises(ValidationError) as error:
        callable_(*args, **kwargs)
    return error.value.message_dict if hasattr(error.value, "error_dict") else {"__all__": error.value.messages}


def test_registration_checks_people_dates_and_the_correction(world_a):
    outsider = UserFactory()
    tomorrow = timezone.localdate() + timedelta(days=1)
    errors = errors_of(
        nonconformity,
        world_a.organisation,
        owner=outsider,
        detected_on=tomorrow,
        immediate_correction="Stängde ventilen.",
        no_immediate_correction=True,
    )
    assert errors["owner"] == ["The person must be a member of the organisation."]
    assert errors["detected_on"] == ["The date of detection cannot be in the future."]
    assert errors["no_immediate_correction"] == [
        "Either describe the immediate correction or tick that none was needed, not both."
    ]
    assert not Nonconformity.objects.exists()


def test_whys_are_stored_in_order_and_replaced(item):
    services.save_whys(item, ["Ventilen läckte.", "Packningen var gammal.", " Ingen underhållsplan. ", "", ""])
    assert [(why.position, why.answer) for why in item.whys.all()] == [
        (1, "Ventilen läckte."),
        (2, "Packningen var gammal."),
        (3, "Ingen underhållsplan."),
    ]
    services.save_whys(item, ["Ventilen läckte.", "Fel packning."])
    assert [why.answer for why in item.whys.all()] == ["Ventilen läckte.", "Fel packning."]


def test_whys_must_be_answered_in_order_and_at_most_five(item):
    assert errors_of(services.save_whys, item, ["Ett", "", "Tre"]) == {
        "__all__": ["Answer the whys in order, without leaving one blank in between."]
    }
    assert errors_of(services.save_whys, item, ["1", "2", "3", "4", "5", "6"]) == {
        "__all__": ["A five-whys analysis has at most five answers."]
    }


def test_a_closed_nonconformity_is_not_changed(item):
    Nonconformity.objects.filter(pk=item.pk).update(stage=Stage.CLOSED)
    item.refresh_from_db()
    message = ["A closed nonconformity cannot be changed. Reopen it first."]
    assert errors_of(services.update_nonconformity, item, title="Nytt")["__all__"] == message
    assert errors_of(services.save_whys, item, ["Varför"])["__all__"] == message


def test_corrective_actions_are_actions_with_the_nonconformity_as_reason(item, world_a):
    action = services.add_corrective_action(item, title="Inför tömningsrutin", contact_person=world_a.user(Role.READER))
    assert action.reason == item and action.responsible_unit == world_a.unit
    assert action.organisation == world_a.organisation
    assert list(Action.objects.for_reason(item)) == [action]


def test_no_corrective_action_after_verification(item):
    Nonconformity.objects.filter(pk=item.pk).update(stage=Stage.VERIFIED)
    item.refresh_from_db()
    assert errors_of(services.add_corrective_action, item, title="För sent")["__all__"] == [
        "Corrective actions cannot be added once the effectiveness is verified. Reopen the nonconformity first."
    ]


def test_delete_is_refused_with_actions_or_a_source(item, world_a):
    corrective_action(item)
    with translation.override("en"), pytest.raises(DeletionRefused) as error:
        services.delete_nonconformity(item)
    assert error.value.message.endswith("The nonconformity has corrective actions. Delete or move them first.")
    raised = services.raise_nonconformity(
        organisation=world_a.organisation,
        origin=Nonconformity.Origin.COMPLIANCE,
        title="Från utvärdering",
        source=indicator_for(world_a.organisation, world_a.unit),
    )
    with translation.override("en"), pytest.raises(DeletionRefused) as error:
        services.delete_nonconformity(raised)
    assert error.value.message.endswith("The nonconformity was raised from another record and is kept with it.")
    assert Nonconformity.objects.count() == 2


def test_delete_removes_whys_and_timeline(item):
    services.save_whys(item, ["Ett"])
    services.delete_nonconformity(item)
    assert not Nonconformity.objects.exists()


def test_delete_is_refused_with_evidence(item, world_a):
    from tests.documents.factories import evidence_on

    evidence_on(item, user=world_a.user(Role.EDITOR))
    with translation.override("en"), pytest.raises(DeletionRefused) as error:
        services.delete_nonconformity(item)
    assert error.value.message.endswith("The nonconformity has evidence files. Delete them first.")


def test_the_analysis_stays_complete_once_analysed(item, world_a):
    from hallbar.nonconformities import workflow

    services.update_nonconformity(item, root_cause="")  # still reported: may be incomplete
    services.update_nonconformity(item, root_cause="Ingen rutin.")
    workflow.move(item, "analyse", user=world_a.user(Role.EDITOR))
    assert errors_of(services.update_nonconformity, item, root_cause=" ")["__all__"] == [
        "Once the nonconformity is analysed, its analysis must stay complete: the root cause has not been stated."
    ]
    item.refresh_from_db()
    item.analysis_method = Nonconformity.AnalysisMethod.FIVE_WHYS
    assert errors_of(services.save_analysis, item, [])["__all__"][0].endswith("the five whys have not been answered.")
    services.save_analysis(item, ["Ingen ägde rutinen."])
    item.refresh_from_db()
    assert item.analysis_method == Nonconformity.AnalysisMethod.FIVE_WHYS and item.whys.count() == 1
