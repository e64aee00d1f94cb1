"""Packaging glue: setup.cfg holds everything else; this installs the top-level resources/ as equitydesk.resources."""

from setuptools import find_packages, setup

# Each folder of resources/ is a package of its own (equitydesk.resources.fonts …): Python can import a folder
# without __init__.py, so setuptools warns about, and will one day drop, data folders not listed as packages.
RESOURCE_FOLDERS = ("fonts", "icons", "templates", "typst")

setup(
    packages=[
        *find_packages(include=["equitydesk", "equitydesk.*"]),
        "equitydesk.resources",
        *(f"equitydesk.resources.{folder}" for folder in RESOURCE_FOLDERS),
    ],
    package_dir={"equitydesk.resources": "resources"},
)
