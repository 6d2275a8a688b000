"""Small grants through local funders: end grants, the department's view of them and the public pages."""

urlpatterns = []
