from django.urls import path

from portfolio.career import views

app_name = "career"

urlpatterns = [
    path("portfolio/career/", views.mine, name="mine"),
    path(
        "portfolio/career/requests/<int:pk>/withdraw/",
        views.withdraw,
        name="withdraw",
    ),
    path("career/requests/", views.requests, name="requests"),
    path("career/requests/<int:pk>/recommend/", views.recommend, name="recommend"),
    path("career/requests/<int:pk>/decide/", views.decide, name="decide"),
]
