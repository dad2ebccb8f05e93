"""Open data: each published dataset as CSV or JSON, and the organisation's catalogue as JSON-LD."""

import json

from django.http import HttpResponse

from hallbar.actions.models import ActionPlan
from hallbar.climate.models import ClimateBudget
from hallbar.indicators.models import Indicator
from hallbar.organisations.models import Organisation
from hallbar.plans.models import Goal

from .. import catalogue, datasets, queries
from ..publishable import title_slug
from .public import PublicView

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


class DatasetView(PublicView):
    """``<kind>/<organisation>/data/<segment>/<pk>.<format>``: the dataset of one published record."""

    def build(self):
        pk = self.kwargs.get("pk", self.organisation.pk)  # the climate figures: the organisation itself
        obj = queries.published_object(self.organisation, self.model, pk)
        dataset = datasets.dataset_for(self.organisation, obj)
        licence = self.organisation.portal_settings.licence_info
        data_format = self.kwargs["format"]
        if data_format == "csv":
            body = datasets.as_csv(dataset)
        else:
            url = self.request.build_absolute_uri(self.request.path)
            body = datasets.as_json(dataset, organisation=self.organisation, licence=licence, url=url)
        response = HttpResponse(body, content_type=CONTENT_TYPES[data_format])
        response["Content-Disposition"] = f'attachment; filename="{title_slug(obj)}-{obj.pk}.{data_format}"'
        response["Link"] = f'<{licence.url}>; rel="license"'
        return response


class GoalDataView(DatasetView):
    model = Goal


class IndicatorDataView(DatasetView):
    model = Indicator


class ActionPlanDataView(DatasetView):
    model = ActionPlan


class ClimateDataView(DatasetView):
    model = Organisation


class ClimateBudgetDataView(DatasetView):
    model = ClimateBudget


class CatalogueView(PublicView):
    def build(self):
        document = catalogue.catalogue(self.organisation, self.request.build_absolute_uri)
        response = HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=2), content_type="application/ld+json; charset=utf-8"
        )
        response["Link"] = f'<{self.organisation.portal_settings.licence_info.url}>; rel="license"'
        response["Content-Disposition"] = 'inline; filename="katalog.jsonld"'
        return response
