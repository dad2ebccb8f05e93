"""Every write of the chemicals app: phase-out list entries, screenings and their results, and the
phase-out plan (actions).

Rules:

1. A phase-out list entry has a name, a reason, and a CAS number, an EC number or both, each with a
   valid form and check digit. The same number twice in one organisation's list is refused.
2. A screening is one unit's article list, matched when it is stored against the **current**
   Candidate List version (named on the screening) and the organisation's phase-out list as it is
   then. An article matches when one of its CAS numbers equals an entry's CAS number, or one of its
   EC numbers an entry's EC number. Matches are a record: they keep the substance's name and reason.
   An article without any number is counted as "not screened".
3. The phase-out plan of a screening is its actions: an action's *reason* is a flagged article. Only
   flagged articles get one; the action is the screening unit's by default.
4. A screening with phase-out actions cannot be deleted (the actions would lose their reason); a
   phase-out entry can always be deleted: screenings keep what they found.
"""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hallbar.actions import services as action_services
from hallbar.actions.models import Action
from hallbar.core.deletion import DeletionRefused

from . import queries
from .models import ArticleMatch, PhaseOutSubstance, Screening, ScreeningArticle

# Phase-out list ---------------------------------------------------------------------------------------


def save_phase_out_substance(entry: PhaseOutSubstance) -> PhaseOutSubstance:
    """Validate (rule 1) and save a new or changed entry."""
    entry.full_clean()
    others = PhaseOutSubstance.objects.filter(organisation_id=entry.organisation_id).exclude(pk=entry.pk)
    errors = {}
    for field in ("cas_number", "ec_number"):
        number = getattr(entry, field)
        duplicate = others.filter(**{field: number}).first() if number else None
        if duplicate is not None:
            errors[field] = _("%(number)s is already on the phase-out list as “%(name)s”.") % {
                "number": number,
                "name": duplicate.name,
            }
    if errors:
        raise ValidationError(errors)
    entry.save()
    return entry


def delete_phase_out_substance(entry: PhaseOutSubstance) -> None:
    entry.delete()


# Screenings -------------------------------------------------------------------------------------------


def _index(entries, source: str) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """{(kind, number): [(source, name, reason)]} of a list's entries."""
    index = defaultdict(list)
    for name, cas_number, ec_number, reason in entries:
        if cas_number:
            index[(ArticleMatch.Kind.CAS, cas_number)].append((source, name, reason))
        if ec_number:
            index[(ArticleMatch.Kind.EC, ec_number)].append((source, name, reason))
    return index


def matcher(organisation, candidate_list):
    """The lookup of rule 2: {(kind, number): [(source, substance name, reason)]}."""
    index = defaultdict(list)
    if candidate_list is not None:
        rows = candidate_list.substances.values_list("name", "cas_number", "ec_number", "reason")
        for key, found in _index(rows, ArticleMatch.Source.CANDIDATE_LIST).items():
            index[key] += found
    rows = PhaseOutSubstance.objects.filter(organisation=organisation).values_list(
        "name", "cas_number", "ec_number", "reason"
    )
    for key, found in _index(rows, ArticleMatch.Source.PHASE_OUT).items():
        index[key] += found
    return index


@transaction.atomic
def create_screening(*, organisation, unit, title: str, articles: list[dict], user=None) -> Screening:
    """Store a screening of ``articles`` (dicts: row, name, supplier, cas_numbers, ec_numbers — lists —,
    quantity, quantity_unit) and match them (rule 2)."""
    candidate_list = queries.current_candidate_list()
    screening = Screening.objects.create(
        organisation=organisation, unit=unit, title=title[:300], screened_by=user, candidate_list=candidate_list
    )
    index = matcher(organisation, candidate_list)
    stored, found = [], []
    for article in articles:
        numbers = [(ArticleMatch.Kind.CAS, n) for n in article["cas_numbers"]]
        numbers += [(ArticleMatch.Kind.EC, n) for n in article["ec_numbers"]]
        matches = [(kind, number, hit) for kind, number in numbers for hit in index.get((kind, number), [])]
        quantity = article.get("quantity")
        stored.append(
            ScreeningArticle(
                screening=screening,
                row=article["row"],
                name=article["name"][:300],
                supplier=(article.get("supplier") or "")[:300],
                cas_numbers=", ".join(article["cas_numbers"])[:500],
                ec_numbers=", ".join(article["ec_numbers"])[:500],
                quantity=None if quantity is None else Decimal(str(quantity)),
                quantity_unit=(article.get("quantity_unit") or "")[:30],
                is_flagged=bool(matches),
            )
        )
        found.append(matches)
    ScreeningArticle.objects.bulk_create(stored)
    ArticleMatch.objects.bulk_create(
        ArticleMatch(article=article, kind=kind, identifier=number, source=source, substance_name=name, reason=reason)
        for article, matches in zip(stored, found, strict=True)
        for kind, number, (source, name, reason) in matches
    )
    screening.article_count = len(stored)
    screening.flagged_count = sum(1 for article in stored if article.is_flagged)
    screening.unidentified_count = sum(1 for article in stored if not article.cas_numbers and not article.ec_numbers)
    screening.save(update_fields=["article_count", "flagged_count", "unidentified_count"])
    return screening


def screening_actions(screening: Screening):
    return Action.objects.filter(
        reason_type__app_label="chemicals",
        reason_type__model="screeningarticle",
        reason_id__in=screening.articles.values("pk"),
    )


def delete_screening(screening: Screening) -> None:
    """Rule 4: refused while its articles have phase-out actions."""
    count = screening_actions(screening).count()
    if count:
        raise DeletionRefused(
            _("%(object)s cannot be deleted: %(count)s phase-out actions refer to its articles.")
            % {"object": screening, "count": count},
            [str(action) for action in screening_actions(screening)[:5]],
        )
    screening.delete()


# Phase-out plan ---------------------------------------------------------------------------------------


def plan_phase_out(article: ScreeningArticle, **fields) -> Action:
    """Rule 3: an action to phase out a flagged article's substances (``fields`` as in
    ``actions.services.create_action``; the responsible unit defaults to the screening's)."""
    if not article.is_flagged:
        raise ValidationError(_("Only an article with matches on a substance list can get a phase-out action."))
    fields.setdefault("responsible_unit", article.screening.unit)
    fields.setdefault("title", _("Phase out %(article)s") % {"article": article.name})
    return action_services.create_action(organisation=article.screening.organisation, reason=article, **fields)
