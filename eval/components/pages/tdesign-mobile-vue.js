// TDesign Mobile Vue 1 (Tencent, on Vue 3): each scenario is real TDesign markup mounted by Vue; returns what to label.
window.LIB = {
  async mount(sc, P) {
    const { T, grad } = window.H;
    if (P.dark) document.documentElement.setAttribute('theme-mode', 'dark');
    const dialogText = { confirm: T.confirm, install: T.install, rating: T.rating }[sc];
    let tpl = '';
    const desc = { popups: [], closes: [], checks: [] };
    const state = Vue.reactive({ show: false, checked: !!P.checked, on: !!P.on, active: 'home' });
    const card = `<div class="promo-card" style="background:${grad()}"><h2>${T.promo.title}</h2><div class="amount">${T.promo.amount}</div>
      <t-button shape="round" style="background:#ffd21e;color:#a33;border:0;width:180px">${T.promo.btn}</t-button></div>`;
    if (dialogText) {
      const layout = P.seed % 3 === 2 ? 'vertical' : 'horizontal';
      tpl = `<t-dialog v-model:visible="s.show" title="${dialogText.title}" content="${dialogText.msg}" button-layout="${layout}"
              cancel-btn="${dialogText.no}" confirm-btn="${dialogText.yes}" />`;
      desc.popups.push({ sel: '.t-dialog', kind: 'dialog' });
      desc.closes.push({ sel: '.t-dialog', text: dialogText.no, kind: 'text' });
    } else if (sc === 'promo_inside') {
      tpl = `<t-popup v-model="s.show" placement="center" close-btn class="td-promo" style="border-radius:16px;overflow:hidden">${card}</t-popup>`;
      desc.popups.push({ sel: '.td-promo .promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.td-promo .t-popup__close', kind: 'x_icon' });
    } else if (sc === 'promo_below') {
      tpl = `<t-popup v-model="s.show" placement="center" class="td-promo"><div style="display:flex;flex-direction:column;align-items:center">${card}
               <close-circle-icon class="promo-close" size="36px" style="color:#fff;margin-top:22px" @click="s.show=false" /></div></t-popup>`;
      desc.popups.push({ sel: '.td-promo .promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-close', kind: 'x_icon' });
      desc.notes = 'circled close icon below the card, outside the pop-up box';
    } else if (sc === 'sheet') {
      const items = JSON.stringify(T.sheet.items).replace(/"/g, "'");
      tpl = `<t-action-sheet v-model="s.show" :items="${items}" cancel-text="${T.sheet.cancel}" ${T.sheet.title ? `description="${T.sheet.title}"` : ''} />`;
      desc.popups.push({ sel: '.t-action-sheet', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.t-action-sheet__cancel', kind: 'text' });
    } else if (sc === 'coupon') {
      const cells = T.coupon.items.map((t) => `<t-cell title="${t}" arrow />`).join('');
      tpl = `<t-popup v-model="s.show" placement="bottom" close-btn class="td-sheet" style="height:48%;border-radius:16px 16px 0 0">
               <div class="sheet-title">${T.coupon.title}</div><t-cell-group>${cells}</t-cell-group></t-popup>`;
      desc.popups.push({ sel: '.td-sheet', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.td-sheet .t-popup__close', kind: 'x_icon' });
    } else if (sc === 'splash') {
      const pos = { tr: 'top:calc(4% + 16px);right:16px', br: 'bottom:calc(16% + 16px);right:16px', bc: 'bottom:calc(16% + 14px);left:50%;transform:translateX(-50%)' }[P.skipPos];
      tpl = `<t-popup v-model="s.show" placement="center" :show-overlay="false" class="td-splash" style="width:100vw;height:100vh;border-radius:0">
               <div class="ad-creative" style="background:${grad()}"><h1>${T.splash.title}</h1><p>${T.splash.sub}</p>
               <div class="ad-brand">${T.splash.brand}</div></div>
               <t-button class="skip-pill" shape="round" size="small" style="${pos};background:rgba(0,0,0,.45);color:#fff;border:0">${T.skip}</t-button></t-popup>`;
      desc.popups.push({ sel: '.td-splash', kind: 'fullscreen' });
      desc.closes.push({ sel: '.td-splash', text: T.skip, kind: 'text' });
    } else if (sc === 'privacy') {
      tpl = `<t-dialog v-model:visible="s.show" title="${T.privacy.title}" cancel-btn="${T.privacy.no}" confirm-btn="${T.privacy.yes}">
               <template #content><div class="consent" style="padding:8px 0 0;text-align:left">${T.privacy.msg}</div>
               <t-checkbox v-model:checked="s.checked" label="${T.privacy.check}" icon="rectangle" :borderless="true" style="padding:8px 0 0" /></template></t-dialog>`;
      desc.popups.push({ sel: '.t-dialog', kind: 'dialog' });
      desc.closes.push({ sel: '.t-dialog', text: T.privacy.no, kind: 'text' });
      desc.checks.push({ sel: '.t-dialog .t-checkbox__icon', checked: P.checked, kind: 'checkbox', label: T.privacy.check });
    } else if (sc === 'renew') {
      tpl = `<t-popup v-model="s.show" placement="bottom" close-btn class="td-sheet" style="border-radius:16px 16px 0 0">
               <div class="sheet-title">${T.renew.title}</div><div class="price">${T.renew.price}</div>
               <t-cell title="${T.renew.sw}"><template #note><t-switch v-model="s.on" /></template></t-cell>
               <div class="sheet-body"><t-button theme="primary" shape="round" block>${T.renew.btn}</t-button></div></t-popup>`;
      desc.popups.push({ sel: '.td-sheet', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.td-sheet .t-popup__close', kind: 'x_icon' });
      desc.checks.push({ sel: '.td-sheet .t-switch', checked: P.on, kind: 'switch', label: T.renew.sw });
    } else if (sc === 'toast') {
      tpl = '<div></div>';
      desc.tags = ['toast'];
      desc.cover = [{ sel: '.t-toast' }];
      desc.notes = 'a toast is not a pop-up';
    } else if (sc === 'notice') {
      const theme = ['info', 'warning', 'error'][P.seed % 3];
      tpl = `<div style="position:fixed;left:0;right:0;top:${P.top || 8}%;z-index:10"><t-notice-bar :visible="true" theme="${theme}" content="${T.notice}" prefix-icon ${P.seed % 2 ? 'suffix-icon="close"' : ''} /></div>`;
      desc.tags = ['notice_bar'];
      desc.cover = [{ sel: '.t-notice-bar' }];
      desc.notes = 'an in-layout notice bar is not a pop-up';
    } else if (sc === 'tabbar') {
      const icons = ['home', 'app', 'cart', 'user'];
      tpl = `<t-tab-bar v-model="s.active" :fixed="true" ${P.seed % 2 ? 'shape="round"' : ''}>${T.tabs.map((t, i) => `<t-tab-bar-item value="${i ? icons[i] : 'home'}" ${i === 2 ? ':badge-props="{count: 3}"' : ''}>
               <template #icon><${icons[i]}-icon /></template>${t}</t-tab-bar-item>`).join('')}</t-tab-bar>`;
      desc.tags = ['bottom_tabs'];
      desc.cover = [{ sel: '.t-tab-bar' }];
      desc.notes = 'a bottom tab bar is not a pop-up';
    } else if (sc === 'navbar') {
      tpl = `<t-navbar title="${T.nav}" left-arrow :fixed="true" />`;
      desc.tags = ['nav_bar'];
      desc.cover = [{ sel: '.t-navbar__content' }];  // the fixed root itself has no box
      desc.notes = 'a navigation bar is not a pop-up';
    } else throw new Error('tdesign-mobile-vue: unknown scenario ' + sc);
    const app = Vue.createApp({ setup: () => ({ s: state }), template: tpl });
    app.use(TDesign);
    // t-icon by name loads an SVG sprite from a CDN; the same icons as SVG components come from the package itself.
    for (const n of ['CloseCircleIcon', 'HomeIcon', 'AppIcon', 'CartIcon', 'UserIcon']) app.component(n, TDesignIconVueNext[n]);
    app.mount('#app');
    await Vue.nextTick();
    state.show = true;
    if (sc === 'toast') {
      const theme = [undefined, 'loading', 'success'][P.seed % 3];
      TDesign.Toast({ message: T.toast, theme, duration: 600000, direction: P.seed % 2 ? 'column' : 'row' });
    }
    return desc;
  },
};
