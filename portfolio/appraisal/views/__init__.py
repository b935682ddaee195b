"""Appraisal pages: the list (and starting one), one page per appraisal that
only shows it, one view per thing a person does to it, the anonymous feedback
form. Asking for the signed PDF is an export (``portfolio.exports.views``)."""

from portfolio.appraisal.views.actions import (
    addendum_add,
    assessment_save,
    feedback_link_create,
    feedback_record,
    meeting_save,
    sign,
    step_finish,
)
from portfolio.appraisal.views.detail import appraisal_detail
from portfolio.appraisal.views.feedback import feedback
from portfolio.appraisal.views.listing import appraisal_list, appraisal_start
from portfolio.appraisal.views.plan import objective_evidence

__all__ = [
    "addendum_add",
    "appraisal_detail",
    "appraisal_list",
    "appraisal_start",
    "assessment_save",
    "feedback",
    "feedback_link_create",
    "feedback_record",
    "meeting_save",
    "objective_evidence",
    "sign",
    "step_finish",
]
