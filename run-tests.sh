#!/usr/bin/env bash
# Set up EquityDesk with its test tools (first run only) and run the test suite headless. Extra args go to pytest.
source "$(dirname "${BASH_SOURCE[0]}")/scripts_common.sh"
install_system_packages "${qt_packages[@]}" "${test_packages[@]}"
ensure_venv "test"
cd "$here"
export QT_QPA_PLATFORM=offscreen
"$venv/bin/ruff" check equitydesk tests tools
"$venv/bin/mypy"  # strict on the Qt-free core (domain, services, db, formats): see pyproject.toml
exec "$venv/bin/python" -m pytest -q "$@"
