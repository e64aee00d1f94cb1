"""Packaging glue: setup.cfg holds everything else; this installs the top-level resources/ as equitydesk.resources."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["equitydesk", "equitydesk.*"]), "equitydesk.resources"],
    package_dir={"equitydesk.resources": "resources"},
)
