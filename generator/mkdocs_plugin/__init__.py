"""The MkDocs adapter: the plugin that wires the pipeline into a build (plugin.py), generated pages handed over as
finished HTML (direct.py), the kept preview of ``mkdocs serve --dirty`` (preview.py), the file watcher (watch.py)."""

from .plugin import AccountPlanPlugin

__all__ = ["AccountPlanPlugin"]
