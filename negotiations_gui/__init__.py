"""negotiations_gui: track multi-party peace negotiations on a local case file."""

__version__ = "0.1.0"
APP_NAME = "Negotiations"
