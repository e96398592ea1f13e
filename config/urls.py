from django.contrib import admin
from django.urls import include, path

from alliances.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("alliances.www.urls")),
]
