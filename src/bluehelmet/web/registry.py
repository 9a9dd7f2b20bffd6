"""Which optional sections and operation panels the app shows (see ``bluehelmet.web.sections``)."""

from __future__ import annotations

from bluehelmet.web.deployments import DEPLOYMENTS
from bluehelmet.web.sections import OperationPanel, Section

#: Optional site sections (reuse explorer, partnership panels, process-tracing cases).
SECTIONS: list[Section] = []

#: Blocks shown on an operation's page where their data exist, in page order.
OPERATION_PANELS: list[OperationPanel] = [DEPLOYMENTS]
