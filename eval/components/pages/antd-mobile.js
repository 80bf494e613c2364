// antd-mobile 5 (React 18): each scenario is real antd-mobile components; returns what to label.
const XSVG = '<svg viewBox="0 0 48 48" width="36" height="36"><circle cx="24" cy="24" r="21" fill="none" stroke="#fff" stroke-width="3"/><path d="M16 16l16 16M32 16L16 32" stroke="#fff" stroke-width="3"/></svg>';
const ICON = (d) => React.createElement('svg', { viewBox: '0 0 24 24', width: '1em', height: '1em' }, React.createElement('path', { d, fill: 'currentColor' }));
window.LIB = {
  async mount(sc, P) {
    const { T, grad, zh } = window.H;
    const A = antdMobile, h = React.createElement;
    if (P.dark) document.documentElement.setAttribute('data-prefers-color-scheme', 'dark');
    const desc = { popups: [], closes: [], checks: [] };
    const dialogText = { confirm: T.confirm, install: T.install, rating: T.rating }[sc];
    let view;
    const card = () => h('div', { className: 'promo-card', style: { background: grad() } },
      h('h2', null, T.promo.title), h('div', { className: 'amount' }, T.promo.amount),
      h(A.Button, { shape: 'rounded', style: { '--background-color': '#ffd21e', '--text-color': '#a33', width: 180 } }, T.promo.btn));
    if (dialogText) {
      const no = { key: 'no', text: dialogText.no }, yes = { key: 'yes', text: dialogText.yes, bold: true };
      const actions = P.seed % 2 ? [[no, yes]] : [yes, no];
      view = (v) => h(A.Dialog, { visible: v, title: dialogText.title, content: dialogText.msg, actions });
      desc.popups.push({ sel: '.adm-dialog-body', kind: 'dialog' });
      desc.closes.push({ sel: '.adm-dialog-body', text: dialogText.no, kind: 'text' });
    } else if (sc === 'promo_inside') {
      view = (v) => h(A.CenterPopup, { visible: v, showCloseButton: true, bodyStyle: { background: 'transparent', minWidth: 0 } }, card());
      desc.popups.push({ sel: '.adm-center-popup-body', kind: 'dialog' });
      desc.closes.push({ sel: '.adm-center-popup-close', kind: 'x_icon' });
    } else if (sc === 'promo_below') {
      view = (v) => h(A.Mask, { visible: v },
        h('div', { style: { height: '100%', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center' } },
          card(), h('div', { className: 'promo-close', role: 'button', style: { marginTop: 20, lineHeight: 0 }, dangerouslySetInnerHTML: { __html: XSVG } })));
      desc.popups.push({ sel: '.promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-close', kind: 'x_icon' });
      desc.notes = 'circled close icon below the card, outside the pop-up box';
    } else if (sc === 'sheet') {
      view = (v) => h(A.ActionSheet, { visible: v, actions: T.sheet.items.map((t, i) => ({ key: i, text: t })), cancelText: T.sheet.cancel, extra: T.sheet.title || undefined });
      desc.popups.push({ sel: '.adm-popup-body', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.adm-popup-body', text: T.sheet.cancel, kind: 'text' });
    } else if (sc === 'coupon') {
      view = (v) => h(A.Popup, { visible: v, showCloseButton: true, bodyStyle: { borderTopLeftRadius: 8, borderTopRightRadius: 8, minHeight: '45vh' } },
        h('div', { className: 'sheet-title' }, T.coupon.title),
        h(A.List, null, T.coupon.items.map((t, i) => h(A.List.Item, { key: i, clickable: true }, t))));
      desc.popups.push({ sel: '.adm-popup-body', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.adm-popup-close-icon', kind: 'x_icon' });
    } else if (sc === 'splash') {
      const pos = { tr: { top: 'calc(4% + 16px)', right: 16 }, br: { bottom: 'calc(16% + 16px)', right: 16 }, bc: { bottom: 'calc(16% + 14px)', left: '50%', transform: 'translateX(-50%)' } }[P.skipPos];
      view = (v) => h(A.Mask, { visible: v, opacity: 1, color: 'white' },
        h('div', { className: 'ad-creative', style: { background: grad() } }, h('h1', null, T.splash.title), h('p', null, T.splash.sub),
          h('div', { className: 'ad-brand' }, T.splash.brand)),
        h(A.Button, { className: 'skip-pill', size: 'mini', shape: 'rounded', style: { ...pos, '--background-color': 'rgba(0,0,0,.45)', '--text-color': '#fff', '--border-color': 'transparent' } }, T.skip));
      desc.popups.push({ sel: '.adm-mask', kind: 'fullscreen' });
      desc.closes.push({ sel: '.adm-mask', text: T.skip, kind: 'text' });
    } else if (sc === 'privacy') {
      const content = h('div', null, h('div', { style: { fontSize: 14, lineHeight: 1.6 } }, T.privacy.msg),
        h('div', { style: { marginTop: 10 } }, h(A.Checkbox, { defaultChecked: !!P.checked, style: { '--icon-size': '16px', '--font-size': '13px' } }, T.privacy.check)));
      view = (v) => h(A.Dialog, { visible: v, title: T.privacy.title, content, actions: [[{ key: 'no', text: T.privacy.no }, { key: 'yes', text: T.privacy.yes, bold: true }]] });
      desc.popups.push({ sel: '.adm-dialog-body', kind: 'dialog' });
      desc.closes.push({ sel: '.adm-dialog-body', text: T.privacy.no, kind: 'text' });
      desc.checks.push({ sel: '.adm-checkbox-icon', checked: P.checked, kind: 'checkbox', label: T.privacy.check });
    } else if (sc === 'renew') {
      view = (v) => h(A.Popup, { visible: v, showCloseButton: true, bodyStyle: { borderTopLeftRadius: 8, borderTopRightRadius: 8 } },
        h('div', { className: 'sheet-title' }, T.renew.title), h('div', { className: 'price' }, T.renew.price),
        h(A.List, null, h(A.List.Item, { extra: h(A.Switch, { defaultChecked: !!P.on }) }, T.renew.sw)),
        h('div', { className: 'sheet-body' }, h(A.Button, { block: true, color: 'danger', shape: 'rounded' }, T.renew.btn)));
      desc.popups.push({ sel: '.adm-popup-body', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.adm-popup-close-icon', kind: 'x_icon' });
      desc.checks.push({ sel: '.adm-switch', checked: P.on, kind: 'switch', label: T.renew.sw });
    } else if (sc === 'toast') {
      view = () => null;
      desc.tags = ['toast'];
      desc.cover = [{ sel: '.adm-toast-main' }];
      desc.notes = 'a toast is not a pop-up';
    } else if (sc === 'notice') {
      view = () => h('div', { style: { position: 'fixed', left: 0, right: 0, top: P.top + '%', zIndex: 10 } },
        h(A.NoticeBar, { content: T.notice, color: P.seed % 2 ? 'alert' : 'info', closeable: P.seed % 3 === 0 }));
      desc.tags = ['notice_bar'];
      desc.cover = [{ sel: '.adm-notice-bar' }];
      desc.notes = 'an in-layout notice bar is not a pop-up';
    } else if (sc === 'tabbar') {
      const paths = ['M12 3l9 8h-3v9h-5v-6h-2v6H6v-9H3z', 'M4 4h7v7H4zm9 0h7v7h-7zM4 13h7v7H4zm9 0h7v7h-7z', 'M7 18a2 2 0 100 4 2 2 0 000-4zm10 0a2 2 0 100 4 2 2 0 000-4zM3 3h3l3 11h10l2-8H7', 'M12 12a5 5 0 100-10 5 5 0 000 10zm-9 10c0-5 4-8 9-8s9 3 9 8z'];
      view = () => h('div', { style: { position: 'fixed', left: 0, right: 0, bottom: 0, zIndex: 10, background: 'var(--adm-color-background)', borderTop: '1px solid var(--adm-color-border)' } },
        h(A.TabBar, null, T.tabs.map((t, i) => h(A.TabBar.Item, { key: i, title: t, icon: ICON(paths[i]), badge: i === 2 ? '3' : undefined }))));
      desc.tags = ['bottom_tabs'];
      desc.cover = [{ sel: '.adm-tab-bar' }];
      desc.notes = 'a bottom tab bar is not a pop-up';
    } else if (sc === 'navbar') {
      view = () => h('div', { style: { position: 'fixed', left: 0, right: 0, top: 0, zIndex: 10, background: 'var(--adm-color-background)' } },
        h(A.NavBar, { back: zh ? '返回' : 'Back' }, T.nav));
      desc.tags = ['nav_bar'];
      desc.cover = [{ sel: '.adm-nav-bar' }];
      desc.notes = 'a navigation bar is not a pop-up';
    } else throw new Error('antd-mobile: unknown scenario ' + sc);
    function App() {
      const [v, setV] = React.useState(false);
      React.useEffect(() => { setV(true); }, []);
      return view(v);
    }
    ReactDOM.createRoot(document.getElementById('app')).render(h(App));
    if (sc === 'toast') setTimeout(() => A.Toast.show({ content: T.toast, duration: 0, icon: P.seed % 3 === 1 ? 'loading' : undefined }), 50);
    return desc;
  },
};
