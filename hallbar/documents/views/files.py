"""Sending stored files: only ever through these views, after the scope check of the view."""

from django.http import FileResponse, Http404
from django.views.generic import View
from django.views.generic.detail import SingleObjectMixin

from hallbar.web.mixins import ScopedObjectMixin


def file_response(record) -> FileResponse:
    """The record's file as a download (never shown inline), under its original name."""
    if not record.file:
        raise Http404
    try:
        handle = record.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=record.original_name or record.file.name.rsplit("/", 1)[-1],
        content_type=record.content_type or "application/octet-stream",
    )
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


class FileDownloadView(ScopedObjectMixin, SingleObjectMixin, View):
    """``GET``: the file of a record the user may read (another organisation's is 404)."""

    def get(self, request, *args, **kwargs):
        return file_response(self.get_object())
