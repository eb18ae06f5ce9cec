"""``python -m claimcheck``: the command line."""
from claimcheck.cli import main

main()
