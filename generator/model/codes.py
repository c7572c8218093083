"""The codes of the rules checked while loading (and of the few codes that are no rule), as constants.

A loading problem (a file that is not UTF-8, a wrong type) is found by the loader
(:mod:`generator.load`), not by a rule: the loader and the other stages that report such a
problem take its code from here, and the rule module documenting it
(``generator/rules/apNNN_*.py``) sets ``CODE`` from here and names the functions that enforce it
in ``ENFORCED_BY``. Each constant is the rule's ``NAME`` in capitals. Every other rule's code is
the ``CODE`` of its own module; ``tests/rules/test_codes.py`` checks that no other code is written
anywhere in the package.
"""

from __future__ import annotations

NOT_UTF8 = "AP001"
FILE_TOO_LARGE = "AP002"
SYMLINK = "AP003"
BAD_NAME = "AP004"
YAML_SYNTAX = "AP005"
SEVERAL_DOCUMENTS = "AP006"
REFUSED_CONSTRUCT = "AP007"
FRONTMATTER_MISSING = "AP008"
DUPLICATE_KEY = "AP009"
UNEXPECTED_FILE = "AP010"
UNKNOWN_KEY = "AP101"
WRONG_TYPE = "AP102"
REQUIRED_MISSING = "AP103"
VALUE_NOT_ALLOWED = "AP104"
INVALID_DATE = "AP105"
BIDI_CONTROL = "AP106"
INVALID_ID = "AP107"
CONTROL_CHARACTER = "AP108"
CONTACT_ID_MISMATCH = "AP201"

SOURCE_GONE = "AP501"
SOURCE_CHANGED = "AP502"
SOURCE_UNCHECKED = "AP503"
NOT_RULES = (SOURCE_GONE, SOURCE_CHANGED, SOURCE_UNCHECKED)
"""Codes that are no rule: ``accountplan source check`` (:mod:`generator.sources.check`) reports them, with the
network, outside ``accountplan check``; they appear in no severity setting and no rule reference."""
