"""The portable portfolio: everything a person owns or took part in, as a
documented, versioned ZIP another installation can import.

The format is described in docs/portable-format.md and checked by the JSON
Schema shipped beside this module (schema/portable-v1.json). Every record
carries a ``key``: a stable, installation-specific digest of what it is, so an
importer can tell "already here" from "new" without trusting database ids.
"""

import hashlib
import io
import json
import zipfile
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from portfolio.appraisal.models import Appraisal
from portfolio.asye.models import AssessedYear
from portfolio.career.models import LevelChange
from portfolio.evidence.models import Entry, EntryMapping, EntryState
from portfolio.exports.leap2a import leap2a_feed
from portfolio.exports.rendering import render_appraisal_pdf
from portfolio.supervision.models import SupervisionSession

FORMAT_NAME = "practitioner-portfolio/portable"
FORMAT_VERSION = "1.0"
MANIFEST = "manifest.json"
RECORD = "portfolio.json"
SCHEMA_PATH = Path(__file__).parent / "schema" / "portable-v1.json"


def portable_schema() -> dict:
    """The JSON Schema of the manifest and the record (one document, two
    definitions)."""
    return json.loads(SCHEMA_PATH.read_text())


def portable_key(kind: str, pk: int) -> str:
    """A stable key for one record of this installation: the same row always
    gets the same key, and a key says nothing about the row's id."""
    seed = f"{settings.SECRET_KEY}:{kind}:{pk}".encode()
    return f"{kind}-{hashlib.sha256(seed).hexdigest()[:32]}"


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _item_ref(item) -> dict:
    framework = item.framework
    return {"family": framework.family, "version": framework.version, "code": item.code}


def _mapping(mapping: EntryMapping, organisation: str) -> dict:
    confirmed = None
    if mapping.confirmed_at is not None:
        # Said to be confirmed *there*: an importer never turns it into a
        # confirmation by one of its own supervisors.
        confirmed = {"at": _iso(mapping.confirmed_at), "organisation": organisation}
    return {
        "framework": {
            "family": mapping.item.framework.family,
            "version": mapping.item.framework.version,
        },
        "item": mapping.item.code,
        "item_name": mapping.item.name,
        "level": mapping.level.code if mapping.level_id else None,
        "justification": mapping.justification,
        "confirmed": confirmed,
    }


def _entry(entry: Entry, organisation: str) -> tuple[dict, list]:
    files = []
    attachments = []
    for attachment in entry.attachments.all():
        path = f"attachments/{portable_key('attachment', attachment.pk)}"
        files.append((path, attachment))
        attachments.append(
            {
                "path": path,
                "name": attachment.original_name,
                "content_type": attachment.content_type,
                "size": attachment.size,
            }
        )
    record = {
        "key": portable_key("entry", entry.pk),
        "title": entry.title,
        "date": _iso(entry.activity_date),
        "type": entry.cpd_type,
        "hours": str(entry.hours) if entry.hours is not None else None,
        "description": entry.description,
        "learning": entry.learning,
        "impact": entry.impact,
        "peer_reflection": entry.peer_reflection,
        "peer_role": entry.peer_role,
        "link": entry.source_url,
        "asye_evidence": entry.asye_evidence,
        "reflective_model": entry.reflective_model,
        "reflection": {stage.stage: stage.text for stage in entry.stages.all()},
        "review": entry.review_state or None,
        "completed_at": _iso(entry.completed_at),
        "mappings": [_mapping(m, organisation) for m in entry.mappings.all()],
        "attachments": attachments,
    }
    return record, files


def _sessions(person) -> list[dict]:
    sessions = SupervisionSession.objects.filter(
        supervision__supervisee=person
    ) | SupervisionSession.objects.filter(supervision__supervisor=person)
    rows = []
    for session in sessions.select_related(
        "supervision__supervisor", "supervision__supervisee"
    ).order_by("held_on", "pk"):
        supervision = session.supervision
        as_supervisee = supervision.supervisee_id == person.pk
        other = supervision.supervisor if as_supervisee else supervision.supervisee
        # The supervisor's private note never leaves with the supervisee; a
        # supervisor's copy keeps it (it is theirs).
        rows.append(
            {
                "key": portable_key("session", session.pk),
                "held_on": _iso(session.held_on),
                "minutes": session.minutes,
                "kind": session.kind,
                "role": "supervisee" if as_supervisee else "supervisor",
                "with": str(other),
                "topics": session.topics,
                "agreed_actions": session.agreed_actions,
                "supervisor_note": "" if as_supervisee else session.supervisor_note,
            }
        )
    return rows


