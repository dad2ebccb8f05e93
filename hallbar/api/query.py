"""Query-string parameters validated like request bodies: bad values are a 400, never a server error.

Declare the parameters as a serializer, document them with ``extend_schema(parameters=[TheSerializer])``
and read them with :func:`validated_query`. Text fields reject NUL characters (which PostgreSQL
cannot store or compare), integer fields are bounded to what the database can hold.
"""

from rest_framework import serializers


class QueryParameters(serializers.Serializer):
    """Base for query-string parameter sets (all optional)."""


def validated_query(request, parameters: type[QueryParameters]) -> dict:
    cache = request.__dict__.setdefault("_validated_query", {})
    if parameters not in cache:
        serializer = parameters(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        cache[parameters] = {key: value for key, value in serializer.validated_data.items() if value not in ("", None)}
    return cache[parameters]
