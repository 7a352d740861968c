"""The course home's progress dashboard: a bar chart per phase and the filled-in tracker."""

from __future__ import annotations

import html
from pathlib import Path

from course.progress.report import PhaseProgress, Report, folder_report


class Dashboard:
    """Displays as HTML in a notebook; ``str()`` gives the same table as ``course progress``."""

    def __init__(self, report: Report) -> None:
        self.report = report

    @classmethod
    def for_folder(cls, folder: str | Path | None = None) -> Dashboard:
        return cls(folder_report(Path(folder) if folder else Path.cwd()))

    def _repr_html_(self) -> str:
        parts = ['<div class="course-dashboard">', self._tracker_html()]
        for phase in self.report.phases:
            if phase.sections:
                parts.append(self._phase_chart(phase))
        if self.report.problems:
            items = "".join(f"<li>{html.escape(p)}</li>" for p in self.report.problems)
            parts.append(f"<p>Skipped (could not read):</p><ul>{items}</ul>")
        parts.append("</div>")
        return "".join(parts)

    def _tracker_html(self) -> str:
        rows = "".join(
            f"<tr><td>{p.phase}</td><td>{html.escape(p.description)}</td><td>{p.status}</td>"
            f"<td>{p.done}/{p.total} ({p.percent}%)</td></tr>"
            for p in self.report.phases
        )
        return (
            "<h4>Progress tracker</h4><table><thead><tr><th>Phase</th><th>Description</th>"
            f"<th>Status</th><th>Done</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    @staticmethod
    def _phase_chart(phase: PhaseProgress) -> str:
        bars = []
        for s in phase.sections:
            bars.append(
                '<div style="display:flex;align-items:center;gap:6px;margin:1px 0">'
                '<span style="width:18em;overflow:hidden;white-space:nowrap;text-overflow:ellipsis" '
                f'title="{html.escape(s.section)} {html.escape(s.title)}">{html.escape(s.section)} '
                f"{html.escape(s.title)}</span>"
                '<span style="display:inline-block;width:200px;height:10px;background:#e5e5e5">'
                f'<span style="display:block;height:10px;width:{2 * s.percent}px;background:#3b7"></span></span>'
                f"<span>{s.done}/{s.total}</span></div>"
            )
        title = f"Phase {phase.phase}" + (f": {html.escape(phase.description)}" if phase.description else "")
        return f"<details><summary>{title} — {phase.percent}%</summary>{''.join(bars)}</details>"

    def __repr__(self) -> str:
        from course.progress.report import tracker_table

        return tracker_table(self.report)
