"""Open data: the 360Giving grants package, Open Referral UK services and the data catalogue."""
