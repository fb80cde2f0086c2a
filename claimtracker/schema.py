from django.conf import settings
from drf_spectacular.openapi import AutoSchema
from rest_framework import permissions


class ClaimTrackerAutoSchema(AutoSchema):
    """Says in the schema what RolePermission does: reads need no credentials unless
    the installation requires sign-in."""

    def get_auth(self):
        auths = super().get_auth()
        readable = self.method in permissions.SAFE_METHODS and not settings.READ_REQUIRES_SIGN_IN
        if readable and {} not in auths:
            auths.append({})
        return auths


ERROR_SCHEMA = {
    "type": "object",
    "description": "`detail` says what is wrong; a 400 names each field with its problems.",
    "additionalProperties": True,
}
COMMON_ERRORS = {
    "400": "Invalid input: each parameter or field named with its problems; nothing written.",
    "401": "Credentials were given but are not valid.",
    "403": "Your role does not allow this.",
    "404": "No such record, or an invalid cursor.",
    "429": "Too many requests; retry after the number of seconds in Retry-After.",
}
WRITE_ERRORS = {
    "409": "The `version` you edited is no longer the current one; nothing saved.",
    "412": "If-Match does not match the current ETag; nothing saved.",
}


IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": (
        "The ETag from reading the record: the change is made only if the record is still "
        "at that version, else 412. An update without it must give `version` in the body."
    ),
}
VERSION = {
    "type": "integer",
    "minimum": 1,
    "description": (
        "The version you edited, from GET. Required on update unless If-Match is sent; "
        "a stale one gives 409 and nothing is saved."
    ),
}
ETAG = {"schema": {"type": "string"}, "description": "The record's version, for If-Match."}


def document_versions(result) -> None:
    """Say in the schema what VersionedMixin does: details carry an ETag, and an update
    names the version it was made from by If-Match or by `version` in the body."""
    schemas = result.get("components", {}).get("schemas", {})
    for path, operations in result.get("paths", {}).items():
        if not path.endswith("}/"):
            continue  # a list, an export or a merge: not one versioned record
        for method, operation in operations.items():
            if method == "get":
                ok = operation.get("responses", {}).get("200")
                if ok is not None:
                    ok.setdefault("headers", {})["ETag"] = dict(ETAG)
            if method not in ("put", "patch", "delete"):
                continue
            parameters = operation.setdefault("parameters", [])
            if not any(p.get("name") == "If-Match" for p in parameters):
                parameters.append(dict(IF_MATCH))
            for content in operation.get("requestBody", {}).get("content", {}).values():
                ref = content.get("schema", {}).get("$ref", "")
                component = schemas.get(ref.rsplit("/", 1)[-1])
                if component is not None:
                    component.setdefault("properties", {}).setdefault("version", dict(VERSION))


def add_error_responses(result, generator, request, public):
    """Document the error answers every operation can give, so clients (and the
    schema fuzzing in the tests) know them; and how updates name their version."""
    document_versions(result)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            errors = dict(COMMON_ERRORS)
            if method in ("put", "patch", "delete"):
                errors |= WRITE_ERRORS
            if "{" in path:
                # VersionedMixin.get_object, for every view of one record: reads, updates,
                # deletions and merges alike.
                errors["410"] = "Deleted: the record's history keeps what it was."
            if "{slug}" in path:
                # MergeMixin.get_object: a merged slug names its survivor, whatever the method.
                errors["301"] = "Merged into another record: see Location."
            for code, description in errors.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": ERROR_SCHEMA}},
                    },
                )
    return result
