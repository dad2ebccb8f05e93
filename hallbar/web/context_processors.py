from django.conf import settings

from hallbar.accounts.scoping import Scope
from hallbar.organisations.models import OrganisationUnit

from . import navigation


def shell(request):
    """What the page shell needs: the menu, the active organisation and the user's other ones."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"site_name": "Hållbar", "languages": settings.LANGUAGES}
    return {
        "site_name": "Hållbar",
        "languages": settings.LANGUAGES,
        "menu": navigation.menu_for(request),
        "active_organisation": request.organisation,
        "my_organisations": Scope(request.user).organisations().order_by("name"),
        "focus_unit": request.scope.focus,
        "focus_choices": [
            (unit.pk, "– " * unit.depth + unit.name)
            for unit in request.scope.filter(OrganisationUnit.objects.filter(is_active=True)).only("name", "depth")
        ],
    }
