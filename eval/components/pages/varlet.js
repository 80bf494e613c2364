// Varlet 3 (Vue 3, Material Design): each scenario is Varlet markup mounted by Vue; returns what to label.
// P.mode picks the theme family: 'md' = Varlet's Material 3 themes, 'ios' = its default (Material 2) themes.
window.LIB = {
  async mount(sc, P) {
    const { T, grad, zh } = window.H;
    const dialogText = { confirm: T.confirm, install: T.install, rating: T.rating }[sc];
    let tpl = '', desc = { popups: [], closes: [], checks: [] };
    const state = Vue.reactive({ show: false, checked: !!P.checked, on: !!P.on, active: 0 });
    const md3 = P.mode === 'md';
    if (dialogText) {
      tpl = `<var-dialog v-model:show="s.show" title="${dialogText.title}" message="${dialogText.msg}"
              cancel-button-text="${dialogText.no}" confirm-button-text="${dialogText.yes}" />`;
      desc.popups.push({ sel: '.var-dialog', kind: 'dialog' });
      desc.closes.push({ sel: '.var-dialog', text: dialogText.no, kind: 'text' });
    } else if (sc === 'promo_inside') {
      tpl = `<var-popup v-model:show="s.show" class="vr-promo">
               <div class="promo-card" style="background:${grad()}"><var-button class="vr-close" round text text-color="#fff"><var-icon name="${P.seed % 2 ? 'window-close' : 'close-circle-outline'}" size="22" /></var-button>
               <h2>${T.promo.title}</h2><div class="amount">${T.promo.amount}</div>
               <var-button round color="#ffd21e" text-color="#a33" style="width:180px">${T.promo.btn}</var-button></div></var-popup>`;
      desc.popups.push({ sel: '.promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.vr-close', kind: 'x_icon' });
      desc.notes = 'Varlet popup holding a promotion card, close button in the card';
    } else if (sc === 'promo_below') {
      tpl = `<var-popup v-model:show="s.show" class="vr-promo"><div style="display:flex;flex-direction:column;align-items:center">
               <div class="promo-card" style="background:${grad()}"><h2>${T.promo.title}</h2><div class="amount">${T.promo.amount}</div>
               <var-button round color="#ffd21e" text-color="#a33" style="width:180px">${T.promo.btn}</var-button></div>
               <var-icon class="promo-close" name="close-circle-outline" size="38" color="#fff" style="margin-top:22px" /></div></var-popup>`;
      desc.popups.push({ sel: '.promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-close', kind: 'x_icon' });
      desc.notes = 'circled close icon below the card, outside the pop-up box';
    } else if (sc === 'sheet') {
      // Varlet's action sheet has no cancel row of its own: Cancel is its last action, as many Material apps do.
      const acts = JSON.stringify(T.sheet.items.concat([T.sheet.cancel]).map((name) => ({ name }))).replace(/"/g, "'");
      tpl = `<var-action-sheet v-model:show="s.show" :actions="${acts}" ${T.sheet.title ? `title="${T.sheet.title}"` : ''} />`;
      desc.popups.push({ sel: '.var-action-sheet', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.var-action-sheet__action-item:last-child', kind: 'text' });
      desc.notes = 'Cancel is the action sheet\'s last action';
    } else if (sc === 'coupon') {
      const cells = T.coupon.items.map((t) => `<var-cell border icon="tag-outline">${t}</var-cell>`).join('');
      tpl = `<var-popup v-model:show="s.show" position="bottom" style="height:48%;border-radius:16px 16px 0 0">
               <var-button class="vr-close" round text><var-icon name="window-close" size="22" /></var-button>
               <div class="sheet-title">${T.coupon.title}</div>${cells}</var-popup>`;
      desc.popups.push({ sel: '.var-popup__content', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.vr-close', kind: 'x_icon' });
    } else if (sc === 'splash') {
      const pos = { tr: 'top:calc(4% + 16px);right:16px', br: 'bottom:calc(16% + 16px);right:16px', bc: 'bottom:calc(16% + 14px);left:50%;transform:translateX(-50%)' }[P.skipPos];
      tpl = `<var-popup v-model:show="s.show" :overlay="false" style="width:100vw;height:100vh">
               <div class="ad-creative" style="background:${grad()}"><h1>${T.splash.title}</h1><p>${T.splash.sub}</p>
               <div class="ad-brand">${T.splash.brand}</div></div>
               <var-button class="skip-pill" round size="small" color="rgba(0,0,0,.45)" text-color="#fff" style="${pos}">${T.skip}</var-button></var-popup>`;
      desc.popups.push({ sel: '.var-popup__content', kind: 'fullscreen' });
      desc.closes.push({ sel: '.var-popup__content', text: T.skip, kind: 'text' });
    } else if (sc === 'privacy') {
      tpl = `<var-dialog v-model:show="s.show" title="${T.privacy.title}" cancel-button-text="${T.privacy.no}" confirm-button-text="${T.privacy.yes}">
               <div class="consent" style="padding:0">${T.privacy.msg}</div>
               <div class="consent-check" style="padding:8px 0 0"><var-checkbox v-model="s.checked">${T.privacy.check}</var-checkbox></div></var-dialog>`;
      desc.popups.push({ sel: '.var-dialog', kind: 'dialog' });
      desc.closes.push({ sel: '.var-dialog', text: T.privacy.no, kind: 'text' });
      desc.checks.push({ sel: '.var-checkbox__action', checked: P.checked, kind: 'checkbox', label: T.privacy.check });
    } else if (sc === 'renew') {
      tpl = `<var-popup v-model:show="s.show" position="bottom" style="border-radius:16px 16px 0 0">
               <var-button class="vr-close" round text><var-icon name="window-close" size="22" /></var-button>
               <div class="sheet-title">${T.renew.title}</div><div class="price">${T.renew.price}</div>
               <var-cell>${T.renew.sw}<template #extra><var-switch v-model="s.on" /></template></var-cell>
               <div class="sheet-body"><var-button type="primary" block>${T.renew.btn}</var-button></div></var-popup>`;
      desc.popups.push({ sel: '.var-popup__content', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.vr-close', kind: 'x_icon' });
      desc.checks.push({ sel: '.var-switch__block', checked: P.on, kind: 'switch', label: T.renew.sw });
    } else if (sc === 'snackbar') {
      tpl = `<var-snackbar v-model:show="s.show" :duration="600000" position="${P.seed % 2 ? 'bottom' : 'center'}" content="${T.snack.msg}">
               <template #action><var-button type="primary" size="small">${T.snack.action}</var-button></template></var-snackbar>`;
      desc.tags = ['snackbar'];
      desc.cover = [{ sel: '.var-snackbar__wrapper' }];
      desc.notes = 'a snackbar is not a pop-up';
    } else if (sc === 'tabbar') {
      const icons = ['home', 'magnify', 'cart-outline', 'account-circle-outline'];
      tpl = `<var-bottom-navigation v-model:active="s.active" fixed>${T.tabs.map((t, i) => `<var-bottom-navigation-item label="${t}" icon="${icons[i]}" ${i === 2 ? ':badge="{value: 3}"' : ''} />`).join('')}</var-bottom-navigation>`;
      desc.tags = ['bottom_tabs'];
      desc.cover = [{ sel: '.var-bottom-navigation' }];
      desc.notes = 'a bottom tab bar is not a pop-up';
    } else if (sc === 'navbar') {
      tpl = `<div style="position:fixed;left:0;right:0;top:0;z-index:10"><var-app-bar title="${T.nav}" title-position="${P.seed % 2 ? 'center' : 'left'}">
               <template #left><var-button round text color="transparent" text-color="#fff"><var-icon name="chevron-left" size="24" /></var-button></template>
               <template #right><var-button round text color="transparent" text-color="#fff"><var-icon name="dots-vertical" size="24" /></var-button></template></var-app-bar></div>`;
      desc.tags = ['nav_bar'];
      desc.cover = [{ sel: '.var-app-bar' }];
      desc.notes = 'a navigation bar is not a pop-up';
    } else throw new Error('varlet: unknown scenario ' + sc);
    const Th = Varlet.Themes;
    Varlet.StyleProvider(P.dark ? (md3 ? Th.md3Dark : Th.dark) : (md3 ? Th.md3Light : null));
    const app = Vue.createApp({ setup: () => ({ s: state }), template: tpl });
    app.use(Varlet);
    if (!zh) Varlet.Locale.use('en-US');
    app.mount('#app');
    await Vue.nextTick();
    state.show = true;
    return desc;
  },
};
