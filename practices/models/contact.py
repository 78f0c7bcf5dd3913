"""Messages visitors sent to a practice's focal point through the hub (never their address)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactMessage(models.Model):
    """One relayed message. Staff see counts; only KM admins may read the content."""

    page = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="contact_messages",
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    language = models.CharField(_("language"), max_length=7)
    sender_name = models.CharField(_("name"), max_length=255)
    sender_organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    sender_email = models.EmailField(_("e-mail"))
    message = models.TextField(_("message"))

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.page} · {self.created_at:%Y-%m-%d %H:%M}"
