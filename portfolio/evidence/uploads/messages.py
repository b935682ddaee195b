"""Limits, user-facing messages and the exception raised for refused uploads.

Messages are module-level constants so that forms, views and tests all use the
same wording. They are full sentences in British English.
"""

from django.core.exceptions import ValidationError

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# Well below Pillow's own bomb threshold (~89 Mpx warns, ~179 Mpx errors), and
# comfortably above any phone camera or A4 scan at 600 dpi (~35 Mpx is rare).
MAX_IMAGE_PIXELS = 25_000_000

_MAX_MB = MAX_ATTACHMENT_BYTES // (1024 * 1024)
_MAX_MPX = MAX_IMAGE_PIXELS // 1_000_000

MSG_EMPTY = "The file is empty. Choose a file that has something in it."
MSG_TOO_LARGE = f"The file is too large. Files must be {_MAX_MB} MB or smaller."
MSG_NOT_ALLOWED = (
    "This type of file is not accepted. Upload a PDF, a Word document (.docx), "
    "a plain text file (.txt) or a JPEG, PNG, GIF or WebP image."
)
MSG_CONTENT_MISMATCH = (
    "The file's content does not match its name. Check that you chose the right "
    "file, or save it again in the format its name says."
)
MSG_SVG = (
    "SVG images are not accepted because they can carry scripts. Save the image "
    "as PNG or PDF and upload that instead."
)
MSG_LEGACY_WORD = (
    "Older Word documents (.doc) are not accepted. Save the document as .docx or "
    "PDF and upload the new file."
)
MSG_WORD_ACTIVE = (
    "Word documents that contain macros or other active content are not accepted. "
    "Save the document as a standard .docx file or as a PDF and upload the new file."
)
MSG_WORD_DAMAGED = (
    "The Word document is damaged and could not be checked. Save it again as .docx "
    "or PDF and upload the new file."
)
MSG_IMAGE_TOO_LARGE = (
    f"The image is too large. Images must be {_MAX_MPX} megapixels or smaller."
)
MSG_IMAGE_DAMAGED = (
    "The image is damaged or incomplete and could not be read. Save it again and "
    "upload the new file."
)
MSG_PDF_DAMAGED = (
    "The PDF is damaged or incomplete and could not be checked. Save it again as a "
    "PDF and upload the new file."
)
MSG_PDF_ACTIVE = (
    "The PDF contains active content, such as scripts, attached files or actions "
    "that run when it opens, which is not accepted. Print it to a new PDF and "
    "upload that instead."
)
MSG_PDF_POLYGLOT = (
    "The file is not a plain PDF because it is also a web page or an archive. "
    "Print it to a new PDF and upload that instead."
)
MSG_TEXT_ENCODING = (
    "The text file is not saved as UTF-8. Save it as UTF-8 text and upload it again."
)
MSG_TEXT_BINARY = (
    "The text file contains binary data, such as null bytes, so it is not plain text."
)
MSG_TEXT_MARKUP = (
    "Text files must be plain text. Web pages, XML and scripts are not accepted."
)


class AttachmentRejected(ValidationError):
    """An uploaded attachment was refused; ``message`` is one of the constants."""

    def __init__(self, message: str, code: str = "attachment_rejected") -> None:
        super().__init__(message, code=code)
