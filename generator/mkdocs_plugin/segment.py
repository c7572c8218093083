"""Chinese words for the search index cut in a helper process, so jieba's dictionary stays out of the build's memory.

Material's search plugin cuts every run of Han characters into words with jieba (the English
site's pages hold Chinese terms too). jieba's first cut loads its dictionary into the process,
about 63 MB that stay to the end of the build, on top of everything else. For one build the
plugin's ``jieba`` is replaced by :class:`Segmenter`, which asks a helper interpreter (started
fresh, not forked, so it holds nothing but jieba) and remembers every answer. The same run of
characters gives the same words from the same jieba, so the index is the same bytes; if the
helper cannot answer, jieba is asked in this process as before.

A server starts one helper at its first build and keeps it, and its answers, to the end of the
process (:func:`stop_serving`): loading jieba's dictionary took about 2 CPU seconds of a
server's first page, and the helper does it on the other core while the server gathers; later
rebuilds ask it only for runs of characters it has not cut before. Only with jieba's own
dictionary (no ``jieba_dict`` or ``jieba_dict_user``).

The helper loads the dictionary as soon as it starts (before MkDocs reads the first page), not at
its first cut: a merge build that indexes a few pages waited about 1.5 s for it at the first one.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

HELPER = """\
import json, logging, sys
import jieba
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
for line in sys.stdin.buffer:
    sys.stdout.write(json.dumps(list(jieba.cut(line.rstrip(b"\\n")))) + "\\n")
    sys.stdout.flush()
"""
"""The helper: one run of characters (UTF-8) a line in, its words as a JSON list a line out."""

_serving = False
"""Whether this process is ``mkdocs serve`` (from ``on_startup``; a rebuild may get a new plugin instance)."""
_served: dict[str, Any] = {}
"""In a server: the search module and its :class:`Segmenter`, kept for the life of the process."""


def note_startup(command: str) -> None:
    """Remember for the life of the process whether it serves: a server keeps jieba loaded, once."""
    global _serving
    _serving = command == "serve"


def _search_module(config: MkDocsConfig) -> Any | None:
    """Material's search plugin module when its Chinese segmentation may move out: jieba installed, not yet loaded
    here, and the plugin on with jieba's own dictionary."""
    try:
        import jieba  # type: ignore[import-untyped]
        from material.plugins.search import plugin as search  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - both are dependencies
        return None
    if search.jieba is not jieba or jieba.dt.initialized:
        return None
    return search if _own_dictionary(config, search.SearchPlugin) else None


def _own_dictionary(config: MkDocsConfig, kind: Any) -> bool:
    """Whether ``config``'s search plugin (of class ``kind``) is on and cuts with jieba's own dictionary."""
    for plugin in config.plugins.values():
        if isinstance(plugin, kind):
            return bool(plugin.config.enabled and not plugin.config.jieba_dict and not plugin.config.jieba_dict_user)
    return False


class Segmenter:
    """Stands in for the ``jieba`` module in Material's search plugin for one build: ``cut`` asks the helper."""

    def __init__(self, jieba: Any) -> None:
        self.jieba = jieba
        self.known: dict[bytes, list[str]] = {}
        # -I (isolated): the working folder, PYTHON* variables and the user's site folder are not on the helper's
        # path, so a jieba.py or json.py a pull request puts in the working tree is never imported.
        self.helper: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, "-I", "-c", HELPER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL)

    def __getattr__(self, name: str) -> Any:
        """Any other of jieba's functions (``load_userdict`` when mkdocs.yml names a dictionary under ``serve``)."""
        if name == "jieba":
            raise AttributeError(name)
        return getattr(self.jieba, name)

    def cut(self, text: bytes) -> list[str]:
        """The words of one run of Han characters (as UTF-8), as ``jieba.cut`` gives them."""
        words = self.known.get(text)
        if words is None:
            words = self.known[text] = self._ask(text)
        return words

    def _ask(self, text: bytes) -> list[str]:
        if self.helper is not None and b"\n" not in text:
            try:
                assert self.helper.stdin is not None and self.helper.stdout is not None
                self.helper.stdin.write(text + b"\n")
                self.helper.stdin.flush()
                answer = json.loads(self.helper.stdout.readline())
                if isinstance(answer, list) and all(isinstance(word, str) for word in answer):
                    return answer
            except (OSError, ValueError):
                pass
            self.close()  # the helper failed: this process cuts from now on
        return list(self.jieba.cut(text))

    def close(self) -> None:
        """Stop the helper (one that died already leaves a broken pipe to close, which is no error here)."""
        if self.helper is not None:
            helper, self.helper = self.helper, None
            for stream in (helper.stdin, helper.stdout):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()
            try:
                helper.wait(timeout=10)
            except subprocess.TimeoutExpired:
                helper.kill()
                helper.wait()


class Segmenting:
    """One build's helper: on from before the first page is indexed to after the index is written."""

    def __init__(self) -> None:
        self.module: Any | None = None
        self.segmenter: Segmenter | None = None

    def start(self, config: MkDocsConfig) -> None:
        """Put the helper in jieba's place in the search plugin, when it may be (a server's stays to its end)."""
        self.stop()
        served = _served.get("module")
        if served is not None and not _own_dictionary(config, served.SearchPlugin):
            stop_serving()  # mkdocs.yml now names a dictionary the helper would not use: jieba cuts here again
        module = _search_module(config)
        if module is not None and _serving:
            _served.update(module=module, segmenter=Segmenter(module.jieba))
            module.jieba = _served["segmenter"]
        elif module is not None:
            self.module, self.segmenter = module, Segmenter(module.jieba)
            module.jieba = self.segmenter

    def stop(self) -> None:
        """Give the search plugin jieba back and stop the helper."""
        if self.module is not None and self.segmenter is not None:
            self.module.jieba = self.segmenter.jieba
            self.segmenter.close()
        self.module = self.segmenter = None


def stop_serving() -> None:
    """When a server stops: give the search plugin jieba back and stop the server's helper."""
    module, segmenter = _served.pop("module", None), _served.pop("segmenter", None)
    if module is not None and segmenter is not None:
        module.jieba = segmenter.jieba
        segmenter.close()
