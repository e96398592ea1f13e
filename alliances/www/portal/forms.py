from alliances.www.forms import Form
from alliances.www.person_file.forms import IdentityForm


class ContactForm(Form):
    """What a person changes themself: how to be called and reached."""

    preferred_name = IdentityForm.base_fields["preferred_name"]
    email = IdentityForm.base_fields["email"]
    phone = IdentityForm.base_fields["phone"]
    address = IdentityForm.base_fields["address"]
    languages = IdentityForm.base_fields["languages"]
    accessibility_needs = IdentityForm.base_fields["accessibility_needs"]
    preferred_channel = IdentityForm.base_fields["preferred_channel"]
