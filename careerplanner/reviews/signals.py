"""What reviews announces to the layers above it. Nudges listens (nudges/review_notices.py);
reviews never imports nudges."""

from django.dispatch import Signal

# Both send `review`, the ReviewRequest, inside the transaction that made the change.
review_requested = Signal()
review_finished = Signal()
