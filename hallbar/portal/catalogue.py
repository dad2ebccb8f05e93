"""The organisation's data catalogue as JSON-LD in the style of DCAT-AP-SE (the Swedish profile of
DCAT-AP, dataportal.se): one ``dcat:Catalog`` with one ``dcat:Dataset`` per published goal, indicator
and action plan, each with a CSV and a JSON ``dcat:Distribution``, licence, publisher, language and
the date its data last changed."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import queries
from .datasets import description_of, title_of
from .publishable import KINDS, data_url, home_url, public_url

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
LANGUAGES = {"sv": "SWE", "en": "ENG"}
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}


def _text(value: str) -> dict:
    return {"@language": get_language() or "sv", "@value": str(value)}


def _date(moment) -> dict | None:
    return {"@type": "xsd:dateTime", "@value": moment.isoformat()} if moment else None


def catalogue(organisation, absolute) -> dict:
    """``absolute``: turns a path into an absolute URL (``request.build_absolute_uri``)."""
    settings = organisation.portal_settings
    licence = {"@id": settings.licence_info.url}
    language = {"@id": EU_LANGUAGE + LANGUAGES.get(get_language() or "sv", "SWE")}
    publisher = {"@type": "foaf:Agent", "@id": absolute(home_url(organisation)), "foaf:name": organisation.name}
    contact = (
        {
            "@type": "vcard:Organization",
            "vcard:fn": organisation.name,
            "vcard:hasEmail": f"mailto:{settings.contact_email}",
        }
        if settings.contact_email
        else None
    )
    modified = queries.modified_dates(organisation)
    datasets = []
    for kind in KINDS.values():
        if not kind.data_url_name:
            continue
        for obj in queries.published(organisation, kind).order_by("pk"):
            title = title_of(obj)
            entry = {
                "@id": absolute(public_url(obj, organisation)) + "#data",
                "@type": "dcat:Dataset",
                "dcterms:title": _text(title),
                "dcterms:description": _text(description_of(obj)),
                "dcterms:publisher": publisher,
                "dcterms:license": licence,
                "dcterms:language": language,
                "dcat:landingPage": {"@id": absolute(public_url(obj, organisation))},
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dcterms:title": _text(f"{title} ({data_format.upper()})"),
                        "dcat:accessURL": {"@id": absolute(data_url(obj, organisation, data_format))},
                        "dcat:downloadURL": {"@id": absolute(data_url(obj, organisation, data_format))},
                        "dcat:mediaType": MEDIA_TYPES[data_format],
                        "dcterms:format": {"@id": EU_FILE_TYPE + data_format.upper()},
                        "dcterms:license": licence,
                    }
                    for data_format in ("csv", "json")
                ],
            }
            if moment := _date(modified.get((kind.model, obj.pk))):
                entry["dcterms:modified"] = moment
            if contact:
                entry["dcat:contactPoint"] = contact
            datasets.append(entry)
    newest = [entry["dcterms:modified"]["@value"] for entry in datasets if "dcterms:modified" in entry]
    document = {
        "@context": CONTEXT,
        "@id": absolute(home_url(organisation)) + "data/katalog.jsonld",
        "@type": "dcat:Catalog",
        "dcterms:title": _text(_("%(organisation)s: open data") % {"organisation": organisation.name}),
        "dcterms:description": _text(
            _("Open data on the goals, indicators and actions of %(organisation)s.")
            % {"organisation": organisation.name}
        ),
        "dcterms:publisher": publisher,
        "dcterms:license": licence,
        "dcterms:language": language,
        "foaf:homepage": {"@id": absolute(home_url(organisation))},
        "dcat:dataset": datasets,
    }
    if newest:
        document["dcterms:modified"] = {"@type": "xsd:dateTime", "@value": max(newest)}
    return document
