"""Writes the live server can see: it has its own database connection and only sees committed data."""

from concurrent.futures import ThreadPoolExecutor

from django.db import connection


def committed(function, *args):
    """Run `function` in a thread of its own, so that its writes are committed for the live server."""

    def run():
        try:
            return function(*args)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()
