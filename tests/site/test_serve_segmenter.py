"""A server cuts Chinese words for search in one helper process, started at its first build and kept to its end."""

from __future__ import annotations

from pathlib import Path

import jieba  # type: ignore[import-untyped]
import pytest
from material.plugins.search import plugin as search  # type: ignore[import-untyped]
from mkdocs.config import load_config
from test_incremental import _project

from generator.mkdocs_plugin import segment


def test_a_server_keeps_one_helper_for_every_rebuild(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jieba.dt, "initialized", False)  # as in a fresh server, whatever other tests loaded here
    config = load_config(str(_project(tmp_path)))
    segment.note_startup("serve")
    try:
        first, second = segment.Segmenting(), segment.Segmenting()
        first.start(config)
        helper = search.jieba
        assert isinstance(helper, segment.Segmenter) and helper.helper is not None
        first.stop()  # the end of the first build leaves it in place
        second.start(config)  # the next rebuild (a new plugin instance) finds it and starts no other
        assert search.jieba is helper
        assert helper.cut("关键客户关系".encode()) == list(jieba.Tokenizer().cut("关键客户关系".encode()))
        second.stop()
        assert search.jieba is helper
    finally:
        segment.stop_serving()
        segment.note_startup("build")
    assert search.jieba is jieba and helper.helper is None  # the server stopped: jieba is back, the helper gone
