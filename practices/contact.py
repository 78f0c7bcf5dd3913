"""Contact the implementer: a short form whose message the hub relays by e-mail.

The focal point's address stays on the server: the page shows the form, the hub sends the
message to the address with Reply-To set to the sender, and keeps a record of it.
"""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .client import client_ip
from .models.contact import ContactMessage

RATE_LIMIT = 5  # messages per address per hour
MAX_MESSAGE = 3000


class ContactForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=120)
    organisation = forms.CharField(
        label=gettext_lazy("Your organisation"), max_length=200, required=False
    )
    email = forms.EmailField(label=gettext_lazy("Your e-mail"))
    message = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    website = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "contact_%s")
        super().__init__(*args, **kwargs)

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("This field must stay empty."))
        return ""


def can_be_contacted(page):
    return bool(page.contact_consent and page.contact_email)


def _one_line(value):
    return " ".join(value.split())


def relay(page, form, request):
    """Send the message to the focal point and record it; False when over the rate limit."""
    key = f"contact:{client_ip(request)}"
    if cache.get_or_set(key, 0, 3600) >= RATE_LIMIT:
        return False
    data = form.cleaned_data
    name, organisation = _one_line(data["name"]), _one_line(data["organisation"])
    sender = f"{name} ({organisation})" if organisation else name
    body = _(
        "%(sender)s <%(email)s> wrote to you through the Knowledge Hub about your practice "
        "“%(title)s” (%(url)s):\n\n%(message)s\n\nReply to this e-mail to answer them. The hub "
        "did not give them your address."
    ) % {
        "sender": sender,
        "email": data["email"],
        "title": page.title,
        "url": page.full_url,
        "message": data["message"],
    }
    email = EmailMessage(
        subject=_("Knowledge Hub: a message about “%(title)s”") % {"title": _one_line(page.title)},
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[page.contact_email],
        reply_to=[data["email"]],
    )
    with transaction.atomic():
        ContactMessage.objects.create(
            page=page,
            language=page.locale.language_code,
            sender_name=name,
            sender_organisation=organisation,
            sender_email=data["email"],
            message=data["message"],
        )
        email.send()
    cache.incr(key)
    return True
