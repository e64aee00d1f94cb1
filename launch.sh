#!/usr/bin/env bash
# Set up EquityDesk on this machine (first run only) and open it. Pass --demo for the demo committee.
source "$(dirname "${BASH_SOURCE[0]}")/scripts_common.sh"
install_system_packages "${qt_packages[@]}"
ensure_venv ""
exec "$venv/bin/equitydesk" "$@"
