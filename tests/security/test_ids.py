from __future__ import annotations

import os
import random
import re

from graph_service.security.ids import random_hex


def test_ids_are_32_hex_digits_and_do_not_repeat() -> None:
    ids = [random_hex() for _ in range(10_000)]
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    assert len(set(ids)) == len(ids)


def test_a_forked_worker_does_not_repeat_its_parents_ids() -> None:
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child writes its next ids and leaves at once
        os.write(write, "".join(random_hex() for _ in range(4)).encode())
        os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    theirs = os.read(read, 1024).decode()
    os.close(read)
    ours = "".join(random_hex() for _ in range(4))
    assert len(theirs) == 128 and theirs != ours


def test_reseeding_pythons_shared_generator_does_not_repeat_ids() -> None:
    random.seed(7)
    first = random_hex()
    random.seed(7)  # as Hypothesis does before every example it runs
    assert random_hex() != first
