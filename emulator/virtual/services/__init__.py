"""Device services opened over adb streams: shell (v1, v2), exec, sync, tcp forwarding."""
