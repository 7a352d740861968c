"""obs: a small observability backend (logs, metrics, traces, alerts) behind one HTTP API.

The course gives this file; you write one module per milestone (logs, metrics, traces, correlate,
alerts, app). Times are seconds as floats (a fake clock in tests), ids are lowercase hex strings.
"""
