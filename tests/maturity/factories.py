"""Factories for maturity assessments and answers (kept with the maturity tests)."""

import factory

from hallbar.maturity import services
from hallbar.maturity.matrix import load_matrix
from hallbar.maturity.models import Answer, Assessment
from tests.factories import OrganisationFactory

# The stages of an example assessment, question by question in library order (repeated as needed).
EARLIER_STAGES = (1, 2, 1, 1, 2, 1, 2, 1, 1)
LATER_STAGES = (2, 2, 3, 1, 3, 2, 2, 2, 4)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2026


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    assessment = factory.SubFactory(AssessmentFactory)
    dimension = factory.LazyFunction(lambda: load_matrix().questions[0].item)
    stage = 2


def answer_all(assessment, stages, comment: str = "") -> Assessment:
    """Give every question a stage through the service (``stages`` repeated over the questions)."""
    matrix = load_matrix()
    answers = {
        question.pk: (stages[index % len(stages)], comment or f"Motivering {index + 1}")
        for index, question in enumerate(matrix.questions)
    }
    services.save_answers(assessment, answers, matrix)
    return assessment


def completed(organisation, unit=None, year=2025, stages=EARLIER_STAGES) -> Assessment:
    assessment = services.create_assessment(organisation=organisation, unit=unit, year=year)
    return services.complete(answer_all(assessment, stages))


def assessment_for(organisation, unit=None) -> Assessment:
    """A draft assessment of ``unit`` for 2026 with every question answered, and a completed one for
    2025 to compare with; reused when it exists."""
    existing = Assessment.objects.filter(organisation=organisation, unit=unit, year=2026).first()
    if existing is not None:
        return existing
    completed(organisation, unit, 2025)
    assessment = services.create_assessment(
        organisation=organisation, unit=unit, year=2026, participants="Ledningsgruppen"
    )
    return answer_all(assessment, LATER_STAGES)
