"""The operating system's error texts (``strerror``) as catalogue entries.

A message that quotes why a file or folder could not be used ("cannot be made (Permission denied)") carries the
text the C library wrote, in English. Listing those texts here puts them in ``messages.pot``, so a catalogue can
translate them as values of the message that quotes them (:func:`generator.translate.text` translates a value
that is itself an entry). Only the errors that reading a repository, writing a site and keeping a cache can
meet are listed; any other text stays in English.
"""

from __future__ import annotations

import errno


def _t(text: str) -> str:
    """Marks ``text`` for the extractor; the text itself."""
    return text


STRERROR: dict[int, str] = {
    errno.EPERM: _t("Operation not permitted"),
    errno.ENOENT: _t("No such file or directory"),
    errno.EIO: _t("Input/output error"),
    errno.EAGAIN: _t("Resource temporarily unavailable"),
    errno.ENOMEM: _t("Cannot allocate memory"),
    errno.EACCES: _t("Permission denied"),
    errno.EBUSY: _t("Device or resource busy"),
    errno.EEXIST: _t("File exists"),
    errno.EXDEV: _t("Invalid cross-device link"),
    errno.ENOTDIR: _t("Not a directory"),
    errno.EISDIR: _t("Is a directory"),
    errno.EINVAL: _t("Invalid argument"),
    errno.ENFILE: _t("Too many open files in system"),
    errno.EMFILE: _t("Too many open files"),
    errno.ETXTBSY: _t("Text file busy"),
    errno.EFBIG: _t("File too large"),
    errno.ENOSPC: _t("No space left on device"),
    errno.EROFS: _t("Read-only file system"),
    errno.ENAMETOOLONG: _t("File name too long"),
    errno.ENOTEMPTY: _t("Directory not empty"),
    errno.ELOOP: _t("Too many levels of symbolic links"),
    errno.EDQUOT: _t("Disk quota exceeded"),
}
"""errno → the text glibc gives it (``os.strerror``), each marked for translation."""
