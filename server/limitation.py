"""The limitation rule both the cases' clocks (server/aid/cases/clocks.py) and the calculators (server/calculators/)
reckon with: one year, counted on China's calendar.

Shared ground (imports no domain).
"""
from datetime import date

from .clock import china_time, utcnow

ARBITRATION = "《劳动争议调解仲裁法》第二十七条"


def today() -> date:
    """Today as a calendar in China shows it."""
    return china_time(utcnow()).date()


def add_years(day: date, years: int) -> date:
    """The same date `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
