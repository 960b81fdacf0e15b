"""Taking an intake (or a consent form): the wizard, its pages and answer editors."""
