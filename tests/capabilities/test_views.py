"""Browsing frameworks, and the admin import and export screens, as users do."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from capabilities.models import Framework, Statement
from tests.factories.capabilities import FrameworkFactory

pytestmark = pytest.mark.usefixtures("shipped_frameworks")

PCF = reverse("capabilities:framework_detail", args=["pcf", "2018"])


def _import(client, capture, data):
    """Upload on the admin screen; the import task runs (eagerly) on commit,
    and the screen then shows how it went."""
    with capture(execute=True):
        response = client.post(reverse("frameworks:import"), data)
    assert response.status_code == 302
    return client.get(response["Location"])


def test_practitioner_browses_the_pcf_with_its_crosswalk(
    client, signed_in, practitioner
):
    signed_in(practitioner)
    index = client.get(reverse("capabilities:framework_index")).content.decode()
    assert "Professional Capabilities Framework" in index
    assert "Earlier version" in index  # PCF 2012
    page = client.get(PCF).content.decode()
    assert 'data-testid="group-practice"' in page
    assert "Critical Reflection and Analysis" in page
    assert "Also counts towards:" in page
    assert "KSS (C&amp;F practitioner) 6 Child and family assessment" in page
    assert "Advanced Practitioner" in page


def test_level_filter_shows_only_that_levels_statements(
    client, signed_in, practitioner
):
    pcf = Framework.objects.get(family="pcf", version="2018")
    knowledge = pcf.items.get(code="5")
    Statement.objects.create(
        framework=pcf,
        kind="statement",
        parent=knowledge,
        code="5.a",
        level=pcf.levels.get(code="asye"),
        text="I explain the law to families.",
    )
    Statement.objects.create(
        framework=pcf,
        kind="statement",
        parent=knowledge,
        code="5.s",
        level=pcf.levels.get(code="strategic"),
        text="I shape local policy.",
    )
    signed_in(practitioner)
    page = client.get(PCF, {"level": "asye"}).content.decode()
    assert "I explain the law to families." in page
    assert "I shape local policy." not in page


def test_another_organisations_local_framework_is_a_404(
    client, signed_in, practitioner, other_org_admin
):
    local = FrameworkFactory(owner_organisation=other_org_admin.organisation)
    signed_in(practitioner)
    url = reverse("capabilities:framework_detail", args=[local.family, local.version])
    assert client.get(url).status_code == 404
    missing = reverse("capabilities:framework_detail", args=["nothing", "1"])
    assert client.get(missing).status_code == 404


def test_site_admin_imports_statements_through_the_admin_screen(
    client, signed_in, site_admin, django_capture_on_commit_callbacks
):
    signed_in(site_admin)
    pcf = Framework.objects.get(family="pcf", version="2018")
    upload = SimpleUploadedFile(
        "basw-asye.csv",
        b"kind,code,parent,level,text\nstatement,7.asye.1,7,asye,I build relationships.\n",
        content_type="text/csv",
    )
    response = _import(
        client, django_capture_on_commit_callbacks, {"file": upload, "target": pcf.pk}
    )
    content = response.content.decode()
    assert "basw-asye.csv" in content
    assert "Imported: 1 created, 0 updated, 0 unchanged." in content
    assert pcf.items.filter(code="7.asye.1").exists()


def test_a_bad_file_in_the_admin_screen_shows_every_problem(
    client, signed_in, site_admin, django_capture_on_commit_callbacks
):
    signed_in(site_admin)
    pcf = Framework.objects.get(family="pcf", version="2018")
    upload = SimpleUploadedFile(
        "bad.csv", b"kind,code,parent\nstatement,x,99\nstatement,x,5\n"
    )
    response = _import(
        client, django_capture_on_commit_callbacks, {"file": upload, "target": pcf.pk}
    )
    content = response.content.decode()
    assert "Nothing was imported" in content
    assert "line 2, parent: There is no domain or group" in content
    assert "line 3, code: The code" in content
    assert not pcf.items.filter(code="x").exists()


def test_org_admin_imports_a_local_framework_that_only_their_organisation_sees(
    client, signed_in, org_admin, other_org_admin, django_capture_on_commit_callbacks
):
    signed_in(org_admin)
    body = (
        b'{"format": "practitioner-portfolio-framework/1", "framework": {"family": '
        b'"northmoor-practice", "version": "1", "name": "Northmoor practice model", '
        b'"short_name": "NPM"}, "items": [{"kind": "domain", "code": "1", '
        b'"name": "Relational practice"}]}'
    )
    _import(
        client,
        django_capture_on_commit_callbacks,
        {"file": SimpleUploadedFile("npm.json", body)},
    )
    local = Framework.objects.get(family="northmoor-practice")
    assert local.owner_organisation == org_admin.organisation
    signed_in(other_org_admin)
    url = reverse("capabilities:framework_detail", args=["northmoor-practice", "1"])
    assert client.get(url).status_code == 404
    # Nor may another organisation's admin overwrite it by importing it again.
    response = _import(
        client,
        django_capture_on_commit_callbacks,
        {"file": SimpleUploadedFile("npm.json", body)},
    )
    assert "You cannot change that framework." in response.content.decode()
    assert Framework.objects.get(family="northmoor-practice").owner_organisation == (
        org_admin.organisation
    )


def test_practitioners_cannot_reach_the_import_screen(client, signed_in, practitioner):
    signed_in(practitioner)
    response = client.get(reverse("frameworks:import"))
    assert response.status_code in (302, 403)


def test_export_downloads_json_and_csv(client, signed_in, org_admin):
    signed_in(org_admin)
    pcf = Framework.objects.get(family="pcf", version="2018")
    response = client.get(reverse("frameworks:export", args=[pcf.pk, "csv"]))
    assert response["Content-Disposition"] == 'attachment; filename="pcf-2018.csv"'
    assert response.content.decode().startswith("kind,code,name")
    response = client.get(reverse("frameworks:export", args=[pcf.pk, "json"]))
    assert response.json()["framework"]["family"] == "pcf"


def test_export_of_another_organisations_framework_is_a_404(
    client, signed_in, org_admin, other_org_admin
):
    local = FrameworkFactory(owner_organisation=other_org_admin.organisation)
    signed_in(org_admin)
    assert (
        client.get(reverse("frameworks:export", args=[local.pk, "json"])).status_code
        == 404
    )


@pytest.mark.parametrize("role", ["org_admin", "other_org_admin"])
def test_organisation_admins_cannot_edit_national_frameworks_in_the_admin(
    client, signed_in, request, role
):
    signed_in(request.getfixturevalue(role))
    pcf = Framework.objects.get(family="pcf", version="2018")
    response = client.post(
        reverse("frameworks:edit", args=[pcf.pk]),
        {"family": "pcf", "version": "2018", "name": "Hijacked", "short_name": "X"},
    )
    # Refused exactly like a framework that does not exist.
    assert response.status_code == 404
    pcf.refresh_from_db()
    assert pcf.name == "Professional Capabilities Framework"
    listing = client.get(reverse("frameworks:index")).content.decode()
    assert "Professional Capabilities Framework" not in listing


def test_site_admin_edits_a_framework_in_the_admin(client, signed_in, site_admin):
    signed_in(site_admin)
    kss = Framework.objects.get(family="kss-cf-supervisor")
    response = client.post(
        reverse("frameworks:edit", args=[kss.pk]),
        {
            "family": kss.family,
            "version": kss.version,
            "name": kss.name,
            "short_name": kss.short_name,
            "valid_to": "2028-03-31",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    kss.refresh_from_db()
    assert str(kss.valid_to) == "2028-03-31"


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage"])
def test_every_admin_object_view_refuses_a_national_framework_to_org_admins(
    client, signed_in, org_admin, view
):
    signed_in(org_admin)
    pcf = Framework.objects.get(family="pcf", version="2018")
    response = client.get(reverse(f"frameworks:{view}", args=[pcf.pk]))
    # Refused exactly like a framework that does not exist.
    assert response.status_code == 404
    response = client.post(reverse("frameworks:delete", args=[pcf.pk]))
    assert Framework.objects.filter(pk=pcf.pk).exists()


def test_an_org_admin_cannot_publish_a_version_of_a_national_framework(
    client, signed_in, org_admin, practitioner, django_capture_on_commit_callbacks
):
    signed_in(org_admin)
    response = client.post(
        reverse("frameworks:add"),
        {
            "family": "pcf",
            "version": "9999",
            "name": "Takeover",
            "short_name": "PCF",
            "is_active": "on",
        },
    )
    assert response.status_code in (302, 403)  # Wagtail redirects a refusal
    body = (
        b'{"format": "practitioner-portfolio-framework/1", "framework": {"family": '
        b'"pcf", "version": "9998", "name": "Takeover", "short_name": "PCF"}}'
    )
    response = _import(
        client,
        django_capture_on_commit_callbacks,
        {"file": SimpleUploadedFile("x.json", body)},
    )
    assert "You cannot change that framework." in response.content.decode()
    assert not Framework.objects.filter(
        family="pcf", version__in=["9999", "9998"]
    ).exists()


def test_a_local_framework_never_replaces_the_national_pcf_for_others(
    org_admin, practitioner
):
    from capabilities.selectors import active_pcf

    FrameworkFactory(family="pcf-local", owner_organisation=org_admin.organisation)
    FrameworkFactory(
        family="pcf", version="0001", owner_organisation=org_admin.organisation
    )
    assert active_pcf().key == "pcf@2018"
