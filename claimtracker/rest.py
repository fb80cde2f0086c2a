"""What every API endpoint shares: roles, strict query parameters, ids, cursor pages,
versions as ETags, model validation in serializers and protected deletes."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import ProtectedError
from django.http import Http404
from rest_framework import exceptions, parsers, permissions, serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from claimtracker import inputs, roles
from claimtracker.versioning import StaleVersion

# Parameters any list endpoint accepts besides its filters.
PAGING_PARAMETERS = ("cursor", "page_size", "format")


class RolePermission(permissions.BasePermission):
    """Anyone reads (unless sign-in is required); editors write; administrators also
    delete and merge. Checked on the server for every request, whatever a client shows."""

    message = "This needs the editor role."

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return request.user.is_authenticated or not settings.READ_REQUIRES_SIGN_IN
        if request.method == "DELETE" or getattr(view, "action", None) == "merge":
            self.message = "Deleting and merging need the administrator role."
            return roles.is_administrator(request.user)
        self.message = "Writing needs the editor role."
        return roles.is_editor(request.user)


class IdCursorPagination(CursorPagination):
    # A unique, never-reused key: a client walking the pages while editors add records
    # neither skips nor repeats one (new records sort before the first page).
    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = 1000

    def get_page_size(self, request):
        # DRF ignores a page_size it cannot read and caps one that is too large, so a
        # script asking for 10^9 rows silently gets 1000: say so instead.
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = inputs.whole_number(raw)
        if size is None or not 1 <= size <= self.max_page_size:
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        f"Must be a whole number from 1 to {self.max_page_size}."
                    ]
                }
            )
        return size

    def decode_cursor(self, request):
        # DRF answers a cursor it cannot read with 404, as if the list did not exist;
        # it is a bad parameter, and the answer should say which.
        if not request.query_params.get(self.cursor_query_param):
            return None  # the first page
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound:
            cursor = None
        # DRF reads any base64 text without its fields ("bm90LWEtY3Vyc29y") as the first
        # page, which no link gives out: every cursor of ours has a position or a direction.
        if cursor is None or cursor == (0, False, None):
            raise exceptions.ValidationError(
                {
                    self.cursor_query_param: [
                        "Not a cursor this API gave out: follow the `next` or `previous` "
                        "link of a page as it is."
                    ]
                }
            ) from None
        return cursor


class SlugReference(serializers.SlugRelatedField):
    """A record named by its slug. No slug holds a NUL, and PostgreSQL refuses to
    compare text that does: such a value is a 400 naming the field, not a 500."""

    default_error_messages = {"null_character": "Null characters are not allowed."}

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("null_character")
        return super().to_internal_value(data)


class RecordReference(serializers.PrimaryKeyRelatedField):
    """A record named by its id, read as claimtracker.inputs.record_id reads ids: DRF's
    own field takes 1.5 for 1."""

    default_error_messages = {
        "not_an_id": f"Must be an id: a whole number from 1 to {inputs.LARGEST_ID}."
    }

    def to_internal_value(self, data):
        number = inputs.record_id(data)
        if number is None:
            self.fail("not_an_id")
        return super().to_internal_value(number)


class Gone(exceptions.APIException):
    status_code = status.HTTP_410_GONE
    default_code = "deleted"


class StaleRecord(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "stale_version"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"


def etag_of(record: models.Model) -> str:
    return f'"{record._meta.model_name}-{record.pk}-v{record.version}"'


class StrictQueryMixin:
    """Unknown query parameters are a 400 naming them, never a silently ignored filter."""

    filter_parameters: tuple[str, ...] = ()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method in permissions.SAFE_METHODS:
            allowed = set(self.filter_parameters) | set(PAGING_PARAMETERS)
            unknown = sorted(set(request.query_params) - allowed)
            if unknown:
                raise exceptions.ValidationError(
                    {
                        name: [f"Unknown parameter; this endpoint takes {sorted(allowed)}."]
                        for name in unknown
                    }
                )


class VersionedMixin:
    """For records that keep a history: ETag on reads; an update must name the version
    it was made from, by If-Match or by `version` in the body, and a stale one changes
    nothing; a deleted record answers 410 Gone, as its page does, not 404."""

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            deleted = self.deleted_version()
            if deleted is None:
                raise
            raise Gone(
                f"This {deleted.instance._meta.verbose_name} was deleted on "
                f"{deleted.history_date:%Y-%m-%d}; its history keeps what it was."
            ) from None

    def deleted_version(self):
        history = getattr(self.get_queryset().model, "history", None)
        value = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        if history is None or not isinstance(value, str) or "\x00" in value:
            return None
        field = "id" if self.lookup_field == "pk" else self.lookup_field
        if field == "id" and inputs.record_id(value) is None:
            return None
        deletions = history.filter(history_type="-", **{field: value})
        return deletions.order_by("-history_date").first()

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = etag_of(self.get_object())
        return response

    def expected_version(self, request, record) -> int:
        if_match = request.headers.get("If-Match")
        if if_match:
            if if_match.strip() != etag_of(record) and if_match.strip() != "*":
                raise PreconditionFailed(
                    f"If-Match {if_match} does not match the current {etag_of(record)}: "
                    "the record changed since you read it. Nothing was saved."
                )
            return record.version
        version = request.data.get("version") if hasattr(request.data, "get") else None
        if version is None:
            raise exceptions.ValidationError(
                {"version": ["Give the version you edited (from GET), or an If-Match header."]}
            )
        number = inputs.whole_number(version)
        if number is None:  # not 1.5 for 1, nor true
            raise exceptions.ValidationError({"version": ["Must be a whole number."]})
        return number

    def perform_update(self, serializer):
        expected = self.expected_version(self.request, serializer.instance)
        try:
            serializer.save(expected_version=expected)
        except StaleVersion as stale:
            message = f"{stale} Nothing was saved; GET it again and reapply your change."
            # Lost a race after If-Match matched: still a failed precondition, as the
            # README promises, however near the two writes came.
            if self.request.headers.get("If-Match"):
                raise PreconditionFailed(message) from None
            raise StaleRecord(message) from None

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        record = self.get_object()
        response["ETag"] = etag_of(record)
        return response

    def destroy(self, request, *args, **kwargs):
        record = self.get_object()
        if request.headers.get("If-Match"):
            self.expected_version(request, record)
        self.perform_destroy(record)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ModelCleanMixin:
    """Runs the model's own validation (clean, constraints), so the API refuses exactly
    what the admin and the forms refuse, with the field named."""

    clean_exclude: tuple[str, ...] = ()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = self.instance if self.instance is not None else model()
        plain = {
            name: value
            for name, value in attrs.items()
            if name not in self.clean_exclude and not isinstance(value, list | dict)
        }
        original = {name: getattr(instance, name) for name in plain if hasattr(instance, name)}
        for name, value in plain.items():
            setattr(instance, name, value)
        try:
            instance.full_clean(exclude=[*self.clean_exclude, "version"], validate_unique=True)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error_dict(error)) from None
        finally:
            if self.instance is not None:
                for name, value in original.items():
                    setattr(instance, name, value)
        return attrs

    def update(self, instance, validated_data, expected_version=None):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        instance.save(expected_version=expected_version)
        return instance

    def save(self, expected_version=None, **kwargs):
        if self.instance is not None and expected_version is not None:
            validated = {**self.validated_data, **kwargs}
            self.instance = self.update(self.instance, validated, expected_version)
            return self.instance
        return super().save(**kwargs)


def error_dict(error: DjangoValidationError) -> dict:
    """A model ValidationError in the API's error shape: messages by field name.

    Django's own "actor instance with id 2 is not a valid choice." (a related record
    outside the field's limit_choices_to) is dropped where another message names the
    same field, as the model's clean() does in words ("Russia is a state; a speaker
    must be a person.")."""
    if hasattr(error, "error_dict"):
        error = DjangoValidationError(
            {
                name: [e for e in errors if not is_unreadable_choice(e)] or errors
                for name, errors in error.error_dict.items()
            }
        )
        return {
            (name if name != "__all__" else "non_field_errors"): messages
            for name, messages in error.message_dict.items()
        }
    return {"non_field_errors": error.messages}


