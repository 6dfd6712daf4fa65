"""swdesk: a desk program for small social-work agencies (staff, credentials, training, awards)."""

__version__ = "0.1.0"
