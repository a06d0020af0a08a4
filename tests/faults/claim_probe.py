"""A small, real Back Care start for the single-instance fault tests: the claim, no window.

It runs the same ``SingleInstance.claim()`` and the same choice of runtime folder as
``backcare`` does, in a QCoreApplication. A full start (display, store, catalog, window) costs
about a second of CPU; thirty of them on two cores would take half a minute and tell nothing
more about who runs, which is all the claim decides (``app/main.py`` exits when it is not
``runs``; ``test_one_instance`` checks that with the real app once).

    python claim_probe.py [GATE_FD]

With GATE_FD it prints "ready" and waits for that pipe to close, so a test can let many go at
the same moment. Then it prints the claim's name and its notices (on stderr); one that runs
prints "show" or "reload" for every message it receives, until it is terminated.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication

from backcare.desktop.single_instance import SingleInstance


def main(argv: list[str]) -> int:
    if argv:
        gate = int(argv[0])
        print("ready", flush=True)
        os.read(gate, 1)  # returns when the test closes the other end: everyone at once
    app = QCoreApplication([])
    lock = SingleInstance()
    claim = lock.claim()
    for notice in lock.notices:
        print(notice, file=sys.stderr, flush=True)
    print(claim.name, flush=True)
    if not claim.runs:
        return 0
    lock.activated.connect(lambda: print("show", flush=True))
    lock.reloadRequested.connect(lambda: print("reload", flush=True))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
