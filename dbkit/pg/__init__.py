"""PostgreSQL itself: the embedded servers, administration, client programs."""
