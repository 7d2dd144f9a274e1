"""Slugs for modules and exercises (courses kept as files), and variant parameters of exercises."""

from django.db import migrations, models
from django.utils.text import slugify


def fill_slugs(apps, schema_editor):  # type: ignore[no-untyped-def]
    for model_name, parent in (("Module", "course_id"), ("Exercise", "module_id")):
        model = apps.get_model("exercises", model_name)
        taken: dict[int, set[str]] = {}
        for row in model.objects.order_by("pk"):
            seen = taken.setdefault(getattr(row, parent), set())
            base = (slugify(row.title) or model_name.lower())[:90]
            slug, n = base, 2
            while slug in seen:
                slug, n = f"{base}-{n}", n + 1
            seen.add(slug)
            row.slug = slug
            row.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("exercises", "0002_version_sites_functions")]

    operations = [
        migrations.AddField(
            model_name="module",
            name="slug",
            field=models.SlugField(default="", max_length=100, help_text="Names the module's folder when the course is kept as files."),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="exercise",
            name="slug",
            field=models.SlugField(default="", max_length=100, help_text="Names the exercise's files when the course is kept as files."),
            preserve_default=False,
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="module",
            constraint=models.UniqueConstraint(fields=("course", "slug"), name="module_unique_course_slug"),
        ),
        migrations.AddConstraint(
            model_name="exercise",
            constraint=models.UniqueConstraint(fields=("module", "slug"), name="exercise_unique_module_slug"),
        ),
        migrations.AddField(
            model_name="exercise",
            name="parameters",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text='Variant parameters: [{"name": "depth", "kind": "int", "min": 3, "max": 6}, {"name": "victim", "kind": "choice", "choices": ["a", "b"]}].',
            ),
        ),
        migrations.AddField(
            model_name="exercise",
            name="allow_new_variant",
            field=models.BooleanField(default=False, help_text="A student may ask for a fresh variant after a wrong answer."),
        ),
        migrations.AlterField(
            model_name="exercise",
            name="program",
            field=models.TextField(help_text='JavaScript source; mark snapshots with checkpoint("A"). With parameters, a template: {{ depth }}.'),
        ),
    ]
