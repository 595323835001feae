"""Where backcoach keeps its files on this computer."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "BACKCOACH_HOME"


def data_dir() -> Path:
    """The folder for the embedded database and other local files.

    ``$BACKCOACH_HOME`` when set, else the platform's user data folder
    (``~/.local/share/backcoach`` on Linux).
    """
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_path

    return user_data_path("backcoach", appauthor=False)


def cache_dir() -> Path:
    """The folder for files backcoach can always rebuild (the checked catalog)."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser() / "cache"
    from platformdirs import user_cache_path

    return user_cache_path("backcoach", appauthor=False)
