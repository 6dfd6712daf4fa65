"""Start the desktop program."""

from __future__ import annotations

import sys


def run(db: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    from swdesk.i18n import _

    app = QApplication.instance() or QApplication(sys.argv)
    label = QLabel(_("swdesk is starting…"))
    label.resize(480, 200)
    label.show()
    return app.exec()
