"""``jsinterop check``: report every problem in an app's stubs and exports at once."""

from __future__ import annotations

from jsinterop._tools.check import CheckReport, check_app
from jsinterop.cli._app import App
from jsinterop.cli._bind import find_node, find_typescript

__all__ = ["format_report", "run_check"]


def run_check(app: App) -> CheckReport:
    """Check ``app``; needs Node to load the app's JS modules, and the pinned TypeScript
    (fetched once, as ``bind`` fetches it) to read its scripts.

    Examples
    --------
    >>> from jsinterop.cli._app import read_app
    >>> run_check(read_app("hello")).ok  # doctest: +SKIP
    True
    """
    node = find_node("check")
    return check_app(
        app.package_dir, app.package, app.root, node, typescript=find_typescript(), main=app.main
    )


def format_report(app: App, report: CheckReport) -> str:
    """The report as a person reads it: one line a problem, then notes, then a summary."""
    lines = [str(problem) for problem in report.problems]
    lines += [f"note: {note}" for note in report.notes]
    count = len(report.problems)
    verdict = "no problems" if count == 0 else f"{count} problem{'s' if count != 1 else ''}"
    lines.append(
        f"{app.package}: {report.stubs} stub(s), {report.exports} export(s) checked: {verdict}"
    )
    return "\n".join(lines)
