"""Chinese figures as written, unit conversion, tolerance and derived values."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 (D("37.7") reads like the figure it is)

import pytest

from pizhu.kinds.tables.figures import (
    agrees,
    convert,
    find_figures,
    format_number,
    json_number,
    parse_figure,
    parse_formula,
    plain_number,
    ratio,
    relative_change,
    same_kind,
    to_decimal,
)


@pytest.mark.parametrize(("text", "value", "unit", "decimals"), [
    ("37.7亿元", "37.7", "亿元", 1),
    ("2285.72万元", "2285.72", "万元", 2),
    ("9.10%", "9.10", "%", 2),
    ("6114人", "6114", "人", 0),
    ("1400亿港元", "1400", "亿港元", 0),
    ("240,704.88元", "240704.88", "元", 2),
    ("33.7％", "33.7", "%", 1),
    ("45億元", "45", "億元", 0),                 # Traditional 億, 萬
    ("新台幣45億元", "45", "新台幣億元", 0),     # a currency named before the amount
    ("港幣3.85元", "3.85", "港幣元", 2),
    ("45億元人民幣", "45", "人民幣億元", 0),     # or after it
    ("台幣6.2億元", "6.2", "台幣億元", 1),
])
def test_parse_figure_keeps_the_written_precision(text: str, value: str, unit: str, decimals: int) -> None:
    figure = parse_figure(text)
    assert figure is not None
    assert (figure.value, figure.unit, figure.decimals) == (D(value), unit, decimals)


@pytest.mark.parametrize("text", ["2021年", "A100", "几个亿", "37.7亿人民币", "", "零"])
def test_parse_figure_rejects_what_is_not_a_figure(text: str) -> None:
    assert parse_figure(text) is None


def test_find_figures_in_running_text_longest_unit_first() -> None:
    text = "2024年商汤营收37.7亿元,但净亏损仍高达43.07亿元,尽管同比收窄33.7%,市值1400亿港元"
    found = find_figures(text)
    assert [f.text for f in found] == ["37.7亿元", "43.07亿元", "33.7%", "1400亿港元"]
    assert all(text[f.start:f.end] == f.text for f in found)


def test_half_step_is_half_the_last_written_digit() -> None:
    assert parse_figure("37.7亿元").half_step == D("0.05")
    assert parse_figure("6114人").half_step == D("0.5")
    assert parse_figure("9.10%").half_step == D("0.005")


def test_convert_within_a_kind_only() -> None:
    assert convert(D("24.07"), "万元", "元") == D(240700)
    assert convert(D("190192928.26"), "元", "亿元") == D("1.9019292826")
    assert same_kind("亿元", "元") and not same_kind("亿元", "亿港元") and not same_kind("人", "%")
    # 元 without a currency is the article's own: renminbi or New Taiwan dollars named, not both.
    assert same_kind("億元", "新台幣元") and same_kind("亿元", "人民币万元") and not same_kind("人民币元", "新台幣元")
    assert not same_kind("元", "港幣元") and same_kind("港元", "港幣元")
    assert not same_kind("人民幣億元", "新台幣億元") and same_kind("台幣億元", "新台幣元")
    with pytest.raises(ValueError, match="cannot convert 亿元 to 亿港元"):
        convert(D(1), "亿元", "亿港元")


def test_the_articles_rounded_figures_agree_with_exact_ones() -> None:
    # 37.72亿元 reported elsewhere; the article writes 37.7亿元.
    assert agrees(D("37.72"), D("37.7"), "=", parse_figure("37.7亿元").half_step)
    assert agrees(convert(D("22857179.92"), "元", "万元"), D("2285.72"), "=", D("0.005"))
    assert not agrees(D(6113), D(6114), "=", D("0.5"))
    assert agrees(D("109.5"), D(100), ">", D(0)) and not agrees(D(95), D(100), ">", D(0))
    assert agrees(D("-84.1"), D(-50), "<", D(0))


def test_derived_values() -> None:
    change = relative_change(D("64.947"), D("43.07"))
    assert change is not None and round(change, 2) == D("-33.68")
    share = ratio(D("41.31"), D("37.72"))
    assert share is not None and round(share, 1) == D("109.5")
    assert relative_change(None, D(1)) is None and relative_change(D(0), D(1)) is None
    assert ratio(D(1), D(0)) is None


@pytest.mark.parametrize(("text", "name", "args", "base"), [
    ("change(loss)", "change", ("loss",), None),
    ("change(staff, end-2021)", "change", ("staff", "end-2021"), "end-2021"),
    ("ratio( rnd , revenue )", "ratio", ("rnd", "revenue"), None),
])
def test_parse_formula(text: str, name: str, args: tuple[str, ...], base: str | None) -> None:
    formula, error = parse_formula(text)
    assert error is None and formula is not None
    assert (formula.name, formula.args, formula.base_row) == (name, args, base)


@pytest.mark.parametrize(("text", "error"), [
    ("sum(a, b)", 'unknown formula "sum"'),
    ("ratio(a)", "ratio takes two columns"),
    ("change(a, b, c)", "change takes a column"),
    ("a / b", "is not a formula"),
])
def test_parse_formula_errors(text: str, error: str) -> None:
    formula, message = parse_formula(text)
    assert formula is None and message is not None and error in message


def test_numbers_as_written_and_displayed() -> None:
    assert to_decimal(37.72) == D("37.72") and to_decimal(6113) == D(6113)
    assert to_decimal(True) is None and to_decimal("37.7") is None
    assert format_number(D("190192928.26")) == "190,192,928.26"
    assert format_number(D("-33.684"), 1, signed=True) == "−33.7"
    assert format_number(D("10.75"), 1, signed=True) == "+10.8"
    assert format_number(D(3756)) == "3756"
    assert plain_number(D("-33.684"), 1) == "-33.7" and plain_number(None) == ""
    assert json_number(D(6113)) == 6113 and json_number(D("37.72")) == 37.72


@pytest.mark.parametrize(("text", "expected"), [
    ("revenue of $4.5 million, up 12 percent", [("$4.5 million", "4.5", "million dollars"), ("12 percent", "12", "percent")]),
    ("US$3bn and 3,000 people", [("US$3bn", "3", "billion dollars"), ("3,000 people", "3000", "people")]),
    ("$5 Million", [("$5 Million", "5", "million dollars")]),       # any case (was read as $5)
    ("$10K grant", [("$10K", "10", "thousand dollars")]),
    ("$5tn", [("$5tn", "5", "trillion dollars")]),
    ("$5 in cash", [("$5", "5", "dollars")]),
    ("$5 millions", []),                                            # an unknown scale: no figure, not $5
    ("US$5亿", []),
    ("US$5.3億", []),                                               # not US$5: a number is read whole
    ("员工３，２０６人", []),                                         # not 206人
    ("3\u202f206 people", []),
    ("$4.5 millions", []),
    ("$5m²", []),
    ("HK$5", []),                                                   # not US dollars
    ("HK $5 million", []),
    ("2,5 million dollars", []),                                    # not 5 million: no number starts inside one
    ("1,2345 people", []),
    ("营收37.7亿元,43.07亿元", [("37.7亿元", "37.7", "亿元"), ("43.07亿元", "43.07", "亿元")]),
    ("5 peoples, 100 percenters", []),
])
def test_english_figures_are_read_as_written_or_not_at_all(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(f.text, str(f.value), f.unit) for f in find_figures(text)] == expected


@pytest.mark.parametrize(("quote", "figure", "direction", "hint"), [
    ("more than 3,000 people", "3,000 people", None, ">"),
    ("500人以上", "500人", None, ">"),
    ("less than 5 percent", "5 percent", None, "<"),
    ("亏损收窄超过30%", "30%", "down", "<"),    # the relation compares the signed value: below −30
    ("研发占比不超过30%", "30%", None, None),    # "not more than": no hint (">" would pass 35%)
    ("no more than 3,000 people", "3,000 people", None, None),
    ("不低于10%", "10%", None, None),
    ("5亿元余额", "5亿元", None, None),
    ("最近10%", "10%", None, None),
])
def test_words_around_a_figure_suggest_a_relation_only_when_they_say_one(quote: str, figure: str,
                                                                          direction: str | None, hint: str | None) -> None:
    from types import SimpleNamespace

    from pizhu.kinds.tables.claims import _relation_hint

    said = _relation_hint(SimpleNamespace(quote=quote, direction=direction), quote.index(figure), figure)  # type: ignore[arg-type]
    assert (said and said.split("`relation: \"")[1][0]) == hint


@pytest.mark.parametrize(("number", "unit", "written"), [
    ("4.5", "million dollars", "$4.5 million"),
    ("−2", "billion dollars", "−$2 billion"),
    ("450,000", "dollars", "$450,000"),
    ("3,000", "people", "3,000 people"),
    ("37.72", "亿元", "37.72亿元"),
    ("45", "新台幣億元", "新台幣45億元"),
    ("12", "%", "12%"),
])
def test_a_figure_is_written_as_readers_of_its_unit_write_it(number: str, unit: str, written: str) -> None:
    from pizhu.kinds.tables.figures import with_unit

    assert with_unit(number, unit) == written


@pytest.mark.parametrize(("value", "group_from", "written"), [
    ("3206", 10000, "3206"),        # Chinese: 3206人
    ("3206", 1000, "3,206"),        # English: 3,206 people
    ("37720.5", 10000, "37,720.5"),
    ("-33.7", 1000, "−33.7"),
])
def test_thousands_are_separated_as_the_sites_language_does(value: str, group_from: int, written: str) -> None:
    assert format_number(D(value), group_from=group_from) == written
