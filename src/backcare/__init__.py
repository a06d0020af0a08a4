"""Back Care: gentle back-care reminders and illustrated exercise cards after giving birth."""

__version__ = "0.1.0"
