"""The shared view and form helpers in hallbar.web: the GET filter wiring of list pages, the guarded delete
with an app's own delete service, and the unit select."""

from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation
from django.views.generic import TemplateView

from hallbar.core.deletion import DeletionRefused
from hallbar.organisations.models import OrganisationUnit
from hallbar.web.forms import setup_unit_field, unit_label
from hallbar.web.mixins import FilteredListMixin, GuardedDeleteMixin, organisation_units


class WordFilterForm(forms.Form):
    word = forms.CharField(required=False, max_length=5)

    def __init__(self, *args, prefix_with="", **kwargs):
        super().__init__(*args, **kwargs)
        self.prefix_with = prefix_with

    def filters(self) -> dict:
        return {"word": self.prefix_with + self.cleaned_data["word"]} if self.is_valid() else {}


class WordListView(FilteredListMixin, TemplateView):
    filter_form_class = WordFilterForm

    def get_filter_form_kwargs(self):
        return {"prefix_with": "x-"}


def _view(view_class, query=""):
    view = view_class()
    view.setup(RequestFactory().get(f"/list/{query}"))
    return view


def test_the_filter_form_is_unbound_without_a_query_and_reaches_the_template_once():
    view = _view(WordListView)
    assert not view.filter_form.is_bound and view.filters() == {}
    assert view.get_context_data()["filter_form"] is view.filter_form  # built once per request


def test_the_filter_form_reads_the_query_with_the_views_arguments_and_ignores_bad_values():
    assert _view(WordListView, "?word=tree").filters() == {"word": "x-tree"}
    assert _view(WordListView, "?word=far-too-long").filters() == {}


def test_a_page_may_supply_default_filters():
    class DefaultWordView(WordListView):
        def get_filter_data(self):
            data = self.request.GET.copy()
            data.setdefault("word", "oak")
            return data

    assert _view(DefaultWordView).filters() == {"word": "x-oak"}
    assert _view(DefaultWordView, "?word=elm").filters() == {"word": "x-elm"}


class Thing:
    def __str__(self):
        return "The thing"


class ThingDeleteView(GuardedDeleteMixin):
    success_url = "/things/"

    def __init__(self, delete):
        self.delete_object = delete
        self.request = RequestFactory().post("/things/1/delete/")
        self.request._messages = CookieStorage(self.request)

    def get_object(self):
        return Thing()

    def get_success_url(self):
        return self.success_url

    def get_refused_url(self):
        return "/things/1/"


def _raise(error):
    def delete(obj):
        raise error

    return delete


@pytest.mark.parametrize(
    ("delete", "url", "message"),
    [
        (lambda obj: None, "/things/", "The thing was deleted."),
        (_raise(DeletionRefused("Actions follow it up.", [])), "/things/1/", "Actions follow it up."),
        (_raise(ValidationError("It is adopted.")), "/things/1/", "It is adopted."),
    ],
)
def test_the_guarded_delete_goes_through_the_apps_service_and_says_why_it_refused(delete, url, message):
    view = ThingDeleteView(delete)
    with translation.override("en"):
        response = view.form_valid(form=None)
    assert response.url == url
    assert [str(m) for m in get_messages(view.request)] == [message]


@pytest.mark.django_db
def test_the_unit_select_shows_the_given_units_as_a_tree(world_a):
    class UnitForm(forms.Form):
        unit = forms.ModelChoiceField(queryset=OrganisationUnit.objects.none(), required=False)

    form = UnitForm()
    units = organisation_units(SimpleNamespace(organisation=world_a.organisation))
    setup_unit_field(form.fields["unit"], units)
    choices = list(form.fields["unit"].choices)
    with translation.override("en"):
        assert str(choices[0][1]) == "– the whole organisation –"
    assert [label for _, label in choices[1:]] == [unit_label(unit) for unit in units]
    assert unit_label(world_a.unit).startswith("— " * world_a.unit.depth)
    setup_unit_field(form.fields["unit"], units.filter(pk=world_a.unit.pk), empty_label="All units")
    assert [str(label) for _, label in form.fields["unit"].choices] == ["All units", unit_label(world_a.unit)]
