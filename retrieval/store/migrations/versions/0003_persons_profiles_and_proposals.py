"""persons who consented, their profiles and the passerelles proposed to them

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ref", sa.String(length=200), nullable=False),
        sa.Column("branch", sa.String(length=40), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ref"),
    )
    op.create_table(
        "person_profile",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("occupation_code", sa.String(length=5), nullable=True),
        sa.Column("occupation_label", sa.String(length=300), nullable=True),
        sa.Column("years", sa.Float(), nullable=True),
        sa.Column("competences", sa.JSON(), nullable=False),
        sa.Column("sectors", sa.JSON(), nullable=False),
        sa.Column("avoid", sa.JSON(), nullable=False),
        sa.Column("commune_insee", sa.String(length=5), nullable=True),
        sa.Column("bassin", sa.String(length=10), nullable=True),
        sa.Column("radius_km", sa.Integer(), nullable=True),
        sa.Column("training_hours", sa.Integer(), nullable=True),
        sa.Column("ratings", sa.JSON(), nullable=False),
        sa.Column("parcours", sa.String(length=40), nullable=True),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id"),
    )
    op.create_table(
        "proposal",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("rome_code", sa.String(length=5), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("missing", sa.JSON(), nullable=False),
        sa.Column("chosen", sa.Boolean(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_proposal_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_person_id"))

    op.drop_table("proposal")
    op.drop_table("person_profile")
    op.drop_table("person")
