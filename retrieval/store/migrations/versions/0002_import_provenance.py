"""provenance of job titles and mobility links, so that an import replaces only its own rows

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("job_title", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source", sa.String(length=20), server_default="passerelles", nullable=False)
        )
    with op.batch_alter_table("mobility_link", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("origin", sa.String(length=20), server_default="passerelles", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("mobility_link", schema=None) as batch_op:
        batch_op.drop_column("origin")
    with op.batch_alter_table("job_title", schema=None) as batch_op:
        batch_op.drop_column("source")
