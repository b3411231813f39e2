"""The application's database object; the convention is set on its metadata here."""
import sqlalchemy as sa

convention = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
              "uq": "uq_%(table_name)s_%(column_0_name)s"}

metadata = sa.MetaData()
metadata.naming_convention = convention
