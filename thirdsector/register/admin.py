from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Area, Characteristic, Identifier, Organisation, PolicyArea


class IdentifierInline(admin.TabularInline):
    model = Identifier
    extra = 0
    fields = ["scheme", "value", "is_primary"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    """For platform admins fixing data; everyone else uses the register's own pages."""

    list_display = ["name", "kind", "size_band", "postcode", "status"]
    list_filter = ["status", "kind", "size_band"]
    search_fields = ["name", "postcode", "identifiers__org_id"]
    raw_id_fields = ["local_authority", "merged_into"]
    filter_horizontal = ["characteristics", "policy_areas"]
    autocomplete_fields = ["areas_served"]
    inlines = [IdentifierInline]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "gss_code", "register_code", "area_type", "is_current"]
    list_filter = ["area_type", "is_current", "nation"]
    search_fields = ["name", "gss_code", "register_code"]


admin.site.register(PolicyArea)
admin.site.register(Characteristic)
