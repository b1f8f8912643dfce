"""PyInstaller entry script: a plain file outside the package, so the bundle's top level
holds only `desktop` and not the package's own modules as stray top-level names."""

from desktop.cli import main

raise SystemExit(main())
