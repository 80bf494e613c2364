"""The adbd side of the ADB transport over TCP: a sans-IO state machine (`transport`) and a
thin asyncio layer (`server`) that connects it to device services."""
