"""Contract and grant awards, the decisions behind them and the level playing field figures."""

urlpatterns = []
