"""The errors the planner raises: one base class, each error saying what to do next."""

from __future__ import annotations

from backcoach.errors import BackcoachError


class PlanningError(BackcoachError):
    """Base of every planning error: a profile or a request the planner cannot turn into a plan."""


class InvalidProfile(PlanningError):
    """A profile that cannot describe a person who trains (0 days, 2-minute sessions, ...).

    ``problems`` lists every problem found, each as ``field: what is wrong and what to do``,
    so a person fixing their profile sees them all at once.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        if len(problems) == 1:
            message = f"The profile cannot be used: {problems[0]}"
        else:
            lines = "\n".join(f"  - {p}" for p in problems)
            message = f"The profile cannot be used ({len(problems)} problems):\n{lines}"
        super().__init__(message, "Change the values named above and try again.")


class NothingToPlan(PlanningError):
    """No article exercise can be done with this equipment, these limitations and this time.

    The hint says what would unlock what, so the person knows what to get or change.
    """
