"""An organisation's staff and teams (``people:read``) and its compliance
figures (``compliance:read``), for its systems. The people are those the
registering admin may manage (the people policy); the figures come from the
organisation reports' own selectors, with the reports' small-number rule."""

from django.http import Http404
from django.utils import timezone

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api import serializers as s
from api.pagination import ApiCursorPagination
from api.scopes import COMPLIANCE_READ, PEOPLE_READ
from api.views.base import ApiView
from portfolio.people.selectors import staff_member_get, staff_member_list, team_list
from portfolio.reports.scope import group_labels, report_request_for
from portfolio.reports.selectors.appraisals import appraisal_counts, supervision_counts
from portfolio.reports.selectors.people import status_by_person
from portfolio.reports.selectors.readiness import readiness_by_person
from portfolio.reports.tables import count_cell

READINESS_REPORT = "cpd-readiness"
APPRAISALS_REPORT = "appraisals-supervision"


class PeopleListView(ApiView):
    pagination_class = ApiCursorPagination
    required_scopes = {"GET": PEOPLE_READ}

    @extend_schema(
        responses=s.PersonSerializer(many=True),
        summary="Your organisation's staff",
    )
    def get(self, request):
        s.PageQuerySerializer(data=request.query_params).is_valid(raise_exception=True)
        people = staff_member_list(fetched_by=request.user).filter(
            organisation_id=request.api_client.organisation_id
        )
        paginator = ApiCursorPagination()
        page = paginator.paginate_queryset(people, request, view=self)
        return paginator.get_paginated_response(
            s.PersonSerializer(page, many=True).data
        )


class PersonDetailView(ApiView):
    required_scopes = {"GET": PEOPLE_READ}

    @extend_schema(responses=s.PersonSerializer, summary="One member of staff")
    def get(self, request, pk):
        person = staff_member_get(fetched_by=request.user, pk=pk)
        if (
            person is None
            or person.organisation_id != request.api_client.organisation_id
        ):
            raise Http404
        return Response(s.PersonSerializer(person).data)


class TeamListView(ApiView):
    required_scopes = {"GET": PEOPLE_READ}

    @extend_schema(responses=s.TeamSerializer(many=True), summary="Your teams")
    def get(self, request):
        teams = team_list(fetched_by=request.user).filter(
            organisation_id=request.api_client.organisation_id
        )
        return Response(s.TeamSerializer(teams.order_by("name"), many=True).data)


def _report_request(request, report_key):
    query = s.YearQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    report_request = report_request_for(
        viewer=request.user,
        report_key=report_key,
        filters={"year": query.validated_data.get("year")},
        today=timezone.localdate(),
    )
    if not (report_request.whole_organisation or report_request.teams.exists()):
        raise Http404
    return report_request


class PersonComplianceView(ApiView):
    required_scopes = {"GET": COMPLIANCE_READ}

    @extend_schema(
        parameters=[s.YearQuerySerializer],
        responses=s.PersonComplianceSerializer(many=True),
        summary="Each social worker's readiness, appraisal and supervision",
    )
    def get(self, request):
        report_request = _report_request(request, READINESS_REPORT)
        if not report_request.exact:
            # Figures about one person are for organisation admins only: the
            # reports show anyone else aggregates with small numbers hidden.
            raise Http404
        rows = readiness_by_person(request=report_request, year=report_request.year)
        statuses = status_by_person(request=report_request)
        return Response(
            s.PersonComplianceSerializer(
                [{"row": row, "status": statuses[row.person_id]} for row in rows],
                many=True,
            ).data
        )


def _figure(number, *, exact, group_size=None):
    cell = count_cell(number, exact=exact, group_size=group_size)
    return {"value": cell.value, "suppressed": cell.suppressed}


class TeamComplianceView(ApiView):
    required_scopes = {"GET": COMPLIANCE_READ}

    @extend_schema(
        parameters=[s.YearQuerySerializer],
        responses=s.TeamComplianceSerializer(many=True),
        summary="Readiness, appraisals and supervision per team",
    )
    def get(self, request):
        report_request = _report_request(request, APPRAISALS_REPORT)
        exact = report_request.exact
        met: dict = {}
        for row in readiness_by_person(
            request=report_request, year=report_request.year
        ):
            met[row.team_id] = met.get(row.team_id, 0) + int(row.readiness.is_met)
        supervision = {
            row.team_id: row for row in supervision_counts(request=report_request)
        }
        appraisals = appraisal_counts(request=report_request)
        labels = group_labels([row.team_id for row in appraisals])
        results = []
        for row in appraisals:
            seen = supervision.get(row.team_id)
            size = row.people
            results.append(
                {
                    "team": row.team_id,
                    "name": labels.get(row.team_id, ""),
                    "people": _figure(size, exact=exact),
                    "readiness_met": _figure(
                        met.get(row.team_id, 0), exact=exact, group_size=size
                    ),
                    "appraisal_signed": _figure(
                        row.signed, exact=exact, group_size=size
                    ),
                    "appraisal_in_progress": _figure(
                        row.in_progress, exact=exact, group_size=size
                    ),
                    "appraisal_not_started": _figure(
                        row.not_started, exact=exact, group_size=size
                    ),
                    "supervision_on_time": _figure(
                        seen.on_time if seen else 0, exact=exact, group_size=size
                    ),
                    "supervision_overdue": _figure(
                        seen.overdue if seen else 0, exact=exact, group_size=size
                    ),
                    "no_supervisor": _figure(
                        seen.no_supervisor if seen else size,
                        exact=exact,
                        group_size=size,
                    ),
                }
            )
        return Response(s.TeamComplianceSerializer(results, many=True).data)
