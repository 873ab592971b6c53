"""Admin URLs: ``wagtail_hooks`` includes them at /admin/rengo/, namespace "rengo_wagtail"."""

from django.urls import path, register_converter

from .ids import PageIdConverter
from .views import publish_together, translation_exchange, translation_report

register_converter(PageIdConverter, "page_id")

urlpatterns = [
    path(
        "translations/",
        translation_report.TranslationReportView.as_view(),
        name="translation_report",
    ),
    path(
        "translations/results/",
        translation_report.TranslationReportView.as_view(results_only=True),
        name="translation_report_results",
    ),
    path(
        "translations/<page_id:page_id>/mark-up-to-date/",
        translation_report.mark_up_to_date,
        name="mark_up_to_date",
    ),
    path(
        "translations/files/",
        translation_exchange.translation_exchange,
        name="translation_exchange",
    ),
    path(
        "publish-together/",
        publish_together.PublishTogetherView.as_view(),
        name="publish_together",
    ),
]
