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


def test_a_dictionary_set_while_serving_gives_jieba_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """mkdocs.yml edited under ``serve`` to name a user dictionary: the search plugin's ``on_config`` loads it into
    jieba (not into the helper, which has no such call and would cut without it), and the rebuild cuts with it."""
    monkeypatch.setattr(jieba.dt, "initialized", False)
    project = _project(tmp_path)
    config = load_config(str(project))
    words = tmp_path / "words.txt"
    words.write_text("关键客户关系 10 n\n", encoding="utf-8")
    segment.note_startup("serve")
    loaded: list[str] = []
    monkeypatch.setattr(jieba, "load_userdict", loaded.append)
    try:
        first = segment.Segmenting()
        first.start(config)
        first.stop()
        edited = load_config(str(project), plugins={**{"material/search": {"jieba_dict_user": str(words)}}})
        edited.plugins["material/search"].on_config(edited)  # the rebuild's on_config, before ours
        assert loaded == [str(words)]
        second = segment.Segmenting()
        second.start(edited)
        assert search.jieba is jieba  # the rebuild cuts in this process, with the user's dictionary
        second.stop()
    finally:
        segment.stop_serving()
        segment.note_startup("build")
    assert search.jieba is jieba
