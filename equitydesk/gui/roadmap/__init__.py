"""The roadmap editor's parts: the node detail pane, the indicator panel (measurements, chart) and small dialogs."""
