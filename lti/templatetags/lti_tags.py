"""{% lti_passback_notice course %}: a line for the course's teachers when grades did not reach an LMS."""

from __future__ import annotations

from typing import Any

from django import template

from exercises.models import Course
from lti import selectors

register = template.Library()


@register.inclusion_tag("lti/_passback_notice.html")
def lti_passback_notice(course: Course) -> dict[str, Any]:
    return {"course": course, "failed": selectors.course_passbacks_failed(course=course).count()}
