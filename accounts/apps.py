from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in and API token pages, and the command that makes an editor.

    It has no models: users and groups are Django's, tokens are django-rest-knox's, and
    the role checks every app shares stay in `claimtracker.roles`.
    """

    name = "accounts"
