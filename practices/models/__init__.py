from .base import KnowledgePage
from .call import CallForPracticesPage
from .collection import CollectionItem, CollectionPage
from .contact import ContactMessage
from .harvest import DeletedRecord
from .index import LessonsLibraryPage, PracticeIndexPage, ToolkitIndexPage
from .practice import (
    PracticeActor,
    PracticeAttachment,
    PracticeLesson,
    PracticePage,
    PracticeRecommendation,
)
from .taxonomy import (
    Country,
    GCMObjective,
    GCMPrinciple,
    Organisation,
    Population,
    Theme,
)
from .toolkit import ToolkitPage

__all__ = [
    "CallForPracticesPage",
    "CollectionItem",
    "CollectionPage",
    "ContactMessage",
    "Country",
    "DeletedRecord",
    "GCMObjective",
    "GCMPrinciple",
    "KnowledgePage",
    "LessonsLibraryPage",
    "Organisation",
    "Population",
    "PracticeActor",
    "PracticeAttachment",
    "PracticeIndexPage",
    "PracticeLesson",
    "PracticePage",
    "PracticeRecommendation",
    "Theme",
    "ToolkitIndexPage",
    "ToolkitPage",
]
