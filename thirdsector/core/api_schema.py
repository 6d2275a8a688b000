"""Examples for every response in the OpenAPI schema, built from the schema itself (drf-spectacular hook).

A response a view documents with its own OpenApiExample keeps it; any other JSON response of 2xx
gets one value per field, shaped by the field's type and format (a date looks like a date, an enum
shows its first value, nested objects and lists are filled in, a keyset page shows its `next` and
`previous` links around its results). So every operation in the docs shows what comes back.
"""

from typing import Any

_BY_FORMAT = {
    "date": "2026-04-01",
    "date-time": "2026-04-01T09:30:00Z",
    "email": "name@example.org",
    "uri": "https://thirdsector.example/api/v1/",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "decimal": "1250.00",
}
_BY_TYPE = {"string": "text", "integer": 1, "number": 1.5, "boolean": True}


def example_for(schema: dict, components: dict, depth: int = 0) -> Any:
    """A value that matches `schema`, following `$ref`s into `components` (stopping at a nesting of 6)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return example_for(components.get(name, {}), components, depth)
    if "example" in schema:
        return schema["example"]
    for combined in ("allOf", "oneOf", "anyOf"):
        if schema.get(combined):
            if combined == "allOf":
                merged: dict = {}
                for part in schema["allOf"]:
                    value = example_for(part, components, depth)
                    if isinstance(value, dict):
                        merged.update(value)
                    else:
                        return value
                return merged
            return example_for(schema[combined][0], components, depth)
    if schema.get("enum"):
        return next((value for value in schema["enum"] if value is not None), None)
    kind = schema.get("type")
    if kind == "array":
        return [] if depth > 6 else [example_for(schema.get("items", {}), components, depth + 1)]
    if kind == "object" or "properties" in schema:
        if depth > 6:
            return {}
        return {name: example_for(field, components, depth + 1) for name, field in schema.get("properties", {}).items()}
    if kind == "string" and schema.get("format") in _BY_FORMAT:
        return _BY_FORMAT[schema["format"]]
    return _BY_TYPE.get(kind, "text" if kind is None else None)


def add_examples(result: dict, generator, request, public) -> dict:
    """Postprocessing hook: an example on each 2xx JSON response and JSON request body that has none."""
    components = result.get("components", {}).get("schemas", {})
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            bodies = [
                response.get("content", {})
                for code, response in operation.get("responses", {}).items()
                if str(code).startswith("2")
            ]
            bodies.append(operation.get("requestBody", {}).get("content", {}))
            for content in bodies:
                media = content.get("application/json")
                if media is None or "examples" in media or "example" in media or "schema" not in media:
                    continue
                media["examples"] = {
                    "Example": {"value": example_for(media["schema"], components), "summary": "Built from the schema"}
                }
    return result
