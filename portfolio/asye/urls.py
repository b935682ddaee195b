from django.urls import path

from portfolio.asye import views

app_name = "asye"

urlpatterns = [
    path("portfolio/asye/", views.mine, name="mine"),
    path("asye/", views.home, name="home"),
    path("asye/cohort/", views.cohort, name="cohort"),
    path("asye/assign/", views.assign, name="assign"),
    path("asye/panel-members/", views.panel_member, name="panel_member"),
    path("asye/years/<int:pk>/", views.year_detail, name="year"),
    path("asye/years/<int:pk>/support-plan/", views.support_plan, name="support_plan"),
    path("asye/years/<int:pk>/review/", views.review, name="review"),
    path("asye/years/<int:pk>/recommend/", views.recommend, name="recommend"),
    path("asye/panel/", views.panel, name="panel"),
    path("asye/panel/<int:pk>/", views.panel_portfolio_view, name="panel_portfolio"),
]
