"""The models of the submission: the cohorts have a table of their own, and each recruit
points at one ("the recruit and cohort tables are both set up properly").
Revisions at this moment: 0001 to 0007 (the submission step makes 0008).
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

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


class Cohort(Base):
    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)

    recruits: Mapped[list[Recruit]] = relationship(back_populates="cohort")

    def __repr__(self) -> str:
        return f"Cohort(id={self.id!r}, name={self.name!r})"


class Recruit(Base):
    __tablename__ = "recruits"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    surname: Mapped[str] = mapped_column(String(100))
    rocketchat_user: Mapped[str] = mapped_column(String(100))
    github_name: Mapped[str] = mapped_column(String(100))
    personal_email_address: Mapped[str] = mapped_column(String(254), unique=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id"), index=True)

    cohort: Mapped[Cohort] = relationship(back_populates="recruits")

    def __repr__(self) -> str:
        return (f"Recruit(id={self.id!r}, name={self.first_name!r} {self.surname!r}, "
                f"rocketchat_user={self.rocketchat_user!r})")
