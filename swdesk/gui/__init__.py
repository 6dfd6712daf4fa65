"""The PySide6 desktop program: thin views over the services."""

from swdesk.gui.qt_fixes import mend_lost_references, skip_feature_scan

mend_lost_references()
skip_feature_scan()
