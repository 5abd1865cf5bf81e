"""``python -m govinfo.cli``: the same as the ``govinfo`` command."""

import sys

from govinfo.cli import main

sys.exit(main())
