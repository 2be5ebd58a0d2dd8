"""URL parameters arrive from links shared by e-mail: property tests of their parsers.

Whatever the text, parsing never raises, keeps only known values, stays within
its bounds, and says so (a notice) exactly when it refused something.
"""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from odd17.case_studies import Filters
from odd17.regions import FRANCE, MAX_SHOWN, RegionChoice, parse_region, shown
from odd17.state import LIST_PARAMS, MAX_ITEMS, MAX_QUERY, QUERY_PARAM, YEAR_PARAM, encode_filters, parse_filters
from odd17.workshop import parse_slide

KNOWN_REGIONS = {"11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94", "01", "02", "03", "04", "06"}
FILTER_REGIONS = KNOWN_REGIONS | {FRANCE}
# A vocabulary shaped like the dataset's: ids of [a-z0-9-] (the schema's pattern), so never a comma.
VOCAB = {
    "actor_profiles": {"association", "entreprise", "collectivite", "acteur_public", "academique"},
    "domains": {"sante", "recherche", "emploi", "education", "numerique", "environnement"},
    "level": {"local", "regional", "national", "international"},
    "category": {"pratiques_responsables", "cooperation_economique", "innovation_societale", "mecenat"},
}
BOUNDS = (2006, 2022)
SLIDES = 6
UNKNOWN = "n'est pas reconnu"
SEVERAL = "Plusieurs régions demandées : seule la première est affichée."
INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}

# Any text a URL can carry, including controls, bidi overrides, emoji and huge values.
any_text = st.text(max_size=300) | st.sampled_from(["../../etc", "x" * 10_000, "", " ", "%00", "\u202e75", "７５", "<script>"])
raw_values = st.none() | any_text | st.lists(any_text, max_size=5) | st.integers() | st.floats(allow_nan=True)
param_keys = st.sampled_from(["regions", *LIST_PARAMS, YEAR_PARAM, QUERY_PARAM, "region", "exemple", "zzz"]) | st.text(max_size=10)
param_maps = st.dictionaries(param_keys, any_text | st.lists(any_text, max_size=40), max_size=8)


def ordered_subset(pool: set[str]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(sorted(pool)), unique=True, max_size=len(pool)).map(tuple)


@st.composite
def valid_years(draw) -> tuple[int, int] | None:
    low = draw(st.integers(*BOUNDS))
    high = draw(st.integers(low, BOUNDS[1]))
    return None if (low, high) == BOUNDS else (low, high)


valid_filters = st.builds(
    Filters,
    regions=ordered_subset(FILTER_REGIONS),
    actor_profiles=ordered_subset(VOCAB["actor_profiles"]),
    domains=ordered_subset(VOCAB["domains"]),
    level=ordered_subset(VOCAB["level"]),
    category=ordered_subset(VOCAB["category"]),
    years=valid_years(),
    query=st.text(max_size=MAX_QUERY),
)


def parse(params: dict) -> tuple[Filters, tuple[str, ...]]:
    parsed = parse_filters(params, VOCAB, FILTER_REGIONS, BOUNDS)
    return parsed.filters, parsed.notices


def visible_and_short(notice: str) -> bool:
    return "\n" not in notice and not any(unicodedata.category(c) in INVISIBLE for c in notice) and len(notice) < 160


