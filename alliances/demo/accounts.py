"""The demo accounts, one per role. Fictional people; the .test domain is reserved and never delivers."""

from dataclasses import dataclass

from alliances.accounts.enums import Role

DEMO_PASSWORD = "Alliances-demo-2026"  # noqa: S105 - public demo password, printed by `make run`


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    first_name: str
    last_name: str


REFERENTS = [
    DemoAccount(Role.REFERENT, "referente@alliances.test", "Assia", "Benali"),
    DemoAccount(Role.REFERENT, "referent2@alliances.test", "Clémence", "Le Goff"),
    DemoAccount(Role.REFERENT, "referent3@alliances.test", "Yannick", "Pelletier"),
    DemoAccount(Role.REFERENT, "referent4@alliances.test", "Nadia", "Haddad"),
    DemoAccount(Role.REFERENT, "referent5@alliances.test", "Gwenaël", "Riou"),
    DemoAccount(Role.REFERENT, "referent6@alliances.test", "Sophie", "Marchand"),
]
MEDIATORS = [
    DemoAccount(Role.MEDIATOR, "mediateur@alliances.test", "Karim", "Diallo"),
    DemoAccount(Role.MEDIATOR, "mediatrice2@alliances.test", "Maryvonne", "Guillou"),
]
OTHERS = [
    DemoAccount(Role.MANAGER, "cadre@alliances.test", "Fabienne", "Toullec"),
    DemoAccount(Role.OFFICER, "instructeur@alliances.test", "Loïc", "Hamon"),
    DemoAccount(Role.OFFICER, "instructrice2@alliances.test", "Annaïg", "Le Bihan"),
    DemoAccount(Role.ADMIN, "admin@alliances.test", "Alex", "Admin"),
    DemoAccount(Role.PARTNER, "partenaire@alliances.test", "Hélène", "Bénévole"),
    # A relative with an account and no file: she agreed to be found, so a person can add her to her circle.
    DemoAccount(Role.PERSON, "proche@alliances.test", "Samira", "Kerbrat"),
]
#: Persons with a portal account (their files are generated; these are the logins).
PERSON_LOGIN = "personne@alliances.test"
PEER_LOGIN = "pair@alliances.test"
PERSON_PHONE_LOGIN = "06 00 00 00 01"
