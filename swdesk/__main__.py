import sys

from swdesk.cli.main import main

sys.exit(main())
