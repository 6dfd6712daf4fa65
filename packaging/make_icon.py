"""Render resources/icons/swdesk.svg to the PNG (Linux menus) and ICO (Windows shortcuts) beside it.

.venv/bin/python packaging/make_icon.py      (run after changing the SVG; commit all three)
"""

import io
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def render(size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "swdesk.svg")).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data())))


if __name__ == "__main__":
    app = QGuiApplication([])
    render(256).save(ICONS / "swdesk.png")
    sizes = [16, 24, 32, 48, 64, 128, 256]
    render(256).save(ICONS / "swdesk.ico", sizes=[(s, s) for s in sizes])
    print("wrote", ICONS / "swdesk.png", ICONS / "swdesk.ico")
