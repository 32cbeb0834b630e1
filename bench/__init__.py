"""``make bench``: h11pc against h11 0.16 and httptools (llhttp) on the workloads of issue 5.

Strategy: every workload is written once against the h11 API (``bench.workloads``) and run for
each library module that offers it; httptools gets equivalent callback drivers
(``bench.native``) for the parsing workloads. Libraries alternate within one process, round after
round (``bench.timing``), and only ratios taken inside one round are compared: absolute times on a
shared machine are not comparable across runs. ``python -m bench --help`` lists the options.
"""
