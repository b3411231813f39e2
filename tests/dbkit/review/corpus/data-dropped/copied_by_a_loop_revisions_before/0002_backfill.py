"""Copy each code into secret_code, encrypted; fill in total_cost (ORM models, a loop)"""
from app.models import AccessToken, Incident, encrypt

revision = "0002"
down_revision = "0001"


def upgrade():
    for token in AccessToken.select():
        AccessToken.update(secret_code=encrypt(token.code)).where(
            AccessToken.id == token.id).execute()
    for incident in Incident.select():
        incident.total_cost = 0
        incident.save()


def downgrade():
    pass
