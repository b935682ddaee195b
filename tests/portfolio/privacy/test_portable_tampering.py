"""A tampered portable portfolio is refused with a clear message and nothing
is written: a hash mismatch, a path that climbs out of the archive, a 1 GB
zip bomb (declared, and one that lies about its size), a manifest that breaks
the schema, and a file that is not a ZIP at all."""

import hashlib
import io
import json
import struct
import zipfile

from django.core.files.storage import storages

import pytest

from portfolio.evidence.models import Entry
from portfolio.exports.portable import MANIFEST, RECORD
from portfolio.privacy.archive import (
    MSG_BOMB,
    MSG_HASH_MISMATCH,
    MSG_NOT_A_ZIP,
    MSG_SCHEMA,
    MSG_SIZE_MISMATCH,
    MSG_UNLISTED,
    MSG_UNSAFE_NAME,
    MSG_VERSION,
    ArchiveRefused,
)
from portfolio.privacy.models import ImportedItem, PortableImport
from portfolio.privacy.services import portable_import_upload
from tests.portfolio.privacy.test_portable_round_trip import rezip

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

GIB = 1024 * 1024 * 1024


@pytest.fixture
def small_zip(practitioner, django_capture_on_commit_callbacks, shipped_frameworks):
    """A portable portfolio of one complete entry with one file."""
    from portfolio.exports.services import export_request_portable
    from tests.factories.portfolio import AttachmentFactory, EntryFactory

    entry = EntryFactory(owner=practitioner, state="complete", title="Training")
    AttachmentFactory(entry=entry)
    with django_capture_on_commit_callbacks(execute=True):
        export = export_request_portable(owner=practitioner)
    export.refresh_from_db()
    with export.file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


