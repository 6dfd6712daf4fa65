"""Spreadsheets in and out: imports that validate every row, workbooks for the bureau."""
