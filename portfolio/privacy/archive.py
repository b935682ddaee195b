"""Reading an uploaded portable portfolio safely.

Nothing is ever extracted to disk by path: each member is read from the ZIP
in chunks, counted against the size the ZIP declares and against our own
limits (a zip bomb is refused before it is inflated, a member that inflates
past its declared size is refused while streaming), and hashed against the
manifest. Member names are checked before anything is read. Every refusal is
an ``ArchiveRefused`` whose message is for the person.
"""

import hashlib
import json
import posixpath
import zipfile
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from portfolio.exports.portable import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    RECORD,
    portable_schema,
)

#: Per member: an attachment is at most 20 MB, a signed PDF or the readable
#: PDF a few; the record itself is text.
MAX_MEMBER_BYTES = 50 * 1024 * 1024
#: The whole portfolio, uncompressed.
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_MEMBERS = 5000
#: Deflate rarely beats 20:1 on real documents; zeros reach 1000:1.
MAX_RATIO = 100
CHUNK = 64 * 1024

MSG_NOT_A_ZIP = "This is not a portable portfolio: the file is not a ZIP archive."
MSG_NO_MANIFEST = (
    "This is not a portable portfolio: it has no manifest.json. Export it again "
    "from the portal it came from."
)
MSG_UNSAFE_NAME = (
    "The file is refused: it holds a file named “%(name)s”, which points "
    "outside the portfolio. Nothing was imported."
)
MSG_BOMB = (
    "The file is refused: “%(name)s” would unpack to %(size)s MB, more than a "
    "portfolio can hold. Nothing was imported."
)
MSG_SIZE_MISMATCH = (
    "The file is refused: “%(name)s” is not the size the archive says, so the "
    "archive has been altered or damaged. Nothing was imported."
)
MSG_HASH_MISMATCH = (
    "The file is refused: “%(name)s” has changed since the portfolio was "
    "exported (its SHA-256 does not match the manifest). Nothing was imported."
)
MSG_UNLISTED = (
    "The file is refused: “%(name)s” is not listed in the manifest. Nothing "
    "was imported."
)
MSG_MISSING = (
    "The file is refused: the manifest lists “%(name)s” but the archive does "
    "not hold it. Nothing was imported."
)
MSG_SCHEMA = (
    "The file is refused: %(document)s does not follow the portable format "
    "at “%(where)s”: %(problem)s. Nothing was imported."
)
MSG_VERSION = (
    "This portable portfolio is format version %(version)s, which this portal "
    "cannot read yet. Nothing was imported."
)
MSG_NOT_JSON = "The file is refused: %(document)s is not valid JSON."
MSG_TOO_MANY = "The file is refused: it holds more files than a portfolio can."


class ArchiveRefused(ValidationError):
    pass


@dataclass
class PortableArchive:
    manifest: dict
    record: dict
    #: path → (sha256, size) as the manifest declares and the check confirmed
    files: dict[str, tuple[str, int]]


def _safe_name(name: str) -> bool:
    if not name or "\\" in name or name.startswith("/") or ":" in name:
        return False
    normal = posixpath.normpath(name)
    return normal == name and not normal.startswith("..") and "/../" not in name


