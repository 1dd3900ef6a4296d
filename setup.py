"""Build hook for ``scrapyd-deploy``, which builds a Scrapy project's egg with ``python setup.py bdist_egg``.

Everything about the package lives in pyproject.toml (packages, their data files such as the thesaurus, and the
``scrapy`` entry point naming the settings module); this file only lets scrapyd-deploy use it instead of writing a
setup.py of its own that would leave the data files out of the egg.
"""

from setuptools import setup

setup()
