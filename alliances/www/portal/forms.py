import copy

from alliances.www.forms import Form
from alliances.www.person_file.forms import IdentityForm


class ContactForm(Form):
    """What a person changes themself: how to be called and reached."""

    preferred_name = copy.deepcopy(IdentityForm.base_fields["preferred_name"])
    preferred_name.help_text = "Le prénom par lequel vous voulez qu'on vous appelle."
    email = IdentityForm.base_fields["email"]
    phone = IdentityForm.base_fields["phone"]
    address = IdentityForm.base_fields["address"]
    languages = IdentityForm.base_fields["languages"]
    accessibility_needs = IdentityForm.base_fields["accessibility_needs"]
    preferred_channel = IdentityForm.base_fields["preferred_channel"]
