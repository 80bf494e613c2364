"""Hierarchy XML: uiautomator's format, escaping, window order and visible bounds."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from emulator.virtual.android.hierarchy import XML_DECLARATION, dump_xml
from emulator.virtual.android.system import AndroidSystem
from emulator.virtual.android.ui import Rect, Screen, View, Window

ATTRS = ["index", "text", "resource-id", "class", "package", "content-desc", "checkable",
         "checked", "clickable", "enabled", "focusable", "focused", "scrollable",
         "long-clickable", "password", "selected", "visible-to-user", "bounds"]


def hello_screen() -> Screen:
    system = AndroidSystem()
    system.launch("com.example.hello")
    return system.screen()


def test_parses_and_contains_the_hello_button_with_its_bounds():
    screen = hello_screen()
    xml = dump_xml(screen)
    assert xml.startswith(XML_DECLARATION + "\r\n<hierarchy rotation=\"0\">")
    root = ET.fromstring(xml.encode())
    assert root.tag == "hierarchy" and root.get("rotation") == "0"
    button = root.find(".//node[@resource-id='com.example.hello:id/button']")
    assert button is not None
    view = next(v for v in screen.windows[0].root.walk() if v.resource_id.endswith("/button"))
    assert button.get("bounds") == view.bounds.as_bounds()
    assert button.get("text") == "TAP ME"
    assert button.get("class") == "android.widget.Button"
    assert button.get("clickable") == "true" and button.get("index") == "2"


def test_attributes_come_in_uiautomator_order():
    root = ET.fromstring(dump_xml(hello_screen()).encode())
    for node in root.iter("node"):
        names = [k for k in node.attrib if k != "NAF"]
        assert names[:len(ATTRS)] == ATTRS
        assert names[len(ATTRS):] == ["drawing-order", "hint", "display-id"]


def test_active_window_comes_first_then_system_windows():
    root = ET.fromstring(dump_xml(hello_screen()).encode())
    packages = [n.get("package") for n in root.findall("node")]
    assert packages == ["com.example.hello", "com.android.systemui", "com.android.systemui"]


def test_hostile_text_is_escaped_and_round_trips():
    text = '<script>alert("x")</script> & \'q\'\nline2\x01'
    root_view = View(cls="android.widget.TextView", bounds=Rect(0, 0, 100, 100), text=text,
                     content_desc='a"b', package="p")
    xml = dump_xml(Screen(100, 100, 0, (Window("p", "t", root_view),), 0))
    assert "<script>" not in xml
    node = ET.fromstring(xml.encode()).find("node")
    assert node.get("text") == text.replace("\x01", ".")
    assert node.get("content-desc") == 'a"b'


def test_offscreen_views_are_left_out_and_bounds_are_clipped():
    root_view = View(cls="android.widget.FrameLayout", bounds=Rect(0, 0, 100, 100), package="p",
                     children=(View(cls="a.Gone", bounds=Rect(200, 200, 300, 300)),
                               View(cls="a.Half", bounds=Rect(50, 50, 150, 150))))
    node = ET.fromstring(dump_xml(Screen(100, 100, 0, (Window("p", "t", root_view),), 0)).encode())
    children = node.find("node").findall("node")
    assert [c.get("class") for c in children] == ["a.Half"]
    assert children[0].get("bounds") == "[50,50][100,100]"
    assert children[0].get("index") == "1"  # its place among all children, as uiautomator says


def test_clickable_without_any_label_is_marked_naf():
    root_view = View(cls="android.widget.FrameLayout", bounds=Rect(0, 0, 100, 100), package="p",
                     children=(View(cls="android.widget.ImageView", bounds=Rect(0, 0, 10, 10),
                                    clickable=True),
                               View(cls="android.widget.ImageView", bounds=Rect(10, 0, 20, 10),
                                    clickable=True, content_desc="Close")))
    xml = dump_xml(Screen(100, 100, 0, (Window("p", "t", root_view),), 0))
    first, second = ET.fromstring(xml.encode()).find("node").findall("node")
    assert first.get("NAF") == "true" and list(first.keys())[0] == "NAF"
    assert second.get("NAF") is None


def test_max_depth_limits_nesting_like_the_server():
    # the server dumps a node's children while its remaining depth is above zero
    flat = ET.fromstring(dump_xml(hello_screen(), max_depth=0).encode())
    assert all(len(n.findall("node")) == 0 for n in flat.findall("node"))
    one = ET.fromstring(dump_xml(hello_screen(), max_depth=1).encode())
    assert len(one.findall("node/node")) > 0 and len(one.findall("node/node/node")) == 0


def test_compact_form_is_one_line_and_empty_screen_self_closes():
    assert "\n" not in dump_xml(hello_screen(), indent=False)
    assert dump_xml(Screen(10, 10, 1, (), 0)).endswith('<hierarchy rotation="1" />')
