"""Array.prototype.sort as V8 runs it: TimSort from V8's third_party/v8/builtins/array-sort.tq.

The comparator must see exactly the pairs, in exactly the order, that V8 gives it (a checkpoint or
a console.log inside a comparator is observable), so this is a line-by-line port of V8's Torque
code: runs are found by CountAndMakeRun, short runs are extended by BinaryInsertionSort up to the
minimum run length, and runs are merged with galloping (MergeLow / MergeHigh). Every comparison is
a generator step that yields the comparator call to the VM's run loop.

V8 sorts a copy (the "work array") and writes it back only when sorting has finished.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

MIN_GALLOP = 7

Cmp = Generator[Any, Any, float]


class TimSort:
    def __init__(self, work: list[Any], compare: Any) -> None:
        self.a = work
        self.compare = compare      # generator function (x, y) -> yields calls, returns a number
        self.min_gallop = MIN_GALLOP
        self.runs: list[list[int]] = []   # [base, length]

    def sort(self) -> Generator[Any, Any, None]:
        n = len(self.a)
        if n < 2:
            return
        low = 0
        remaining = n
        min_run = _min_run_length(remaining)
        while remaining != 0:
            run = yield from self._count_and_make_run(low, low + remaining)
            if run < min_run:
                forced = min(min_run, remaining)
                yield from self._binary_insertion_sort(low, low + run, low + forced)
                run = forced
            self.runs.append([low, run])
            yield from self._merge_collapse()
            low += run
            remaining -= run
        yield from self._merge_force_collapse()

    def _count_and_make_run(self, low_arg: int, high: int) -> Generator[Any, Any, int]:
        a = self.a
        low = low_arg + 1
        if low == high:
            return 1
        run_length = 2
        element_low = a[low]
        order = yield from self.compare(element_low, a[low - 1])
        descending = order < 0
        previous = element_low
        for idx in range(low + 1, high):
            current = a[idx]
            order = yield from self.compare(current, previous)
            if descending:
                if order >= 0:
                    break
            elif order < 0:
                break
            previous = current
            run_length += 1
        if descending:
            a[low_arg:low_arg + run_length] = a[low_arg:low_arg + run_length][::-1]
        return run_length

    def _binary_insertion_sort(self, low: int, start_arg: int, high: int) -> Generator[Any, Any, None]:
        a = self.a
        start = start_arg + 1 if low == start_arg else start_arg
        while start < high:
            left, right = low, start
            pivot = a[start]
            while left < right:
                mid = left + ((right - left) >> 1)
                order = yield from self.compare(pivot, a[mid])
                if order < 0:
                    right = mid
                else:
                    left = mid + 1
            a[left + 1:start + 1] = a[left:start]
            a[left] = pivot
            start += 1

    def _invariant(self, n: int) -> bool:
        if n < 2:
            return True
        runs = self.runs
        return runs[n - 2][1] > runs[n - 1][1] + runs[n][1]

    def _merge_collapse(self) -> Generator[Any, Any, None]:
        runs = self.runs
        while len(runs) > 1:
            n = len(runs) - 2
            if not self._invariant(n + 1) or not self._invariant(n):
                if runs[n - 1][1] < runs[n + 1][1]:
                    n -= 1
                yield from self._merge_at(n)
            elif runs[n][1] <= runs[n + 1][1]:
                yield from self._merge_at(n)
            else:
                break

    def _merge_force_collapse(self) -> Generator[Any, Any, None]:
        runs = self.runs
        while len(runs) > 1:
            n = len(runs) - 2
            if n > 0 and runs[n - 1][1] < runs[n + 1][1]:
                n -= 1
            yield from self._merge_at(n)

    def _merge_at(self, i: int) -> Generator[Any, Any, None]:
        a = self.a
        runs = self.runs
        base_a, length_a = runs[i]
        base_b, length_b = runs[i + 1]
        runs[i][1] = length_a + length_b
        del runs[i + 1]
        key_right = a[base_b]
        k = yield from self._gallop_right(a, key_right, base_a, length_a, 0)
        base_a += k
        length_a -= k
        if length_a == 0:
            return
        key_left = a[base_a + length_a - 1]
        length_b = yield from self._gallop_left(a, key_left, base_b, length_b, length_b - 1)
        if length_b == 0:
            return
        if length_a <= length_b:
            yield from self._merge_low(base_a, length_a, base_b, length_b)
        else:
            yield from self._merge_high(base_a, length_a, base_b, length_b)

    def _gallop_left(self, array: list[Any], key: Any, base: int, length: int, hint: int) -> Generator[Any, Any, int]:
        last_ofs = 0
        offset = 1
        order = yield from self.compare(array[base + hint], key)
        if order < 0:
            max_ofs = length - hint
            while offset < max_ofs:
                order = yield from self.compare(array[base + hint + offset], key)
                if order >= 0:
                    break
                last_ofs = offset
                offset = (offset << 1) + 1
            offset = min(offset, max_ofs)
            last_ofs += hint
            offset += hint
        else:
            max_ofs = hint + 1
            while offset < max_ofs:
                order = yield from self.compare(array[base + hint - offset], key)
                if order < 0:
                    break
                last_ofs = offset
                offset = (offset << 1) + 1
            offset = min(offset, max_ofs)
            last_ofs, offset = hint - offset, hint - last_ofs
        last_ofs += 1
        while last_ofs < offset:
            m = last_ofs + ((offset - last_ofs) >> 1)
            order = yield from self.compare(array[base + m], key)
            if order < 0:
                last_ofs = m + 1
            else:
                offset = m
        return offset

    def _gallop_right(self, array: list[Any], key: Any, base: int, length: int, hint: int) -> Generator[Any, Any, int]:
        last_ofs = 0
        offset = 1
        order = yield from self.compare(key, array[base + hint])
        if order < 0:
            max_ofs = hint + 1
            while offset < max_ofs:
                order = yield from self.compare(key, array[base + hint - offset])
                if order >= 0:
                    break
                last_ofs = offset
                offset = (offset << 1) + 1
            offset = min(offset, max_ofs)
            last_ofs, offset = hint - offset, hint - last_ofs
        else:
            max_ofs = length - hint
            while offset < max_ofs:
                order = yield from self.compare(key, array[base + hint + offset])
                if order < 0:
                    break
                last_ofs = offset
                offset = (offset << 1) + 1
            offset = min(offset, max_ofs)
            last_ofs += hint
            offset += hint
        last_ofs += 1
        while last_ofs < offset:
            m = last_ofs + ((offset - last_ofs) >> 1)
            order = yield from self.compare(key, array[base + m])
            if order < 0:
                offset = m
            else:
                last_ofs = m + 1
        return offset

    def _merge_low(self, base_a: int, length_a: int, base_b: int, length_b: int) -> Generator[Any, Any, None]:  # noqa: C901
        a = self.a
        temp = a[base_a:base_a + length_a]
        dest = base_a
        cursor_temp = 0
        cursor_b = base_b
        a[dest] = a[cursor_b]
        dest += 1
        cursor_b += 1
        length_b -= 1
        outcome = "succeed"
        if length_b == 0:
            outcome = "succeed"
        elif length_a == 1:
            outcome = "copy_b"
        else:
            min_gallop = self.min_gallop
            while True:
                wins_a = wins_b = 0
                done = None
                while True:
                    order = yield from self.compare(a[cursor_b], temp[cursor_temp])
                    if order < 0:
                        a[dest] = a[cursor_b]
                        dest += 1
                        cursor_b += 1
                        wins_b += 1
                        length_b -= 1
                        wins_a = 0
                        if length_b == 0:
                            done = "succeed"
                            break
                        if wins_b >= min_gallop:
                            break
                    else:
                        a[dest] = temp[cursor_temp]
                        dest += 1
                        cursor_temp += 1
                        wins_a += 1
                        length_a -= 1
                        wins_b = 0
                        if length_a == 1:
                            done = "copy_b"
                            break
                        if wins_a >= min_gallop:
                            break
                if done:
                    outcome = done
                    break
                min_gallop += 1
                first = True
                while wins_a >= MIN_GALLOP or wins_b >= MIN_GALLOP or first:
                    first = False
                    min_gallop = max(1, min_gallop - 1)
                    self.min_gallop = min_gallop
                    wins_a = yield from self._gallop_right(temp, a[cursor_b], cursor_temp, length_a, 0)
                    if wins_a > 0:
                        a[dest:dest + wins_a] = temp[cursor_temp:cursor_temp + wins_a]
                        dest += wins_a
                        cursor_temp += wins_a
                        length_a -= wins_a
                        if length_a == 1:
                            done = "copy_b"
                            break
                        if length_a == 0:
                            done = "succeed"
                            break
                    a[dest] = a[cursor_b]
                    dest += 1
                    cursor_b += 1
                    length_b -= 1
                    if length_b == 0:
                        done = "succeed"
                        break
                    wins_b = yield from self._gallop_left(a, temp[cursor_temp], cursor_b, length_b, 0)
                    if wins_b > 0:
                        a[dest:dest + wins_b] = a[cursor_b:cursor_b + wins_b]
                        dest += wins_b
                        cursor_b += wins_b
                        length_b -= wins_b
                        if length_b == 0:
                            done = "succeed"
                            break
                    a[dest] = temp[cursor_temp]
                    dest += 1
                    cursor_temp += 1
                    length_a -= 1
                    if length_a == 1:
                        done = "copy_b"
                        break
                if done:
                    outcome = done
                    break
                min_gallop += 1
                self.min_gallop = min_gallop
        if outcome == "succeed":
            if length_a > 0:
                a[dest:dest + length_a] = temp[cursor_temp:cursor_temp + length_a]
        else:
            a[dest:dest + length_b] = a[cursor_b:cursor_b + length_b]
            a[dest + length_b] = temp[cursor_temp]

    def _merge_high(self, base_a: int, length_a: int, base_b: int, length_b: int) -> Generator[Any, Any, None]:  # noqa: C901
        a = self.a
        temp = a[base_b:base_b + length_b]
        dest = base_b + length_b - 1
        cursor_temp = length_b - 1
        cursor_a = base_a + length_a - 1
        a[dest] = a[cursor_a]
        dest -= 1
        cursor_a -= 1
        length_a -= 1
        outcome = "succeed"
        if length_a == 0:
            outcome = "succeed"
        elif length_b == 1:
            outcome = "copy_a"
        else:
            min_gallop = self.min_gallop
            while True:
                wins_a = wins_b = 0
                done = None
                while True:
                    order = yield from self.compare(temp[cursor_temp], a[cursor_a])
                    if order < 0:
                        a[dest] = a[cursor_a]
                        dest -= 1
                        cursor_a -= 1
                        wins_a += 1
                        length_a -= 1
                        wins_b = 0
                        if length_a == 0:
                            done = "succeed"
                            break
                        if wins_a >= min_gallop:
                            break
                    else:
                        a[dest] = temp[cursor_temp]
                        dest -= 1
                        cursor_temp -= 1
                        wins_b += 1
                        length_b -= 1
                        wins_a = 0
                        if length_b == 1:
                            done = "copy_a"
                            break
                        if wins_b >= min_gallop:
                            break
                if done:
                    outcome = done
                    break
                min_gallop += 1
                first = True
                while wins_a >= MIN_GALLOP or wins_b >= MIN_GALLOP or first:
                    first = False
                    min_gallop = max(1, min_gallop - 1)
                    self.min_gallop = min_gallop
                    k = yield from self._gallop_right(a, temp[cursor_temp], base_a, length_a, length_a - 1)
                    wins_a = length_a - k
                    if wins_a > 0:
                        dest -= wins_a
                        cursor_a -= wins_a
                        a[dest + 1:dest + 1 + wins_a] = a[cursor_a + 1:cursor_a + 1 + wins_a]
                        length_a -= wins_a
                        if length_a == 0:
                            done = "succeed"
                            break
                    a[dest] = temp[cursor_temp]
                    dest -= 1
                    cursor_temp -= 1
                    length_b -= 1
                    if length_b == 1:
                        done = "copy_a"
                        break
                    k = yield from self._gallop_left(temp, a[cursor_a], 0, length_b, length_b - 1)
                    wins_b = length_b - k
                    if wins_b > 0:
                        dest -= wins_b
                        cursor_temp -= wins_b
                        a[dest + 1:dest + 1 + wins_b] = temp[cursor_temp + 1:cursor_temp + 1 + wins_b]
                        length_b -= wins_b
                        if length_b == 1:
                            done = "copy_a"
                            break
                        if length_b == 0:
                            done = "succeed"
                            break
                    a[dest] = a[cursor_a]
                    dest -= 1
                    cursor_a -= 1
                    length_a -= 1
                    if length_a == 0:
                        done = "succeed"
                        break
                if done:
                    outcome = done
                    break
                min_gallop += 1
                self.min_gallop = min_gallop
        if outcome == "succeed":
            if length_b > 0:
                start = dest - (length_b - 1)
                a[start:start + length_b] = temp[0:length_b]
        else:
            dest -= length_a
            cursor_a -= length_a
            a[dest + 1:dest + 1 + length_a] = a[cursor_a + 1:cursor_a + 1 + length_a]
            a[dest] = temp[cursor_temp]


def _min_run_length(n: int) -> int:
    r = 0
    while n >= 64:
        r |= n & 1
        n >>= 1
    return n + r
