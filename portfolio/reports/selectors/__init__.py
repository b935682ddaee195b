"""Set-based reads for the reports: a fixed number of queries each, whatever
the number of practitioners. Each module serves one report."""
