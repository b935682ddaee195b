"""Re-encode images so that only pixels survive.

Re-encoding is the defence against polyglots (a JPEG with HTML or a ZIP
appended, a PNG with a script in a text chunk): the stored file is written by
Pillow from decoded pixels, so nothing else from the upload is kept. It also
drops EXIF (GPS position, camera serial numbers), XMP, comments and ICC
profiles, which can carry both personal data and arbitrary bytes.
"""

import contextlib
import io
import struct
import threading
import warnings
import zlib
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageFile, ImageOps

from .messages import (
    MAX_ATTACHMENT_BYTES,
    MAX_IMAGE_PIXELS,
    MSG_IMAGE_DAMAGED,
    MSG_IMAGE_TOO_LARGE,
    MSG_TOO_LARGE,
    AttachmentRejected,
)
from .sniffing import Kind

JPEG_QUALITY = 90

_PILLOW_FORMAT = {
    Kind.JPEG: "JPEG",
    Kind.PNG: "PNG",
    Kind.GIF: "GIF",
    Kind.WEBP: "WEBP",
}
# What Pillow raises on malformed input varies by plugin and version.
_DECODE_ERRORS = (
    OSError,  # includes UnidentifiedImageError and "image file is truncated"
    SyntaxError,  # PNG chunk errors
    ValueError,
    EOFError,
    IndexError,
    KeyError,
    TypeError,
    struct.error,
    zlib.error,
)
_PNG_MODES = frozenset({"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"})


@dataclass(frozen=True)
class EncodedImage:
    content: bytes
    content_type: str
    extension: str


_PILLOW_FLAG_LOCK = threading.Lock()


@contextlib.contextmanager
def _truncated_images_refused():
    """Decode with Pillow's truncated-image tolerance off.

    WeasyPrint (used for PDF exports) switches ``ImageFile.LOAD_TRUNCATED_IMAGES``
    on for the whole process when it is imported, and then a cut-off upload
    would decode "successfully" with grey padding. The flag is global, so it is
    set for the length of our decode only, under a lock for our own threads.
    """
    with _PILLOW_FLAG_LOCK:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def reencode_image(data: bytes, kind: Kind) -> EncodedImage:
    """Decode ``data`` (already sniffed as ``kind``) and write a clean copy.

    JPEG, and WebP without transparency, become JPEG at quality 90; everything
    else becomes PNG. Only the first frame of an animated GIF, WebP or PNG is
    kept. Raises AttachmentRejected with MSG_IMAGE_TOO_LARGE, MSG_IMAGE_DAMAGED
    or MSG_TOO_LARGE (if the re-encoded file would exceed the size limit).
    """
    # Scoped to this call: Pillow's global MAX_IMAGE_PIXELS is left alone and
    # the warning filter is restored on exit. Our own pixel check below is the
    # real limit; this only catches anything that gets past it. (While active,
    # catch_warnings affects other threads too; it only makes them stricter.)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=[_PILLOW_FORMAT[kind]]) as im:
                # Image.open reads headers only; the size is known before a
                # single pixel is decoded, so a bomb costs nothing to refuse.
                width, height = im.size
                if width < 1 or height < 1:
                    raise AttachmentRejected(MSG_IMAGE_DAMAGED, code="image_damaged")
                if width * height > MAX_IMAGE_PIXELS:
                    raise AttachmentRejected(
                        MSG_IMAGE_TOO_LARGE, code="image_too_large"
                    )
                with _truncated_images_refused():
                    im.load()
                upright = _upright(im)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise AttachmentRejected(
                MSG_IMAGE_TOO_LARGE, code="image_too_large"
            ) from None
        except _DECODE_ERRORS:
            raise AttachmentRejected(MSG_IMAGE_DAMAGED, code="image_damaged") from None

    as_jpeg = kind is Kind.JPEG or (kind is Kind.WEBP and not _has_alpha(upright))
    buffer = io.BytesIO()
    try:
        clean = _to_srgb(upright, for_jpeg=as_jpeg)
        if as_jpeg:
            clean.save(buffer, format="JPEG", quality=JPEG_QUALITY)
            result = EncodedImage(buffer.getvalue(), "image/jpeg", "jpg")
        else:
            clean.save(buffer, format="PNG")
            result = EncodedImage(buffer.getvalue(), "image/png", "png")
    except _DECODE_ERRORS:
        # An exotic mode (16-bit big-endian, odd palettes) that will not convert.
        raise AttachmentRejected(MSG_IMAGE_DAMAGED, code="image_damaged") from None
    if len(result.content) > MAX_ATTACHMENT_BYTES:
        # PNG output of a noisy WebP or GIF can be much bigger than the upload.
        raise AttachmentRejected(MSG_TOO_LARGE, code="too_large")
    return result


def _upright(im: Image.Image) -> Image.Image:
    """Apply the EXIF orientation so the photo displays the right way up.

    The EXIF block is dropped on saving, so the rotation must be baked into
    the pixels. A malformed EXIF block is not worth refusing a photo for.
    """
    try:
        return ImageOps.exif_transpose(im)
    except _DECODE_ERRORS:
        return im.copy()


def _has_alpha(im: Image.Image) -> bool:
    return im.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or "transparency" in im.info


def _to_srgb(im: Image.Image, *, for_jpeg: bool) -> Image.Image:
    """Return a copy in a savable mode, colour-managed to sRGB, without metadata.

    Wide-gamut photos (iPhone Display P3) would look washed out with their ICC
    profile simply dropped, so the colours are converted first.
    """
    icc = im.info.get("icc_profile")
    transparency = im.info.get("transparency")
    if for_jpeg:
        target = "L" if im.mode in {"1", "L"} else "RGB"
    elif im.mode in _PNG_MODES:
        target = im.mode
    else:
        target = "RGBA"
    out = None
    if icc and im.mode in {"RGB", "RGBA", "CMYK"} and target in {"RGB", "RGBA"}:
        try:
            out = ImageCms.profileToProfile(
                im,
                ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                ImageCms.createProfile("sRGB"),
                outputMode=target,
            )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            out = None  # an unusable profile: fall back to the raw values
    if out is None:
        out = im.convert(target) if im.mode != target else im.copy()
    # Savers read some metadata from .info (PNG: ICC profile; JPEG: comment),
    # so start from nothing and keep only what the pixels need.
    out.info = {}
    if transparency is not None and out.mode == im.mode:
        out.info["transparency"] = transparency
    return out
