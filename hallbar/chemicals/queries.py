"""Read models shared by the pages and the API: the current Candidate List and how complete it is,
screening lists, the per-unit overview and a screening's results."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery

from hallbar.actions.models import Action

from .models import ArticleMatch, Screening, ScreeningArticle, SubstanceList


def current_candidate_list() -> SubstanceList | None:
    """The loaded version with the latest date (then the latest loaded)."""
    return SubstanceList.objects.filter(key=SubstanceList.CANDIDATE_LIST).first()


@dataclass
class Completeness:
    """How much of the published list is loaded: what the UI states next to every result."""

    substance_list: SubstanceList | None
    loaded: int = 0
    with_cas: int = 0
    with_ec: int = 0
    matchable: int = 0  # with a CAS or an EC number: only these can ever match

    @property
    def total(self) -> int | None:
        return self.substance_list.total_entries if self.substance_list else None

    @property
    def is_complete(self) -> bool:
        return self.total is not None and self.loaded >= self.total


def completeness(substance_list: SubstanceList | None = None) -> Completeness:
    substance_list = substance_list or current_candidate_list()
    if substance_list is None:
        return Completeness(None)
    counts = substance_list.substances.aggregate(
        loaded=Count("pk"),
        with_cas=Count("pk", filter=~Q(cas_number="")),
        with_ec=Count("pk", filter=~Q(ec_number="")),
        matchable=Count("pk", filter=~Q(cas_number="") | ~Q(ec_number="")),
    )
    return Completeness(substance_list, **counts)


def screenings(scope):
    """The screenings the user sees (in the focus unit's subtree), with their unit."""
    return scope.in_focus(scope.filter(Screening.objects.all())).select_related("unit", "candidate_list")


def unit_overview(scope) -> list[dict]:
    """Per unit: its latest screening, with the number of articles, flagged and not screened."""
    latest = Screening.objects.filter(unit=OuterRef("unit")).order_by("-screened_at", "-pk").values("pk")[:1]
    rows = screenings(scope).filter(pk=Subquery(latest)).order_by("unit__path")
    return [{"unit": screening.unit, "screening": screening} for screening in rows]


def articles_of(screening: Screening, *, flagged_only: bool = False):
    """A screening's articles with their matches and whether each has a phase-out action."""
    articles = screening.articles.all()
    if flagged_only:
        articles = articles.filter(is_flagged=True)
    has_action = Action.objects.filter(
        reason_type__app_label="chemicals", reason_type__model="screeningarticle", reason_id=OuterRef("pk")
    )
    return articles.annotate(has_action=Exists(has_action)).prefetch_related(
        Prefetch("matches", queryset=ArticleMatch.objects.order_by("source", "identifier"))
    )


def phase_out_plan(screening: Screening):
    """The flagged articles of a screening with the actions that phase them out (one query each)."""
    articles = list(articles_of(screening, flagged_only=True))
    actions = Action.objects.filter(
        reason_type__app_label="chemicals",
        reason_type__model="screeningarticle",
        reason_id__in=[article.pk for article in articles],
    ).select_related("responsible_unit")
    by_article = {}
    for action in actions:
        by_article.setdefault(action.reason_id, []).append(action)
    return [(article, by_article.get(article.pk, [])) for article in articles]


def flagged_articles(scope):
    """Every flagged article the user sees, for the overview and the API."""
    return (
        scope.in_focus(scope.filter(ScreeningArticle.objects.filter(is_flagged=True)))
        .select_related("screening", "screening__unit")
        .prefetch_related("matches")
    )
