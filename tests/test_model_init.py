"""The model's frozen dataclasses built by :func:`citecheck.model.quick_init`
take the same arguments, hold the same attributes, and compare, hash and
refuse assignment exactly as the dataclasses' own ``__init__`` made them."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from citecheck.model import (
    Author,
    Citation,
    CitationStyle,
    CiteItem,
    Finding,
    Location,
    Reference,
    ReferenceFields,
    ReferenceOrigin,
    Related,
    Severity,
    Span,
    new_article_fields,
    quick_init,
    with_fields,
)

QUICK = (Span, Author, ReferenceFields, Reference, CiteItem, Citation, Location, Related, Finding)


def plain(cls: type) -> type:
    """The same class as the dataclass decorator alone makes it."""
    namespace = {f.name: f.default for f in dataclasses.fields(cls) if f.default is not dataclasses.MISSING}
    namespace["__annotations__"] = {f.name: f.type for f in dataclasses.fields(cls)}
    return dataclasses.dataclass(frozen=True)(type(cls.__name__, (), namespace))


@pytest.mark.parametrize("cls", QUICK, ids=lambda c: c.__name__)
def test_same_signature(cls: type) -> None:
    mine = inspect.signature(cls.__init__).parameters
    theirs = inspect.signature(plain(cls).__init__).parameters
    assert [(p.name, p.kind, p.default) for p in mine.values()] == [
        (p.name, p.kind, p.default) for p in theirs.values()
    ]


def samples() -> list[tuple[type, tuple[object, ...], dict[str, object]]]:
    span = Span(3, 9)
    author = Author("Smith", "J")
    fields = ReferenceFields(authors=(author,), title="A title", year=2020, doi="10.1/x")
    item = CiteItem("3", span, 3, 3)
    return [
        (Span, (1, 2), {}),
        (Span, (1, 2), {"source": 4}),
        (Author, ("Smith",), {"given": "J", "is_group": False}),
        (ReferenceFields, (), {}),
        (ReferenceFields, ((author,), True), {"title": "T", "year": 1999, "note": "erratum"}),
        (Reference, ("smith2020", span, "text"), {}),
        (Reference, ("1", span, "text", 1, ReferenceOrigin.DATABASE, fields), {"database_fields": frozenset({"title"})}),
        (CiteItem, ("smith", span), {"key": "smith"}),
        (Citation, (span, "[3]", (item,), CitationStyle.BRACKET), {"command": None}),
        (Location, ("a.tex", 1, 2, 1, 5), {}),
        (Related, (Location("a.tex", 1, 2, 1, 5), "see"), {}),
        (Finding, ("CC101", "uncited-reference", Severity.INFO, "m", Location("a.tex", 1, 2, 1, 5)), {}),
        (Finding, ("CC201", "n", Severity.WARNING, "m", Location("a.tex", 1, 2, 1, 5), ("a", "b"),
                   (Related(Location("a.tex", 2, 1, 2, 3), "r"),)), {"fix": "safe"}),
    ]


@pytest.mark.parametrize("cls, args, kwargs", samples(), ids=lambda x: getattr(x, "__name__", ""))
def test_same_instances(cls: type, args: tuple[object, ...], kwargs: dict[str, object]) -> None:
    mine, again = cls(*args, **kwargs), cls(*args, **kwargs)
    theirs = plain(cls)(*args, **kwargs)
    assert vars(mine) == vars(theirs)
    assert list(vars(mine)) == list(vars(theirs))  # same order: repr and asdict follow it
    assert mine == again and hash(mine) == hash(again)
    assert repr(mine).split("(", 1)[1] == repr(theirs).split("(", 1)[1]
    assert dataclasses.replace(mine) == mine
    assert pickle.loads(pickle.dumps(mine)) == mine
    name = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(mine, name, None)


def test_the_reference_builders_make_the_same_instances() -> None:
    author = Author("Smith", "J")
    mine = new_article_fields((author,), True, "T", "J Res", 2020, "4", None, "1-9", "10.1/x", "10.1/X", "reply")
    theirs = ReferenceFields(authors=(author,), et_al=True, title="T", container="J Res", year=2020, volume="4",
                             pages="1-9", doi="10.1/x", raw_doi="10.1/X", type="article", note="reply")
    assert mine == theirs and hash(mine) == hash(theirs) and repr(mine) == repr(theirs)
    assert list(vars(mine).items()) == list(vars(theirs).items())
    assert pickle.loads(pickle.dumps(mine)) == theirs
    every = Reference("1", Span(1, 2, 3), "text", 1, ReferenceOrigin.DATABASE, ReferenceFields(), "article", False, Span(1, 2),
                      frozenset({"title"}))
    assert all(getattr(every, f.name) != f.default for f in dataclasses.fields(Reference))  # every field is set
    built, replaced = with_fields(every, mine), dataclasses.replace(every, fields=mine)
    assert list(vars(built).items()) == list(vars(replaced).items())
    assert built == replaced and hash(built) == hash(replaced) and repr(built) == repr(replaced)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.label = "2"  # type: ignore[misc]


def test_missing_argument_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        Span(1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Author("Smith", nickname="J")  # type: ignore[call-arg]


def test_refuses_what_it_cannot_build() -> None:
    @dataclasses.dataclass
    class WithFactory:
        items: list[int] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass
    class WithPostInit:
        x: int

        def __post_init__(self) -> None:
            pass

    for cls in (WithFactory, WithPostInit):
        with pytest.raises(TypeError):
            quick_init(cls)
