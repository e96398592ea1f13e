"""Money as French readers write it: « 1 234,50 € » (a narrow no-break space between thousands, a
decimal comma). One copy for the pages, the engines' explanations and the messages; pure Python (the
rights and income engines import nothing from Django)."""

from decimal import Decimal

THOUSANDS = "\u202f"  # narrow no-break space: « 1 234 » never breaks at the end of a line


def euros(amount: Decimal | float | int) -> str:
    text = f"{amount:,.2f}".replace(",", THOUSANDS).replace(".", ",")
    return f"{text} €"