def _check_names_and_sizes(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    infos = [info for info in archive.infolist() if not info.is_dir()]
    if len(infos) > MAX_MEMBERS:
        raise ArchiveRefused(_(MSG_TOO_MANY))
    total = 0
    seen = set()
    for info in infos:
        if not _safe_name(info.filename) or info.filename in seen:
            raise ArchiveRefused(_(MSG_UNSAFE_NAME) % {"name": info.filename[:100]})
        seen.add(info.filename)
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if (
            info.file_size > MAX_MEMBER_BYTES
            or total > MAX_TOTAL_BYTES
            or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO)
        ):
            raise ArchiveRefused(
                _(MSG_BOMB)
                % {"name": info.filename, "size": info.file_size // (1024 * 1024)}
            )
    return infos


def read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, keep: bool
) -> tuple[str, bytes | None]:
    """Stream one member: (its SHA-256, its bytes if ``keep``). Refuses a
    member that inflates past its declared size, or a damaged one."""
    digest = hashlib.sha256()
    kept = bytearray() if keep else None
    read = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                read += len(chunk)
                if read > info.file_size or read > MAX_MEMBER_BYTES:
                    raise ArchiveRefused(_(MSG_SIZE_MISMATCH) % {"name": info.filename})
                digest.update(chunk)
                if kept is not None:
                    kept.extend(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        # zipfile itself stops at the declared size and then fails the CRC.
        raise ArchiveRefused(_(MSG_SIZE_MISMATCH) % {"name": info.filename}) from error
    if read != info.file_size:
        raise ArchiveRefused(_(MSG_SIZE_MISMATCH) % {"name": info.filename})
    return digest.hexdigest(), bytes(kept) if kept is not None else None


def _json(data: bytes, document: str) -> dict:
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise ArchiveRefused(_(MSG_NOT_JSON) % {"document": document}) from error


def _validate(document: dict, definition: str, name: str) -> None:
    schema = portable_schema()
    # With the format checker, "2024-02-30" is refused here with the rest
    # rather than failing later when it is parsed.
    validator = Draft202012Validator(
        {**schema, "$ref": f"#/$defs/{definition}"},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    error = best_match(validator.iter_errors(document))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "(top)"
        raise ArchiveRefused(
            _(MSG_SCHEMA)
            % {"document": name, "where": where, "problem": error.message[:200]}
        )


def open_archive(fileobj: IO[bytes]) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ArchiveRefused(_(MSG_NOT_A_ZIP)) from error


def check_archive(archive: zipfile.ZipFile) -> PortableArchive:
    """Check every member of a portable portfolio against its manifest and the
    schema, reading each once. Returns the manifest and the record; raises
    ArchiveRefused with the first problem found."""
    infos = {info.filename: info for info in _check_names_and_sizes(archive)}
    if MANIFEST not in infos:
        raise ArchiveRefused(_(MSG_NO_MANIFEST))
    _digest, manifest_bytes = read_member(archive, infos[MANIFEST], keep=True)
    manifest = _json(manifest_bytes, MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise ArchiveRefused(_(MSG_NO_MANIFEST))
    version = str(manifest.get("format_version", ""))
    if version.split(".")[0] != FORMAT_VERSION.split(".")[0]:
        raise ArchiveRefused(_(MSG_VERSION) % {"version": version[:20]})
    _validate(manifest, "manifest", MANIFEST)
    listed = {
        item["path"]: (item["sha256"], item["size"]) for item in manifest["files"]
    }
    for name in infos:
        if name != MANIFEST and name not in listed:
            raise ArchiveRefused(_(MSG_UNLISTED) % {"name": name})
    record = None
    for name, (sha256, size) in listed.items():
        if name not in infos:
            raise ArchiveRefused(_(MSG_MISSING) % {"name": name})
        if infos[name].file_size != size:
            raise ArchiveRefused(_(MSG_SIZE_MISMATCH) % {"name": name})
        digest, data = read_member(archive, infos[name], keep=name == RECORD)
        if digest != sha256:
            raise ArchiveRefused(_(MSG_HASH_MISMATCH) % {"name": name})
        if name == RECORD:
            record = _json(data, RECORD)
    if record is None:
        raise ArchiveRefused(_(MSG_MISSING) % {"name": RECORD})
    _validate(record, "record", RECORD)
    return PortableArchive(manifest=manifest, record=record, files=listed)


def read_checked(
    archive: zipfile.ZipFile, portable: PortableArchive, path: str
) -> bytes:
    """One member's bytes, checked again against the manifest's hash (the
    stored upload is read a second time when it is applied)."""
    sha256, _size = portable.files[path]
    digest, data = read_member(archive, archive.getinfo(path), keep=True)
    if digest != sha256:
        raise ArchiveRefused(_(MSG_HASH_MISMATCH) % {"name": path})
    return data
