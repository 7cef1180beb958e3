"""The asset cache's entries: made in a staging folder, published in one rename."""

from __future__ import annotations

from orei_site.cache import content_sha, publish, staging


def test_a_staged_entry_is_published_whole(tmp_path):
    entry = tmp_path / "bundle" / "abc"
    staged = staging(entry)
    assert staged.is_dir()
    assert list(staged.iterdir()) == []
    (staged / "file").write_text("made")
    publish(staged, entry)
    assert (entry / "file").read_text() == "made"
    assert not staged.exists()


def test_an_entry_made_first_by_another_build_is_kept(tmp_path):
    entry = tmp_path / "abc"
    entry.mkdir()
    (entry / "file").write_text("theirs")
    (entry / "more").write_text("theirs")
    staged = staging(entry)
    (staged / "file").write_text("ours")
    publish(staged, entry)
    assert (entry / "file").read_text() == "theirs"
    assert not staged.exists()


def test_a_leftover_staging_folder_is_emptied(tmp_path):
    entry = tmp_path / "abc"
    (leftover := staging(entry)).joinpath("half-made").write_text("x")
    assert list(staging(entry).iterdir()) == []
    assert leftover == staging(entry)


def test_content_sha_follows_names_bytes_and_extras(tmp_path):
    one, two = tmp_path / "a.txt", tmp_path / "b.txt"
    one.write_text("x")
    two.write_text("x")
    assert content_sha([one]) == content_sha([one])
    assert content_sha([one]) != content_sha([two])  # same bytes, another name
    assert content_sha([one], "3.14") != content_sha([one])
    before = content_sha([one])
    one.write_text("y")
    assert content_sha([one]) != before
