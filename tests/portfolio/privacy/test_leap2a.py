"""The Leap2A feed in the portable portfolio, checked against the structure
the 2010-07 Leap2A specification gives an Atom feed (and that Mahara's
importer expects): the namespaces and version, Atom's required elements on the
feed and every entry, Leap2 types, and relations that resolve both ways to
files that are in the ZIP."""

import io
import zipfile

import pytest
from lxml import etree

from portfolio.exports.leap2a import ATOM, LEAP2, LEAP2A_VERSION, RDF

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

NS = {"atom": ATOM, "leap2": LEAP2, "rdf": RDF}


@pytest.fixture
def feed(portable_zip):
    archive = zipfile.ZipFile(io.BytesIO(portable_zip))
    return etree.fromstring(archive.read("leap2a.xml")), set(archive.namelist())


def test_the_feed_declares_atom_and_leap2a(feed):
    root, _names = feed
    assert root.tag == f"{{{ATOM}}}feed"
    assert root.nsmap[None] == ATOM
    assert root.nsmap["leap2"] == "http://terms.leapspecs.org/"
    assert root.nsmap["rdf"] == "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    assert root.nsmap["categories"] == "http://wiki.leapspecs.org/2A/categories/"
    assert root.findtext("leap2:version", namespaces=NS) == LEAP2A_VERSION
    # Atom (RFC 4287 4.1.1): a feed has id, title, updated and an author.
    for required in ("atom:id", "atom:title", "atom:updated", "atom:author/atom:name"):
        assert root.findtext(required, namespaces=NS), required


def test_every_entry_has_atoms_required_elements_and_a_leap2_type(feed, full_year):
    root, _names = feed
    entries = root.findall("atom:entry", NS)
    types = []
    for entry in entries:
        for required in ("atom:id", "atom:title", "atom:updated"):
            assert entry.findtext(required, namespaces=NS) is not None, required
        kind = entry.find("rdf:type", NS).get(f"{{{RDF}}}resource")
        assert kind in ("leap2:entry", "leap2:resource")
        types.append(kind)
    assert types.count("leap2:entry") == len(full_year)
    ids = [e.findtext("atom:id", namespaces=NS) for e in entries]
    assert len(ids) == len(set(ids))


def test_entries_carry_their_date_text_and_framework_categories(feed):
    root, _names = feed
    court = next(
        e
        for e in root.findall("atom:entry", NS)
        if e.findtext("atom:title", namespaces=NS) == "Court skills training"
    )
    date = court.find("leap2:date", NS)
    assert date.get(f"{{{LEAP2}}}point") == "start"
    assert court.find("atom:content", NS).get("type") == "text"
    category = court.find("atom:category", NS)
    assert (category.get("term"), category.get("scheme")) == (
        "6",
        "portfolio:framework/pcf/2018",
    )


def test_attachments_are_resources_linked_both_ways_to_files_in_the_zip(feed):
    root, names = feed
    by_id = {
        e.findtext("atom:id", namespaces=NS): e for e in root.findall("atom:entry", NS)
    }
    parts = [
        (entry_id, link.get("href"))
        for entry_id, entry in by_id.items()
        for link in entry.findall("atom:link[@rel='leap2:has_part']", NS)
    ]
    assert parts
    for entry_id, resource_id in parts:
        resource = by_id[resource_id]
        back = resource.find("atom:link[@rel='leap2:is_part_of']", NS)
        assert back.get("href") == entry_id
        enclosure = resource.find("atom:link[@rel='enclosure']", NS)
        assert enclosure.get("href") in names
        assert int(enclosure.get("length")) > 0
