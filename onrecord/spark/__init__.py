"""The corpus job for Apache Spark (the optional `spark` extra): see `job.py` and docs/spark.md."""
