"""``python -m backcare`` behaves exactly like the ``backcare`` command."""

import sys

from backcare.cli import main

sys.exit(main())
