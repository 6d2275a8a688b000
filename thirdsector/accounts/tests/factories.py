import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from thirdsector.accounts.models import Membership, RoleGrant, User
from thirdsector.accounts.roles import MembershipRole


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            RoleGrant.objects.create(user=self, role=role)


class RoleGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory("thirdsector.register.tests.factories.OrganisationFactory")
    role = MembershipRole.EDITOR


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Authenticator app"
    confirmed = True
