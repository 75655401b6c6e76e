"""The example-page-000 response shape: ``GetAccessTokenResponse`` with a ``ResponseStatus``.

``response(n)`` holds ``n`` ``ResponseError``s, each with a ``meta`` dictionary, as plain
JSON-compatible dicts with ServiceStack's wire names (camelCase, JSON member order).
The JSON text is what ServiceStack writes (compact); the XML text is what the generated
``myapp`` package writes for it (compact DataContract XML with ``d{n}p1`` prefixes), and the
benchmark checks that every peer reads both back to equal values.
"""

from __future__ import annotations

import json
from typing import Any

SIZES = (1, 20, 200)


def response(n_errors: int) -> dict[str, Any]:
    """The payload with ``n_errors`` errors (deterministic)."""
    return {
        "accessToken": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig",
        "meta": {f"key{i}": f"value {i}" for i in range(5)},
        "responseStatus": {
            "errorCode": "ValidationException",
            "message": "Validation failed: 2 errors",
            "stackTrace": "   at ServiceStack.Validation.ValidationFilters.RequestFilterAsync()",
            "errors": [
                {
                    "errorCode": "NotEmpty",
                    "fieldName": f"Field{i}",
                    "message": f"'Field {i}' must not be empty & < 100 chars.",
                    "meta": {"PropertyName": f"Field{i}", "AttemptedValue": str(i)},
                }
                for i in range(n_errors)
            ],
            "meta": {"traceId": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
        },
    }


def json_text(n_errors: int) -> str:
    """Compact JSON text of :func:`response` (ServiceStack writes compact UTF-8 JSON)."""
    return json.dumps(response(n_errors), separators=(",", ":"), ensure_ascii=False)
