"""URLs for payments and monitoring returns."""

from django.urls import path

from ..views import monitoring, payments

urlpatterns = [
    path("payments/", payments.payments, name="payments"),
    path("payments/<int:pk>/", payments.payment, name="payment"),
    path("payments/<int:pk>/paid/", payments.payment_mark_paid, name="payment-paid"),
    path("returns/", monitoring.returns, name="returns"),
    path("returns/<int:pk>/", monitoring.monitoring_return, name="return"),
    path("returns/<int:pk>/submit/", monitoring.return_submit, name="return-submit"),
]
