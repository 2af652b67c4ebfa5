"""Helpers for the course text on value co-creation in public services.

Describe a case once, in neutral terms; read it through two lenses (service logic
and a logic of assemblage); see what each lens cannot hold.

Modules, from the bottom layer up: :mod:`~vcc_helpers.model` (data),
:mod:`~vcc_helpers.casefile` (files), :mod:`~vcc_helpers.graph` (networkx),
:mod:`~vcc_helpers.lenses` (the readings), :mod:`~vcc_helpers.describe` (words),
:mod:`~vcc_helpers.figures` (drawings), :mod:`~vcc_helpers.widgets` (interactive views).
"""
__version__ = "0.1.0"