def is_unreadable_choice(error: DjangoValidationError) -> bool:
    # ForeignKey.validate's message, with the related record's id for a name.
    params = error.params or {}
    return error.code == "invalid" and {"model", "field", "value"} <= params.keys()


def whole_number(name: str, value: str) -> int:
    """An id from a query parameter (claimtracker.inputs.record_id), or a 400 naming it."""
    number = inputs.record_id(value)
    if number is None:
        raise exceptions.ValidationError(
            {name: [f"Must be an id: a whole number from 1 to {inputs.LARGEST_ID}."]}
        )
    return number


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a 400 instead of a 500 for JSON nested too deeply (the
    decoder's RecursionError) and for text holding a NUL or a lone surrogate, naming
    the field (claimtracker.inputs)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(
                f"JSON parse error - nested more than {inputs.MAX_DEPTH} levels deep."
            ) from None
        found = inputs.first_problem(data)
        if found is not None:
            name, problem = found
            raise exceptions.ValidationError({name: [problem]})
        return data


class ProtectedDeleteMixin:
    """Refuse, with a 400 naming how many records still point to it, to delete a record
    that others protect (an outlet with articles, an actor with statements)."""

    def perform_destroy(self, record):
        try:
            record.delete()
        except ProtectedError as error:
            count = len(error.protected_objects)
            raise exceptions.ValidationError(
                {
                    "non_field_errors": [
                        f"{count} record(s) still point to this one; remove or move them first."
                    ]
                }
            ) from None


def exception_handler(exc, context):
    # Imported here: rest_framework.views reads the settings that name this module.
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    location = getattr(exc, "location", None)
    if response is not None and location:
        response["Location"] = location
    return response
