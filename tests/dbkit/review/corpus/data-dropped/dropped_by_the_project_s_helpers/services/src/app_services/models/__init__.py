from app_services.models.setting import Setting

__all__ = ["Setting"]
