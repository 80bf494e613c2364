import time

import numpy as np

from harness.vision import VisionConfig, analyze
from harness.vision.hierarchy import MAX_DEPTH, HierarchyError, close_hints, parse_nodes

CFG = VisionConfig(dpi=420)

GOOD = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<hierarchy rotation="0">
  <node index="0" text="" resource-id="" class="android.widget.FrameLayout" package="com.example"
        content-desc="" clickable="false" bounds="[0,0][1080,2400]">
    <node index="0" text="" resource-id="com.example:id/splash_ad" class="android.widget.ImageView"
          content-desc="" clickable="true" bounds="[0,0][1080,2400]" />
    <node index="1" text="" resource-id="com.example:id/tt_close" class="android.widget.ImageView"
          content-desc="" clickable="true" bounds="[960,120][1040,200]" />
    <node index="2" text="跳过 3" resource-id="" class="android.widget.TextView"
          content-desc="" clickable="true" bounds="[860,240][1040,300]" />
    <node index="3" text="Open" resource-id="com.example:id/btn_open" class="android.widget.Button"
          content-desc="" clickable="true" bounds="[100,2000][980,2100]" />
  </node>
</hierarchy>"""


def test_hints_from_resource_id_and_text():
    hints = close_hints(GOOD, CFG, (1080, 2400))
    labels = {h.label for h in hints}
    assert labels == {"tt_close", "跳过 3"}


def test_hints_are_rescaled_to_the_screenshot():
    (h, _) = sorted(close_hints(GOOD, CFG, (540, 1200)), key=lambda h: h.bbox[1])
    assert h.bbox == (480, 60, 40, 40)


def test_fusion_adds_controls_the_pixels_missed():
    blank = np.full((2400, 1080, 3), 128, np.uint8)
    res = analyze(blank, hierarchy_xml=GOOD, cfg=CFG, use_ocr=False)
    controls = [c for p in res.popups for c in p.close_controls] + list(res.other_controls)
    skip = [c for c in controls if c.text == "跳过 3"]
    assert skip and skip[0].countdown == 3 and skip[0].source == "hierarchy"
    assert res.popups and res.popups[0].kind == "fullscreen"


def test_entity_declarations_are_refused():
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{"&lol{};".format(i - 1 if i > 1 else "") * 10}">' for i in range(1, 9))
              + ']><hierarchy><node text="&lol8;" resource-id="x:id/iv_close" bounds="[0,0][10,10]"/></hierarchy>')
    t0 = time.perf_counter()
    try:
        parse_nodes(laughs)
        raise AssertionError("an entity declaration was accepted")
    except HierarchyError:
        pass
    assert close_hints(laughs, CFG) == []
    assert time.perf_counter() - t0 < 1


def test_external_entities_are_refused():
    xxe = ('<?xml version="1.0"?><!DOCTYPE h [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
           '<hierarchy><node text="&e;" bounds="[0,0][10,10]"/></hierarchy>')
    assert close_hints(xxe, CFG) == []


def test_huge_depth_is_bounded():
    depth = 20_000
    xml = "<hierarchy>" + '<node bounds="[0,0][100,100]" resource-id="a:id/iv_close">' * depth + "</node>" * depth + "</hierarchy>"
    t0 = time.perf_counter()
    try:
        nodes = parse_nodes(xml)
        assert max(n.depth for n in nodes) <= MAX_DEPTH
    except HierarchyError:
        pass  # refusing it is fine too
    close_hints(xml, CFG)
    assert time.perf_counter() - t0 < 5


def test_garbage_is_no_hint():
    for bad in ("", "not xml", "<hierarchy><node bounds='[a][b]'/>", b"\xff\xfe\x00"):
        assert close_hints(bad, CFG) == []
