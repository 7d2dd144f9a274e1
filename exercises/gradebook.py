from django.views import View


class GradebookPageView(View):
    pass


class GradebookCsvView(View):
    pass
