from django.urls import path

from .admin_views import PopularSearchesReportView, ZeroResultReportView

app_name = "search_reports"
urlpatterns = [
    path("zero-results/", ZeroResultReportView.as_view(), name="zero_results"),
    path(
        "zero-results/results/",
        ZeroResultReportView.as_view(results_only=True),
        name="zero_results_results",
    ),
    path("popular/", PopularSearchesReportView.as_view(), name="popular"),
    path(
        "popular/results/",
        PopularSearchesReportView.as_view(results_only=True),
        name="popular_results",
    ),
]
