from capabilities.views.browse import framework_detail, framework_index

__all__ = ["framework_detail", "framework_index"]
