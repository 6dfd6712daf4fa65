#!/bin/sh
# swdesk's own Python, isolated from the user's (-I: no PYTHONPATH, no user site-packages).
exec /opt/swdesk/bin/python3.11 -I -m swdesk "$@"
