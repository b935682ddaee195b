"""Completed learning from an organisation's learning system
(``learning:write``): as JSON, or as an xAPI "completed" statement. Either
becomes a draft CPD entry for the person, with the course's questions for
reflection, for them to reflect on and complete in the portal."""

from django.http import Http404

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from api import serializers as s
from api.scopes import LEARNING_WRITE
from api.views.base import ApiView, idempotent
from api.views.me import IDEMPOTENCY
from api.xapi import XapiStatementSerializer, statement_as_completion
from learning.selectors import live_content
from learning.services import CompletedLearning, completed_learning_record
from portfolio.people.selectors import staff_member_list


def _record(request, data: dict) -> Response:
    completion = s.CompletionSerializer(data=data)
    completion.is_valid(raise_exception=True)
    values = completion.validated_data
    people = staff_member_list(fetched_by=request.user).filter(
        organisation_id=request.api_client.organisation_id, is_active=True
    )
    if "person" in values:
        person = people.filter(pk=values["person"]).first()
    else:
        person = people.filter(email__iexact=values["person_email"]).first()
    if person is None:
        raise Http404
    page = None
    if "learning_page" in values:
        page = live_content().filter(pk=values["learning_page"]).specific().first()
        if page is None:
            raise Http404
    entry = completed_learning_record(
        recorded_by=request.user,
        person=person,
        learning=CompletedLearning(
            title=values["course_title"],
            completed_on=values["completed_on"],
            hours=values["hours"],
            item_ids=tuple(values.get("framework_items", ())),
            link=values.get("course_url", ""),
            description=values.get("description", ""),
            page=page,
            prompts=tuple(values.get("reflection_prompts", ())),
        ),
    )
    return Response(
        s.CompletionResultSerializer(
            {
                "entry": entry.pk,
                "person": person.pk,
                "state": entry.state,
                "reflection_prompts": entry.reflection_prompts,
            }
        ).data,
        status=status.HTTP_201_CREATED,
    )


class CompletionView(ApiView):
    required_scopes = {"POST": LEARNING_WRITE}

    @extend_schema(
        request=s.CompletionSerializer,
        responses={201: s.CompletionResultSerializer},
        parameters=[IDEMPOTENCY],
        summary="Record a completed course as a draft CPD entry",
    )
    @idempotent
    def post(self, request):
        return _record(request, request.data)


class XapiStatementView(ApiView):
    required_scopes = {"POST": LEARNING_WRITE}

    @extend_schema(
        request=XapiStatementSerializer,
        responses={201: s.CompletionResultSerializer},
        parameters=[IDEMPOTENCY],
        summary="Record an xAPI “completed” statement as a draft CPD entry",
    )
    @idempotent
    def post(self, request):
        statement = XapiStatementSerializer(data=request.data)
        statement.is_valid(raise_exception=True)
        return _record(request, statement_as_completion(statement.validated_data))