# ---- regions.parse_region -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc", RegionChoice(FRANCE, f"Le code de région « ../../etc » {UNKNOWN} : la France entière est affichée.")),
        ("x" * 10_000, RegionChoice(FRANCE, f"Le code de région « {'x' * MAX_SHOWN}… » {UNKNOWN} : la France entière est affichée.")),
        (["75", "52"], RegionChoice("75", SEVERAL)),
        (["75", "75"], RegionChoice("75")),
        ([" 75", "75 "], RegionChoice("75")),
        (["", "52"], RegionChoice("52")),
        ([""], RegionChoice(FRANCE)),
        ("", RegionChoice(FRANCE)),
        ("   ", RegionChoice(FRANCE)),
        ("fr", RegionChoice(FRANCE)),
        ("Fr", RegionChoice(FRANCE)),
        (" 75 ", RegionChoice("75")),
        ("\t04\n", RegionChoice("04")),
        ("4", RegionChoice(FRANCE, f"Le code de région « 4 » {UNKNOWN} : la France entière est affichée.")),
        ("075", RegionChoice(FRANCE, f"Le code de région « 075 » {UNKNOWN} : la France entière est affichée.")),
        ("７５", RegionChoice(FRANCE, f"Le code de région « ７５ » {UNKNOWN} : la France entière est affichée.")),
        ("75\u202e", RegionChoice(FRANCE, f"Le code de région « 75 » {UNKNOWN} : la France entière est affichée.")),
        ("a\n\n# titre", RegionChoice(FRANCE, f"Le code de région « a # titre » {UNKNOWN} : la France entière est affichée.")),
        (
            "<script>alert(1)</script>",
            RegionChoice(FRANCE, f"Le code de région « <script>alert(1)</script> » {UNKNOWN} : la France entière est affichée."),
        ),
        (75, RegionChoice("75")),
    ],
)
def test_parse_region_table(raw, expected: RegionChoice) -> None:
    assert parse_region(raw, KNOWN_REGIONS) == expected


@given(raw_values)
@example("x" * 10_000)
@example(["../../etc", "75"])
def test_parse_region_never_raises_and_gives_a_known_code(raw) -> None:
    choice = parse_region(raw, KNOWN_REGIONS)
    assert choice.code in FILTER_REGIONS
    assert choice.notice is None or visible_and_short(choice.notice)


@given(st.sampled_from(sorted(FILTER_REGIONS)), st.sampled_from(["", " ", "\t", "\n"]), st.booleans())
def test_parse_region_accepts_known_codes_padded_in_any_case(code: str, pad: str, lower: bool) -> None:
    raw = pad + (code.lower() if lower else code) + pad
    assert parse_region(raw, KNOWN_REGIONS) == RegionChoice(code)
    assert parse_region([raw, raw], KNOWN_REGIONS) == RegionChoice(code)


@given(any_text.filter(lambda t: t.strip() and t.strip().upper() not in FILTER_REGIONS), st.lists(any_text, max_size=3))
def test_parse_region_refuses_the_rest_with_a_notice(first: str, rest: list[str]) -> None:
    choice = parse_region([first, *rest], KNOWN_REGIONS)
    assert choice.code == FRANCE
    assert UNKNOWN in choice.notice and shown(first) in choice.notice


@given(st.lists(st.sampled_from(sorted(FILTER_REGIONS)), min_size=1, max_size=4))
def test_parse_region_notice_iff_several_different_codes(codes: list[str]) -> None:
    choice = parse_region(codes, KNOWN_REGIONS)
    assert choice.code == codes[0]
    assert (choice.notice == SEVERAL) == (len(set(codes)) > 1)


@given(st.text(max_size=500))
def test_shown_is_one_short_visible_line(value: str) -> None:
    text = shown(value)
    assert len(text) <= MAX_SHOWN + 1
    assert visible_and_short(text)


# ---- state.parse_filters / encode_filters -----------------------------------------------------------


@given(valid_filters)
def test_encode_then_parse_gives_the_same_filters_without_notice(filters: Filters) -> None:
    assert parse(encode_filters(filters)) == (filters, ())


@given(valid_filters)
def test_encoded_filters_are_non_empty_strings(filters: Filters) -> None:
    params = encode_filters(filters)
    assert all(isinstance(v, str) and v for v in params.values())
    assert set(params) <= {"regions", *LIST_PARAMS, YEAR_PARAM, QUERY_PARAM}


