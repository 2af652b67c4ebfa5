"""vcc_helpers.casefile.write: key order from the schema, because, comments kept."""
from __future__ import annotations

import pytest

from vcc_helpers.casefile import (
    FIELDS, RoundTripLoss, case_to_data, dumps_case, load_case, parse_case, save_case,
)
from vcc_helpers.cli import main

pytestmark = pytest.mark.unit

COMMENTED = """# My case: notes for the seminar
format: vcc-case/1
id: t
title: A title  # the working title
x-course: SP101
components:
  # the people
  - {id: a, label: A, kinds: [person], x-colour: red}
  - {id: b, label: B, kinds: [thing]}
relations:
  - {id: r, from: a, to: b, does: uses}   # seen on the ward
readings:
  service:
    interactions: {r: {sphere: user, mode: indirect, because: she is alone}}
"""


def test_because_survives_yaml_and_json():
    case = parse_case(COMMENTED)
    assert case.service.interactions[0].because == "she is alone"
    for fmt in ("yaml", "json"):
        assert parse_case(dumps_case(case, fmt), fmt) == case


def test_keys_are_written_in_the_schema_order():
    data = case_to_data(parse_case(COMMENTED))
    assert list(data) == [k for k in FIELDS["case"] if k in data]
    inter = data["readings"]["service"]["interactions"]["r"]
    assert list(inter) == [k for k in FIELDS["interaction"] if k in inter]


def test_saving_over_a_hand_written_file_keeps_comments_and_x_keys(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text(COMMENTED, encoding="utf-8")
    case = load_case(p)
    renamed = type(case)(**{**case.__dict__, "title": "A better title"})
    save_case(renamed, p, overwrite=True)
    text = p.read_text(encoding="utf-8")
    for kept in ("# My case: notes for the seminar", "# the working title", "x-course: SP101",
                 "# the people", "x-colour: red", "# seen on the ward"):
        assert kept in text
    assert load_case(p) == renamed


def test_a_round_trip_that_would_drop_something_says_what(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text(COMMENTED, encoding="utf-8")
    case = load_case(p)
    fewer = type(case)(**{**case.__dict__, "components": case.components[1:],
                          "relations": (), "service": None})
    with pytest.raises(RoundTripLoss) as info:
        save_case(fewer, p, overwrite=True)
    assert "x- keys" in str(info.value)
    assert p.read_text(encoding="utf-8") == COMMENTED  # nothing written
    save_case(fewer, p, overwrite=True, allow_loss=True)
    assert load_case(p) == fewer


def test_cli_export_force_onto_the_same_file_keeps_comments(tmp_path, capsys):
    p = tmp_path / "mine.yaml"
    p.write_text(COMMENTED, encoding="utf-8")
    assert main(["export", str(p), "--to", "yaml", "-o", str(p), "--force"]) == 0
    text = p.read_text(encoding="utf-8")
    assert "# the working title" in text and "x-course: SP101" in text


def test_cli_validate_prints_warnings_and_accepts(tmp_path, capsys):
    p = tmp_path / "mine.yaml"
    p.write_text(COMMENTED.replace("sphere: user", "sphere: joint"), encoding="utf-8")
    assert main(["validate", str(p)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [f"warning: {p}:14:45: readings.service.interactions.r.mode: a joint-sphere "
                   "interaction coded 'mode: indirect': for Grönroos & Voima (2013) the joint "
                   "sphere is where provider and user act together directly (in person, by "
                   "phone or online). If the user uses something the provider made without the "
                   "provider taking part, code the sphere 'user'; if it happens inside a direct "
                   "encounter (a home visit, a consultation), code the mode 'direct'; if only "
                   "the provider's side acts, code the sphere 'provider'; if you mean it, say "
                   "why under 'because'"]
