"""The desktop app: wiring only. ``main`` builds the QApplication and runs it, ``shell``
connects the core to the adapters, ``startup`` holds every start-up measure.

Importing this package loads no Qt: ``cli`` imports ``startup`` before PySide6.
"""
