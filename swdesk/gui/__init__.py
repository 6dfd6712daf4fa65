"""The PySide6 desktop program: thin views over the services."""
