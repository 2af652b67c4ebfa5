"""Tests of vcc_helpers.exercises.ch01 (and the shared display pieces it uses)."""
import pytest

from vcc_helpers.exercises import ch01
from vcc_helpers.exercises._common import Feedback, Prose, Table, as_id_set, listing
from vcc_helpers.lenses.examples import tiny_case
from vcc_helpers.model import Case, Component

pytestmark = pytest.mark.unit


def small_case():
    return Case(id="t", title="T", components=(
        Component("ann", "Ann", ("person",)),
        Component("team", "District nurses", ("collective",)),
        Component("form", "A form", ("document", "rule")),
        Component("desk", "<b>Front</b> desk", ("thing",)),
        Component("blank", "Unsorted", ()),
    ))


# -- shared pieces ------------------------------------------------------------------------

def test_feedback_is_truthy_only_when_correct_and_escapes_html():
    assert Feedback(True, "Yes")
    assert not Feedback(False, "Not yet")
    html = Feedback(False, "Not yet: <script>", ("a & b",))._repr_html_()
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "<li>a &amp; b</li>" in html
    assert 'role="status"' in html


def test_table_escapes_cells_and_has_header_scope():
    t = Table(("A", "B"), [("<i>x</i>", None)], caption="Cap & co")
    html = t._repr_html_()
    assert "&lt;i&gt;x&lt;/i&gt;" in html
    assert '<th scope="col"' in html and '>A</th>' in html
    assert ">Cap &amp; co</caption>" in html
    assert t.rows == (("<i>x</i>", ""),)


def test_prose_bold_and_escape():
    assert Prose("a **<b>** c")._repr_html_() == \
        '<div class="vcc-prose"><p>a <strong>&lt;b&gt;</strong> c</p></div>'
    assert str(Prose("a **b** c")) == "a b c"


@pytest.mark.parametrize("raw, expected", [
    ({"a", "b"}, {"a", "b"}), (["a", " b "], {"a", "b"}), ("a, b;c  d", {"a", "b", "c", "d"}),
    ("", set()), (("'a'",), {"a"}),
])
def test_as_id_set_reads_many_shapes(raw, expected):
    assert as_id_set(raw) == frozenset(expected)


@pytest.mark.parametrize("raw", [None, 3, [1, 2], {"a": 1}.values()])
def test_as_id_set_refuses_what_it_cannot_read(raw):
    assert as_id_set(raw) is None


def test_listing():
    assert listing(["x"]) == "x"
    assert listing(["x", "y"]) == "x and y"
    assert listing([], empty="nothing") == "nothing"


# -- abstract statements --------------------------------------------------------------------

@pytest.mark.parametrize("answer", [{"A", "B", "E", "F", "I"}, ["a", "b", "e", "f", "i"],
                                    "A, B, E, F, I", ("I", "F", "E", "B", "A")])
def test_abstract_claims_right(answer):
    fb = ch01.check_abstract_claims(answer)
    assert fb.correct
    assert fb.message.startswith("Yes")


def test_abstract_claims_extra_letter_explains_why():
    fb = ch01.check_abstract_claims({"A", "B", "C", "E", "F", "I"})
    assert not fb.correct
    assert fb.message == "Not yet: 5 of your letters are right and 1 goes beyond the abstract."
    assert fb.hints == (ch01._WHY["C"],)


def test_abstract_claims_missing_letters_are_named():
    fb = ch01.check_abstract_claims({"A", "B"})
    assert fb.message == ("Not yet: 2 of your letters are right and 3 supported statements "
                          "are missing.")
    assert fb.hints == ("Read the abstract again for the statements it does support: 3 more are there.",)


@pytest.mark.parametrize("answer, start", [
    (set(), "Not yet: your answer is empty"),
    ({"Z"}, "Not yet: Z is not one of the letters"),
    (42, "Not yet: give your answer as a set of letters"),
    (None, "Not yet: give your answer as a set of letters"),
])
def test_abstract_claims_gentle_on_bad_input(answer, start):
    fb = ch01.check_abstract_claims(answer)
    assert not fb.correct
    assert fb.message.startswith(start)


def test_abstract_statements_table_lists_all_letters():
    t = ch01.abstract_statements()
    assert [r[0] for r in t.rows] == list("ABCDEFGHI")
    assert ch01.SUPPORTED <= set(ch01.ABSTRACT_STATEMENTS)


# -- a first look at a case -----------------------------------------------------------------

def test_kinds_table_counts_each_kind_once_per_component():
    t = ch01.kinds_table(small_case())
    assert t.rows == (
        ("(no kind given)", "1", "Unsorted"),
        ("collective", "1", "District nurses"),
        ("document", "1", "A form"),
        ("person", "1", "Ann"),
        ("rule", "1", "A form"),
        ("thing", "1", "<b>Front</b> desk"),
    )
    assert "&lt;b&gt;Front&lt;/b&gt;" in t._repr_html_()


def test_components_table_marks_humans():
    t = ch01.components_table(small_case())
    assert [r[3] for r in t.rows] == ["yes", "yes", "no", "no", "no"]


def test_first_look_on_tiny_case():
    assert str(ch01.first_look(tiny_case())) == (
        "The case has 8 components: 3 human (a person or a collective) and 5 not human. "
        "Counted as the package counts elsewhere, that is 3 persons, 1 composite (organisations "
        "and collectives, counted apart) and 4 things. "
        "They are described with 8 different kinds. The case records 7 relations in 2 episodes.")


def test_non_human_and_its_check():
    c = small_case()
    assert ch01.non_human(c) == ("form", "desk", "blank")
    assert ch01.check_non_human(c, {"form", "desk", "blank"}).correct
    assert ch01.check_non_human(c, "form desk blank").correct


def test_check_non_human_wrong_answers():
    c = small_case()
    fb = ch01.check_non_human(c, {"form", "ann", "team"})
    assert not fb.correct
    assert fb.message == "Not yet: 2 components are missing and 2 are human."
    assert len(fb.hints) == 2 and "Ann (ann)" in fb.hints[0]
    assert ch01.check_non_human(c, {"nope"}).message.startswith("Not yet: nope is not a component id")
    assert ch01.check_non_human(c, set()).message.startswith("Not yet: your answer is empty")
    assert ch01.check_non_human(c, 7).message.startswith("Not yet: give your answer")


def test_solution_of_ch1_ex2_passes_on_the_bundled_gp_case():
    from vcc_helpers import cases
    from vcc_helpers.model import is_human
    if "gp-appointment" not in cases.names():
        pytest.skip("the gp-appointment case is not bundled yet")
    gp = cases.load("gp-appointment")
    assert ch01.check_non_human(gp, {c.id for c in gp.components if not is_human(c)}).correct
    assert not ch01.check_non_human(gp, set()).correct
