"""The token's person and their own portfolio: entries, readiness, coverage."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from api import serializers as s
from api.pagination import ApiCursorPagination
from api.problems import Conflict, PreconditionFailed
from api.scopes import PORTFOLIO_READ, PORTFOLIO_WRITE
from api.views.base import ApiView, etag_for, expected_version, idempotent
from portfolio.evidence.models import EntryState
from portfolio.evidence.selectors import (
    EntryFilters,
    coverage_heatmap,
    entry_get,
    entry_list,
    registration_readiness,
)
from portfolio.evidence.services import EntryConflict, attachment_add, entry_save
from portfolio.evidence.uploads import MAX_ATTACHMENT_BYTES

COMPLETE_IN_PORTAL = (
    "This entry is complete: change it in the portal, where its confidentiality "
    "check runs."
)

IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="A unique key per request; a retry with the same key creates nothing.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag you last read.",
)


class MeView(ApiView):
    required_scopes = {"GET": None}

    @extend_schema(responses=s.MeSerializer, summary="Who the token acts for")
    def get(self, request):
        user, token = request.user, request.auth
        return Response(
            s.MeSerializer(
                {
                    "id": user.pk,
                    "name": str(user),
                    "email": user.email,
                    "organisation": str(user.organisation)
                    if user.organisation
                    else None,
                    "roles": sorted(str(role) for role in user.roles),
                    "scopes": sorted(token.scopes),
                }
            ).data
        )


def _entry_response(entry, *, status_code=status.HTTP_200_OK, location=False):
    response = Response(s.EntrySerializer(entry).data, status=status_code)
    response["ETag"] = etag_for(entry.version)
    if location:
        response["Location"] = f"/api/v1/me/entries/{entry.pk}/"
    return response


class EntryListView(ApiView):
    pagination_class = ApiCursorPagination
    required_scopes = {"GET": PORTFOLIO_READ, "POST": PORTFOLIO_WRITE}

    @extend_schema(
        parameters=[s.EntryFilterSerializer],
        responses=s.EntrySummarySerializer(many=True),
        summary="Your entries, newest first",
    )
    def get(self, request):
        query = s.EntryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = EntryFilters(
            year=query.validated_data.get("year"),
            cpd_type=query.validated_data.get("cpd_type", ""),
            state=query.validated_data.get("state", ""),
        )
        entries = entry_list(fetched_by=request.user, filters=filters).only(
            *s.EntrySummarySerializer.Meta.fields
        )
        paginator = ApiCursorPagination()
        page = paginator.paginate_queryset(entries, request, view=self)
        return paginator.get_paginated_response(
            s.EntrySummarySerializer(page, many=True).data
        )

    @extend_schema(
        request=s.EntryWriteSerializer,
        responses={201: s.EntrySerializer},
        parameters=[IDEMPOTENCY],
        summary="Start a draft entry",
    )
    @idempotent
    def post(self, request):
        data = s.EntryWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = entry_save(saved_by=request.user, values=data.validated_data)
        entry = entry_get(fetched_by=request.user, pk=entry.pk, action="change")
        return _entry_response(
            entry, status_code=status.HTTP_201_CREATED, location=True
        )


class EntryDetailView(ApiView):
    required_scopes = {"GET": PORTFOLIO_READ, "PATCH": PORTFOLIO_WRITE}

    def _entry(self, request, pk, action):
        # Own entries only: a supervisor's view of shared entries is the
        # portal's (entry_list/entry_get with "change" are the owner's).
        entry = entry_get(fetched_by=request.user, pk=pk, action="change")
        if entry is None:
            raise Http404
        return entry

    @extend_schema(responses=s.EntrySerializer, summary="One of your entries")
    def get(self, request, pk):
        return _entry_response(self._entry(request, pk, "view"))

    @extend_schema(
        request=s.EntryWriteSerializer,
        responses=s.EntrySerializer,
        parameters=[IF_MATCH],
        summary="Change a draft entry",
    )
    def patch(self, request, pk):
        entry = self._entry(request, pk, "change")
        version = expected_version(request)
        if entry.state != EntryState.DRAFT:
            raise Conflict(_(COMPLETE_IN_PORTAL))
        data = s.EntryWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        try:
            entry_save(
                saved_by=request.user,
                entry=entry,
                values=data.validated_data,
                expected_version=version,
            )
        except EntryConflict as conflict:
            raise PreconditionFailed() from conflict
        return _entry_response(self._entry(request, pk, "view"))


class EntryAttachmentsView(ApiView):
    required_scopes = {"GET": PORTFOLIO_READ, "POST": PORTFOLIO_WRITE}
    parser_classes = [MultiPartParser]

    @extend_schema(
        responses=s.AttachmentSerializer(many=True),
        summary="The files on one of your entries (names and sizes only)",
    )
    def get(self, request, pk):
        entry = entry_get(fetched_by=request.user, pk=pk, action="change")
        if entry is None:
            raise Http404
        return Response(s.AttachmentSerializer(entry.attachments.all(), many=True).data)

    def idempotency_precheck(self, request, pk):
        if entry_get(fetched_by=request.user, pk=pk, action="change") is None:
            raise Http404

    @extend_schema(
        request={"multipart/form-data": s.AttachmentUploadSerializer},
        responses={201: s.AttachmentSerializer},
        parameters=[IDEMPOTENCY],
        summary="Attach a file to a draft entry",
    )
    @idempotent
    def post(self, request, pk):
        entry = entry_get(fetched_by=request.user, pk=pk, action="change")
        if entry is None:
            raise Http404
        if entry.state != EntryState.DRAFT:
            raise Conflict(_(COMPLETE_IN_PORTAL))
        upload = s.AttachmentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["file"]
        try:
            attachment = attachment_add(
                entry=entry,
                added_by=request.user,
                name=file.name,
                data=file.read(MAX_ATTACHMENT_BYTES + 1),
                declared_content_type=file.content_type or "",
            )
        except DjangoValidationError as rejected:
            raise ValidationError({"file": rejected.messages}) from rejected
        return Response(
            s.AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED
        )


class ReadinessView(ApiView):
    required_scopes = {"GET": PORTFOLIO_READ}

    @extend_schema(responses=s.ReadinessSerializer, summary="This registration year")
    def get(self, request):
        readiness = registration_readiness(
            user=request.user, today=timezone.localdate()
        )
        return Response(s.ReadinessSerializer(readiness).data)


class CoverageView(ApiView):
    required_scopes = {"GET": PORTFOLIO_READ}

    @extend_schema(responses=s.CoverageSerializer, summary="Your PCF coverage")
    def get(self, request):
        coverage = coverage_heatmap(user=request.user)
        rows = [
            {
                "domain": row.domain.pk,
                "name": row.domain.name,
                "is_gap": row.is_gap,
                "cells": [
                    {
                        "level": level.pk,
                        "mapped": cell.mapped,
                        "confirmed": cell.confirmed,
                    }
                    for level, cell in zip(coverage.levels, row.cells, strict=True)
                ],
            }
            for row in coverage.rows
        ]
        return Response(
            s.CoverageSerializer(
                {
                    "framework": coverage.framework.pk if coverage.framework else None,
                    "rows": rows,
                }
            ).data
        )
