"""LaTeX masking, command scanning and field decoding."""

from __future__ import annotations


import pytest

from citecheck.parsing.latex_mask import mask_latex
from citecheck.parsing.latex_scan import CiteCommand, CommandTable, IncludeCommand, scan_latex
from citecheck.parsing.latex_text import latex_to_text
from tests.growth import assert_linear_growth


def cites(text: str, table: CommandTable | None = None) -> list[tuple[str, list[str]]]:
    scan = scan_latex(mask_latex(text), table)
    return [(e.command, [k.key for k in e.keys]) for e in scan.events if isinstance(e, CiteCommand)]


# -- masking -----------------------------------------------------------------


def test_mask_keeps_offsets_and_newlines() -> None:
    text = "a % \\cite{x}\nb\n"
    masked = mask_latex(text)
    assert len(masked) == len(text)
    assert masked == "a " + " " * 10 + "\nb\n"


@pytest.mark.parametrize(
    "text",
    [
        "% \\cite{hidden}\n",
        "\\begin{comment}\n\\cite{hidden}\n\\end{comment}\n",
        "\\begin{verbatim}\n\\cite{hidden}\n\\end{verbatim}\n",
        "\\begin{lstlisting}\n\\cite{hidden}\n\\end{lstlisting}\n",
        "\\verb|\\cite{hidden}|\n",
        "\\verb+\\cite{hidden}+\n",
        "\\iffalse \\cite{hidden} \\ifx a b \\fi \\cite{hidden} \\fi\n",
    ],
)
def test_hidden_citations_are_masked(text: str) -> None:
    assert cites(text) == []


def test_escaped_percent_is_not_a_comment_but_a_line_break_percent_is() -> None:
    assert cites("50\\% \\cite{a}\n") == [("cite", ["a"])]
    assert cites("line\\\\% \\cite{b}\n") == []


def test_percent_inside_verb_does_not_start_a_comment() -> None:
    assert cites("\\verb|%| \\cite{a}\n") == [("cite", ["a"])]


def test_text_after_iffalse_block_is_kept() -> None:
    assert cites("\\iffalse \\cite{x}\\fi \\cite{y}") == [("cite", ["y"])]


