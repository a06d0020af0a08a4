"""The operating system's doors: D-Bus (notifications, logind), the single-instance lock and
socket, the .desktop entries, and the display check. Each adapts one desktop service and holds
no rule about reminders."""
