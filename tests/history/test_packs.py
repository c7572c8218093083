"""Grown packs (:func:`generator.history.packs.read_grown`, :func:`~generator.history.packs.write_grown`)."""

from __future__ import annotations

from pathlib import Path

from generator.history.packs import ADDED, read_grown, read_pack, write_grown, write_pack


def test_additions_are_written_beside_the_base_and_read_with_it(tmp_path: Path) -> None:
    path = str(tmp_path / "p.pickle")
    write_grown(path, {}, ({}, 0), ({"items": [1, 2, 3]}, 3))
    base, added = read_grown(path)
    assert base["items"] == [1, 2, 3] and added == {}
    before = Path(path).read_bytes()
    write_grown(path, base, ({"items": [4]}, 1), ({"items": [1, 2, 3, 4]}, 4))
    assert Path(path).read_bytes() == before  # the base as it was
    assert read_grown(path) == (base, {"items": [4]})


def test_many_additions_write_the_whole_pack_again(tmp_path: Path) -> None:
    path = str(tmp_path / "p.pickle")
    write_grown(path, {}, ({}, 0), ({"items": list(range(1000))}, 1000))
    base, _ = read_grown(path)
    write_grown(path, base, ({"items": list(range(101))}, 101), ({"items": list(range(1101))}, 1101))
    again, added = read_grown(path)
    assert again["items"] == list(range(1101)) and again["stamp"] != base["stamp"] and added == {}


def test_a_base_of_an_earlier_format_or_another_base_s_additions_are_not_mixed(tmp_path: Path) -> None:
    path = str(tmp_path / "p.pickle")
    write_pack(path, {"items": [1]})  # a pack as written before it could grow: no stamp
    write_pack(path + ADDED, {"data": {"items": [9]}})  # and additions that name no base
    base, added = read_grown(path)
    assert base == {"items": [1]} and added == {}
    write_grown(path, base, ({"items": [2]}, 1), ({"items": [1, 2]}, 2))  # written whole, not beside it
    base, added = read_grown(path)
    assert base["items"] == [1, 2] and added == {} and read_pack(path + ADDED) == {}
    write_pack(path + ADDED, {"base": "another", "data": {"items": [9]}})
    assert read_grown(path)[1] == {}
