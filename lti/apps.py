from django.apps import AppConfig


class LtiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lti"
    verbose_name = "LTI 1.3 (LMS launches and grade passback)"

    def ready(self) -> None:
        from exercises.signals import attempt_graded
        from lti import receivers

        attempt_graded.connect(receivers.queue_passbacks_on_grade, dispatch_uid="lti.queue_passbacks_on_grade")
