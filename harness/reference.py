"""Reference numbers behind the default thresholds, with where each comes from.

Copied from the project's study of MIIT notice 工信部信管函〔2023〕26号 (the notice itself gives no
numbers) so that a report can quote the source of every default; nothing here is read from
outside the package at run time.
"""

from __future__ import annotations

from dataclasses import dataclass

NOTICE = "工信部信管函〔2023〕26号 (MIIT, 2023-02-28)"


@dataclass(frozen=True)
class Source:
    """Where a default value comes from, and how binding it is."""

    text: str
    status: str  # e.g. "reference value", "platform policy", "project choice"


TAF_078_7 = Source(
    "T/TAF 078.7—2022 《APP用户权益保护测评规范 第7部分：欺骗误导强迫行为》 (TAF, 2022-11-25), "
    "as reported in the national press on 2023-02-01",
    "reference value (参考数值); configurable")
ATF_TOUCH_TARGET = Source("Google Accessibility Test Framework, TouchTargetSizeCheck (48 × 48 dp; 32 dp at a screen edge)",
                          "accessibility guideline used as the 'clear' (清晰) bar of notice item 1.4")
KUAISHOU_CLOSE_DELAY = Source("Kuaishou mini-game ad rules: a close button may not appear more than 3 s late",
                              "platform policy; a stand-in where no national number exists")
PANGLE_SPLASH = Source("Pangle (穿山甲) ad-platform policy: splash ad height ≥ 75% of the screen, "
                       "interstitial clickable area ≤ 3/4 of the screen", "platform policy")
WCAG_NON_TEXT_CONTRAST = Source("WCAG 2.1 success criterion 1.4.11 (non-text contrast): 3:1 for UI components",
                                "accessibility guideline used as the 'clear' (清晰) bar of notice item 1.4")
WCAG_TARGET_SIZE = Source("WCAG 2.2 success criterion 2.5.8, Target Size (Minimum), level AA: 24 × 24 CSS px (dp)",
                          "accessibility guideline used as the bar below which a close control is not clear (清晰); "
                          "configurable")
KUAISHOU_INTERSTITIAL = Source("Kuaishou mini-game ad rules: no interstitial in the first 30 s after launch, at least "
                               "60 s between two", "platform policy: real apps hold pop-ups back past the first seconds")
MATERIAL_ICONS = Source("Material Design system icons: the close icon (ic_close) draws its X 14 dp wide in a 24 × 24 dp "
                        "icon, inside a 48 dp touch target",
                        "design guideline used as the smallest clear drawn close icon; configurable")
SAMR_ONE_TAP = Source("《互联网广告管理办法》 (SAMR, 2023), article 10: a pop-up ad must close with one tap; "
                      "'close only after the countdown' is not allowed", "regulation; the tolerance is a project choice")
SAMR_NO_RETURN = Source("《互联网广告管理办法》 (SAMR, 2023), article 10 (四): an ad may not pop up again after it was "
                        "closed while the user stays on the same page", "regulation")
HARNESS_ISSUE = Source("project requirement (harness core issue): capture ≥ 20 frames/s, shakes sampled ≥ 50 Hz",
                       "project choice")
PROJECT_CHOICE = Source(f"no number in {NOTICE} or the documents studied; chosen by the project",
                        "project choice; configurable")

#: The notice's clauses this harness judges (id → title), for reports and the `clause` marker.
CLAUSES: dict[str, str] = {
    "1.1": "确保知情同意安装", "1.2": "规范网页推荐下载行为", "1.3": "实现便捷卸载", "1.4": "窗口关闭用户可选",
    "1.5": "服务事项提前告知", "1.6": "启动运行场景合理", "1.7": "服务续期及时提醒", "1.8": "坚持合法正当必要原则",
    "1.9": "明示个人信息处理规则", "1.10": "合理申请使用权限", "1.11": "设立客服热线", "1.12": "妥善处理用户投诉",
    "2.3": "加强软件开发工具(SDK)使用管理", "2.5": "上架APP动态管理", "2.6": "完善分发管理机制",
}
