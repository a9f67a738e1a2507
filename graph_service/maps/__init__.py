"""Interactive family and cluster maps (pyvis / vis-network), served and rendered offline."""
