"""Factories for good examples (kept with the examples tests)."""

from decimal import Decimal

from hallbar.actions.models import Action
from hallbar.examples import services
from hallbar.examples.models import Example, ExampleAttachment, ExampleOrigin, Theme
from hallbar.frameworks.models import FrameworkItem
from tests.actions.factories import ActionFactory, action_for
from tests.factories import UserFactory

TITLE = "Laddplatser vid kommunens förskolor"


def share(action: Action, *, title=TITLE, themes=("transport", "climate"), framework_items=(), **fields) -> Example:
    user = fields.pop("user", None) or action.contact_person
    defaults = {
        "what_was_done": "Vi byggde tio laddplatser och bytte fem bilar mot elbilar.",
        "cost_sek": Decimal("1250000"),
        "result_value": Decimal("12.5"),
        "result_unit": "ton CO2e per år",
        "result_text": "Utsläppen från tjänsteresor minskade med en femtedel.",
        "contact_name": "Anna Andersson",
        "contact_email": "anna.andersson@kommun.example.se",
    }
    return services.share_action(
        action,
        user=user,
        title=title,
        themes=Theme.objects.filter(key__in=themes),
        goals=action.goals.all(),
        framework_items=framework_items,
        **{**defaults, **fields},
    )


def example_for(organisation, unit=None, **kwargs) -> Example:
    """A shared example of ``organisation``, from its action "Laddinfrastruktur"; reused when it exists."""
    example = Example.objects.filter(organisation=organisation, title=kwargs.get("title", TITLE)).first()
    return example or share(action_for(organisation, unit), **kwargs)


def withdrawn_example_for(organisation, unit=None) -> Example:
    """A withdrawn example (the library must never show it)."""
    example = Example.objects.filter(organisation=organisation, withdrawn_at__isnull=False).first()
    return example or services.withdraw(example_for(organisation, unit, title="Återbruk av möbler"))


def attachment_on(example: Example, name: str = "rapport.pdf") -> ExampleAttachment:
    """A row without writing a file (for pages that do not open it)."""
    return ExampleAttachment.objects.create(
        example=example,
        file="examples/2026/0123456789abcdef0123456789abcdef.pdf",
        original_name=name,
        content_type="application/pdf",
        size=1234,
    )


def origin_for(organisation, unit=None) -> ExampleOrigin:
    """An action of ``organisation`` copied from an example of another organisation."""
    origin = ExampleOrigin.objects.filter(action__organisation=organisation).first()
    if origin is not None:
        return origin
    source = share(ActionFactory(), user=UserFactory(), title="Matsvinn i skolköken", themes=("food",))
    return ExampleOrigin.objects.get(
        action=services.copy_to_plan(source, organisation=organisation, title="Matsvinn", responsible_unit=unit)
    )


def sdg_target(ref: str = "12.3") -> FrameworkItem:
    return FrameworkItem.objects.get(library__urn="urn:hallbar:library:sdg", ref=ref)
