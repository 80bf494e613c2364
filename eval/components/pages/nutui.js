// NutUI 4 (JD's Vue 3 library): each scenario is NutUI markup mounted by Vue; returns what to label.
window.LIB = {
  async mount(sc, P) {
    const { T, grad, zh } = window.H;
    const dialogText = { confirm: T.confirm, install: T.install, rating: T.rating }[sc];
    let tpl = '', desc = { popups: [], closes: [], checks: [] };
    const state = Vue.reactive({ show: false, checked: !!P.checked, on: !!P.on, active: 0 });
    if (dialogText) {
      tpl = `<nut-dialog v-model:visible="s.show" title="${dialogText.title}" content="${dialogText.msg}"
              cancel-text="${dialogText.no}" ok-text="${dialogText.yes}" ${P.seed % 3 === 2 ? 'footer-direction="vertical"' : ''} />`;
      desc.popups.push({ sel: '.nut-dialog', kind: 'dialog' });
      desc.closes.push({ sel: '.nut-dialog .nut-dialog__footer-cancel', kind: 'text' });
    } else if (sc === 'promo_inside') {
      tpl = `<nut-popup v-model:visible="s.show" class="nt-promo" closeable round close-icon-position="top-right">
               <div class="promo-card" style="background:${grad()}"><h2>${T.promo.title}</h2><div class="amount">${T.promo.amount}</div>
               <nut-button shape="round" color="#ffd21e" style="color:#a33;width:180px">${T.promo.btn}</nut-button></div></nut-popup>`;
      desc.popups.push({ sel: '.promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.nut-popup__close-icon', kind: 'x_icon' });
      desc.notes = 'NutUI centred popup holding a promotion card, its close icon in the card';
    } else if (sc === 'promo_below') {
      tpl = `<nut-overlay v-model:visible="s.show"><div style="height:100%;display:flex;flex-direction:column;align-items:center;justify-content:center">
               <div class="promo-card" style="background:${grad()}"><h2>${T.promo.title}</h2><div class="amount">${T.promo.amount}</div>
               <nut-button shape="round" color="#ffd21e" style="color:#a33;width:180px">${T.promo.btn}</nut-button></div>
               <div class="promo-close" style="margin-top:22px;line-height:0"><CircleClose width="36" height="36" color="#fff" /></div></div></nut-overlay>`;
      desc.popups.push({ sel: '.promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-close', kind: 'x_icon' });
      desc.notes = 'circled close icon below the card, outside the pop-up box';
    } else if (sc === 'sheet') {
      const acts = JSON.stringify(T.sheet.items.map((name) => ({ name }))).replace(/"/g, "'");
      tpl = `<nut-action-sheet v-model:visible="s.show" :menu-items="${acts}" cancel-txt="${T.sheet.cancel}" ${T.sheet.title ? `title="${T.sheet.title}"` : ''} />`;
      desc.popups.push({ sel: '.nut-action-sheet', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.nut-action-sheet__cancel', kind: 'text' });
    } else if (sc === 'coupon') {
      const cells = T.coupon.items.map((t) => `<nut-cell title="${t}" is-link />`).join('');
      tpl = `<nut-popup v-model:visible="s.show" position="bottom" round closeable :style="{height:'48%'}">
               <div class="sheet-title">${T.coupon.title}</div><nut-cell-group>${cells}</nut-cell-group></nut-popup>`;
      desc.popups.push({ sel: '.nut-popup', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.nut-popup__close-icon', kind: 'x_icon' });
    } else if (sc === 'splash') {
      const pos = { tr: 'top:calc(4% + 16px);right:16px', br: 'bottom:calc(16% + 16px);right:16px', bc: 'bottom:calc(16% + 14px);left:50%;transform:translateX(-50%)' }[P.skipPos];
      tpl = `<nut-popup v-model:visible="s.show" :overlay="false" :style="{width:'100%',height:'100%'}">
               <div class="ad-creative" style="background:${grad()}"><h1>${T.splash.title}</h1><p>${T.splash.sub}</p>
               <div class="ad-brand">${T.splash.brand}</div></div>
               <nut-button class="skip-pill" shape="round" size="small" color="rgba(0,0,0,.45)" style="${pos}">${T.skip}</nut-button></nut-popup>`;
      desc.popups.push({ sel: '.nut-popup', kind: 'fullscreen' });
      desc.closes.push({ sel: '.nut-popup', text: T.skip, kind: 'text' });
    } else if (sc === 'privacy') {
      tpl = `<nut-dialog v-model:visible="s.show" title="${T.privacy.title}" cancel-text="${T.privacy.no}" ok-text="${T.privacy.yes}">
               <div style="text-align:left"><div style="font-size:13px;line-height:1.6">${T.privacy.msg}</div>
               <div style="padding-top:10px"><nut-checkbox v-model="s.checked">${T.privacy.check}</nut-checkbox></div></div></nut-dialog>`;
      desc.popups.push({ sel: '.nut-dialog', kind: 'dialog' });
      desc.closes.push({ sel: '.nut-dialog .nut-dialog__footer-cancel', kind: 'text' });
      desc.checks.push({ sel: '.nut-dialog .nut-checkbox .nut-icon', checked: P.checked, kind: 'checkbox', label: T.privacy.check });
    } else if (sc === 'renew') {
      tpl = `<nut-popup v-model:visible="s.show" position="bottom" round closeable>
               <div class="sheet-title">${T.renew.title}</div><div class="price">${T.renew.price}</div>
               <nut-cell title="${T.renew.sw}"><template #link><nut-switch v-model="s.on" /></template></nut-cell>
               <div class="sheet-body"><nut-button type="danger" shape="round" block>${T.renew.btn}</nut-button></div></nut-popup>`;
      desc.popups.push({ sel: '.nut-popup', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.nut-popup__close-icon', kind: 'x_icon' });
      desc.checks.push({ sel: '.nut-switch', checked: P.on, kind: 'switch', label: T.renew.sw });
    } else if (sc === 'toast') {
      tpl = '<div></div>';
      desc.tags = ['toast'];
      desc.cover = [{ sel: '.nut-toast-inner' }];
      desc.notes = 'a toast is not a pop-up';
    } else if (sc === 'notice') {
      tpl = `<div style="position:fixed;left:0;right:0;top:${P.top || 8}%;z-index:10"><nut-noticebar text="${T.notice}" ${P.seed % 2 ? 'closeable' : ''} :scrollable="false" /></div>`;
      desc.tags = ['notice_bar'];
      desc.cover = [{ sel: '.nut-noticebar' }];
      desc.notes = 'an in-layout notice bar is not a pop-up';
    } else if (sc === 'tabbar') {
      const icons = ['Home', 'Category', 'Cart', 'My'];
      tpl = `<nut-tabbar v-model="s.active" bottom placeholder>${T.tabs.map((t, i) => `<nut-tabbar-item tab-title="${t}" :icon="I.${icons[i]}" ${i === 2 ? 'value="3"' : ''} />`).join('')}</nut-tabbar>`;
      desc.tags = ['bottom_tabs'];
      desc.cover = [{ sel: '.nut-tabbar' }];
      desc.notes = 'a bottom tab bar is not a pop-up';
    } else if (sc === 'navbar') {
      tpl = `<nut-navbar title="${T.nav}" left-show fixed placeholder left-text="${zh ? '返回' : 'Back'}"><template #right><More width="18" height="18" /></template></nut-navbar>`;
      desc.tags = ['nav_bar'];
      desc.cover = [{ sel: '.nut-navbar' }];
      desc.notes = 'a navigation bar is not a pop-up';
    } else throw new Error('nutui: unknown scenario ' + sc);
    const I = window.index;
    const app = Vue.createApp({
      components: { CircleClose: I.CircleClose, More: I.More },
      setup: () => ({ s: state, I }),
      template: `<nut-config-provider theme="${P.dark ? 'dark' : ''}">${tpl}</nut-config-provider>`,
    });
    app.use(nutui);
    if (!zh && nutui.Locale) nutui.Locale.use('en-US', nutui.EnUS || undefined);
    app.mount('#app');
    await Vue.nextTick();
    state.show = true;
    if (sc === 'toast') nutui.showToast[P.seed % 3 === 1 ? 'loading' : 'text'](T.toast, { duration: 0 });
    return desc;
  },
};
