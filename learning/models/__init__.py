from learning.models.activity import ContentView, EventAttendance, ReadMark
from learning.models.pages import (
    EventFormat,
    EvidenceStrength,
    LearningContentPage,
    LearningHomePage,
    LearningPathwayPage,
    LearningSectionPage,
    PathwayStep,
    ResearchReference,
    ResearchSummaryPage,
    StudyType,
    TrainingEventPage,
)
from learning.models.taxonomy import Topic, TopicGroup

__all__ = [
    "ContentView",
    "EventAttendance",
    "EventFormat",
    "EvidenceStrength",
    "LearningContentPage",
    "LearningHomePage",
    "LearningPathwayPage",
    "LearningSectionPage",
    "PathwayStep",
    "ReadMark",
    "ResearchReference",
    "ResearchSummaryPage",
    "StudyType",
    "Topic",
    "TopicGroup",
    "TrainingEventPage",
]
