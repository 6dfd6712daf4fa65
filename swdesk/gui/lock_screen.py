"""The program password at work: asked when a data file that has one is opened, and again after
the idle time the settings give. It keeps a passer-by out of the program; it does not encrypt the
file (the security service says so too)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.i18n import _, ngettext

if TYPE_CHECKING:
    from swdesk.services import security

_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class LockScreen(QWidget):
    """Shown in place of the pages until the right password is typed."""

    unlocked = Signal()
    given_up = Signal()  # the user chose to close the data file instead

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.ctx: AppContext | None = None
        title = QLabel(_("swdesk is locked"))
        title.setObjectName("welcomeTitle")
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("Program password"))
        self.password.returnPressed.connect(self.try_unlock)
        self.message = QLabel()
        self.message.setObjectName("formError")
        self.message.hide()
        self.unlock_button = QPushButton(_("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.guard: security.UnlockGuard | None = None  # the data file's, read when it locks
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self.tick)
        self.close_button = QPushButton(_("Close the data file"))
        self.close_button.clicked.connect(self.given_up)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        box = QVBoxLayout()
        box.addStretch(1)
        box.addWidget(title)
        box.addWidget(self.about)
        box.addWidget(self.password)
        box.addWidget(self.message)
        box.addLayout(buttons)
        box.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(box, 2)
        outer.addStretch(1)

    def lock(self, ctx: AppContext, name: str) -> None:
        self.ctx = ctx
        self.about.setText(
            _("{name} is protected by a program password. Type it to go on.").format(name=name)
        )
        self.password.clear()
        self.message.hide()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)
        from swdesk.services import security  # the storage stack: not before the window

        ops.Read(ctx, security.unlock_guard).success(self._guarded).run()

    def _guarded(self, guard: security.UnlockGuard) -> None:
        self.guard = guard
        self.tick()

    def try_unlock(self) -> bool:
        """Check the password typed (on the worker: the hash is in the data file); False when
        no try may be made yet."""
        if self.ctx is None or self.guard is None or self.guard.wait_left() > 0:
            return False
        ops.Read(self.ctx, self.guard.attempt, self.password.text()).success(self._tried).run()
        return True

    def _tried(self, right: bool) -> None:
        if right:
            self.password.clear()
            self.unlocked.emit()
            return
        self.message.setText(_("That is not the program password."))
        self.message.show()
        self.password.selectAll()
        self.tick()

    def tick(self) -> None:
        """Show how long the next try must wait, and take no input until then."""
        left = self.guard.wait_left() if self.guard is not None else 0
        waiting = left > 0
        self.password.setEnabled(not waiting)
        self.unlock_button.setEnabled(not waiting)
        if waiting:
            seconds = math.ceil(left)
            self.message.setText(
                ngettext(
                    "Wrong password. Wait {n} second before the next try.",
                    "Wrong passwords. Wait {n} seconds before the next try.",
                    seconds,
                ).format(n=seconds)
            )
            self.message.show()
            self._countdown.start()
        elif self._countdown.isActive():
            self._countdown.stop()
            self.message.setText(_("Type the program password again."))
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)


class IdleWatcher(QObject):
    """Fires ``idle`` after ``minutes`` without a key press or mouse use anywhere in the program.

    It watches the program's events only while it counts (a password and an idle time set): an
    application-wide filter in Python is called for every event of every widget, and the first
    paint of the window alone passed it enough kinds of widget and event to make PySide build
    some 140 enum types (a fifth of the time to the window shown)."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._watching = False

    def start(self, minutes: int | None) -> None:
        if not minutes:
            self.stop()
            return
        self._timer.setInterval(minutes * 60_000)
        self._timer.start()
        app = QCoreApplication.instance()
        if not self._watching and app is not None:
            app.installEventFilter(self)
            self._watching = True

    def stop(self) -> None:
        self._timer.stop()
        app = QCoreApplication.instance()
        if self._watching and app is not None:
            app.removeEventFilter(self)
        self._watching = False

    def watching(self) -> bool:
        """Whether the program's events pass through the watcher now."""
        return self._watching

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _INPUT_EVENTS and self._timer.isActive():
            self._timer.start()  # any use starts the count again
        return False
