"""Reading what everyone in the organisation may read: frameworks with their
levels and items, and published learning pages. Any valid token."""

from django.db.models import Prefetch
from django.http import Http404

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api import serializers as s
from api.pagination import ApiCursorPagination
from api.views.base import ApiView
from capabilities.models import Item, Level
from capabilities.selectors import framework_list
from learning.selectors import live_content


class FrameworkListView(ApiView):
    pagination_class = ApiCursorPagination
    required_scopes = {"GET": None}

    @extend_schema(
        responses=s.FrameworkSerializer(many=True),
        summary="Frameworks you may map evidence to or read",
    )
    def get(self, request):
        s.PageQuerySerializer(data=request.query_params).is_valid(raise_exception=True)
        paginator = ApiCursorPagination()
        page = paginator.paginate_queryset(
            framework_list(fetched_by=request.user), request, view=self
        )
        return paginator.get_paginated_response(
            s.FrameworkSerializer(page, many=True).data
        )


class FrameworkDetailView(ApiView):
    required_scopes = {"GET": None}

    @extend_schema(
        responses=s.FrameworkDetailSerializer,
        summary="A framework, its levels and items",
    )
    def get(self, request, pk):
        framework = (
            framework_list(fetched_by=request.user)
            .filter(pk=pk)
            .prefetch_related(
                Prefetch("levels", queryset=Level.objects.order_by("sort_order")),
                Prefetch("items", queryset=Item.objects.order_by("sort_order", "pk")),
            )
            .first()
        )
        if framework is None:
            raise Http404
        return Response(
            s.FrameworkDetailSerializer(
                {
                    "id": framework.pk,
                    "family": framework.family,
                    "version": framework.version,
                    "name": framework.name,
                    "short_name": framework.short_name,
                    "levels": list(framework.levels.all()),
                    "items": list(framework.items.all()),
                }
            ).data
        )


class LearningPageListView(ApiView):
    pagination_class = ApiCursorPagination
    required_scopes = {"GET": None}

    @extend_schema(
        responses=s.LearningPageSerializer(many=True),
        summary="Published learning pages",
    )
    def get(self, request):
        s.PageQuerySerializer(data=request.query_params).is_valid(raise_exception=True)
        paginator = ApiCursorPagination()
        page = paginator.paginate_queryset(
            live_content().specific(), request, view=self
        )
        return paginator.get_paginated_response(
            s.LearningPageSerializer(page, many=True).data
        )


class LearningPageDetailView(ApiView):
    required_scopes = {"GET": None}

    @extend_schema(responses=s.LearningPageSerializer, summary="A learning page")
    def get(self, request, pk):
        page = live_content().filter(pk=pk).specific().first()
        if page is None:
            raise Http404
        return Response(s.LearningPageSerializer(page).data)
