"""The command line: the same services the GUI uses, for scripts, scheduled jobs and tests."""
