from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PERSON = "person", _("Personne concernée")
    REFERENT = "referent", _("Intervenant·e social·e référent·e")
    MEDIATOR = "mediator", _("Médiateur·rice socionumérique pair")
    PEER = "peer", _("Pair (entraide)")
    PARTNER = "partner", _("Partenaire")
    MANAGER = "manager", _("Cadre du CCAS")
    # An RMG officer (instructeur·rice du RMG). The stored value keeps its first name: audit events, whose
    # chain covers the role of their author, were written with it.
    OFFICER = "instructor", _("Instructeur·rice RMG")
    ADMIN = "admin", _("Administrateur·rice technique")


#: Roles that work for or with the CCAS and log in with email, password and a TOTP code.
STAFF_ROLES = frozenset({Role.REFERENT, Role.MEDIATOR, Role.MANAGER, Role.OFFICER, Role.ADMIN, Role.PARTNER})
#: Roles of people who may have their own file and portal.
PERSON_ROLES = frozenset({Role.PERSON, Role.PEER})
#: Roles that open persons' files: granted in the admin, they take effect once a second administrator
#: approves them (an administrator alone never gets to read a file through an account they made).
FILE_READING_ROLES = frozenset({Role.REFERENT, Role.MEDIATOR, Role.PARTNER, Role.OFFICER, Role.MANAGER})
#: Roles an administrator cannot give alone: those that open files, and the administrator's own (else one
#: administrator could make a second one and approve their own requests through it).
ROLES_NEEDING_APPROVAL = FILE_READING_ROLES | {Role.ADMIN}


class Language(models.TextChoices):
    """The languages of the person-facing pages, each named in itself. Staff pages stay French."""

    FR = "fr", "Français"
    EN = "en", "English"
    AR = "ar", "العربية"
