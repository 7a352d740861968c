"""The ``####`` headings a section may have, what each must contain, and its id prefix."""

from __future__ import annotations

from dataclasses import dataclass

from course.model import Shape


@dataclass(frozen=True)
class PartKind:
    kind: str
    shape: Shape
    prefix: str  # id prefix of the part's checklist items (or notes/problems)
    group_title: str  # how the learner's checklist names the group


_KINDS = [
    # regular sections
    ("Concepts to Learn", PartKind("concepts", Shape.CHECKLIST, "c", "Concepts")),
    ("Why This Matters in Real Jobs", PartKind("why", Shape.TABLE, "", "")),
    ("Practical Exercises", PartKind("exercises", Shape.CHECKLIST, "x", "Practical exercises")),
    ("Mini-Projects", PartKind("projects", Shape.PROJECTS, "project", "Mini-projects")),
    ("Logic-Building / DSA Problems", PartKind("problems", Shape.PROBLEMS, "dsa", "Problems")),
    ("Interview-Focused Notes", PartKind("interview", Shape.NOTES, "", "")),
    # capstones (phase 23)
    ("Project Overview", PartKind("overview", Shape.TEXT, "", "")),
    ("Architecture", PartKind("architecture", Shape.TEXT, "", "")),
    ("Tech Stack", PartKind("tech-stack", Shape.TEXT, "", "")),
    ("Features to Implement", PartKind("features", Shape.CHECKLIST, "f", "Features to implement")),
    ("Scaling Considerations", PartKind("scaling", Shape.TEXT, "", "")),
    ("Failure Handling", PartKind("failure", Shape.TEXT, "", "")),
    ("Security Considerations", PartKind("security", Shape.TEXT, "", "")),
    ("Interview Talking Points", PartKind("talking-points", Shape.TEXT, "", "")),
    # career sections (phase 24)
    ("Topics to Master", PartKind("topics", Shape.CHECKLIST, "topic", "Topics to master")),
    ("Practice Strategy", PartKind("strategy", Shape.CHECKLIST, "strategy", "Practice strategy")),
    (
        "Recommended Problems by Category",
        PartKind("recommended", Shape.TABLE, "", ""),
    ),
    ("Interview Tips", PartKind("tips", Shape.TEXT, "", "")),
    ("Framework", PartKind("framework", Shape.TEXT, "", "")),
    ("Practice Questions", PartKind("practice-questions", Shape.CHECKLIST, "design", "Practice questions")),
    ("Key Concepts", PartKind("key-concepts", Shape.TEXT, "", "")),
    ("STAR Method", PartKind("star", Shape.TEXT, "", "")),
    ("Common Questions", PartKind("behavioral", Shape.CHECKLIST, "bq", "Common questions")),
    ("Stories to Prepare", PartKind("stories", Shape.CHECKLIST, "story", "Stories to prepare")),
    ("Resume Tips", PartKind("resume", Shape.CHECKLIST, "resume", "Resume tips")),
    ("GitHub Portfolio", PartKind("portfolio", Shape.CHECKLIST, "portfolio", "GitHub portfolio")),
    ("Technical Blog", PartKind("blog", Shape.CHECKLIST, "blog", "Technical blog")),
    ("Skills to Develop", PartKind("skills", Shape.CHECKLIST, "skill", "Skills to develop")),
    ("Continuous Learning", PartKind("learning", Shape.CHECKLIST, "learn", "Continuous learning")),
    ("Networking", PartKind("networking", Shape.CHECKLIST, "net", "Networking")),
]

PART_KINDS: dict[str, PartKind] = dict(_KINDS)

# Checklist parts whose items are interview questions (phase 24): content may answer them as it answers the
# questions of an "Interview-Focused Notes" part.
QUESTION_PARTS = ("practice-questions", "behavioral")

# How a lesson names a whole part of a section that has no "Concepts to Learn" (phases 23-24): "part-<kind>".
PART_PREFIX = "part-"

# Bold labels inside "Interview-Focused Notes": label -> (kind, id prefix)
NOTE_GROUPS: dict[str, tuple[str, str]] = {
    "Common Questions": ("questions", "q"),
    "Traps & Misconceptions": ("traps", "trap"),
    "How Interviewers Evaluate": ("evaluation", "eval"),
}
