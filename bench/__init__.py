"""Speed measures for Tidtam, each beside the bare library figure it is judged against.

Run them with ``make bench`` (all of them) or ``python -m bench NAME --help``. They
are not tests: a test asserts behaviour, a benchmark reports a figure and whether
it met its target, so targets live here and never in ``tests/``.

* ``import``  importing a plan, then the command path against a bare library save;
* ``rebuild`` rebuilding each view against the bare read rate of the log;
* ``lag``     how long after a command returns its event is in the views;
* ``as_of``   a plan as known at an instant, folded from the log on demand;
* ``scan``    the overdue scan over a large plan, its time and peak memory;
* ``api``     HTTP requests under wrk, beside a bare FastAPI app and the bare
              library's command served the same way.
"""
