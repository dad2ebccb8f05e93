"""The questionnaire's structure, read from the maturity library (``frameworks/libraries/
maturity-municipal-ms.yaml``); nothing of its content is written in Python.

The library is a tree: *parts* (the maturity matrix, the basic conditions) hold *questions* (a
dimension or a condition), and each question has one child item per *stage*, which carries the
attributes ``stage`` (1–4) and ``next_step_sv``/``next_step_en`` (a suggested step from this stage
towards the one above). Any item whose children are stages is a question; its parent is its part.
Withdrawn items (gone from a newer library version) are left out of new questionnaires but still
shown in the results of assessments that answered them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import get_language

from hallbar.frameworks.models import FrameworkItem

LIBRARY_URN = "urn:hallbar:library:maturity-municipal-ms"


def localized_attribute(attributes: dict, name: str) -> str:
    """``attributes[name_<language>]`` in the active language, falling back to the other language."""
    language = (get_language() or "sv")[:2]
    for code in (language, "sv", "en"):
        value = attributes.get(f"{name}_{code}") or ""
        if value:
            return str(value)
    return ""


@dataclass
class Stage:
    number: int
    item: FrameworkItem

    @property
    def name(self) -> str:
        return self.item.name

    @property
    def description(self) -> str:
        return self.item.description

    @property
    def next_step(self) -> str:
        return localized_attribute(self.item.attributes, "next_step")


@dataclass
class Question:
    item: FrameworkItem
    part: FrameworkItem | None
    stages: list[Stage] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.item.pk

    @property
    def label(self) -> str:
        """Reference and name, e.g. "D1 Focus": the name of an axis or a column."""
        return str(self.item)

    @property
    def top(self) -> int:
        return max(stage.number for stage in self.stages)

    def stage(self, number: int | None) -> Stage | None:
        return next((stage for stage in self.stages if stage.number == number), None)


@dataclass
class Part:
    item: FrameworkItem | None
    questions: list[Question] = field(default_factory=list)


@dataclass
class Matrix:
    parts: list[Part]

    @property
    def questions(self) -> list[Question]:
        return [question for part in self.parts for question in part.questions]

    def question(self, pk: int) -> Question | None:
        return next((question for question in self.questions if question.pk == pk), None)

    @property
    def top(self) -> int:
        return max((question.top for question in self.questions), default=0)


def load_matrix(answered: frozenset[int] | set[int] = frozenset()) -> Matrix:
    """The current questions in library order (one query), plus withdrawn ones whose ids are in ``answered``."""
    items = list(FrameworkItem.objects.filter(library__urn=LIBRARY_URN).order_by("order"))
    by_id = {item.pk: item for item in items}
    questions: dict[int, Question] = {}
    for item in items:
        number = item.attributes.get("stage")
        parent = by_id.get(item.parent_id)
        if not isinstance(number, int) or parent is None:
            continue
        if parent.is_deprecated and parent.pk not in answered:
            continue
        question = questions.get(parent.pk)
        if question is None:
            question = questions[parent.pk] = Question(parent, by_id.get(parent.parent_id))
        if not item.is_deprecated or parent.pk in answered:
            question.stages.append(Stage(number, item))
    parts: dict[int | None, Part] = {}
    for question in questions.values():
        if not question.stages:
            continue
        key = question.part.pk if question.part else None
        parts.setdefault(key, Part(question.part)).questions.append(question)
    return Matrix(list(parts.values()))
