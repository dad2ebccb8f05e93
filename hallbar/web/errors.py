"""Error pages in the page shell, in the user's language."""

from django.shortcuts import render


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    return render(request, "web/errors/403.html", {"message": message}, status=403)


def page_not_found(request, exception=None):
    return render(request, "web/errors/404.html", status=404)


def server_error(request):
    return render(request, "web/errors/500.html", status=500)
