from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.portal_home, name="home"),
    path("partages/", views.portal_sharing, name="sharing"),
    path("journal/", views.portal_access_log, name="access_log"),
    path("coordonnees/", views.portal_contact, name="contact"),
]
