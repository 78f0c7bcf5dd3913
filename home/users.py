"""Users admin without escalation: nobody grants or edits rights they do not hold themselves.

Wagtail lets anyone with "change user" tick "Administrator" and set any user's password. The
hub's rule (docs/roles.md) is that only superusers create, edit or delete superusers, and that a
non-superuser manages only users whose permissions are all their own, and grants only groups
whose permissions they hold. Registered by ``home.apps.HubUsersAppConfig`` in place of ``wagtail.users``.
"""

from django import forms
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users


def permission_names(permissions):
    return {
        f"{app_label}.{codename}"
        for app_label, codename in permissions.values_list("content_type__app_label", "codename")
    }


def may_manage(editor, user):
    """Whether ``editor`` may edit or delete ``user``: never a superuser, never a higher rank."""
    if editor.is_superuser:
        return True
    if user.is_superuser:
        return False
    held = Permission.objects.filter(Q(user=user) | Q(group__user=user)).distinct()
    return permission_names(held) <= editor.get_all_permissions()


class NoEscalationForm:
    """Form mixin: no "Administrator" box and no group beyond the editor's own permissions."""

    editor = None  # set by the view for non-superusers

    def limit_to(self, editor):
        self.editor = editor
        self.fields.pop("is_superuser", None)

    def clean_groups(self):
        groups = self.cleaned_data["groups"]
        if self.editor is None:
            return groups
        current = set(self.instance.groups.all()) if self.instance.pk else set()
        held = self.editor.get_all_permissions()
        for group in set(groups) - current:
            if not permission_names(group.permissions.all()) <= held:
                raise forms.ValidationError(
                    _(
                        "You cannot grant the group “%(group)s”: it holds permissions you do not have."
                    ),
                    params={"group": group.name},
                )
        return groups


class HubUserCreationForm(NoEscalationForm, UserCreationForm):
    pass


class HubUserEditForm(NoEscalationForm, UserEditForm):
    pass


class LimitFormMixin:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            form.limit_to(self.request.user)
        return form


class CreateView(LimitFormMixin, users.CreateView):
    pass


class ManagedUserMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_manage(request.user, self.get_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EditView(ManagedUserMixin, LimitFormMixin, users.EditView):
    pass


class DeleteView(ManagedUserMixin, users.DeleteView):
    pass


class HubUserViewSet(users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView

    def get_form_class(self, for_update=False):
        return HubUserEditForm if for_update else HubUserCreationForm
