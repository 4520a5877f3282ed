"""Image tools for active perception and pixel-level percipients (never imports agents)."""
