"""``make bench``: h11pc against h11 0.16 and httptools (llhttp), in one process.

Strategy: every workload is written once against the h11 API (``bench.workloads``) and run for
each library module that offers it; httptools gets equivalent callback drivers
(``bench.native``, ``bench.uvicorn_cycle``) where llhttp can do the same job. Libraries
alternate within one process, round after round (``bench.timing``), and only ratios taken
inside one round are compared: absolute times on a shared machine are not comparable across
runs. h11pc's performance targets are stated in ``bench.targets``. ``python -m bench --help``
lists the options.
"""
