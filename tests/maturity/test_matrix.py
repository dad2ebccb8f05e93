"""The questionnaire's structure comes from the maturity library: parts, questions, stages, next steps."""

import pytest
from django.utils import translation

from hallbar.frameworks.models import FrameworkItem
from hallbar.maturity.matrix import LIBRARY_URN, load_matrix, localized_attribute

pytestmark = pytest.mark.django_db


def test_the_library_holds_the_matrix_and_the_basic_conditions():
    matrix = load_matrix()
    with translation.override("en"):
        assert [part.item.name for part in matrix.parts] == ["Maturity matrix", "Basic conditions"]
        assert [q.item.name for q in matrix.parts[0].questions] == ["Focus", "Scope", "Actors", "Position"]
        assert [q.item.name for q in matrix.parts[1].questions] == [
            "Management support",
            "Anchoring in the organisation",
            "Connection to the core business",
            "Structure and coordination",
            "Understanding",
        ]
    assert matrix.top == 4
    for question in matrix.questions:
        assert question.item.library.urn == LIBRARY_URN
        assert [stage.number for stage in question.stages] == [1, 2, 3, 4], question.label
        for stage in question.stages:
            # Every stage is described, and suggests a next step, in both languages.
            for language in ("sv", "en"):
                assert getattr(stage.item, f"name_{language}"), stage.item.urn
                assert getattr(stage.item, f"description_{language}"), stage.item.urn
                assert stage.item.attributes[f"next_step_{language}"].strip(), stage.item.urn


def test_texts_follow_the_language():
    focus = load_matrix().questions[0]
    with translation.override("sv"):
        assert focus.item.name == "Fokus"
        assert focus.stage(1).next_step.startswith("Bredda miljöutredningen")
    with translation.override("en"):
        assert focus.stage(1).next_step.startswith("Widen the environmental review")
        assert focus.label == "D1 Focus"
    assert focus.stage(5) is None


def test_localized_attribute_falls_back_to_the_other_language():
    with translation.override("en"):
        assert localized_attribute({"next_step_sv": "Gör så här"}, "next_step") == "Gör så här"
        assert localized_attribute({}, "next_step") == ""


def test_withdrawn_questions_only_where_answered():
    scope = FrameworkItem.objects.get(urn="urn:hallbar:maturity-ms:scope")
    FrameworkItem.objects.filter(pk=scope.pk).update(is_deprecated=True)
    FrameworkItem.objects.filter(parent=scope).update(is_deprecated=True)
    assert scope.pk not in [question.pk for question in load_matrix().questions]
    answered = load_matrix(answered={scope.pk})
    assert scope.pk in [question.pk for question in answered.questions]
    assert len(answered.question(scope.pk).stages) == 4
