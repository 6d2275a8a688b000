from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django_otp.admin import OTPAdminSite
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership, RoleGrant, User

# Django admin is for platform admins, who always prove a second factor.
admin.site.__class__ = OTPAdminSite


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]
    inlines = [RoleGrantInline, MembershipInline]
    filter_horizontal = []
    list_filter = ["is_active", "is_staff"]
