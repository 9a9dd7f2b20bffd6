"""Process tracing: case files, Bayesian updating over rival explanations, sensitivity.

>>> from bluehelmet.tracing import trace
>>> from bluehelmet.tracing.demo import demo_case
>>> trace(demo_case()).leader
'b'
"""

from bluehelmet.tracing.case import Case
from bluehelmet.tracing.load import load_case, parse_case
from bluehelmet.tracing.sensitivity import Sensitivity
from bluehelmet.tracing.trace import Trace, trace

__all__ = ["Case", "Sensitivity", "Trace", "load_case", "parse_case", "trace"]
