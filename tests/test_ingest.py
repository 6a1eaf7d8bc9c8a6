"""Ingest: finding files and decoding them, on small files built in tmp_path."""
import codecs
import hashlib
import os
import zipfile

import pytest

from readouts.ingest import iter_input_files, read_document
from readouts.pipeline import ingest_files
from readouts.store import Store
from readouts.types import InputError

KOREAN = "외교부 보도자료: 한반도평화교섭본부장은 12월 11일 미국 국무부 대북특별부대표와 협의를 가졌다."
ENGLISH = "1. On the afternoon of December 11, the two sides met in Seoul.\n"


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- decoding --------------------------------------------------------------------------------

def test_plain_utf8_is_read_as_is(tmp_path):
    doc = read_document(write(tmp_path, "a.txt", (ENGLISH + KOREAN).encode("utf-8")))
    assert doc.text == ENGLISH + KOREAN
    assert doc.encoding == "utf-8"
    assert doc.doc_id == "a"
    assert doc.media_type == "text/plain"


def test_utf8_bom_is_removed(tmp_path):
    doc = read_document(write(tmp_path, "a.txt", codecs.BOM_UTF8 + KOREAN.encode("utf-8")))
    assert doc.text == KOREAN
    assert doc.encoding == "utf-8-sig"


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_utf16_with_bom(tmp_path, bom, codec):
    doc = read_document(write(tmp_path, "a.txt", bom + (ENGLISH + KOREAN).encode(codec)))
    assert doc.text == ENGLISH + KOREAN
    assert doc.encoding == codec


def test_utf16_without_bom_is_found_by_its_nul_pattern(tmp_path):
    doc = read_document(write(tmp_path, "a.txt", (ENGLISH * 3).encode("utf-16-le")))
    assert doc.text == ENGLISH * 3
    assert doc.encoding == "utf-16-le"


@pytest.mark.parametrize("codec", ["cp949", "euc-kr"])
def test_korean_legacy_encoding_round_trips(tmp_path, codec):
    text = (KOREAN + "\n") * 3
    doc = read_document(write(tmp_path, "a.txt", text.encode(codec)))
    assert doc.text == text
    assert doc.encoding in {"cp949", "euc_kr", "johab"}


def test_a_short_hangul_name_in_an_english_cp949_page_is_korean(tmp_path):
    # field case cp949-short-hangul: three syllables are too few for charset-normalizer (it guessed
    # ISO 8859-4), and as UTF-8 they would pass for three stray bytes
    text = "Ambassador Shim Seung-seob (심승섭) met with Assistant Minister Tim Watts in Canberra on May 8.\n"
    doc = read_document(write(tmp_path, "a.txt", text.encode("cp949")))
    assert (doc.text, doc.encoding, doc.repairs) == (text, "cp949", 0)


def test_latin_accents_are_not_taken_for_hangul(tmp_path):
    text = "The Secr\xe9tariat and the Minist\xe8re met \xabtoday\xbb in Gen\xe8ve.\n"
    doc = read_document(write(tmp_path, "a.txt", text.encode("cp1252")))
    assert doc.encoding != "cp949" and "Secr\xe9tariat" in doc.text  # which Latin code page is charset-normalizer's guess


def test_stray_nul_bytes_are_stripped(tmp_path):
    doc = read_document(write(tmp_path, "a.txt", b"Seoul\x00 talks " * 20))
    assert "\x00" not in doc.text
    assert doc.text.startswith("Seoul talks")


def test_a_stray_byte_in_a_utf8_page_is_replaced_and_recorded(tmp_path, repo_root):
    page = (repo_root / "examples" / "000_a9e1e2755c2d469d.txt").read_bytes()
    at = page.index(b"Jung Pak") - 40
    doc = read_document(write(tmp_path, "a.txt", page[:at] + b"\xff" + page[at:]))
    assert "Jung Pak" in doc.text and "People\u2019s Republic" in doc.text
    assert doc.text.replace("\ufffd", "", 1) == page.decode("utf-8")
    assert (doc.encoding, doc.repairs) == ("utf-8", 1)
    assert read_document(write(tmp_path, "b.txt", page)).repairs == 0


def test_many_bad_bytes_are_not_taken_for_a_repaired_utf8_page(tmp_path):
    data = (ENGLISH.replace("met", "m\xe9t") * 3).encode("cp1252")  # 6 bad bytes in 400: more than a few
    doc = read_document(write(tmp_path, "a.txt", data * 2))
    assert (doc.text, doc.repairs) == (ENGLISH.replace("met", "m\xe9t") * 6, 0)


def test_undecodable_bytes_are_refused(tmp_path, monkeypatch):
    import charset_normalizer

    class NoMatch:
        def best(self):
            return None

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: NoMatch())
    with pytest.raises(InputError, match="undecodable"):
        read_document(write(tmp_path, "a.txt", b"caf\xe9 au lait " * 10))


def test_utf16_with_bom_but_broken_body_is_refused(tmp_path):
    with pytest.raises(InputError, match="undecodable.*utf-16-le"):
        read_document(write(tmp_path, "a.txt", codecs.BOM_UTF16_LE + b"a\x00b"))


# --- refusals --------------------------------------------------------------------------------

def test_empty_file_is_refused(tmp_path):
    with pytest.raises(InputError, match="empty"):
        read_document(write(tmp_path, "a.txt", b""))


def test_whitespace_only_file_is_refused(tmp_path):
    with pytest.raises(InputError, match="empty"):
        read_document(write(tmp_path, "a.txt", b" \n\t\n"))


