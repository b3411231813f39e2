"""The models after situation 3 step 4: the id number column removed.
Revisions at this moment: 0001 to 0006 (step 9 makes 0007).
"""

from __future__ import annotations

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Every index and constraint gets a predictable name, so every migration can
# name what it creates and every downgrade can drop it again.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Recruit(Base):
    __tablename__ = "recruits"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    surname: Mapped[str] = mapped_column(String(100))
    rocketchat_user: Mapped[str] = mapped_column(String(100))
    github_name: Mapped[str] = mapped_column(String(100))
    personal_email_address: Mapped[str] = mapped_column(String(254), unique=True)
    cohort: Mapped[str] = mapped_column(String(100))

    def __repr__(self) -> str:
        return f"Recruit(id={self.id!r}, name={self.first_name!r} {self.surname!r})"
