"""Writing a framework back out in the formats the importer reads."""

import csv
import io
import json

from capabilities.importing import CSV_COLUMNS, FRAMEWORK_FORMAT
from capabilities.models import Framework, ItemMapping, MappingRelation


def _items(framework: Framework):
    return framework.items.select_related("parent", "level")


def _item_record(item) -> dict:
    return {
        "kind": item.kind,
        "code": item.code,
        "name": item.name,
        "parent": item.parent.code if item.parent_id else "",
        "level": item.level.code if item.level_id else "",
        "text": item.text,
        "confirmed": item.is_confirmed,
    }


def framework_to_dict(framework: Framework) -> dict:
    levels = []
    for level in framework.levels.prefetch_related("pathways"):
        entry = {
            "code": level.code,
            "name": level.name,
            "group": level.group,
            "descriptor": level.descriptor,
            "confirmed": level.is_confirmed,
        }
        pathways = [
            {"code": p.code, "name": p.name, "descriptor": p.descriptor}
            for p in level.pathways.all()
        ]
        if pathways:
            entry["pathways"] = pathways
        levels.append(entry)
    items = [_item_record(item) for item in _items(framework)]
    mappings = [
        {
            "from": f"{framework.replaces.key}:{m.source.code}"
            if m.source.framework_id != framework.pk
            else f"{framework.key}:{m.source.code}",
            "to": f"{m.target.framework.key}:{m.target.code}",
            "relation": m.relation,
            "note": m.note,
            "confirmed": m.is_confirmed,
        }
        for m in _version_mappings(framework)
    ]
    return {
        "format": FRAMEWORK_FORMAT,
        "framework": {
            "family": framework.family,
            "version": framework.version,
            "name": framework.name,
            "short_name": framework.short_name,
            "publisher": framework.publisher,
            "source_url": framework.source_url,
            "source_note": framework.source_note,
            "valid_from": framework.valid_from.isoformat()
            if framework.valid_from
            else None,
            "valid_to": framework.valid_to.isoformat() if framework.valid_to else None,
            "is_active": framework.is_active,
            "replaces": framework.replaces.key if framework.replaces_id else None,
        },
        "levels": levels,
        "items": items,
        "mappings": mappings,
    }


def _version_mappings(framework: Framework):
    if not framework.replaces_id:
        return []
    return ItemMapping.objects.filter(
        relation=MappingRelation.REPLACED_BY,
        source__framework=framework.replaces,
        target__framework=framework,
    ).select_related("source__framework", "target__framework")


def framework_to_json(framework: Framework) -> str:
    return json.dumps(framework_to_dict(framework), indent=2, ensure_ascii=False) + "\n"


def framework_to_csv(framework: Framework) -> str:
    """Levels, pathways and items as CSV rows (metadata stays with the framework)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for level in framework.levels.prefetch_related("pathways"):
        writer.writerow(
            {
                "kind": "level",
                "code": level.code,
                "name": level.name,
                "group": level.group,
                "text": level.descriptor,
                "confirmed": "yes" if level.is_confirmed else "no",
            }
        )
        for pathway in level.pathways.all():
            writer.writerow(
                {
                    "kind": "pathway",
                    "code": pathway.code,
                    "name": pathway.name,
                    "parent": level.code,
                    "text": pathway.descriptor,
                }
            )
    for item in _items(framework):
        record = _item_record(item)
        writer.writerow({**record, "confirmed": "yes" if record["confirmed"] else "no"})
    return buffer.getvalue()
