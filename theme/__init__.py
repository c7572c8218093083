"""The templates (``accountplan/``) and assets (``assets/``) of the accountplan package.

This folder is the repository's MkDocs ``custom_dir`` and, installed, the package
``generator.theme`` (see ``setup.py``): :mod:`generator.theme_files` finds it either way.
"""