def test_png_is_refused_as_binary(tmp_path):
    with pytest.raises(InputError, match="binary.*PNG"):
        read_document(write(tmp_path, "a.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40))


def test_zip_is_refused_as_binary(tmp_path):
    path = tmp_path / "a.txt"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("inner.txt", ENGLISH)
    with pytest.raises(InputError, match="binary.*ZIP"):
        read_document(path)


def test_nul_heavy_bytes_are_refused_as_binary(tmp_path):
    with pytest.raises(InputError, match="binary"):
        read_document(write(tmp_path, "a.txt", b"ab\x00\x00\x00cd\x00" * 100))


def test_too_large_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = write(tmp_path, "a.txt", b"x" * 101)
    monkeypatch.setattr(type(path), "open", lambda *a, **k: pytest.fail("a too large file was opened"))
    with pytest.raises(InputError, match="too large"):
        read_document(path, max_bytes=100)


def test_file_at_the_size_limit_is_read(tmp_path):
    assert read_document(write(tmp_path, "a.txt", b"x" * 100), max_bytes=100).text == "x" * 100


@pytest.mark.parametrize("limit, read", [(1000, "x" * 300), (200, None)], ids=["within-limit", "over-limit"])
def test_a_file_that_grows_after_stat_is_read_whole_or_refused(tmp_path, monkeypatch, limit, read):
    path = write(tmp_path, "a.txt", b"x" * 300)
    real_stat = type(path).stat
    monkeypatch.setattr(type(path), "stat", lambda self, **k: os.stat_result(
        (*real_stat(self, **k)[:6], 10, *real_stat(self, **k)[7:])))  # stat saw 10 bytes
    if read is None:
        with pytest.raises(InputError, match="too large"):
            read_document(path, max_bytes=limit)
    else:
        assert read_document(path, max_bytes=limit).text == read


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_document(tmp_path / "gone.txt")


def test_unreadable_file_is_refused(tmp_path):
    path = write(tmp_path, "a.txt", ENGLISH.encode())
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with rights that read any file (root)")
        with pytest.raises(InputError, match="permission denied"):
            read_document(path)
    finally:
        path.chmod(0o644)


def test_folder_given_to_read_document_is_refused(tmp_path):
    with pytest.raises(InputError, match="folder"):
        read_document(tmp_path)


def test_error_message_is_one_line_and_names_the_file(tmp_path):
    with pytest.raises(InputError) as info:
        read_document(write(tmp_path, "page.txt", b""))
    assert "\n" not in str(info.value)
    assert "page.txt" in str(info.value)


# --- identity and media type ----------------------------------------------------------------

def test_hash_is_of_the_raw_bytes_and_stable(tmp_path):
    data = codecs.BOM_UTF8 + KOREAN.encode("utf-8")
    first = read_document(write(tmp_path, "a.txt", data))
    second = read_document(write(tmp_path, "copy/b.txt", data))
    assert first.sha256 == second.sha256 == hashlib.sha256(data).hexdigest()
    other = read_document(write(tmp_path, "c.txt", KOREAN.encode("utf-8")))
    assert other.sha256 != first.sha256


@pytest.mark.parametrize("name,content,expected", [
    ("a.html", "<p>talks</p>", "text/html"),
    ("a.HTM", "talks", "text/html"),
    ("a.txt", "talks in Seoul", "text/plain"),
    ("a.txt", "  <!DOCTYPE html><html><body>talks</body></html>", "text/html"),
    ("a.txt", "<html lang='ko'><body>talks</body></html>", "text/html"),
    ("a.txt", "The <html> tag appears later in this sentence.", "text/plain"),
])
def test_media_type(tmp_path, name, content, expected):
    assert read_document(write(tmp_path, name, content.encode())).media_type == expected


# --- finding files ---------------------------------------------------------------------------

def test_folder_walk_is_recursive_sorted_and_filters_suffixes(tmp_path):
    for name in ["b.txt", "a.html", "sub/c.htm", "sub/deeper/d.TXT", "notes.md", "image.png", "a/x.txt"]:
        write(tmp_path, name, b"text")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_input_files([tmp_path])]
    assert found == ["a/x.txt", "a.html", "b.txt", "sub/c.htm", "sub/deeper/d.TXT"]


def test_explicit_file_of_any_suffix_is_yielded(tmp_path):
    path = write(tmp_path, "notes.md", b"text")
    assert list(iter_input_files([path])) == [path]


def test_symlink_loop_is_walked_once(tmp_path):
    write(tmp_path, "root/a.txt", b"text")
    (tmp_path / "root" / "loop").symlink_to(tmp_path / "root", target_is_directory=True)
    found = list(iter_input_files([tmp_path / "root"]))
    assert [p.name for p in found] == ["a.txt"]


def test_walk_is_lazy(tmp_path):
    write(tmp_path, "a/1.txt", b"text")
    write(tmp_path, "b/2.txt", b"text")
    files = iter_input_files([tmp_path])
    assert next(files).name == "1.txt"
    (tmp_path / "b" / "3.txt").write_bytes(b"text")  # created after the walk started
    assert [p.name for p in files] == ["2.txt", "3.txt"]


def test_the_store_records_how_many_bytes_of_a_page_were_repaired(tmp_path, repo_root):
    page = (repo_root / "examples" / "000_a9e1e2755c2d469d.txt").read_bytes()
    path = write(tmp_path, "a.txt", page[:100] + b"\xff" + page[100:])
    with Store.open(str(tmp_path / "r.db")) as store:
        assert [r.status for r in store.batches(ingest_files(store, [path]))] == ["new"]
        assert [(r["encoding"], r["repairs"]) for r in store.db.execute("SELECT encoding, repairs FROM documents")] == \
            [("utf-8", 1)]
