"""backcoach: a coach for the small muscles of the back."""

__version__ = "0.1.0"
