"""python -m eventatlas: the same as the eventatlas command."""
import sys

from eventatlas.cli import main

sys.exit(main())
