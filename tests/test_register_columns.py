"""Column store of a read register: grouping equals numpy's ``unique``, builders give dense codes."""
from __future__ import annotations

import numpy as np

from quartierslabor_app.core.register.columns import ColumnBuilder, combine_codes, group_keys


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
    builder.add_coded(["c", "a"], np.asarray([1, 0, 0, 1]))
    builder.add(["d", "c"])
    column = builder.finish()
    assert column.values == ["b", "a", "c", "d"]
    assert column.texts() == ["b", "a", "b", "a", "c", "c", "a", "d", "c"]
    assert column.codes.dtype == np.int32 and int(column.codes.max()) == 3
