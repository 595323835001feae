"""The web app: a REST API under /api/v1 and server-rendered pages, over the same use cases."""
