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


RULE_MODULES: tuple[str, ...] = (
    "ap001_not_utf8",
    "ap002_file_too_large",
    "ap003_symlink",
    "ap004_bad_name",
    "ap005_yaml_syntax",
    "ap006_several_documents",
    "ap007_refused_construct",
    "ap008_frontmatter_missing",
    "ap009_duplicate_key",
    "ap010_unexpected_file",
    "ap101_unknown_key",
    "ap102_wrong_type",
    "ap103_required_missing",
    "ap104_value_not_allowed",
    "ap105_invalid_date",
    "ap106_bidi_control",
    "ap107_invalid_id",
    "ap108_control_character",
    "ap201_contact_id_mismatch",
    "ap202_unknown_reference",
    "ap203_reporting_cycle",
    "ap204_duplicate_id",
    "ap205_duplicate_account_name",
    "ap206_unknown_parent",
    "ap207_codeowners_missing",
    "ap208_conflicting_entries",
    "ap209_repeated_entry",
    "ap301_strategy_missing",
    "ap302_org_plan_missing",
    "ap303_decision_maker_unsupported",
    "ap304_no_coach",
    "ap305_single_threaded",
    "ap306_unsourced_strategy",
    "ap307_stale_source",
    "ap308_contact_review_due",
    "ap309_cash_cow_candidate",
    "ap310_plan_overdue",
    "ap311_iron_triangle",
    "ap312_issue_status",
    "ap313_cash_cow_investment",
    "ap314_no_exchange_rate",
    "ap315_placeholder_text",
    "ap316_stance_unknown",
    "ap317_single_owner",
    "ap318_agreement_tier",
    "ap319_key_contact_unowned",
    "ap320_opportunity_stance_missing",
    "ap321_opportunity_overdue",
    "ap322_agreement_pins_nothing",
    "ap323_unknown_stage",
    "ap324_action_overdue",
    "ap325_relationships_concentrated",
    "ap326_main_channel_unevidenced",
    "ap327_support_not_in_projects",
    "ap401_gift_over_limit",
    "ap402_gifts_per_person_year",
    "ap403_gift_unapproved",
    "ap404_cash_gift",
    "ap405_unsafe_url",
    "ap406_special_category",
    "ap407_hidden_contact_named",
)
"""Every rule module of :mod:`generator.rules`, in code order: the one table of codes, named ``apNNN_name``.

Here, below the stages, so that the settings check (:mod:`generator.config.check`) knows every code
without importing the rules, which read the settings."""


def all_codes() -> list[str]:
    """Every rule's code, in order, from its module's name (``tests/rules/test_registry.py`` holds them equal)."""
    return [name.split("_", 1)[0].upper() for name in RULE_MODULES]
