"""Figures as written ("37.7亿元", "2285.72万元", "9.10%", "6114人"; "$4.5 million", "3,000 people")
and derived values.

Everything is :class:`~decimal.Decimal`, so "37.7" keeps its one written decimal and
0.1 + 0.2 is 0.3. A figure remembers how precisely it was written: "37.7亿元" stands for
anything from 37.65 to 37.75 亿元, which is how a table value of 37.72 can agree with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation

# Unit -> (what it measures, how many base units it is). Only units of one kind convert.
_SCALED_YUAN = {"元": 1, "万元": 10**4, "亿元": 10**8, "萬元": 10**4, "億元": 10**8}
"""Amounts in 元 (Traditional 萬 and 億 as the simplified 万 and 亿)."""
CURRENCY_WORDS = {"人民币": "CNY", "人民幣": "CNY", "新台币": "TWD", "新台幣": "TWD", "新臺幣": "TWD",
                  "台币": "TWD", "台幣": "TWD", "臺幣": "TWD", "港币": "HKD", "港幣": "HKD", "美金": "USD"}
"""Currencies named before or after an amount in 元 ("新台幣45億元", "45億元新台幣", "港幣3.85元"):
the amount is in that currency."""
YUAN = "yuan"
"""An amount in 元 whose currency is not named: the currency the article is written in (renminbi on
the mainland, New Taiwan dollars in Taiwan), so it agrees with either named, never with Hong
Kong dollars (港元, 港幣…元) or US dollars (美元)."""
UNITS: dict[str, tuple[str, int]] = {
    **{unit: (YUAN, size) for unit, size in _SCALED_YUAN.items()},
    **{word + unit: (currency, size) for word, currency in CURRENCY_WORDS.items() for unit, size in _SCALED_YUAN.items()},
    **{unit.replace("元", "港元"): ("HKD", size) for unit, size in _SCALED_YUAN.items()},
    **{unit.replace("元", "美元"): ("USD", size) for unit, size in _SCALED_YUAN.items()},
    "人": ("people", 1),
    "%": ("percent", 1),
    # English, written after the number ("4.5 million dollars", "3,000 people", "12 percent");
    # "$4.5 million" is read by DOLLARS_RE.
    "dollars": ("USD", 1), "thousand dollars": ("USD", 10**3), "million dollars": ("USD", 10**6),
    "billion dollars": ("USD", 10**9), "trillion dollars": ("USD", 10**12),
    "people": ("people", 1),
    "percent": ("percent", 1),
}
UNITS_SHOWN = ("元, 万元, 亿元, 港元, 万港元, 亿港元, 美元, 万美元, 亿美元 (萬, 億 as 万, 亿; a currency before 元: "
               "新台幣億元, 人民币亿元), 人, %, dollars, thousand dollars, million dollars, billion dollars, "
               "trillion dollars, people, percent")
"""The units, as problems list them."""
_NUMBER = (r"(?<![\d.])(?<!\d[,，\u00a0\u202f])(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
           r"(?![.,，\u00a0\u202f]\d)")
"""A number, never the head or tail of another ("2,5 million" is not 5 million, "US$5.3億" not
US$5, "３，２０６人" and "3\u202f206人" not 206人; "43亿元" after "元," is one)."""
# Longest first, so "亿港元" is not read as "亿" + "港元" or "元"; a Latin unit ends a word.
_UNIT_PATTERN = "|".join(re.escape(u) + ("(?![A-Za-z])" if u[0].isascii() else "")
                         for u in sorted(UNITS, key=len, reverse=True))
_CURRENCY = "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))
FIGURE_RE = re.compile(f"(?:(?P<currency>{_CURRENCY})\\s?)?" + _NUMBER + r"\s?(?P<unit>" + _UNIT_PATTERN + ")"
                       + f"(?P<after>{_CURRENCY})?")
_SCALES = {"": "dollars", "thousand": "thousand dollars", "k": "thousand dollars", "million": "million dollars",
           "mn": "million dollars", "m": "million dollars", "billion": "billion dollars", "bn": "billion dollars",
           "b": "billion dollars", "trillion": "trillion dollars", "tn": "trillion dollars"}
SCALE_WORDS = r"thousand|million|billion|trillion"
"""Words that scale a number written before them (their abbreviations follow in ``_SCALE``)."""
_SCALE = SCALE_WORDS + r"|mn|bn|tn|k|m|b"
_GLUED = r"(?![A-Za-z\u3400-\u9fff²³\d])"
DOLLARS_RE = re.compile(r"(?<![A-Za-z])(?-i:(?<![A-Z]{2} ))(?:US)?\$\s?" + _NUMBER
                        + rf"(?:\s?(?P<scale>{_SCALE}){_GLUED}|{_GLUED}(?!\s?(?:{_SCALE})[a-z]*(?![a-z])))",
                        re.IGNORECASE)
"""Dollars written the English way, the sign first: "$4.5 million", "US$3bn", "$450,000". A
figure followed by a word pizhu does not know as a scale ("$5 millions", "US$5亿") is none."""
# Rounding never runs out of digits: table figures are at most 10^15 and at least 10^-9
# (pizhu.limits), so a ratio of two of them has at most 26 digits before the point.
ROUNDING = Context(prec=60)


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure as written in a text."""

    text: str
    """Exactly as written ("37.7亿元")."""
    value: Decimal
    unit: str
    decimals: int
    """Digits written after the decimal point (1 for "37.7")."""
    start: int = 0
    """Offset of the figure in the text it was found in."""

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def half_step(self) -> Decimal:
        """Half the last written digit: "37.7" stands for 37.65 … 37.75."""
        return Decimal(5).scaleb(-(self.decimals + 1))


