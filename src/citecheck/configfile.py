"""Configuration files: ``[tool.citecheck]`` in pyproject.toml, or ``.citecheck.toml``.

The file is found by searching upward from the checked path: in each
directory ``.citecheck.toml`` wins over ``pyproject.toml``, and a
pyproject.toml without a ``[tool.citecheck]`` table is passed over.  In
``.citecheck.toml`` the keys sit at the top level (or under
``[tool.citecheck]``, so a table can be moved between the two files).

Every key, rule and option is validated: a typo is a :class:`ConfigError`
naming the key and the file, never silently ignored.  Command-line options
are layered over the file by :func:`merge_cli` (as in Ruff: ``--select``
starts a new selection, ``--ignore`` and ``--extend-select`` add to the
file's).
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from citecheck.config import FAIL_ON_CHOICES, STYLE_CHOICES, Config, RuleSettings, parse_severity, parse_style
from citecheck.errors import ConfigError
from citecheck.walkup import ancestors
from citecheck.rules import get_rule, validate_selector

CONFIG_NAMES = (".citecheck.toml", "pyproject.toml")


@dataclass(frozen=True)
class LoadedConfig:
    """A validated configuration and the file it came from (``None``: defaults)."""

    config: Config
    path: str | None = None
    exclude: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)


def _where(path: str, key: str) -> str:
    return f"'{key}' in {path}"


def _str_list(value: Any, path: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{_where(path, key)} must be a list of strings")
    return tuple(value)


def _bool(value: Any, path: str, key: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{_where(path, key)} must be true or false, not {value!r}")
    return value


def _choice(choices: Sequence[str]) -> Callable[[Any, str, str], str]:
    def convert(value: Any, path: str, key: str) -> str:
        if not isinstance(value, str) or value not in choices:
            raise ConfigError(f"{_where(path, key)} must be one of {', '.join(choices)}, not {value!r}")
        return value
    return convert


def _per_file_ignores(value: Any, path: str, key: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{_where(path, key)} must be a table of glob = [codes]")
    base = os.path.dirname(os.path.abspath(path))
    out: dict[str, tuple[str, ...]] = {}
    for pattern, codes in value.items():
        # Globs are relative to the config file's directory, as in Ruff.
        anchored = pattern if os.path.isabs(pattern) else os.path.join(base, pattern)
        selectors = _str_list(codes, path, f"{key}.{pattern}")
        try:
            out[anchored.replace(os.sep, "/")] = tuple(validate_selector(c) for c in selectors)
        except ConfigError as error:
            raise ConfigError(f"{path}: {key} '{pattern}': {error}") from None
    return out


#: File key -> (Config field, converter).  Other features add their keys here.
KEYS: dict[str, tuple[str, Callable[[Any, str, str], Any]]] = {
    "select": ("select", _str_list),
    "ignore": ("ignore", _str_list),
    "extend-select": ("extend_select", _str_list),
    "fail-on": ("fail_on", _choice(FAIL_ON_CHOICES)),
    "style": ("style", _choice(STYLE_CHOICES)),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "cite-commands": ("cite_commands", _str_list),
    "bib": ("bib_files", _str_list),
    "allow-outside-includes": ("allow_outside_includes", _bool),
}
#: Keys that are not Config fields: ``exclude`` (globs the directory walk skips).
EXTRA_KEYS: dict[str, Callable[[Any, str, str], Any]] = {"exclude": _str_list}


def _unknown(kind: str, name: str, known: Sequence[str], path: str) -> ConfigError:
    close = difflib.get_close_matches(name, list(known), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(sorted(known))})"
    return ConfigError(f"unknown {kind} '{name}' in {path}{hint}")


def _rule_settings(table: Any, path: str) -> dict[str, RuleSettings]:
    if not isinstance(table, dict):
        raise ConfigError(f"{_where(path, 'rules')} must be a table of rule tables")
    out: dict[str, RuleSettings] = {}
    for name, settings in table.items():
        try:
            rule = get_rule(name)
        except ConfigError:
            raise ConfigError(f"unknown rule '{name}' in [tool.citecheck.rules] of {path} "
                              "(see 'citecheck rules')") from None
        if not isinstance(settings, dict):
            raise ConfigError(f"{_where(path, 'rules.' + name)} must be a table")
        severity = None
        options: dict[str, Any] = {}
        for key, value in settings.items():
            if key == "severity":
                if not isinstance(value, str):
                    raise ConfigError(f"{_where(path, f'rules.{name}.severity')} must be a string")
                severity = parse_severity(value)
                continue
            option = key.replace("-", "_") if key.replace("-", "_") in rule.options else key
            if option not in rule.options:
                raise _unknown(f"option for rule {rule.code}", key, ["severity", *rule.options], path)
            default = rule.options[option]
            if default is not None and not _same_kind(value, default):
                raise ConfigError(
                    f"{_where(path, f'rules.{name}.{key}')} must be {type(default).__name__}, "
                    f"not {type(value).__name__} ({value!r})"
                )
            limits = rule.option_limits.get(option)
            if limits is not None and not limits[0] <= value <= limits[1]:
                raise ConfigError(
                    f"{_where(path, f'rules.{name}.{key}')} must be between {limits[0]:g} and "
                    f"{limits[1]:g}, not {value!r}"
                )
            options[option] = value
        out[rule.code] = RuleSettings(severity, options)
    return out


def _same_kind(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, int):
        return isinstance(value, int)  # a count: 4.0 or 2.5 is not one
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple)):
        return isinstance(value, list)
    return isinstance(value, type(default))


def parse_table(table: Mapping[str, Any], path: str) -> LoadedConfig:
    """Validate a ``[tool.citecheck]`` table read from ``path`` into a LoadedConfig."""
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    rules: dict[str, RuleSettings] = {}
    for key, value in table.items():
        if key == "rules":
            rules = _rule_settings(value, path)
        elif key in KEYS:
            name, convert = KEYS[key]
            values[name] = convert(value, path, key)
        elif key in EXTRA_KEYS:
            extra[key] = EXTRA_KEYS[key](value, path, key)
        else:
            raise _unknown("key", key, [*KEYS, *EXTRA_KEYS, "rules"], path)
    style = values.pop("style", None)
    try:
        config = Config.from_options(style=style, rules=rules, **values)
    except ConfigError as error:
        raise ConfigError(f"{path}: {error}") from None
    return LoadedConfig(config, path, tuple(extra.get("exclude", ())), extra)


def read_config_file(path: str) -> LoadedConfig:
    """Load a config file; a pyproject.toml's ``[tool.citecheck]`` table, else the whole file."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"cannot read the config file {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from None
    table = _citecheck_table(data, path)
    return parse_table(table if table is not None else {}, path)


