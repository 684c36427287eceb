"""Factories shared by the tests of every app."""

from django.contrib.auth import get_user_model

from wagtail.users.models import UserProfile

import factory


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"editor{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@itpark.example")
    password = factory.django.Password("correct horse battery staple")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def admin_language(user, create, extracted, **kwargs):
        """The editor's preferred language for the Wagtail admin (UserProfile.preferred_language)."""
        if extracted:
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = extracted
            profile.save()


class SuperuserFactory(UserFactory):
    is_staff = True
    is_superuser = True
