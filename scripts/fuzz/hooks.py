"""Schemathesis hooks for the sandbox fuzz (loaded through SCHEMATHESIS_HOOKS by run.sh)."""

import schemathesis


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
