from django.conf import settings

from hallbar.accounts.middleware import member_of
from hallbar.organisations.models import OrganisationUnit

from . import navigation

# The header's unit selector lists the top levels (committees, administrations, units); deeper units
# are focused from their own page, so a large organisation does not get a thousand-option list.
SWITCHER_DEPTH = 3


def shell(request):
    """What the page shell needs: the menu, the active organisation and the user's other ones."""
    public = getattr(request, "is_public_page", False)  # a cached public page: nothing about the visitor
    if public or not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"site_name": "Hållbar", "languages": settings.LANGUAGES}
    focus = request.scope.focus
    choices = [
        (unit.pk, "– " * unit.depth + unit.name)
        for unit in request.scope.filter(
            OrganisationUnit.objects.filter(is_active=True, depth__lt=SWITCHER_DEPTH)
        ).only("name", "depth")
    ]
    if focus is not None and focus.depth >= SWITCHER_DEPTH:
        choices.append((focus.pk, focus.name))
    return {
        "site_name": "Hållbar",
        "languages": settings.LANGUAGES,
        "menu": navigation.menu_for(request),
        "active_organisation": request.organisation,
        "my_organisations": member_of(request.user).order_by("name"),
        "focus_unit": focus,
        "focus_choices": choices,
    }
