"""Where the conflict check runs. On this machine, `pipeline.analyse` checks the groups on all its
cores (`pipeline._on_all_cores`), with the index as its memo; `engines.dask` runs the same stages on a
Dask cluster, for a corpus that outgrows one machine (design §10). `check` knows of neither.
"""
