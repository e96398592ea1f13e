import re

_DIGITS = re.compile(r"[\s.\-()]")


def normalize_phone(value: str) -> str | None:
    """A French phone number in E.164 form (+33…), or None when it is not one.

    Accepts 06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78 and 0033612345678.
    """
    compact = _DIGITS.sub("", value or "")
    if compact.startswith("0033"):
        compact = "+33" + compact[4:]
    if re.fullmatch(r"0[1-9]\d{8}", compact):
        return "+33" + compact[1:]
    if re.fullmatch(r"\+33[1-9]\d{8}", compact):
        return compact
    if re.fullmatch(r"\+(?!33)\d{8,15}", compact):
        return compact
    return None
