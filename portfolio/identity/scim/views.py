"""django-scim2's discovery views, completed where they fall short of RFC
7644 (found by the conformance checker): list responses carry
``totalResults``, ``itemsPerPage`` and ``startIndex``, and an unknown id is a
SCIM error document with status 404."""

import json

from django.http import HttpResponse

from django_scim import constants
from django_scim import views as scim_views

SCHEMA_URI = "urn:ietf:params:scim:schemas:core:2.0:Schema"


def _not_found(uuid) -> HttpResponse:
    body = {
        "schemas": [constants.SchemaURI.ERROR],
        "status": "404",
        "detail": f"Resource {uuid} not found",
    }
    return HttpResponse(
        json.dumps(body), content_type=constants.SCIM_CONTENT_TYPE, status=404
    )


def _list(resources: list) -> HttpResponse:
    body = {
        "schemas": [constants.SchemaURI.LIST_RESPONSE],
        "totalResults": len(resources),
        "itemsPerPage": len(resources),
        "startIndex": 1,
        "Resources": resources,
    }
    return HttpResponse(json.dumps(body), content_type=constants.SCIM_CONTENT_TYPE)


def _one(resource: dict) -> HttpResponse:
    return HttpResponse(json.dumps(resource), content_type=constants.SCIM_CONTENT_TYPE)


class NotFoundView(scim_views.SCIMView):
    """Any other path under /scim/v2/: a SCIM 404, not the site's page."""

    http_method_names = ["get", "post", "put", "patch", "delete"]

    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return _not_found(request.path)

    post = put = patch = delete = get


class ResourceTypesView(scim_views.ResourceTypesView):
    def get(self, request, uuid=None, *args, **kwargs):
        types = self.type_dict_by_type_id(request)
        if uuid:
            return _one(types[uuid]) if uuid in types else _not_found(uuid)
        return _list(sorted(types.values(), key=lambda d: d["id"]))


def _schema_document(schema: dict) -> dict:
    # django-scim2's schema files lack their own "schemas" member.
    return {"schemas": [SCHEMA_URI], **schema}


class SchemasView(scim_views.SchemasView):
    def get(self, request, uuid=None, *args, **kwargs):
        schemas = {k: _schema_document(v) for k, v in self.schemas_by_uri.items()}
        if uuid:
            return _one(schemas[uuid]) if uuid in schemas else _not_found(uuid)
        return _list(sorted(schemas.values(), key=lambda d: d["id"]))


class NotImplementedView(scim_views.SCIMView):
    """django-scim2's placeholders (the root, searching every resource type at
    once), answering 501 with the SCIM error document RFC 7644 §3.12 asks for."""

    implemented = False

    def status_501(self, request, *args, **kwargs):
        body = {
            "schemas": [constants.SchemaURI.ERROR],
            "status": "501",
            "detail": "Not implemented.",
        }
        return HttpResponse(
            json.dumps(body), content_type=constants.SCIM_CONTENT_TYPE, status=501
        )
