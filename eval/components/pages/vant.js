// Vant 4 (Vue 3): each scenario is real Vant markup mounted by Vue; returns what to label.
window.LIB = {
  async mount(sc, P) {
    const { T, grad } = window.H;
    const dialogText = { confirm: T.confirm, install: T.install, rating: T.rating }[sc];
    let tpl = '', desc = { popups: [], closes: [], checks: [] };
    const state = Vue.reactive({ show: false, checked: !!P.checked, on: !!P.on, active: 0 });
    if (dialogText) {
      const round = P.seed % 3 === 2 ? 'theme="round-button"' : '';
      tpl = `<van-dialog v-model:show="s.show" ${round} title="${dialogText.title}" message="${dialogText.msg}" show-cancel-button
              cancel-button-text="${dialogText.no}" confirm-button-text="${dialogText.yes}" />`;
      desc.popups.push({ sel: '.van-dialog', kind: 'dialog' });
      desc.closes.push({ sel: '.van-dialog', text: dialogText.no, kind: 'text' });
    } else if (sc === 'promo_inside') {
      tpl = `<van-popup v-model:show="s.show" closeable close-icon="${P.seed % 2 ? 'close' : 'cross'}" round style="overflow:hidden">
               <div class="promo-card" style="background:${grad()}"><h2>${T.promo.title}</h2><div class="amount">${T.promo.amount}</div>
               <van-button round color="#ffd21e" style="color:#a33;width:180px">${T.promo.btn}</van-button></div></van-popup>`;
      desc.popups.push({ sel: '.van-popup', kind: 'dialog' });
      desc.closes.push({ sel: '.van-popup__close-icon', kind: 'x_icon' });
    } else if (sc === 'promo_below') {
      tpl = `<van-overlay :show="s.show"><div style="height:100%;display:flex;flex-direction:column;align-items:center;justify-content:center">
               <div class="promo-card" style="background:${grad()}"><h2>${T.promo.title}</h2><div class="amount">${T.promo.amount}</div>
               <van-button round color="#ffd21e" style="color:#a33;width:180px">${T.promo.btn}</van-button></div>
               <van-icon class="promo-close" name="close" size="36" color="#fff" style="margin-top:22px" /></div></van-overlay>`;
      desc.popups.push({ sel: '.promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-close', kind: 'x_icon' });
      desc.notes = 'circled close icon below the card, outside the pop-up box';
    } else if (sc === 'sheet') {
      const acts = JSON.stringify(T.sheet.items.map((name) => ({ name }))).replace(/"/g, "'");
      tpl = `<van-action-sheet v-model:show="s.show" :actions="${acts}" cancel-text="${T.sheet.cancel}" ${T.sheet.title ? `title="${T.sheet.title}"` : ''} />`;
      desc.popups.push({ sel: '.van-action-sheet', kind: 'bottom_sheet' });
      if (T.sheet.title) desc.closes.push({ sel: '.van-action-sheet__close', kind: 'x_icon' });
      desc.closes.push({ sel: '.van-action-sheet__cancel', kind: 'text', text: T.sheet.cancel });
    } else if (sc === 'coupon') {
      const cells = T.coupon.items.map((t) => `<van-cell title="${t}" is-link />`).join('');
      tpl = `<van-popup v-model:show="s.show" position="bottom" round closeable style="height:48%">
               <div class="sheet-title">${T.coupon.title}</div><van-cell-group>${cells}</van-cell-group></van-popup>`;
      desc.popups.push({ sel: '.van-popup', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.van-popup__close-icon', kind: 'x_icon' });
    } else if (sc === 'splash') {
      const pos = { tr: 'top:calc(4% + 16px);right:16px', br: 'bottom:calc(16% + 16px);right:16px', bc: 'bottom:calc(16% + 14px);left:50%;transform:translateX(-50%)' }[P.skipPos];
      tpl = `<van-popup v-model:show="s.show" :style="{width:'100%',height:'100%',maxWidth:'100%'}" :overlay="false">
               <div class="ad-creative" style="background:${grad()}"><h1>${T.splash.title}</h1><p>${T.splash.sub}</p>
               <div class="ad-brand">${T.splash.brand}</div></div>
               <van-button class="skip-pill" round size="small" color="rgba(0,0,0,.45)" style="${pos}">${T.skip}</van-button></van-popup>`;
      desc.popups.push({ sel: '.van-popup', kind: 'fullscreen' });
      desc.closes.push({ sel: '.van-popup', text: T.skip, kind: 'text' });
    } else if (sc === 'privacy') {
      tpl = `<van-dialog v-model:show="s.show" title="${T.privacy.title}" show-cancel-button cancel-button-text="${T.privacy.no}" confirm-button-text="${T.privacy.yes}">
               <div class="consent">${T.privacy.msg}</div>
               <div class="consent-check"><van-checkbox v-model="s.checked" shape="square" icon-size="16px">${T.privacy.check}</van-checkbox></div></van-dialog>`;
      desc.popups.push({ sel: '.van-dialog', kind: 'dialog' });
      desc.closes.push({ sel: '.van-dialog', text: T.privacy.no, kind: 'text' });
      desc.checks.push({ sel: '.van-checkbox__icon', checked: P.checked, kind: 'checkbox', label: T.privacy.check });
    } else if (sc === 'renew') {
      tpl = `<van-popup v-model:show="s.show" position="bottom" round closeable>
               <div class="sheet-title">${T.renew.title}</div><div class="price">${T.renew.price}</div>
               <van-cell title="${T.renew.sw}"><template #right-icon><van-switch v-model="s.on" size="22px" /></template></van-cell>
               <div class="sheet-body"><van-button type="danger" round block>${T.renew.btn}</van-button></div></van-popup>`;
      desc.popups.push({ sel: '.van-popup', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.van-popup__close-icon', kind: 'x_icon' });
      desc.checks.push({ sel: '.van-switch', checked: P.on, kind: 'switch', label: T.renew.sw });
    } else if (sc === 'toast') {
      tpl = '<div></div>';
      desc.tags = ['toast'];
      desc.cover = [{ sel: '.van-toast' }];
      desc.notes = 'a toast is not a pop-up';
    } else if (sc === 'notice') {
      tpl = `<div style="position:fixed;left:0;right:0;top:${P.top || 8}%;z-index:10"><van-notice-bar left-icon="volume-o" mode="${P.seed % 2 ? 'closeable' : ''}" text="${T.notice}" /></div>`;
      desc.tags = ['notice_bar'];
      desc.cover = [{ sel: '.van-notice-bar' }];
      desc.notes = 'an in-layout notice bar is not a pop-up';
    } else if (sc === 'tabbar') {
      const icons = ['home-o', 'apps-o', 'cart-o', 'user-o'];
      tpl = `<van-tabbar v-model="s.active">${T.tabs.map((t, i) => `<van-tabbar-item icon="${icons[i]}" ${i === 2 ? 'badge="3"' : ''}>${t}</van-tabbar-item>`).join('')}</van-tabbar>`;
      desc.tags = ['bottom_tabs'];
      desc.cover = [{ sel: '.van-tabbar' }];
      desc.notes = 'a bottom tab bar is not a pop-up';
    } else if (sc === 'navbar') {
      tpl = `<van-nav-bar title="${T.nav}" left-arrow fixed placeholder left-text="${window.H.zh ? '返回' : 'Back'}" />`;
      desc.tags = ['nav_bar'];
      desc.cover = [{ sel: '.van-nav-bar' }];
      desc.notes = 'a navigation bar is not a pop-up';
    } else throw new Error('vant: unknown scenario ' + sc);
    const app = Vue.createApp({ setup: () => ({ s: state }), template: `<van-config-provider theme="${P.dark ? 'dark' : 'light'}">${tpl}</van-config-provider>` });
    app.use(vant);
    app.mount('#app');
    await Vue.nextTick();
    state.show = true;
    if (sc === 'toast') vant.showToast({ message: T.toast, duration: 0, type: P.seed % 3 === 1 ? 'loading' : 'text' });
    return desc;
  },
};