def _citecheck_table(data: Mapping[str, Any], path: str) -> Mapping[str, Any] | None:
    tool = data.get("tool")
    nested = tool.get("citecheck") if isinstance(tool, dict) else None
    if os.path.basename(path) == "pyproject.toml":
        return nested if isinstance(nested, dict) else None
    if nested is not None:
        if not isinstance(nested, dict):
            raise ConfigError(f"[tool.citecheck] in {path} must be a table")
        others = [k for k in data if k != "tool"]
        if others:
            raise _unknown("key", others[0], ["tool"], path)
        return nested
    return data


def find_config_file(start: str) -> str | None:
    """The nearest config file at or above ``start`` (a file or directory)."""
    directory = os.path.abspath(start)
    if not os.path.isdir(directory):
        directory = os.path.dirname(directory)
    for folder in ancestors(directory):
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and _has_config(candidate):
                return candidate
    return None


def _has_config(path: str) -> bool:
    if os.path.basename(path) != "pyproject.toml":
        return True
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return False  # not ours to complain about unless it says [tool.citecheck]
    return _citecheck_table(data, path) is not None


def load_config(paths: Sequence[str], config_file: str | None = None, isolated: bool = False) -> LoadedConfig:
    """The configuration for checking ``paths``: ``config_file`` if given, else the
    file found upward from the first path (or the working directory); defaults if
    ``isolated`` or none is found."""
    if isolated:
        return LoadedConfig(Config())
    if config_file is not None:
        return read_config_file(config_file)
    found = find_config_file(paths[0] if paths else os.getcwd())
    return read_config_file(found) if found else LoadedConfig(Config())


