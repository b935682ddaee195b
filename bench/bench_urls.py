"""The portal's URLs plus the benchmarks' floor: a bare view returning a
fixed 20 KB page, the most any page could cost under the same middleware."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns

FLOOR_BODY = (
    "<!DOCTYPE html><html lang='en'><head><title>Floor</title></head><body>"
    + "<p>The floor page: a fixed body of twenty kilobytes.</p>" * 360
    + "</body></html>"
)[:20480]


def floor(request):
    return HttpResponse(FLOOR_BODY)


urlpatterns = [path("bench-floor/", floor, name="bench_floor"), *portal_urlpatterns]
