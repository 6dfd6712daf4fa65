"""The year's continuing-education progress at a glance: one stacked bar (met, on pace, behind)
with the count in each part and a legend under it. Drawn with QPainter (no QtCharts)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from swdesk.i18n import _

MET = QColor("#2e7d32")
ON_PACE = QColor("#f0a30a")
BEHIND = QColor("#c62828")
EMPTY = QColor("#e3e6ea")


class CEProgressChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ceChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._parts: list[tuple[str, int, QColor]] = []
        self._caption = ""

    def set_counts(self, met: int, on_pace: int, behind: int, caption: str = "") -> None:
        self._parts = [
            (_("Met"), met, MET),
            (_("On pace"), on_pace, ON_PACE),
            (_("Behind"), behind, BEHIND),
        ]
        self._caption = caption
        self.setToolTip(
            "\n".join(f"{label}: {n}" for label, n, _c in self._parts)
            + (f"\n{caption}" if caption else "")
        )
        self.updateGeometry()
        self.update()

    def counts(self) -> dict[str, int]:
        return {label: n for label, n, _c in self._parts}

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        line = QFontMetrics(self.font()).height()
        return QSize(360, int(line * 5.2))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        bar = QRectF(0, 2, self.width() - 1, line * 2)
        total = sum(n for _l, n, _c in self._parts)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(EMPTY)
        painter.drawRoundedRect(bar, 4, 4)
        x = bar.left()
        for _label, n, colour in self._parts:
            if total == 0 or n == 0:
                continue
            width = bar.width() * n / total
            part = QRectF(x, bar.top(), width, bar.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRect(part)
            text = str(n)
            if metrics.horizontalAdvance(text) + 6 < width:
                painter.setPen(QPen(QColor("white")))
                painter.drawText(part, Qt.AlignmentFlag.AlignCenter, text)
            x += width
        if total == 0:
            painter.setPen(QPen(self.palette().text().color()))
            painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, _("Nobody is required this year."))

        # Legend: a square, the label and the count for each part, on one line.
        y = bar.bottom() + line * 0.6
        x = 0.0
        painter.setPen(QPen(self.palette().text().color()))
        for label, n, colour in self._parts:
            painter.setBrush(colour)
            painter.setPen(Qt.PenStyle.NoPen)
            square = line * 0.7
            painter.drawRect(QRectF(x, y + (line - square) / 2, square, square))
            painter.setPen(QPen(self.palette().text().color()))
            text = f"{label} {n}"
            painter.drawText(QRectF(x + square + 6, y, 1000, line), text)
            x += square + 6 + metrics.horizontalAdvance(text) + line
        if self._caption:
            painter.setPen(QPen(self.palette().placeholderText().color()))
            painter.drawText(QRectF(0, y + line * 1.3, self.width(), line), self._caption)
        painter.end()
