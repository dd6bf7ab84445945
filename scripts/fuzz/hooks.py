"""Schemathesis hooks for the sandbox fuzz (loaded through SCHEMATHESIS_HOOKS by run.sh).

- `error_body_on_4xx`, a check: every 4xx carries the contract's `{"error": "<text>"}`.
- Steering: random strings almost never name a campaign, conversation or template, so most
  requests would stop at a 404. When run.sh passes the sandbox's address and credentials
  (FUZZ_ROOT, FUZZ_ORGANIZATION_ID, FUZZ_API_KEY), ids in paths and bodies are replaced, most
  of the time, by ids that exist (read from the sandbox, refreshed as the run creates more),
  so that takeovers, sends, hand-backs, patches and launches reach their real logic.
"""

import json
import os
import time
import urllib.request

import schemathesis
from hypothesis import strategies as st


@schemathesis.check
def error_body_on_4xx(ctx, response, case):
    """Every 4xx carries the contract's JSON body: {"error": "<non-empty text>"}."""
    if not 400 <= response.status_code < 500:
        return None
    try:
        body = response.json()
    except Exception:
        raise AssertionError(
            f"{response.status_code} without a JSON body: {response.text[:200]!r}"
        ) from None
    if not isinstance(body, dict):
        raise AssertionError(f"{response.status_code} body is not a JSON object: {body!r:.200}")
    error = body.get("error")
    if not isinstance(error, str) or not error.strip():
        raise AssertionError(
            f'{response.status_code} body lacks a non-empty "error" string: {body!r:.200}'
        )
    return None


ROOT = os.environ.get("FUZZ_ROOT")
HEADERS = {
    "x-organization-id": os.environ.get("FUZZ_ORGANIZATION_ID", ""),
    "x-api-key": os.environ.get("FUZZ_API_KEY", ""),
}
_cache = {"at": 0.0, "ids": {"campaign": [], "conversation": [], "template": []}}


def _get(path):
    request = urllib.request.Request(ROOT + path, headers=HEADERS)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["data"]


def known_ids(kind):
    """Ids of `kind` that exist now (campaigns, newest conversations, templates)."""
    if ROOT is None:
        return []
    if time.monotonic() - _cache["at"] > 2:
        try:
            _cache["ids"] = {
                "campaign": [c["id"] for c in _get("/v1/campaigns?limit=500")],
                "conversation": [
                    c["id"] for c in _get("/v1/conversations?limit=100&sortDirection=DESC")
                ],
                "template": [t["id"] for t in _get("/v1/templates")],
            }
        except Exception:
            pass
        _cache["at"] = time.monotonic()
    return _cache["ids"][kind]


def _steer(value, kind, roll):
    """`roll` (0-99) picks a known id 80% of the time, else keeps the generated value."""
    ids = known_ids(kind)
    if roll >= 80 or not ids:
        return value
    return ids[roll % len(ids)]


def _path_kind(operation):
    path = operation.path
    if path.startswith("/v1/campaigns/"):
        return "campaign"
    if "/conversations/{id}" in path:
        return "conversation"
    return None


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters):
    kind = _path_kind(context.operation)
    if kind is None or "id" not in (path_parameters or {}):
        return st.just(path_parameters)
    return st.integers(0, 99).map(
        lambda roll: {**path_parameters, "id": _steer(path_parameters["id"], kind, roll)}
    )


# Body fields that name an existing resource, by operation.
BODY_IDS = {
    ("POST", "/v1/conversations"): [("campaignId", "campaign")],
    ("POST", "/v1/conversations/bulk"): [("campaignId", "campaign")],
    ("POST", "/v1/conversations/{id}/messages"): [("templateId", "template")],
    ("POST", "/v1/campaigns"): [("openingMessageTemplateId", "template")],
    ("PATCH", "/v1/campaigns/{id}"): [("openingMessageTemplateId", "template")],
}


@schemathesis.hook
def flatmap_body(context, body):
    fields = BODY_IDS.get((context.operation.method.upper(), context.operation.path))
    if not fields or not isinstance(body, dict):
        return st.just(body)

    def steer(roll):
        steered = dict(body)
        for name, kind in fields:
            if name in steered and isinstance(steered[name], str):
                steered[name] = _steer(steered[name], kind, roll)
        return steered

    return st.integers(0, 99).map(steer)
