"""Building export files: a PDF to read, a ZIP to keep or hand over (it is also
the basis for answering a subject access request)."""

import io
import json
import zipfile

from django.template.loader import render_to_string
from django.utils import timezone

from portfolio.appraisal.models import rating_scale
from portfolio.evidence.models import Entry, EntryMapping, EntryState
from portfolio.evidence.selectors import entry_identifiers

#: Version of the JSON record's shape, for whoever reads it later.
RECORD_FORMAT = "practitioner-portfolio-export/1"
#: Beside every draft in the JSON record (drafts are only exported on request).
CHECK_NOTE = (
    "A draft: the confidentiality check ran when this export was made. "
    "'flagged' lists text that may identify someone; remove it before sharing."
)


def entries_for_export(export):
    """The owner's entries in the period: complete ones, and drafts only when
    the export asked for them."""
    entries = Entry.objects.filter(
        owner=export.owner,
        activity_date__range=(export.period_start, export.period_end),
    )
    if not export.include_drafts:
        entries = entries.filter(state=EntryState.COMPLETE)
    return entries.order_by("activity_date", "pk").prefetch_related(
        "stages",
        "attachments",
        models_prefetch_mappings(),
    )


def models_prefetch_mappings():
    from django.db.models import Prefetch

    return Prefetch(
        "mappings",
        queryset=EntryMapping.objects.select_related("item__framework", "level"),
    )


def draft_findings(entry) -> list[dict]:
    """For a draft, what the confidentiality check flags (field, flagged text,
    why). Complete entries passed the check (or their writer confirmed they
    identify no one) when they were completed."""
    if entry.is_complete:
        return []
    return [
        {
            "field": field,
            "kind": match.kind,
            "text": match.text,
            "explanation": match.explanation,
        }
        for field, matches in entry_identifiers(entry=entry).items()
        for match in matches
    ]


def _with_findings(entries) -> list:
    entries = list(entries)
    for entry in entries:
        entry.identifiers = draft_findings(entry)
    return entries


def render_pdf(export) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "portfolio/exports/portfolio_pdf.html",
        {
            "export": export,
            "owner": export.owner,
            "entries": _with_findings(entries_for_export(export)),
            "generated": timezone.now(),
        },
    )
    # No base_url: the document loads nothing from outside itself.
    return HTML(string=html).write_pdf()


def render_appraisal_pdf(appraisal) -> bytes:
    """The signed appraisal as its two parties agreed it, with any addenda."""
    from weasyprint import HTML

    html = render_to_string(
        "portfolio/appraisal/pdf.html",
        {"appraisal": appraisal, "scale": rating_scale(appraisal.organisation)},
    )
    return HTML(string=html).write_pdf()


def entry_record(entry) -> dict:
    record = {
        "id": entry.pk,
        "state": entry.state,
        "title": entry.title,
        "date": entry.activity_date.isoformat() if entry.activity_date else None,
        "type": entry.cpd_type,
        "hours": str(entry.hours) if entry.hours is not None else None,
        "description": entry.description,
        "what_i_learnt": entry.learning,
        "impact": entry.impact,
        "peer_reflection": entry.peer_reflection,
        "peer_role": entry.peer_role,
        "link": entry.source_url,
        "reflective_model": entry.reflective_model,
        "reflection": {stage.stage: stage.text for stage in entry.stages.all()},
        "capabilities": [
            {
                "framework": mapping.item.framework.key,
                "item": mapping.item.code,
                "name": mapping.item.name,
                "level": mapping.level.code if mapping.level_id else None,
                "justification": mapping.justification,
                "confirmed_by_supervisor": mapping.confirmed_at is not None,
            }
            for mapping in entry.mappings.all()
        ],
        "attachments": [
            {
                "name": attachment.original_name,
                "path": (
                    f"attachments/{entry.pk}/{attachment.pk}-{attachment.original_name}"
                ),
                "content_type": attachment.content_type,
                "size": attachment.size,
            }
            for attachment in entry.attachments.all()
        ],
        "created_at": entry.created_at.isoformat(),
        "updated_at": entry.updated_at.isoformat(),
    }
    if not entry.is_complete:
        record["confidentiality_check"] = {
            "note": CHECK_NOTE,
            "flagged": draft_findings(entry),
        }
    return record


def render_zip(export) -> bytes:
    entries = list(entries_for_export(export))
    record = {
        "format": RECORD_FORMAT,
        "owner": {"name": export.owner.get_full_name(), "email": export.owner.email},
        "period": {
            "start": export.period_start.isoformat(),
            "end": export.period_end.isoformat(),
        },
        "generated_at": timezone.now().isoformat(),
        "entries": [entry_record(entry) for entry in entries],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "portfolio.json", json.dumps(record, indent=2, ensure_ascii=False)
        )
        for entry, entry_json in zip(entries, record["entries"], strict=True):
            for attachment, described in zip(
                entry.attachments.all(), entry_json["attachments"], strict=True
            ):
                with attachment.file.open("rb") as stored:
                    archive.writestr(described["path"], stored.read())
    return buffer.getvalue()
