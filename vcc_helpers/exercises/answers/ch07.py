"""Model answers of chapter 7's exercises (fix the broken file, read an error line, plain words)."""

FIXED_CASE = """\
# A small case, with its four mistakes fixed.
format: vcc-case/1
id: damp-flat
title: Reporting damp in a rented flat
components:
  - {id: tenant, label: "Ms K, the tenant", kinds: [person]}
  - id: mould
    label: The black mould
    kinds: [thing]
  - {id: form, label: The online repairs form, kinds: [technology, document]}
relations:
  - {id: r1, from: tenant, to: form, does: fills it in on her phone}
  - {id: r2, from: mould, to: tenant, does: makes her wipe the wall every few days}
readings:
  service:
    roles: {tenant: user, form: resource}
    interactions:
      r1: {sphere: user, mode: indirect}
"""
"""``ch07.BROKEN_CASE`` with its mistakes fixed (and the near-miss ``thin`` made ``thing``)."""

ERROR_PARTS: dict[str, object] = {
    "file": "broken.yaml", "line": 13, "column": 31, "field": "relations[1].to",
    "relation_number": 2,
}
"""The parts of ``ch07.ERROR_LINE``: file, line, column, field, and which relation it is
(counting from 1 as a reader would; the field counts from 0)."""

PLAIN_ANSWER: dict[str, str] = {
    "a": "measures the wall and asks how she dries the washing",
    "b": "opens it with a target date four weeks away",
    "c": "asks for the room, the problem from a list and a photograph",
}
"""One plain rewording of each of ``ch07.LADEN`` (others are as good)."""