@given(param_maps)
@example({"regions": "../../etc", "profil": "x" * 10_000, YEAR_PARAM: "9" * 5_000, QUERY_PARAM: "q" * 10_000})
@example({"profil": ["association"] * 100})
@example({"profil": ",".join(["zzz"] * 1_000)})
@example({YEAR_PARAM: ["2010-2012", "2015-2016"], QUERY_PARAM: ["a", "b"]})
def test_parse_filters_never_raises_and_keeps_only_known_values(params: dict) -> None:
    filters, notices = parse(params)
    assert set(filters.regions) <= FILTER_REGIONS
    for column, known in VOCAB.items():
        chosen = getattr(filters, column)
        assert set(chosen) <= known and len(chosen) == len(set(chosen))
    if filters.years is not None:
        assert BOUNDS[0] <= filters.years[0] <= filters.years[1] <= BOUNDS[1]
        assert filters.years != BOUNDS
    assert isinstance(filters.query, str) and len(filters.query) <= MAX_QUERY
    assert all(visible_and_short(n) for n in notices)


@st.composite
def refusals(draw) -> dict[str, list[str]]:
    """Values the parser must refuse, keyed by parameter; possibly none."""
    junk_text = st.text(alphabet=string.ascii_letters + "./<>()[]:$ éà🤝", min_size=1, max_size=40)
    bad: dict[str, list[str]] = {}
    for param in ("regions", *LIST_PARAMS):
        known = FILTER_REGIONS if param == "regions" else VOCAB[LIST_PARAMS[param]]
        values = draw(st.lists(junk_text.filter(lambda t, k=known: t.strip() and "," not in t and t.strip() not in k), max_size=2))
        if values:
            bad[param] = values
    if draw(st.booleans()):
        bad[YEAR_PARAM] = [draw(st.sampled_from(["abc", "2015", "2010-", "-", "1800-1850", "2100-2200", "2010-2012-2014", "9" * 5000]))]
    return bad


@given(valid_filters, refusals())
def test_refused_values_leave_the_filters_alone_and_give_a_notice(filters: Filters, bad: dict[str, list[str]]) -> None:
    params: dict[str, object] = dict(encode_filters(filters))
    for param, values in bad.items():
        if param == YEAR_PARAM:
            params[param] = values[0]
            filters = Filters(**{**filters.__dict__, "years": None})
        else:
            params[param] = [*([params[param]] if param in params else []), *values]
    parsed, notices = parse(params)
    assert parsed == filters
    assert bool(notices) == bool(bad)


@given(valid_filters, st.integers(MAX_QUERY + 1, 3 * MAX_QUERY))
def test_an_overlong_query_is_cut_with_a_notice(filters: Filters, length: int) -> None:
    query = ("éa" * length)[:length]
    parsed, notices = parse({**encode_filters(filters), QUERY_PARAM: query})
    assert parsed.query == query[:MAX_QUERY]
    assert any("Recherche trop longue" in n for n in notices)


