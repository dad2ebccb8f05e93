"""A server-rendered API reference built from the OpenAPI schema: no JavaScript, works with screen readers."""

from django.views.generic import TemplateView
from drf_spectacular.generators import SchemaGenerator


def _operations(schema: dict) -> list[dict]:
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "tag": (operation.get("tags") or ["api"])[0],
                    "summary": operation.get("summary") or operation.get("description", "").split("\n")[0],
                    "description": operation.get("description", ""),
                    "parameters": operation.get("parameters", []),
                    "request": body.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1],
                    "responses": sorted(operation.get("responses", {}).keys()),
                    "anchor": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", ""),
                }
            )
    return operations


def _type_of(spec: dict) -> str:
    if "$ref" in spec:
        return spec["$ref"].rsplit("/", 1)[-1]
    if spec.get("type") == "array":
        return f"array of {_type_of(spec.get('items', {}))}"
    parts = spec.get("allOf") or spec.get("oneOf") or spec.get("anyOf")
    if parts and "type" not in spec:
        return " | ".join(_type_of(part) for part in parts) + (", nullable" if spec.get("nullable") else "")
    kind = spec.get("type") or ("object" if "properties" in spec else "any")
    if spec.get("format"):
        kind = f"{kind} ({spec['format']})"
    if spec.get("nullable"):
        kind = f"{kind}, nullable"
    return kind


def _components(schema: dict) -> list[dict]:
    components = []
    for name, component in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(component.get("required", []))
        fields = [
            {
                "name": field,
                "type": _type_of(spec),
                "read_only": bool(spec.get("readOnly")),
                "required": field in required,
                "description": spec.get("description", ""),
            }
            for field, spec in component.get("properties", {}).items()
        ]
        components.append({"name": name, "fields": fields, "enum": component.get("enum", [])})
    return components


class ApiDocsView(TemplateView):
    """Public reference page for the API; the machine-readable schema is at ``/api/v1/schema/``."""

    template_name = "api/docs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schema = SchemaGenerator(api_version="v1").get_schema(request=None, public=True)
        operations = _operations(schema)
        groups: dict[str, list[dict]] = {}
        for operation in operations:
            groups.setdefault(operation["tag"], []).append(operation)
        context.update(
            info=schema.get("info", {}),
            groups=sorted(groups.items()),
            components=_components(schema),
        )
        return context
