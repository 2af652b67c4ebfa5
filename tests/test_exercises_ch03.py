"""Tests of vcc_helpers.exercises.ch03: residue tables, the dyad, non-human roles, one check."""
import pytest

from vcc_helpers.exercises import ch03
from vcc_helpers.lenses.examples import tiny_case
from vcc_helpers.lenses.reinterpret import ResidueItem
from vcc_helpers.model import Case, Component, Relation, ServiceReading

pytestmark = pytest.mark.unit


@pytest.fixture
def c():
    return tiny_case()


def family_case():
    """A user, a provider, and a household that the provider never meets."""
    return Case(id="fam", title="Family", components=(
        Component("u", "User", ("person",)), Component("p", "Council", ("organisation",)),
        Component("s", "Sister", ("person",)), Component("car", "Car", ("thing",)),
        Component("job", "Job", ("other",))),
        relations=(Relation("r1", "p", "u", "assesses"), Relation("r2", "s", "car", "drives"),
                   Relation("r3", "job", "s", "keeps busy"), Relation("r4", "s", "u", "visits")),
        service=ServiceReading(roles={"p": ("provider",), "u": ("user",),
                                      "s": ("other-actor",), "car": ("resource",)}))


def test_residue_table_and_facts():
    items = [ResidueItem("bypass", "r7 <bypasses>", ("r7", "r8")), ResidueItem("general", "g")]
    t = ch03.residue_table(items, caption="Cap")
    assert t.rows == (("bypass", "r7 <bypasses>", "r7, r8"), ("general", "g", "-"))
    assert "&lt;bypasses&gt;" in t._repr_html_()
    assert str(ch03.residue_facts(items)) == (
        "The report has 2 items on 2 topics (bypass and general). 1 is tied to particular ids "
        "in the case; 1 is general and holds for any case.")


def test_residue_summary_groups_by_topic_in_report_order():
    items = [ResidueItem("b", "first b"), ResidueItem("a", "first a"), ResidueItem("b", "second b")]
    assert ch03.residue_summary(items).rows == (("b", "2", "first b"), ("a", "1", "first a"))


def test_dyad_on_tiny_case(c):
    assert ch03.dyad_members(c) == ("mrs-a", "surgery", "receptionist")
    assert ch03.outside_dyad(c) == ("r5",)
    assert ch03.outside_dyad_table(c).rows == (
        ("r5", "Rain", "slows down", "Number 7 bus", "Getting there", "no"),)


def test_dyad_on_family_case():
    f = family_case()
    assert ch03.dyad_members(f) == ("u", "p")
    assert ch03.outside_dyad(f) == ("r2", "r3")
    assert str(ch03.dyad_facts(f)) == (
        "2 of the case's 4 relations never touch the provider-user pair: neither end is cast "
        "as provider, front-line staff or user. Of the rest, 1 runs between the provider's "
        "side and a user, 1 touches a user but nothing on the provider's side, and 0 touch the "
        "provider's side but no user.")


def test_without_a_service_reading_every_relation_is_outside():
    f = family_case()
    bare = Case(id=f.id, title=f.title, components=f.components, relations=f.relations)
    assert ch03.dyad_members(bare) == ()
    assert ch03.outside_dyad(bare) == ("r1", "r2", "r3", "r4")


def test_nonhuman_roles_table_and_facts():
    f = family_case()
    # the council is a composite, counted apart from things (issue 18)
    assert ch03.nonhuman_roles_table(f).rows == (
        ("car", "Car", "thing", "resource", "no", "1", "0"),
        ("job", "Job", "other", "(no role)", "no", "1", "1"),
    )
    assert str(ch03.nonhuman_facts(f)) == (
        "The case has 2 things (components that are neither persons nor composites; 1 "
        "composite, an organisation or a collective, is counted apart). The service reading "
        "casts 1 as a resource, 0 as institutions, gives 0 another role and gives 1 no role at "
        "all. 0 carry a value proposition. Yet 1 of the 2 is the one acting in at least one "
        "relation of the neutral description.")


def test_destruction_table(c):
    assert ch03.destruction_table(c).rows == (
        ("Mrs A", "Mrs A", "satisfaction", "destruction", "Ringing at 8am",
         "keeps her on hold for forty minutes"),)
    assert ch03.destruction_table(family_case()).rows == ()


def test_check_outside_dyad_right(c):
    assert ch03.check_outside_dyad(c, {"r5"}).correct
    assert ch03.check_outside_dyad(family_case(), "r3, r2").correct


def test_check_outside_dyad_wrong():
    fb = ch03.check_outside_dyad(family_case(), {"r2", "r4"})
    assert not fb.correct
    assert fb.message == "Not yet: 1 is right, 1 touches the pair and 1 is missing."
    assert fb.hints == ('r4 ("visits", Sister to User) touches the pair: User is cast as user.',)


@pytest.mark.parametrize("answer, start", [
    (set(), "Not yet: your answer is empty"),
    ({"r42"}, "Not yet: r42 is not a relation id"),
    ({"r1": 1}, "Not yet: give your answer as a set of relation ids"),
    (None, "Not yet: give your answer as a set of relation ids"),
])
def test_check_outside_dyad_gentle_on_bad_input(c, answer, start):
    fb = ch03.check_outside_dyad(c, answer)
    assert not fb.correct and fb.message.startswith(start)


def test_solution_of_ch3_ex1_passes_on_the_bundled_gp_case():
    from vcc_helpers import cases
    if "gp-appointment" not in cases.names():
        pytest.skip("the gp-appointment case is not bundled yet")
    gp = cases.load("gp-appointment")
    dyad = {cid for cid, roles in gp.service.roles.items()
            if set(roles) & {"provider", "frontline-staff", "user"}}
    answer = {r.id for r in gp.relations if r.source not in dyad and r.target not in dyad}
    assert ch03.check_outside_dyad(gp, answer).correct
