"""citecheck.lazyre: patterns compiled on first use answer as the compiled pattern does,
every one of the package compiles, and a check compiles only those its input needs."""

from __future__ import annotations

import copy
import importlib
import pkgutil
import re
import subprocess
import sys

import pytest

import citecheck
from citecheck import lazyre
from citecheck.lazyre import LazyPattern
from tests.paths import FIXTURES


def stand_ins() -> dict[str, LazyPattern]:
    """Every stand-in a module of the package holds, by module and name (the
    optional extras' modules, whose imports may be missing, are skipped)."""
    found: dict[str, LazyPattern] = {}
    for info in pkgutil.walk_packages(citecheck.__path__, "citecheck."):
        if info.name.endswith("__main__"):
            continue  # runs the command line
        try:
            module = importlib.import_module(info.name)
        except ImportError:
            continue
        for name, value in vars(module).items():
            if isinstance(value, LazyPattern):
                found[f"{info.name}.{name}"] = value
    return found


def test_every_pattern_of_the_package_compiles() -> None:
    found = stand_ins()
    assert len(found) > 100  # the reference parser's alone are 65
    for name, pattern in found.items():
        assert isinstance(pattern.compiled(), re.Pattern), name


def test_a_stand_in_answers_as_the_compiled_pattern() -> None:
    source, flags = r"(?P<word>[a-z]+)(\d*)", re.IGNORECASE
    lazy, eager = lazyre.compile(source, flags), re.compile(source, flags)
    text = "Alpha12 beta 3gamma"
    assert "_compiled" not in vars(lazy)  # nothing compiled yet
    assert lazy.search(text).group(0) == eager.search(text).group(0) == "Alpha12"  # type: ignore[union-attr]
    assert "_compiled" in vars(lazy)
    assert lazy.match(text).span() == eager.match(text).span()  # type: ignore[union-attr]
    assert lazy.fullmatch("abc1") is not None and lazy.fullmatch("1abc") is None
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.findall(text) == eager.findall(text)
    assert lazy.sub(r"<\g<word>>", text) == eager.sub(r"<\g<word>>", text)
    assert lazy.subn("x", text) == eager.subn("x", text)
    assert lazy.split(text) == eager.split(text)
    assert (lazy.pattern, lazy.flags, lazy.groups, lazy.groupindex) == (
        eager.pattern, eager.flags, eager.groups, eager.groupindex)
    assert repr(lazy) == f"lazy {eager!r}"


def test_a_bytes_pattern() -> None:
    lazy = lazyre.compile(b"[\x80-\x9f]")
    assert lazy.findall(b"a\x85b\x90") == [b"\x85", b"\x90"]


def test_a_broken_pattern_raises_when_first_used() -> None:
    lazy = lazyre.compile("(unclosed")
    with pytest.raises(re.error):
        lazy.search("x")


def test_probes_for_special_methods_do_not_compile() -> None:
    lazy = lazyre.compile("a+")
    assert not hasattr(lazy, "__len__")
    copied = copy.copy(lazy)
    assert "_compiled" not in vars(lazy) and copied.search("baa") is not None


def compiled_in_a_check(path: str) -> dict[str, tuple[int, int]]:
    """For each module with stand-ins: how many a ``citecheck check path`` process
    compiled, of how many."""
    code = (
        "import sys, runpy\nsys.argv = ['citecheck', 'check', sys.argv[1], '-o', '/dev/null']\n"
        "try:\n    runpy.run_module('citecheck', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "from citecheck.lazyre import LazyPattern\ncounts = {}\n"
        "for name, module in list(sys.modules.items()):\n"
        "    if name.startswith('citecheck'):\n"
        "        for value in list(vars(module).values()):\n"
        "            if isinstance(value, LazyPattern):\n"
        "                done, total = counts.get(name, (0, 0))\n"
        "                counts[name] = (done + ('_compiled' in vars(value)), total + 1)\n"
        "print('COUNTS', counts, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, check=False,
                            timeout=120)
    line = next(x for x in result.stderr.splitlines() if x.startswith("COUNTS "))
    counts: dict[str, tuple[int, int]] = eval(line[len("COUNTS "):])  # noqa: S307 - our own output
    return counts


def test_a_check_compiles_only_what_its_references_need() -> None:
    counts = compiled_in_a_check(str(FIXTURES / "zh_bone_metastasis.txt"))
    done, total = counts["citecheck.refparse.parser"]
    # The seed's references use about two thirds of the reference parser's patterns;
    # author-year parsing and the et-al rule's patterns none.
    assert 0 < done < total
    assert counts["citecheck.parsing.authoryear_refs"][0] == 0
    assert counts["citecheck.rules.et_al_usage"][0] == 0
