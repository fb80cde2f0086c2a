"""Settings for the test suite: production settings plus what tests need.

DEBUG stays off so tests exercise the production code paths; only the secret key and
the fast password hasher are test conveniences.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-key-not-secret-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
# The throttling test sets its own small rates; everything else must never hit them.
os.environ.setdefault("CLAIMTRACKER_API_RATE_ANONYMOUS", "1000000/minute")
os.environ.setdefault("CLAIMTRACKER_API_RATE_SIGNED_IN", "1000000/minute")

from claimtracker.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The manifest storage needs collectstatic; tests serve static files unhashed.
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Most tests sign in with force_login; the sign-in throttling tests turn axes back on.
AXES_ENABLED = False