def _figure(match: re.Match[str], offset: int = 0) -> Figure:
    number, groups = match.group("number"), match.groupdict()
    unit = groups["unit"] if "unit" in groups else _SCALES[(match.group("scale") or "").lower()]
    named = groups.get("currency") or groups.get("after")
    if named:  # 新台幣45億元, 45億元新台幣: New Taiwan dollars; a word with 港元 or 美元 says nothing more
        unit = named + unit if named + unit in UNITS else unit
    return Figure(match.group(0), Decimal(number.replace(",", "")), unit,
                  len(number.partition(".")[2]), offset + match.start())


def find_figures(text: str) -> list[Figure]:
    """Every figure with a known unit in ``text``, in order ("2021年" is not a figure)."""
    text = text.replace("％", "%")
    found = sorted((_figure(m) for pattern in (FIGURE_RE, DOLLARS_RE) for m in pattern.finditer(text)),
                   key=lambda f: (f.start, -len(f.text)))
    figures: list[Figure] = []
    for figure in found:  # where two readings overlap ("$4.5 million dollars"), the first and longest
        if not figures or figure.start >= figures[-1].end:
            figures.append(figure)
    return figures


def parse_figure(text: str) -> Figure | None:
    """``text`` as one figure ("37.7亿元", "$4.5 million"), or ``None`` when it is anything else."""
    text = text.strip().replace("％", "%")
    match = FIGURE_RE.fullmatch(text) or DOLLARS_RE.fullmatch(text)
    return _figure(match) if match else None


def with_unit(number: str, unit: str | None) -> str:
    """A number written with its unit as readers of that unit write it: "37.72亿元", "3,000 people"
    (a word after a space), "$4.5 million" and "−$2 billion" (the dollar sign first)."""
    if not unit:
        return number
    if unit.endswith("dollars") and UNITS.get(unit, ("",))[0] == "USD":
        sign, digits = (number[0], number[1:]) if number[:1] in "−-+" else ("", number)
        scale = unit.removesuffix("dollars").strip()
        return f"{sign}${digits}" + (f" {scale}" if scale else "")
    currency = next((word for word in CURRENCY_WORDS if unit.startswith(word)), "")
    if currency:  # 新台幣45億元
        return currency + number + unit.removeprefix(currency)
    return f"{number} {unit}" if unit[0].isascii() and unit[0].isalpha() else number + unit


