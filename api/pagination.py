"""Cursor pagination: stable pages while entries are added, and no page
count (a count per request would cost a query and say nothing useful)."""

from rest_framework.pagination import CursorPagination


class ApiCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-pk"
