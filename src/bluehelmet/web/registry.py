"""Which optional sections and page panels the app shows (see ``bluehelmet.web.sections``)."""

from __future__ import annotations

from bluehelmet.web.sections import OperationPanel, ResolutionPanel, Section
from bluehelmet.web.sections.codebook.routes import CODEBOOK
from bluehelmet.web.sections.council.panels import CONSENT_PANEL, CONTRIBUTORS_PANEL
from bluehelmet.web.sections.council.routes import COUNCIL, VOTES_PANEL
from bluehelmet.web.sections.deployments.panel import DEPLOYMENTS
from bluehelmet.web.sections.partnership.routes import PARTNERSHIP
from bluehelmet.web.sections.reuse.routes import REUSE, REUSE_PANEL
from bluehelmet.web.sections.tracing.routes import TRACING

#: Optional site sections (reuse explorer, partnership panels, process-tracing cases).
SECTIONS: list[Section] = [COUNCIL, REUSE, PARTNERSHIP, TRACING, CODEBOOK]

#: Blocks shown on an operation's page where their data exist, in page order.
OPERATION_PANELS: list[OperationPanel] = [DEPLOYMENTS, CONTRIBUTORS_PANEL, CONSENT_PANEL]

#: Blocks shown on a resolution's page where their data exist, in page order.
RESOLUTION_PANELS: list[ResolutionPanel] = [VOTES_PANEL, REUSE_PANEL]