# -- citation commands ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\\cite{a}", [("cite", ["a"])]),
        ("\\citep{a, b ,c}", [("citep", ["a", "b", "c"])]),
        ("\\citet*{a}", [("citet", ["a"])]),
        ("\\cite[p.~5]{a}", [("cite", ["a"])]),
        ("\\cite[see][ch. 2]{a}", [("cite", ["a"])]),
        ("\\citep[e.g.][]{a}", [("citep", ["a"])]),
        ("\\cite[{a]b}]{a}", [("cite", ["a"])]),
        ("\\cite[a[b]{a}", [("cite", ["a"])]),
        ("\\cite[see\n\n]{a}", []),
        ("\\cites(see\n\n){a}", []),
        ("\\cite\n  [p. 3]\n  {a}", [("cite", ["a"])]),
        ("\\parencite{a} \\textcite{b} \\autocite{c} \\footcite{d}", [
            ("parencite", ["a"]), ("textcite", ["b"]), ("autocite", ["c"]), ("footcite", ["d"])]),
        ("\\smartcite{a}\\supercite{b}\\fullcite{c}\\citealp{d}\\citealt{e}", [
            ("smartcite", ["a"]), ("supercite", ["b"]), ("fullcite", ["c"]),
            ("citealp", ["d"]), ("citealt", ["e"])]),
        ("\\citeauthor{a} \\citeyear{b}", [("citeauthor", ["a"]), ("citeyear", ["b"])]),
        ("\\nocite{*}", [("nocite", ["*"])]),
        ("\\citetalias{a} \\citeA{b} \\shortciteNP{c} \\citeasnoun{d}", [
            ("citetalias", ["a"]), ("citeA", ["b"]), ("shortciteNP", ["c"]), ("citeasnoun", ["d"])]),
        ("\\cites{a}{b}", [("cites", ["a", "b"])]),
        ("\\parencites(pre)(post)[p1]{a,b}[see][p2]{c} next", [("parencites", ["a", "b", "c"])]),
        ("\\cite{}", [("cite", [])]),
        ("the \\cite command", []),
        ("\\citation{a}", []),
        ("\\cite\n\n{a}", []),
    ],
)
def test_citation_commands(text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert cites(text) == expected


def test_key_offsets() -> None:
    text = "See \\cite[p. 2]{alpha, beta}."
    scan = scan_latex(mask_latex(text))
    cite = scan.events[0]
    assert isinstance(cite, CiteCommand)
    assert (cite.start, cite.end) == (4, 28)
    assert [(text[k.start : k.end]) for k in cite.keys] == ["alpha", "beta"]


def test_extra_commands() -> None:
    assert cites("\\mycite{a}") == []
    assert cites("\\mycite{a}", CommandTable.with_extra(("\\mycite",))) == [("mycite", ["a"])]


def test_a_macro_that_wraps_a_citation_becomes_a_citation_command() -> None:
    text = "\\newcommand{\\inlinecite}[1]{\\footnotesize\\citen{#1}}\nSee \\inlinecite{a, b}."
    assert cites(text) == [("inlinecite", ["a", "b"])]


def test_macro_parameters_are_not_keys() -> None:
    assert cites("\\newcommand{\\x}[2]{\\cite[#2]{#1}}") == []


@pytest.mark.parametrize(
    "build",
    [
        lambda n: "\\cite{" * n,
        lambda n: "\\cite[" * n,
        lambda n: "\\cites(" * n,
        lambda n: "\\iffalse " * n,
        lambda n: "\\verb|" * n,
        lambda n: ("\\" * 1000 + "%") * (n // 1000),
        lambda n: "(" * n + "]" * n,
        lambda n: "{" * n + "\n\n" * n,
    ],
    ids=["cite-brace", "cite-bracket", "cites-paren", "iffalse", "verb", "backslashes",
         "paren-bracket", "brace-paragraphs"],
)
def test_pathological_input_is_scanned_in_linear_time(build) -> None:
    assert_linear_growth(build, lambda text: scan_latex(mask_latex(text)), 20_000)


# -- includes and bibliographies ------------------------------------------------


def includes(text: str) -> list[tuple[str, tuple[str, ...], str]]:
    scan = scan_latex(mask_latex(text))
    return [(e.command, e.names, e.kind) for e in scan.events if isinstance(e, IncludeCommand)]


def test_include_commands() -> None:
    text = (
        "\\input{sections/intro}\\include{ch1}\\subfile{parts/a.tex}\\input b.tex\n"
        "\\import{dir/}{file}\\subimport{sub}{x}\n"
        "\\bibliography{refs, more}\\addbibresource[label=x]{lib.bib}\n"
        "\\addbibresource[location=remote]{https://example.org/x.bib}\n"
        "\\includegraphics{fig}\\newcommand{\\chap}[1]{\\input{#1}}\n"
    )
    assert includes(text) == [
        ("input", ("sections/intro",), "tex"),
        ("include", ("ch1",), "tex"),
        ("subfile", ("parts/a.tex",), "tex"),
        ("input", ("b.tex",), "tex"),
        ("import", ("dir/file",), "tex"),
        ("subimport", ("sub/x",), "tex"),
        ("bibliography", ("refs", "more"), "bib"),
        ("addbibresource", ("lib.bib",), "bib"),
    ]


def test_bibitems_and_their_extent() -> None:
    text = (
        "\\begin{thebibliography}{9}\n"
        "\\bibitem[Smith(2020)]{smith} Smith, J. A title. 2020.\n"
        "\\bibitem{jones}\n  Jones, K. Another. 2019.\n"
        "\\end{thebibliography}\nafter"
    )
    scan = scan_latex(mask_latex(text))
    assert scan.has_thebibliography
    assert [(b.key, text[b.key_start : b.key_end]) for b in scan.bibitems] == [
        ("smith", "smith"), ("jones", "jones")]
    assert text[scan.bibitems[1].start : scan.bibitems[1].end] == "\\bibitem{jones}\n  Jones, K. Another. 2019.\n"


# -- decoding --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ('M{\\"u}ller', "Müller"),
        ("{\\v{S}}eva", "Ševa"),
        ("Abdedda{\\\"\\i}m", "Abdeddaïm"),
        ("{\\'E}cole", "École"),
        ("\\c{c}a \\c c", "ça ç"),
        ("Stra\\ss e", "Straße"),
        ("{\\o}ster {\\AA}se", "øster Åse"),
        ("The {DNA} of {{E. coli}}", "The DNA of E. coli"),
        ("pages 1--7 and 8---9", "pages 1–7 and 8—9"),
        ("5924--5946", "5924–5946"),  # the page ranges' shortcut
        (" 12 --\t15 ", "12 – 15"),
        ("1----2", "1—-2"),  # three, then one: as the token loop reads them
        ("3--4}", "3–4"),  # a stray brace: the token loop drops it
        ("\\textit{et al.} \\& co", "et al. & co"),
        ("100\\% \\$5 a\\_b", "100% $5 a_b"),
        ("E.~coli", "E. coli"),
        ("\\url{https://x.org/a_b}", "https://x.org/a_b"),
        ("$\\alpha$-helix", "α-helix"),
        ("``quoted''", "“quoted”"),
        ("plain   text", "plain text"),
        ("{unclosed", "unclosed"),
        ("\\apj", "ApJ"),
        ("\\aap, in press", "A&A, in press"),
    ],
)
def test_latex_to_text(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


@pytest.mark.parametrize(("build", "size"),
                         [(lambda n: '\\"{' * n, 5_000), (lambda n: '\\"' * n + "u", 5_000),
                          (lambda n: "{" * n, 20_000)],
                         ids=["accent-braces", "accents", "braces"])
def test_hostile_field_values_decode_in_linear_time(build, size: int) -> None:
    assert_linear_growth(build, latex_to_text, size)
