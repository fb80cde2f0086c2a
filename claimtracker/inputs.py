"""The one reading of what a request says: ids and offsets as whole numbers, and text
that holds no NUL character and no lone surrogate.

PostgreSQL refuses to store or compare text that holds a NUL; a lone surrogate (which a
JSON "\\ud800" escape can carry) is not Unicode and cannot be encoded for the database;
`str.isdigit()` takes "³" and "²" for digits. Each of these made a 500; here each is a
400 that names the parameter or field, checked once for every request (middleware for
addresses, query strings and forms, the API's JSON parser for bodies).
"""

from __future__ import annotations

import re

# The largest id either database can store (a signed 64-bit integer); a larger number
# would overflow the SQLite driver mid-stream instead of answering 400.
LARGEST_ID = 2**63 - 1
MAX_DEPTH = 64  # levels of JSON nesting: far more than any request of ours needs
DIGITS = re.compile(r"[0-9]+")
SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(text: str) -> str:
    """Why `text` cannot be taken as text, or "" when it can."""
    if "\x00" in text:
        return "Holds a NUL character, which text never contains."
    if SURROGATE.search(text):
        return "Holds a lone surrogate, which is not valid Unicode."
    return ""


def whole_number(value: object) -> int | None:
    """A number written with the digits 0-9 and nothing else ("³" is not 3), or None."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    return int(value) if DIGITS.fullmatch(value) else None


def record_id(value: object) -> int | None:
    """An id: a whole number from 1 to the largest either database stores, or None."""
    number = whole_number(value)
    return number if number is not None and 1 <= number <= LARGEST_ID else None


def first_problem(data: object) -> tuple[str, str] | None:
    """The first string (key or value) in decoded JSON that cannot be taken as text, as
    (its path, why), or a structure nested too deeply; None when all is well."""
    stack: list[tuple[object, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            return path or "non_field_errors", f"Nested more than {MAX_DEPTH} levels deep."
        if isinstance(value, str):
            problem = text_problem(value)
            if problem:
                return path or "non_field_errors", problem
        elif isinstance(value, dict):
            for key, item in value.items():
                name = f"{path}.{key}" if path else str(key)
                problem = text_problem(str(key))
                if problem:
                    # The answer names the key as escapes: a lone surrogate cannot be
                    # encoded into the answer any more than into the database.
                    return name.encode("utf-8", "backslashreplace").decode(), problem
                stack.append((item, name, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{index}]", depth + 1) for index, item in enumerate(value))
    return None
