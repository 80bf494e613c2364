"""The Android behind the protocol: system state, windows and views, apps.

Services (shell, uiautomator2 server, console) read and change device state only through
`AndroidSystem`; the renderer and the hierarchy dumper read the same view trees, so what a
screenshot shows and what a hierarchy dump says always agree.
"""
