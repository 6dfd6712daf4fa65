import multiprocessing
import sys

from swdesk.cli.main import main

# A batch of packets is drawn by spawned processes (swdesk.printing.batch), and each imports the
# main module again: only the program itself runs the program.
if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
