// Arco Design Mobile 2 (ByteDance, React 18): each scenario is real Arco components; returns what to label.
const ARCO = '../node_modules/@arco-design/mobile-react/';
// Arco's icons are React components left out of its UMD bundle: run their CommonJS build (cjs/icon/<Name>)
// with the four modules it requires (React, two Babel helpers, Arco's ContextLayout giving the prefix).
const ICONS = {};
async function loadIcon(name) {
  const src = await (await fetch(ARCO + 'cjs/icon/' + name + '/index.js')).text();
  const mods = {
    react: React,
    '@babel/runtime/helpers/interopRequireDefault': (m) => (m && m.__esModule ? m : { default: m }),
    '@babel/runtime/helpers/extends': Object.assign,
    '@babel/runtime/helpers/objectWithoutPropertiesLoose': (o, ex) => Object.fromEntries(Object.entries(o).filter(([k]) => !ex.includes(k))),
    '../../context-provider': { ContextLayout: (p) => p.children({ prefixCls: 'arco' }) },
  };
  const exports = {};
  new Function('exports', 'require', src)(exports, (id) => {
    if (!(id in mods)) throw new Error('arco icon ' + name + ' requires ' + id);
    return mods[id];
  });
  ICONS[name] = exports.default;
}
window.LIB = {
  async ready() {
    setRootPixel(); // Arco's flexible: 50px root font size at 375 css px wide (at most 64)
    await Promise.all(['IconClose', 'IconErrorCircle', 'IconHome', 'IconSearch', 'IconShopping', 'IconUser', 'IconMore'].map(loadIcon));
  },
  async mount(sc, P) {
    const { T, grad, zh } = window.H;
    const A = Arco, h = React.createElement, I = (name, props) => h(ICONS[name], props || {});
    const platform = P.mode === 'md' ? 'android' : 'ios';
    const desc = { popups: [], closes: [], checks: [] };
    const dialogText = { confirm: T.confirm, install: T.install, rating: T.rating }[sc];
    let view;
    const card = (inner) => h('div', { className: 'promo-card', style: { background: grad() } },
      h('h2', null, T.promo.title), h('div', { className: 'amount' }, T.promo.amount),
      h(A.Button, { inline: true, shape: 'round', bgColor: '#ffd21e', color: '#a33', borderColor: '#ffd21e', style: { width: 180 } }, T.promo.btn), inner);
    // The X of a card or sheet: Arco's close icon in a clickable area of its own.
    const xButton = (cls, style) => h('div', { className: cls, role: 'button', style: { position: 'absolute', lineHeight: 0, padding: 6, ...style } }, I('IconClose'));
    if (dialogText) {
      view = (v, close) => h(A.Dialog, { visible: v, close, platform, title: dialogText.title, footer: [{ content: dialogText.no }, { content: dialogText.yes }] }, dialogText.msg);
      desc.popups.push({ sel: '.arco-dialog-content', kind: 'dialog' });
      desc.closes.push({ sel: '.arco-dialog-footer', text: dialogText.no, kind: 'text' });
    } else if (sc === 'promo_inside') {
      view = (v, close) => h(A.Masking, { visible: v, close, contentAtCenter: true },
        card(xButton('promo-x', { top: 4, right: 4, color: '#fff', fontSize: 20 })));
      desc.popups.push({ sel: '.promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-x', kind: 'x_icon' });
      desc.notes = 'Arco Masking holding a promotion card, its close icon in the card';
    } else if (sc === 'promo_below') {
      view = (v, close) => h(A.Masking, { visible: v, close, contentAtCenter: true },
        h('div', { style: { display: 'flex', flexDirection: 'column', alignItems: 'center' } }, card(),
          h('div', { className: 'promo-close', role: 'button', style: { marginTop: 20, lineHeight: 0, color: '#fff', fontSize: 36 } }, I('IconErrorCircle'))));
      desc.popups.push({ sel: '.promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-close', kind: 'x_icon' });
      desc.notes = 'circled close icon below the card, outside the pop-up box';
    } else if (sc === 'sheet') {
      view = (v, close) => h(A.ActionSheet, { visible: v, close, items: T.sheet.items.map((t) => ({ content: t })), cancelText: T.sheet.cancel, title: T.sheet.title || undefined });
      desc.popups.push({ sel: '.arco-action-sheet .arco-popup-content', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.arco-action-sheet .cancel-item', kind: 'text' });
    } else if (sc === 'coupon') {
      view = (v, close) => h(A.Popup, { visible: v, close, direction: 'bottom' },
        h('div', { style: { position: 'relative', minHeight: '45vh' } },
          h('div', { className: 'sheet-title' }, T.coupon.title), xButton('sheet-x', { top: 8, right: 8, fontSize: 18 }),
          h(A.Cell.Group, { bordered: false }, T.coupon.items.map((t, i) => h(A.Cell, { key: i, label: t, showArrow: true })))));
      desc.popups.push({ sel: '.arco-popup-content', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.sheet-x', kind: 'x_icon' });
    } else if (sc === 'splash') {
      const pos = { tr: { top: 'calc(4% + 16px)', right: 16 }, br: { bottom: 'calc(16% + 16px)', right: 16 }, bc: { bottom: 'calc(16% + 14px)', left: '50%', transform: 'translateX(-50%)' } }[P.skipPos];
      view = (v, close) => h(A.Masking, { visible: v, close, maskClosable: false, contentStyle: { position: 'fixed', inset: 0 } },
        h('div', { className: 'ad-creative', style: { background: grad() } }, h('h1', null, T.splash.title), h('p', null, T.splash.sub),
          h('div', { className: 'ad-brand' }, T.splash.brand)),
        h(A.Button, { className: 'skip-pill', inline: true, size: 'mini', shape: 'round', bgColor: 'rgba(0,0,0,.45)', color: '#fff', borderColor: 'transparent', style: pos }, T.skip));
      desc.popups.push({ sel: '.arco-masking-content', kind: 'fullscreen' });
      desc.closes.push({ sel: '.arco-masking-content', text: T.skip, kind: 'text' });
    } else if (sc === 'privacy') {
      const body = h('div', { style: { textAlign: 'left' } }, h('div', { style: { lineHeight: 1.6 } }, T.privacy.msg),
        h('div', { style: { marginTop: 10 } }, h(A.Checkbox, { value: 'agree', shape: P.seed % 2 ? 'square' : 'circle', defaultCheck: !!P.checked }, T.privacy.check)));
      view = (v, close) => h(A.Dialog, { visible: v, close, platform, title: T.privacy.title, footer: [{ content: T.privacy.no }, { content: T.privacy.yes }] }, body);
      desc.popups.push({ sel: '.arco-dialog-content', kind: 'dialog' });
      desc.closes.push({ sel: '.arco-dialog-footer', text: T.privacy.no, kind: 'text' });
      desc.checks.push({ sel: '.arco-dialog-body .checkbox-icon', checked: P.checked, kind: 'checkbox', label: T.privacy.check });
    } else if (sc === 'renew') {
      view = (v, close) => h(A.Popup, { visible: v, close, direction: 'bottom' },
        h('div', { style: { position: 'relative' } },
          h('div', { className: 'sheet-title' }, T.renew.title), xButton('sheet-x', { top: 8, right: 8, fontSize: 18 }),
          h('div', { className: 'price' }, T.renew.price),
          h(A.Cell.Group, { bordered: false }, h(A.Cell, { label: T.renew.sw }, h(A.Switch, { platform, defaultChecked: !!P.on }))),
          h('div', { className: 'sheet-body' }, h(A.Button, { type: 'primary', shape: 'round' }, T.renew.btn))));
      desc.popups.push({ sel: '.arco-popup-content', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.sheet-x', kind: 'x_icon' });
      desc.checks.push({ sel: '.arco-switch', checked: P.on, kind: 'switch', label: T.renew.sw });
    } else if (sc === 'toast') {
      view = () => null;
      desc.tags = ['toast'];
      desc.cover = [{ sel: '.arco-toast-inner' }];
      desc.notes = 'a toast is not a pop-up';
    } else if (sc === 'notice') {
      view = () => h('div', { style: { position: 'fixed', left: 0, right: 0, top: P.top + '%', zIndex: 10 } },
        h(A.NoticeBar, { marquee: 'none', closeable: P.seed % 3 === 0, leftContent: P.seed % 2 ? undefined : null }, T.notice));
      desc.tags = ['notice_bar'];
      desc.cover = [{ sel: '.arco-notice-bar' }];
      desc.notes = 'an in-layout notice bar is not a pop-up';
    } else if (sc === 'tabbar') {
      const icons = ['IconHome', 'IconSearch', 'IconShopping', 'IconUser'];
      view = () => h(A.TabBar, { fixed: true, defaultActiveIndex: 0 },
        T.tabs.map((t, i) => h(A.TabBar.Item, { key: i, title: t, icon: I(icons[i]), extra: i === 2 ? h(A.Badge, { text: '3' }) : undefined })));
      desc.tags = ['bottom_tabs'];
      desc.cover = [{ sel: '.arco-tab-bar' }];
      desc.notes = 'a bottom tab bar is not a pop-up';
    } else if (sc === 'navbar') {
      view = () => h(A.NavBar, { fixed: true, title: T.nav, rightContent: I('IconMore') });
      desc.tags = ['nav_bar'];
      desc.cover = [{ sel: '.arco-nav-bar-wrapper' }];
      desc.notes = 'a navigation bar is not a pop-up';
    } else throw new Error('arco: unknown scenario ' + sc);
    function App() {
      const [v, setV] = React.useState(false);
      React.useEffect(() => { setV(true); }, []);
      // isDarkMode puts Arco's arco-theme-dark class on <body>, which its dark rules hang from.
      return h(A.ContextProvider, { isDarkMode: !!P.dark }, view(v, () => {}));
    }
    ReactDOM.createRoot(document.getElementById('app')).render(h(App));
    if (sc === 'toast') {
      setTimeout(() => A.Toast[P.seed % 3 === 1 ? 'loading' : 'toast']({ content: T.toast, duration: 0 }, { isDarkMode: !!P.dark, createRoot: ReactDOM.createRoot }), 50);
    }
    return desc;
  },
};