def to_decimal(value: object) -> Decimal | None:
    """A YAML number as a Decimal that keeps the digits as written (37.72, not 37.7199…)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return None


def same_kind(unit_a: str, unit_b: str) -> bool:
    """True when both units measure the same thing (亿元 and 万元, 億元 and 新台幣元; not 亿元 and
    亿港元, nor 人民币元 and 新台幣元)."""
    if unit_a not in UNITS or unit_b not in UNITS:
        return False
    kinds = {UNITS[unit_a][0], UNITS[unit_b][0]}
    return len(kinds) == 1 or (YUAN in kinds and kinds <= {YUAN, "CNY", "TWD"})


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """``value`` in ``from_unit`` expressed in ``to_unit`` (units of the same kind)."""
    if not same_kind(from_unit, to_unit):
        raise ValueError(f"cannot convert {from_unit} to {to_unit}")
    return value * UNITS[from_unit][1] / UNITS[to_unit][1]


def agrees(actual: Decimal, stated: Decimal, relation: str, tolerance: Decimal) -> bool:
    """Does ``actual`` satisfy what the text states (``=`` within ``tolerance``, ``>``, ``<``)?"""
    if relation == ">":
        return actual > stated
    if relation == "<":
        return actual < stated
    return abs(actual - stated) <= tolerance


# ---- derived values ------------------------------------------------------------------------

FORMULAS = {
    "change": "change(column) or change(column, row-id): (this row − base row) ÷ base row, in %; the base row is "
              "the row before unless a row id is given",
    "ratio": "ratio(column, column): the first ÷ the second, in %",
}
FORMULA_RE = re.compile(r"^\s*(?P<name>[a-z]+)\(\s*(?P<args>[^()]*)\)\s*$")


@dataclass(frozen=True, slots=True)
class Formula:
    """A derived column's recipe: ``change(loss)``, ``change(staff, end-2021)``, ``ratio(rnd, revenue)``."""

    name: str
    args: tuple[str, ...]
    text: str

    @property
    def inputs(self) -> tuple[str, ...]:
        """The columns it reads."""
        return self.args[:1] if self.name == "change" else self.args

    @property
    def base_row(self) -> str | None:
        """For ``change(col, row)``: the row every value is compared with."""
        return self.args[1] if self.name == "change" and len(self.args) == 2 else None


def parse_formula(text: str) -> tuple[Formula | None, str | None]:
    """Parse a formula; returns ``(formula, None)`` or ``(None, what is wrong)``."""
    match = FORMULA_RE.fullmatch(text)
    if not match:
        return None, f"\"{text}\" is not a formula like change(column) or ratio(column, column)"
    name = match.group("name")
    args = tuple(a.strip() for a in match.group("args").split(",") if a.strip())
    if name not in FORMULAS:
        return None, f"unknown formula \"{name}\""
    if name == "change" and len(args) not in (1, 2):
        return None, "change takes a column and optionally a base row: change(column) or change(column, row-id)"
    if name == "ratio" and len(args) != 2:
        return None, "ratio takes two columns: ratio(column, column)"
    return Formula(name, args, f"{name}({', '.join(args)})"), None


def relative_change(old: Decimal | None, new: Decimal | None) -> Decimal | None:
    """(new − old) ÷ old in percent; ``None`` when an input is missing or old is 0."""
    if old is None or new is None or old == 0:
        return None
    return (new - old) / abs(old) * 100


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """numerator ÷ denominator in percent; ``None`` when an input is missing or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator * 100


# ---- display -------------------------------------------------------------------------------

def format_number(value: Decimal, decimals: int | None = None, *, signed: bool = False,
                  group_from: int = 10000, thousands: str = ",", point: str = ".") -> str:
    """"3,772.1", "−33.7", "+10.8": thousands separated, a real minus sign.

    Args:
        value: the number.
        decimals: round to this many decimals; ``None`` keeps the digits as written.
        signed: show "+" on positive numbers (for changes).
        group_from: the smallest number written with separators: 10,000 in Chinese (3206人),
            1,000 in English (3,206 people).
        thousands, point: the separator of thousands and the decimal point (German: "." and ",").
    """
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), context=ROUNDING)
    text = f"{abs(value):,f}" if abs(value) >= group_from else f"{abs(value):f}"
    if (thousands, point) != (",", "."):
        text = text.translate({ord(","): thousands, ord("."): point})
    sign = "−" if value < 0 else ("+" if signed and value > 0 else "")
    return sign + text


def plain_number(value: Decimal | None, decimals: int | None = None) -> str:
    """Machine-readable number text for CSV ("-33.7", "" for missing)."""
    if value is None:
        return ""
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), context=ROUNDING)
    return f"{value:f}"


def json_number(value: Decimal | None, decimals: int | None = None) -> int | float | None:
    """A Decimal for JSON: an int when whole, else a float with the same digits."""
    if value is None:
        return None
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), context=ROUNDING)
    return int(value) if value == value.to_integral_value() and decimals in (None, 0) else float(value)
