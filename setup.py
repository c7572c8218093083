"""Packaging beyond ``pyproject.toml``: the top-level ``theme/`` folder ships inside the package.

``theme/`` stays where it is (it is this repository's MkDocs ``custom_dir``); in the wheel, and
in editable installs, it is the package ``generator.theme``, so the code finds its templates and
assets with ``importlib.resources`` wherever the package is installed (``generator.render.theme_files``).
"""

from setuptools import find_namespace_packages, find_packages, setup

THEME_FILES = [f"*.{ext}" for ext in ("html", "css", "js", "svg", "png", "woff2", "yml")]
"""Kinds of files under theme/ that ship: templates, styles, scripts, images, fonts, theme settings."""

THEME = ["generator.theme", *(f"generator.theme.{name}" for name in find_namespace_packages("theme", exclude=["__pycache__", "*.__pycache__"]))]
"""``theme/`` and its folders (``accountplan/``, ``assets/``...) as packages of data files."""

setup(
    packages=[*find_packages(include=["generator", "generator.*"]), *THEME],
    package_dir={"generator.theme": "theme"},
    package_data={"generator": ["py.typed", "*/labels.toml", "translate/locale/*.pot", "translate/locale/*/LC_MESSAGES/*.po",
                               "translate/locale/*/rules/*.md"], **{name: THEME_FILES for name in THEME}},
)
