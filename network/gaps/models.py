from django.db import models
from django_countries.fields import CountryField


class SubRegion(models.Model):
    """A cluster of countries a study groups together. Plain model: reference data the
    seed loader and editors maintain, picked by gaps and projects."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Country(models.Model):
    """A country or entity by ISO 3166 code, with its sub-region and the name a study used."""

    code = CountryField(unique=True)
    sub_region = models.ForeignKey(
        SubRegion, null=True, blank=True, on_delete=models.SET_NULL, related_name="countries"
    )
    study_name = models.CharField(
        max_length=120, blank=True, help_text="The name as the source study lists it."
    )

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.study_name or self.code.name
