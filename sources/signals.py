from __future__ import annotations

from django.dispatch import Signal

# Sent before an article's body is replaced with a corrected one, with `article` (its
# body still the stored one) and `new_body`. Receivers raise ValidationError when the
# correction would break something that points into the body; `sources` knows nothing
# of what that is, which keeps the dependency pointing from `claims` to `sources`.
body_correcting = Signal()
