"""The printable week: her reminders as a grid of tick boxes, the warning signs, the tips, and
a card per exercise drawn by the app's one figure painter, on a PDF file or a printer."""
