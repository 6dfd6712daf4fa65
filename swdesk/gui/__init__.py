"""The PySide6 desktop program: thin views over the services."""

from swdesk.gui.qt_fixes import mend_lost_references

mend_lost_references()
