"""`python -m tests.rights.conformance [--write]`: runs the cases, prints the figures, writes REPORT.md."""

import sys

from .cases import REPORT
from .report import render
from .runner import all_cases


def main() -> int:
    text = render(all_cases())
    if "--write" in sys.argv[1:]:
        REPORT.write_text(text, encoding="utf-8")
    print("\n".join(text.splitlines()[6:16]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
