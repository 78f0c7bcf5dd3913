"""The public form through which anyone can propose a practice for review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from .models import Country, Theme
from .models.taxonomy import localize

MAX_TEXT = 5000


class SubmissionForm(forms.Form):
    title = forms.CharField(label=_("Title of the practice"), max_length=255)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was done, where, for whom, with what result (a few sentences)."),
    )
    countries = forms.MultipleChoiceField(label=_("Countries"), widget=forms.CheckboxSelectMultiple)
    themes = forms.MultipleChoiceField(
        label=_("Themes"), required=False, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    lessons = forms.CharField(
        label=_("Lessons learned"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One lesson per paragraph."),
    )
    organisation = forms.CharField(label=_("Your organisation"), max_length=255)
    contact_name = forms.CharField(label=_("Your name"), max_length=255)
    contact_email = forms.EmailField(label=_("Your e-mail"))
    consent_contact = forms.BooleanField(
        label=_("The hub team may contact me about this practice."), required=True
    )
    consent_publish = forms.BooleanField(
        label=_("My name and e-mail may be published as the contact for this practice."),
        required=False,
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        default = Locale.get_default()
        for name, model, value in (("countries", Country, "code"), ("themes", Theme, "slug")):
            source = list(model.objects.filter(locale=default))
            labels = localize(source, language)
            self.fields[name].choices = [
                (getattr(term, value), label.name)
                for term, label in zip(source, labels, strict=True)
            ]

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("This field must stay empty."))
        return ""

    def lesson_texts(self):
        """Blank-line separated paragraphs, or lines when there is no blank line."""
        text = self.cleaned_data["lessons"].replace("\r\n", "\n")
        separator = "\n\n" if "\n\n" in text else "\n"
        return [" ".join(part.split()) for part in text.split(separator) if part.strip()]
