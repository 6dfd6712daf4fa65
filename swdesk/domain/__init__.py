"""Rules of the agency's world as plain values and pure functions: no SQL, no Qt, no files."""
