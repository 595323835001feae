"""Command-line interface (Typer + Rich): an adapter over the services and the catalog."""

from backcoach.cli.app import app, main

__all__ = ["app", "main"]
