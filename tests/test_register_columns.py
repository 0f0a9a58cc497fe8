"""Column store and fast byte path of the register read: grouping equals numpy's ``unique``, builders give dense
codes, texts met again in later chunks and large Windows-1252 files read (and refused) as from the text."""
from __future__ import annotations

import numpy as np
import pytest

from quartierslabor_app.core.register.columns import ColumnBuilder, combine_codes, group_keys
from quartierslabor_app.core.register.reader import read_register


def test_group_keys_numbers_and_first_rows_like_numpy_unique():
    rng = np.random.default_rng(5)
    for keys in (rng.integers(0, 50, 2000), rng.integers(0, 2 ** 62, 3000, dtype=np.int64),
                 rng.integers(0, 2 ** 63, 1000, dtype=np.uint64), np.zeros(7, dtype=np.int64), np.arange(5)[::-1]):
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        got_inverse, got_first = group_keys(keys)
        assert got_inverse.tolist() == inverse.reshape(-1).tolist()
        assert got_first.tolist() == first.tolist()
    empty_inverse, empty_first = group_keys(np.zeros(0, dtype=np.int64))
    assert len(empty_inverse) == len(empty_first) == 0


def test_combine_codes_groups_rows_equal_in_every_array():
    a = np.asarray([0, 1, 0, 1, 0, 2])
    b = np.asarray([5, 5, 5, 6, 5, 5])
    codes, first = combine_codes(a, b)
    assert codes.tolist() == [0, 1, 0, 2, 0, 3] and first.tolist() == [0, 1, 3, 5]


def test_builder_codes_are_dense_in_first_seen_order_across_chunks():
    builder = ColumnBuilder()
    builder.add(["b", "a", "b"])
    builder.add_numbers(builder.numbers(["c", "a"])[np.asarray([1, 0, 0, 1])])
    builder.add(["d", "c"])
    column = builder.finish()
    assert column.values == ["b", "a", "c", "d"]
    assert column.texts() == ["b", "a", "b", "a", "c", "c", "a", "d", "c"]
    assert column.codes.dtype == np.int32 and int(column.codes.max()) == 3


def _lines(long_streets: bool) -> list[str]:
    """Cells of at most 8 bytes (one word: grouped exactly within a chunk), streets longer if asked."""
    lines = ["Melderegisterauszug;;;", "Familienname;Vornamen;Geburtsdatum;Straße;Hausnummer"]
    for i in range(4000):
        street = f"Bornstraße {i % 7}" if long_streets else f"Weg {i % 7}"
        lines.append(f"Mü{i % 97};Jö {i % 13};{1 + i % 9}.{1 + i % 8}.19{i % 90 + 10};{street};{i % 50}")
        if i % 700 == 3:
            lines.append("Kurz;Zeile")                         # a chunk split from the text
    return lines


@pytest.mark.parametrize("case", ["normal", "hashes clash", "cache full"])
def test_cells_met_again_in_later_chunks_read_as_from_the_text(tmp_path, monkeypatch, case):
    from quartierslabor_app.core.register import reader as reader_module
    text = "\r\n".join(_lines(long_streets=case != "hashes clash")) + "\r\n"
    fast, slow = tmp_path / "ansi.csv", tmp_path / "unicode.csv"
    fast.write_bytes(text.encode("cp1252"))
    slow.write_bytes(text.encode("utf-16"))                     # split from the decoded text only
    expected = read_register(slow)
    monkeypatch.setattr(reader_module, "_CHUNK_CHARS", 3000)   # about 60 chunks
    if case == "hashes clash":   # all factors 0: only the length separates texts, also across chunks
        monkeypatch.setattr(reader_module, "_HASH_FACTORS", reader_module._HASH_FACTORS * 0)
    if case == "cache full":
        monkeypatch.setattr(reader_module._SeenCells, "LIMIT", 2000)
    got = read_register(fast)
    assert got.format.encoding == "cp1252"
    assert list(got.rows) == list(expected.rows) and got.row_numbers.tolist() == expected.row_numbers.tolist()
    assert got.irregular == expected.irregular and len(got.irregular) == 6
    for column in got.columns:                                # each text once in the column store
        assert len(set(column.values)) == len(column.values)


def test_large_windows_1252_file_with_an_undefined_byte_is_refused_at_its_line(tmp_path):
    from quartierslabor_app.core.errors import UserError
    from quartierslabor_app.core.register.text_detect import decode_text
    body = ("\r\n".join(_lines(long_streets=True)) + "\r\n").encode("cp1252") * 3
    position = body.rfind(b"\n", 0, len(body) - 5000) + 1      # far beyond the decoded header sample
    line = body.count(b"\n", 0, position) + 1
    data = body[:position] + b"Sch\x9dtz" + body[position:]
    path = tmp_path / "kaputt.csv"
    path.write_bytes(data)
    with pytest.raises(UserError) as exc:
        read_register(path)
    with pytest.raises(UserError) as whole:                   # the same refusal as decoding everything
        decode_text(data, "kaputt.csv")
    assert str(exc.value) == str(whole.value)
    assert exc.value.row == line and f"0x9D an Position {position + 4}" in str(exc.value)


def test_lone_carriage_returns_still_end_lines(tmp_path):
    lines = _lines(long_streets=True)
    path = tmp_path / "mac.csv"
    path.write_bytes(("\r".join(lines) + "\r\n").encode("cp1252"))   # old Mac line ends, last one CRLF
    expected = tmp_path / "unix.csv"
    expected.write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
    got, want = read_register(path), read_register(expected)
    assert list(got.rows) == list(want.rows) and got.row_numbers.tolist() == want.row_numbers.tolist()


def test_usual_birth_dates_read_without_regex_exactly_as_the_general_rule():
    """TT.MM.JJJJ takes a short path; on anything else (signs, underscores, no such day) the general
    rule decides, so both give the same date or both refuse."""
    import datetime as dt
    import random

    from quartierslabor_app.core.register.normalize import DateProblem, parse_birth_date
    ref = dt.date(2026, 11, 1)

    def parsed(text: str):
        try:
            return parse_birth_date(text, ref)
        except DateProblem:
            return None

    rng = random.Random(1)
    cases = ["05.03.1970", "29.02.2000", "29.02.1900", "05.03.1_70", "+5.03.1970", "05.+3.1970", " 5.03.1970",
             "0５.03.1970", "05.03.19²0", "00.05.1950", "32.01.1999", "01.13.1999"]
    cases += ["".join(rng.choice("0123456789.+-_ ") for _ in range(10)) for _ in range(3000)]
    cases += [f"{d:02d}.{m:02d}.{y:04d}" for d in range(33) for m in range(14) for y in (1, 1900, 2026, 2027)]
    for text in cases:
        assert parsed(text) == parsed(text + " "), text          # a trailing space takes the general rule
    assert parsed("05.03.1970") == dt.date(1970, 3, 5) and parsed("+5.03.1970") is None
