"""The person's CPD entries as Leap2A, the UK e-portfolio interchange format
(an Atom feed with the Leap2 vocabulary) that Mahara and others import.

Written to the 2010-07 specification: an Atom ``feed`` carrying
``leap2:version``, one ``author``, and one ``entry`` per CPD entry typed
``leap2:entry``, its date as ``leap2:date`` (point "start"), each framework
mapping as an Atom ``category`` whose scheme names the framework, and each
attachment as a ``leap2:resource`` entry whose ``enclosure`` link points at
the file inside the same ZIP, related both ways (``leap2:has_part`` /
``leap2:is_part_of``).
"""

from django.utils import timezone

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
LEAP2 = "http://terms.leapspecs.org/"
CATEGORIES = "http://wiki.leapspecs.org/2A/categories/"
PORTFOLIO = "portfolio:"
LEAP2A_VERSION = "http://www.leapspecs.org/2010-07/2A/"
NAMESPACES = {None: ATOM, "rdf": RDF, "leap2": LEAP2, "categories": CATEGORIES}


def _sub(parent, tag: str, text: str | None = None, **attributes):
    element = etree.SubElement(parent, tag, dict(attributes))
    if text is not None:
        element.text = text
    return element


def _atom(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def _typed(entry, leap_type: str) -> None:
    _sub(entry, f"{{{RDF}}}type", **{f"{{{RDF}}}resource": f"leap2:{leap_type}"})


def _content(record: dict) -> str:
    parts = [
        record["description"],
        record["learning"],
        record["impact"],
        record["peer_reflection"],
        *record["reflection"].values(),
    ]
    return "\n\n".join(part for part in parts if part)


def leap2a_feed(person, record: dict) -> bytes:
    """The Leap2A XML for the entries of a portable record."""
    now = timezone.now().isoformat()
    feed = etree.Element(_atom("feed"), nsmap=NAMESPACES)
    _sub(feed, f"{{{LEAP2}}}version", LEAP2A_VERSION)
    _sub(feed, _atom("id"), f"{PORTFOLIO}feed/{person.pk}-{now}")
    _sub(feed, _atom("title"), f"CPD portfolio of {person.get_full_name()}")
    _sub(feed, _atom("updated"), now)
    _sub(feed, _atom("generator"), "Practitioner Portfolio")
    author = _sub(feed, _atom("author"))
    _sub(author, _atom("name"), person.get_full_name() or person.email)
    _sub(author, _atom("email"), person.email)
    for item in record["entries"]:
        entry = _sub(feed, _atom("entry"))
        entry_id = f"{PORTFOLIO}{item['key']}"
        _sub(entry, _atom("id"), entry_id)
        _sub(entry, _atom("title"), item["title"])
        _sub(entry, _atom("updated"), item["completed_at"] or now)
        _sub(entry, _atom("content"), _content(item), type="text")
        _typed(entry, "entry")
        if item["date"]:
            _sub(
                entry,
                f"{{{LEAP2}}}date",
                item["date"],
                **{f"{{{LEAP2}}}point": "start"},
            )
        for mapping in item["mappings"]:
            framework = mapping["framework"]
            _sub(
                entry,
                _atom("category"),
                term=mapping["item"],
                scheme=f"{PORTFOLIO}framework/{framework['family']}/"
                f"{framework['version']}",
                label=mapping["item_name"] or mapping["item"],
            )
        for attachment in item["attachments"]:
            resource_id = f"{PORTFOLIO}{attachment['path']}"
            _sub(entry, _atom("link"), rel="leap2:has_part", href=resource_id)
            resource = _sub(feed, _atom("entry"))
            _sub(resource, _atom("id"), resource_id)
            _sub(resource, _atom("title"), attachment["name"])
            _sub(resource, _atom("updated"), item["completed_at"] or now)
            _sub(resource, _atom("content"), attachment["name"], type="text")
            _typed(resource, "resource")
            _sub(
                resource,
                _atom("link"),
                rel="enclosure",
                href=attachment["path"],
                type=attachment["content_type"],
                length=str(attachment["size"]),
            )
            _sub(resource, _atom("link"), rel="leap2:is_part_of", href=entry_id)
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8")
