"""The training log's domain: sets, sessions, pain and the rules that keep them sane.

Plain data and pure functions; storage and interfaces live in the adapters. Import from
the modules themselves (``entries``, ``set_spec``, ``units``, ``users``), so that a
command pays only for what it uses.
"""
