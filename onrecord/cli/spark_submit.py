"""The file `spark-submit` runs: the `onrecord spark` command, its arguments parsed as usual.

    spark-submit onrecord/cli/spark_submit.py INPUT OUTPUT

It sits with the CLI, not in spark/, so that the job never imports the command line.
"""
import sys

from onrecord.cli.spark import spark

if __name__ == "__main__":
    spark.main(args=sys.argv[1:], prog_name="spark_submit.py")