def merge_cli(
    base: Config,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    **overrides: Any,
) -> Config:
    """Layer command-line options over a file's configuration.

    ``select`` replaces the file's selection and its ignores (a new layer);
    ``ignore`` and ``extend_select`` add to what is in force.  Other options
    given (not ``None``) replace the file's value.
    """
    checked = Config.from_options(select=list(select), ignore=list(ignore),
                                  extend_select=list(extend_select))
    if checked.select:
        merged = replace(base, select=checked.select, ignore=checked.ignore,
                         extend_select=checked.extend_select)
    else:
        merged = replace(base, ignore=base.ignore + checked.ignore,
                         extend_select=base.extend_select + checked.extend_select)
    changes = {k: v for k, v in overrides.items() if v is not None}
    if "style" in changes and not hasattr(changes["style"], "numbered"):
        changes["style"] = parse_style(changes["style"])
    return replace(merged, **changes) if changes else merged


def effective_table(loaded: LoadedConfig) -> dict[str, Any]:
    """The configuration in force, as a ``[tool.citecheck]`` table (rule options included)."""
    from citecheck.rules import REGISTRY

    config = loaded.config
    table: dict[str, Any] = {
        "select": list(config.select) or ["CC"],
        "ignore": list(config.ignore),
        "extend-select": list(config.extend_select),
        "fail-on": config.fail_on,
        "style": config.style.value if config.style else "auto",
        "per-file-ignores": {k: list(v) for k, v in config.per_file_ignores.items()},
        "exclude": list(loaded.exclude),
    }
    if config.cite_commands:
        table["cite-commands"] = list(config.cite_commands)
    if config.bib_files:
        table["bib"] = list(config.bib_files)
    if config.allow_outside_includes:
        table["allow-outside-includes"] = True
    rules: dict[str, Any] = {}
    for code, rule in REGISTRY.items():
        entry: dict[str, Any] = {"severity": config.severity(rule, rule.severity).value}
        entry.update(config.rule_options(rule))
        rules[code] = entry
    table["rules"] = rules
    return table


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _toml_key(key: str) -> str:
    return key if key.replace("-", "").replace("_", "").isalnum() and key.isascii() else _toml_value(key)


def enabled_rules(config: Config) -> list[str]:
    """The codes of the rules that run under ``config`` (per-file ignores aside)."""
    from citecheck.rules import REGISTRY

    return [code for code, rule in REGISTRY.items() if config.enabled(rule)]


def to_toml(table: Mapping[str, Any], prefix: str = "tool.citecheck") -> str:
    """``table`` written as TOML under ``[prefix]`` (nested tables become sections)."""
    scalars = [(k, v) for k, v in table.items() if not isinstance(v, dict) or k == "per-file-ignores"]
    nested = [(k, v) for k, v in table.items() if isinstance(v, dict) and k != "per-file-ignores"]
    lines = [f"[{prefix}]"]
    lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in scalars]
    out = "\n".join(lines) + "\n"
    for key, value in nested:
        if all(isinstance(v, dict) for v in value.values()):
            for sub, entries in value.items():
                out += "\n" + to_toml(entries, f"{prefix}.{_toml_key(key)}.{_toml_key(sub)}")
        else:
            out += "\n" + to_toml(value, f"{prefix}.{_toml_key(key)}")
    return out
