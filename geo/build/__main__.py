"""python -m geo.build: rebuild data/processed from the raw sources."""

import sys

from geo.build.pipeline import main

sys.exit(main())
