"""Every log line of a request carries its id; the response gives it back."""

import json
import logging

from django.urls import reverse

import pytest

from portal.request_id import HEADER, RequestIdFilter, request_id


def test_a_request_gets_an_id_and_keeps_a_well_formed_one_from_the_balancer(client):
    made = client.get(reverse("health_live"))[HEADER]
    assert len(made) == 32
    assert client.get(reverse("health_live"))[HEADER] != made
    kept = client.get(reverse("health_live"), headers={HEADER: "lb-1234abcd"})
    assert kept[HEADER] == "lb-1234abcd"
    # Not an id (too long, or a header injection attempt): replaced.
    for bad in ("x" * 200, "abc\r\nSet-Cookie: a=b", "short"):
        replaced = client.get(reverse("health_live"), headers={HEADER: bad})
        assert replaced[HEADER] != bad and len(replaced[HEADER]) == 32


@pytest.mark.django_db
def test_log_lines_of_a_request_carry_its_id_as_json(client, caplog, settings):
    from pythonjsonlogger.json import JsonFormatter

    formatter = JsonFormatter(
        settings.LOGGING["formatters"]["json"]["fmt"],
        rename_fields={"levelname": "level"},
    )
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.WARNING):
        response = client.get("/no-such-page/", headers={HEADER: "trace-0001"})
    assert response.status_code == 404
    lines = [json.loads(formatter.format(record)) for record in caplog.records]
    assert any(
        line["request_id"] == "trace-0001" and "Not Found" in line["message"]
        for line in lines
    )
    # Outside a request, no id.
    assert request_id.get() == ""