@pytest.fixture(scope="session")
def gigabyte_of_zeros(tmp_path_factory):
    """A member that inflates to 1 GiB, compressed once for the session
    (about 1 MB of deflate)."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.zip"
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        with out.open("attachments/bomb", "w", force_zip64=True) as member:
            for _ in range(1024):
                member.write(chunk)
    return path.read_bytes()


def _attachment_path(archive):
    return next(n for n in archive.namelist() if n.startswith("attachments/"))


def _refused(owner, data) -> str:
    with pytest.raises(ArchiveRefused) as refused:
        portable_import_upload(owner=owner, name="portable.zip", data=data)
    return refused.value.messages[0]


def _stored_imports() -> set[str]:
    private = storages["private"]
    return set(private.listdir("imports")[1]) if private.exists("imports") else set()


@pytest.fixture
def nothing_written(newcomer):
    """Checks that no row and no file was written (files other tests of the
    session stored are there before and after)."""
    before = _stored_imports()

    def check():
        assert PortableImport.objects.count() == 0
        assert ImportedItem.objects.count() == 0
        assert not Entry.objects.filter(owner=newcomer).exists()
        assert _stored_imports() == before

    return check


def test_a_changed_file_is_refused(small_zip, newcomer, nothing_written):
    path = _attachment_path(small_zip)
    original = small_zip.read(path)
    altered = bytes(b ^ 0x01 for b in original[:4]) + original[4:]  # same size
    data = rezip(small_zip, {path: altered}, fix_manifest=False)
    assert _refused(newcomer, data) == MSG_HASH_MISMATCH % {"name": path}
    nothing_written()


def test_a_path_out_of_the_archive_is_refused(small_zip, newcomer, nothing_written):
    for name in ("../../etc/cron.d/evil", "/etc/passwd", "attachments/../../x"):
        buffer = io.BytesIO(rezip(small_zip, {}))
        with zipfile.ZipFile(buffer, "a") as archive:
            archive.writestr(name, b"* * * * * root rm -rf /")
        assert _refused(newcomer, buffer.getvalue()) == MSG_UNSAFE_NAME % {"name": name}
    nothing_written()


def test_an_unlisted_file_is_refused(small_zip, newcomer, nothing_written):
    buffer = io.BytesIO(rezip(small_zip, {}))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("attachments/extra", b"not in the manifest")
    assert _refused(newcomer, buffer.getvalue()) == MSG_UNLISTED % {
        "name": "attachments/extra"
    }
    nothing_written()


def test_a_gigabyte_zip_bomb_is_refused_before_it_is_inflated(
    small_zip, newcomer, gigabyte_of_zeros, nothing_written
):
    bomb = zipfile.ZipFile(io.BytesIO(gigabyte_of_zeros))
    # Copied still compressed, so the test never inflates it either.
    data = _append_raw(rezip(small_zip, {}), bomb, "attachments/bomb")
    assert len(data) < 8 * 1024 * 1024  # a few MB that declare a gigabyte
    assert _refused(newcomer, data) == MSG_BOMB % {
        "name": "attachments/bomb",
        "size": 1024,
    }
    nothing_written()


def test_a_member_that_lies_about_its_size_is_refused_while_streaming(
    small_zip, newcomer, nothing_written
):
    # A member declared (in the manifest and the ZIP) as 27 bytes that
    # inflates to 10 MB: the size written in the archive is altered after.
    path = _attachment_path(small_zip)
    real = small_zip.read(path)
    data = rezip(small_zip, {path: bytes(10 * 1024 * 1024)})
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(data)).read(MANIFEST))
    for item in manifest["files"]:
        if item["path"] == path:
            item["size"] = len(real)
    data = rezip(
        zipfile.ZipFile(io.BytesIO(data)),
        {MANIFEST: json.dumps(manifest).encode()},
        fix_manifest=False,
    )
    data = _declare_size(data, path, len(real))
    assert _refused(newcomer, data) == MSG_SIZE_MISMATCH % {"name": path}
    nothing_written()


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda m: m.update(format_version="1.x"), "format_version"),
        (lambda m: m["files"][0].pop("sha256"), "files/0"),
        (lambda m: m["files"][0].update(sha256="not-a-hash"), "files/0/sha256"),
        (lambda m: m.update(person="Sam"), "person"),
    ],
)
def test_a_manifest_that_breaks_the_schema_is_refused(
    small_zip, newcomer, nothing_written, change, where
):
    manifest = json.loads(small_zip.read(MANIFEST))
    change(manifest)
    data = rezip(
        small_zip, {MANIFEST: json.dumps(manifest).encode()}, fix_manifest=False
    )
    message = _refused(newcomer, data)
    assert message.startswith(
        MSG_SCHEMA.split("%")[0] + "manifest.json does not follow the portable "
        f"format at “{where}”"
    ), message
    nothing_written()


def test_a_later_major_version_is_refused_as_such(small_zip, newcomer, nothing_written):
    manifest = json.loads(small_zip.read(MANIFEST))
    manifest["format_version"] = "2.0"
    data = rezip(
        small_zip, {MANIFEST: json.dumps(manifest).encode()}, fix_manifest=False
    )
    assert _refused(newcomer, data) == MSG_VERSION % {"version": "2.0"}
    nothing_written()


def test_a_record_that_breaks_the_schema_is_refused(
    small_zip, newcomer, nothing_written
):
    record = json.loads(small_zip.read(RECORD))
    record["entries"][0]["date"] = "last Tuesday"
    data = rezip(small_zip, {RECORD: json.dumps(record).encode()})
    message = _refused(newcomer, data)
    assert "portfolio.json does not follow the portable format at “entries/0/date”" in (
        message
    )
    nothing_written()


def test_an_impossible_date_is_refused_not_a_server_error(
    small_zip, newcomer, nothing_written
):
    record = json.loads(small_zip.read(RECORD))
    record["entries"][0]["date"] = "2024-02-30"  # the right shape, no such day
    data = rezip(small_zip, {RECORD: json.dumps(record).encode()})
    assert "“entries/0/date”" in _refused(newcomer, data)
    nothing_written()


def test_something_that_is_not_a_zip_is_refused(newcomer, nothing_written):
    assert _refused(newcomer, b"%PDF-1.7 not a zip") == MSG_NOT_A_ZIP
    nothing_written()


def _append_raw(data: bytes, source: zipfile.ZipFile, name: str) -> bytes:
    """``data`` with ``name`` from ``source`` added still compressed (the local
    header and deflate stream copied byte for byte, the central directory
    rewritten by zipfile)."""
    info = source.getinfo(name)
    source.fp.seek(info.header_offset)
    header = source.fp.read(30)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    source.fp.seek(info.header_offset + 30 + name_length + extra_length)
    compressed = source.fp.read(info.compress_size)
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.fp.seek(archive.start_dir)
        copy = zipfile.ZipInfo(name, date_time=info.date_time)
        copy.compress_type = zipfile.ZIP_DEFLATED
        copy.file_size = info.file_size
        copy.compress_size = info.compress_size
        copy.CRC = info.CRC
        copy.header_offset = archive.fp.tell()
        archive.fp.write(copy.FileHeader(zip64=True))
        archive.fp.write(compressed)
        archive.start_dir = archive.fp.tell()
        archive.filelist.append(copy)
        archive.NameToInfo[name] = copy
        archive._didModify = True
    return buffer.getvalue()


def _declare_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the uncompressed size the archive declares for ``name`` (local
    header and central directory) without touching its data."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(name)
    patched = bytearray(data)
    struct.pack_into("<I", patched, info.header_offset + 22, size)
    central = data.index(b"PK\x01\x02")
    while True:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == name.encode():
            break
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", patched, central + 24, size)
    return bytes(patched)


def test_the_bomb_fixture_really_inflates_to_a_gigabyte(gigabyte_of_zeros):
    info = zipfile.ZipFile(io.BytesIO(gigabyte_of_zeros)).getinfo("attachments/bomb")
    assert info.file_size == GIB
    assert hashlib.sha256(gigabyte_of_zeros).hexdigest()