@pytest.mark.parametrize(
    ("params", "expected", "notice_words"),
    [
        ({}, Filters(), []),
        ({"regions": "../../etc"}, Filters(), ["région", "../../etc"]),
        ({"regions": "75,52"}, Filters(regions=("75", "52")), []),
        ({"regions": ["75", "52"]}, Filters(regions=("75", "52")), []),
        ({"regions": ["75", "75", " 75 "]}, Filters(regions=("75",)), []),
        ({"regions": "75,,, ,52,"}, Filters(regions=("75", "52")), []),
        ({"regions": "75,99"}, Filters(regions=("75",)), ["« 99 »"]),
        ({"profil": "ASSOCIATION"}, Filters(), ["profil", "ASSOCIATION"]),
        ({"profil": "x" * 10_000}, Filters(), ["profil", "x" * MAX_SHOWN + "…"]),
        ({"profil": ",".join(["association"] * (MAX_ITEMS + 5))}, Filters(actor_profiles=("association",)), ["Trop de valeurs"]),
        ({YEAR_PARAM: "2010-2015"}, Filters(years=(2010, 2015)), []),
        ({YEAR_PARAM: "2015-2010"}, Filters(years=(2010, 2015)), []),
        ({YEAR_PARAM: " 2010 - 2015 "}, Filters(years=(2010, 2015)), []),
        ({YEAR_PARAM: "1990-2015"}, Filters(years=(BOUNDS[0], 2015)), []),
        ({YEAR_PARAM: f"{BOUNDS[0]}-{BOUNDS[1]}"}, Filters(), []),
        ({YEAR_PARAM: ""}, Filters(), []),
        ({YEAR_PARAM: "abc"}, Filters(), ["Période non comprise", f"{BOUNDS[0]}-{BOUNDS[1]}"]),
        ({YEAR_PARAM: "2015"}, Filters(), ["Période non comprise"]),
        ({YEAR_PARAM: "1800-1850"}, Filters(), ["Période hors des années"]),
        ({YEAR_PARAM: "9" * 10_000}, Filters(), ["Période non comprise"]),
        ({YEAR_PARAM: ["2010-2012", "2015-2016"]}, Filters(years=(2010, 2012)), ["Plusieurs valeurs pour « période »"]),
        ({YEAR_PARAM: ["2010-2012", "2010-2012"]}, Filters(years=(2010, 2012)), []),
        ({QUERY_PARAM: ""}, Filters(), []),
        ({QUERY_PARAM: "<script>alert(1)</script>"}, Filters(query="<script>alert(1)</script>"), []),
        ({QUERY_PARAM: ["a", "b"]}, Filters(query="a"), ["Plusieurs valeurs pour « recherche »"]),
        ({QUERY_PARAM: "x" * 10_000}, Filters(query="x" * MAX_QUERY), ["Recherche trop longue"]),
        ({"zzz": "1", "region": "75", "exemple": "x"}, Filters(), []),
    ],
)
def test_parse_filters_table(params: dict, expected: Filters, notice_words: list[str]) -> None:
    filters, notices = parse(params)
    assert filters == expected
    assert bool(notices) == bool(notice_words)
    assert all(any(word in n for n in notices) for word in notice_words)


def test_at_most_three_refused_values_are_quoted_per_parameter() -> None:
    _, notices = parse({"profil": "a,b,c,d,e"})
    assert len(notices) == 3


def test_parse_filters_with_the_real_vocabulary(ds) -> None:
    from odd17 import case_studies

    vocab = {column: set(case_studies.facet_options(ds.concepts, column)) for column in case_studies.FACETS}
    regions = set(ds.regions["code"]) | {FRANCE}
    assert not any("," in value for values in vocab.values() for value in values), "a comma in an id would break ?x=a,b"
    bounds = case_studies.year_bounds(ds.case_studies)
    every = Filters(regions=tuple(sorted(regions)), **{c: tuple(sorted(v)) for c, v in vocab.items()}, query="Téléthon")
    parsed = parse_filters(encode_filters(every), vocab, regions, bounds)
    assert parsed.filters == every and parsed.notices == ()


# ---- workshop.parse_slide ---------------------------------------------------------------------------


@given(raw_values, st.integers(1, 50))
@example("9" * 10_000, SLIDES)
def test_parse_slide_is_always_a_slide(raw, count: int) -> None:
    number, notice = parse_slide(raw, count)
    assert 1 <= number <= count
    assert notice is None or visible_and_short(notice)


@given(st.integers(-1000, 1000), st.integers(1, 50))
def test_parse_slide_notice_iff_out_of_range(value: int, count: int) -> None:
    number, notice = parse_slide(str(value), count)
    assert (notice is None) == (1 <= value <= count)
    assert number == min(max(value, 1), count)


@pytest.mark.parametrize(
    ("raw", "expected", "has_notice"),
    [
        (None, 1, False),
        ("", 1, False),
        ("1", 1, False),
        (" 3 ", 3, False),
        (str(SLIDES), SLIDES, False),
        ("0", 1, True),
        ("-2", 1, True),
        ("7", SLIDES, True),
        ("9" * 10_000, 1, True),
        ("2.5", 1, True),
        ("../../etc", 1, True),
        ("<script>", 1, True),
    ],
)
def test_parse_slide_table(raw, expected: int, has_notice: bool) -> None:
    number, notice = parse_slide(raw, SLIDES)
    assert number == expected
    assert (notice is not None) == has_notice