def _appraisals(person) -> tuple[list[dict], list]:
    rows, files = [], []
    appraisals = Appraisal.objects.filter(supervisee=person).select_related(
        "appraiser", "organisation"
    )
    for appraisal in appraisals.order_by("period_start", "pk").prefetch_related(
        "objectives__domains__framework", "assessments__domain__framework"
    ):
        key = portable_key("appraisal", appraisal.pk)
        pdf = None
        if appraisal.locked_at is not None:
            pdf = f"appraisals/{key}.pdf"
            files.append((pdf, appraisal))
        rows.append(
            {
                "key": key,
                "kind": appraisal.kind,
                "organisation": appraisal.organisation.name,
                "appraiser": str(appraisal.appraiser),
                "period_start": _iso(appraisal.period_start),
                "period_end": _iso(appraisal.period_end),
                "strengths": appraisal.strengths,
                "development_needs": appraisal.development_needs,
                "career_conversation": appraisal.career_conversation,
                "signed_at": _iso(appraisal.locked_at),
                # The supervisee's own parts; the appraiser's ratings are
                # in the signed PDF as both parties agreed it.
                "self_assessment": [
                    {
                        "domain": _item_ref(assessment.domain),
                        "rating": assessment.self_rating,
                        "commentary": assessment.self_commentary,
                    }
                    for assessment in appraisal.assessments.all()
                ],
                "objectives": [
                    {
                        "text": objective.text,
                        "due_on": _iso(objective.due_on),
                        "suggested_learning": objective.suggested_learning,
                        "domains": [_item_ref(d) for d in objective.domains.all()],
                    }
                    for objective in appraisal.objectives.all()
                ],
                "pdf": pdf,
            }
        )
    return rows, files


def _level_history(person) -> list[dict]:
    changes = LevelChange.objects.filter(person=person).select_related(
        "from_level__framework", "to_level__framework", "pathway"
    )
    return [
        {
            "key": portable_key("level_change", change.pk),
            "changed_on": _iso(change.changed_on),
            "from_level": change.from_level.code if change.from_level_id else None,
            "to_level": change.to_level.code,
            "framework": {
                "family": change.to_level.framework.family,
                "version": change.to_level.framework.version,
            },
            "pathway": change.pathway.code if change.pathway_id else None,
            "note": change.note,
        }
        for change in changes.order_by("changed_on", "pk")
    ]


def _asye(person) -> list[dict]:
    years = AssessedYear.objects.filter(nqsw=person).select_related(
        "programme", "organisation", "assessor"
    )
    return [
        {
            "key": portable_key("asye", year.pk),
            "programme": year.programme.code,
            "programme_name": year.programme.name,
            "organisation": year.organisation.name,
            "assessor": str(year.assessor),
            "starts_on": _iso(year.starts_on),
            "ends_on": _iso(year.ends_on),
            "state": year.state,
            "recommendation": year.recommendation,
            "outcome": year.outcome,
            "reviews": [
                {
                    "month": review.month,
                    "held_on": _iso(review.held_on),
                    "nqsw_view": review.nqsw_view,
                    "manager_view": review.manager_view,
                    "judgement": review.judgement,
                    "progress": review.progress,
                }
                for review in year.reviews.order_by("month")
            ],
            "reflection_log": [
                {"written_on": _iso(log.written_on), "text": log.text}
                for log in year.reflections.order_by("written_on", "pk")
            ],
        }
        for year in years.order_by("starts_on", "pk")
    ]


def portable_entries(person):
    """Every complete entry of the person's (drafts stay behind: they have not
    been through the confidentiality check)."""
    return (
        Entry.objects.filter(owner=person, state=EntryState.COMPLETE)
        .order_by("activity_date", "pk")
        .prefetch_related(
            "stages",
            "attachments",
            "mappings__item__framework",
            "mappings__level",
        )
    )


def portable_record(person) -> tuple[dict, list]:
    """The record (portfolio.json) and the files that go beside it, as
    (path in the ZIP, the attachment or signed appraisal it holds)."""
    organisation = person.organisation.name if person.organisation_id else ""
    entries, files = [], []
    for entry in portable_entries(person):
        record, entry_files = _entry(entry, organisation)
        entries.append(record)
        files.extend(entry_files)
    appraisals, appraisal_files = _appraisals(person)
    files.extend(appraisal_files)
    record = {
        "entries": entries,
        "supervision_sessions": _sessions(person),
        "appraisals": appraisals,
        "level_history": _level_history(person),
        "asye": _asye(person),
    }
    return record, files


def _file_bytes(source) -> bytes:
    if isinstance(source, Appraisal):
        return render_appraisal_pdf(source)
    with source.file.open("rb") as stored:
        return stored.read()


def _readable_pdf(person, entries) -> bytes:
    from weasyprint import HTML

    entries = list(entries)
    dates = [entry.activity_date for entry in entries if entry.activity_date]
    today = timezone.localdate()
    html = render_to_string(
        "portfolio/exports/portfolio_pdf.html",
        {
            "export": {"period_start": min(dates, default=today), "period_end": today},
            "owner": person,
            "entries": entries,
            "generated": timezone.now(),
        },
    )
    return HTML(string=html).write_pdf()


def render_portable(person) -> bytes:
    """The portable ZIP: the record, its files, Leap2A, a readable PDF and a
    manifest naming the SHA-256 of every other member."""
    record, files = portable_record(person)
    members: dict[str, bytes] = {
        RECORD: json.dumps(record, indent=2, ensure_ascii=False).encode(),
        "leap2a.xml": leap2a_feed(person, record),
        "portfolio.pdf": _readable_pdf(person, portable_entries(person)),
    }
    for path, source in files:
        members[path] = _file_bytes(source)
    manifest = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "generated_at": timezone.now().isoformat(),
        "source": {
            "organisation": person.organisation.name if person.organisation_id else "",
            "installation": getattr(settings, "WAGTAILADMIN_BASE_URL", ""),
        },
        "person": {"name": person.get_full_name(), "email": person.email},
        "files": [
            {
                "path": path,
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
            }
            for path, data in members.items()
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
        for path, data in members.items():
            archive.writestr(path, data)
    return buffer.getvalue()
