"""The gazetteer's cache folder is shared: writing one index must not delete another install's."""

from __future__ import annotations

import os
import time
from pathlib import Path

from fogofwar.knowledge import gazetteer


def test_writing_an_index_keeps_one_in_use_and_drops_one_long_unused(tmp_path: Path) -> None:
    in_use = tmp_path / "gazetteer-other-version.pickle"
    unused = tmp_path / "gazetteer-old-version.pickle"
    for path in (in_use, unused):
        path.write_bytes(b"an index of another version")
    long_ago = time.time() - gazetteer.STALE_SECONDS - 3600
    os.utime(unused, (long_ago, long_ago))

    ours = tmp_path / "gazetteer-this-version.pickle"
    gazetteer.write_index(ours, {"format": gazetteer.FORMAT})

    assert gazetteer.read_index(ours) == {"format": gazetteer.FORMAT}
    assert in_use.exists(), "another install's index, used lately, was deleted"
    assert not unused.exists()
