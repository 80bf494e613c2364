// Ionic 9 web components (@ionic/core): overlays through their own present(); returns what to label.
const XSVG = (c) => `<svg viewBox="0 0 24 24" width="24" height="24"><path d="M6 6l12 12M18 6L6 18" stroke="${c}" stroke-width="2" fill="none"/></svg>`;
const CSVG = '<svg viewBox="0 0 48 48" width="36" height="36"><circle cx="24" cy="24" r="21" fill="none" stroke="#fff" stroke-width="3"/><path d="M16 16l16 16M32 16L16 32" stroke="#fff" stroke-width="3"/></svg>';
const el = (tag, props, html) => { const e = document.createElement(tag); Object.assign(e, props || {}); if (html) e.innerHTML = html; return e; };
window.LIB = {
  async ready() { await customElements.whenDefined('ion-alert'); },
  async mount(sc, P) {
    const { T, grad, zh } = window.H;
    if (P.dark) document.documentElement.classList.add('ion-palette-dark');
    const app = document.getElementById('app');
    const desc = { popups: [], closes: [], checks: [] };
    const dialogText = { confirm: T.confirm, install: T.install, rating: T.rating }[sc];
    const card = `<div class="promo-card" style="background:${grad()}"><h2>${T.promo.title}</h2><div class="amount">${T.promo.amount}</div>
      <ion-button shape="round" color="warning">${T.promo.btn}</ion-button>`;
    let overlay = null;
    if (dialogText || sc === 'privacy') {
      const t = dialogText || T.privacy;
      overlay = el('ion-alert', { header: t.title, message: t.msg, buttons: [{ text: t.no, role: 'cancel' }, { text: t.yes }] });
      if (sc === 'privacy') overlay.inputs = [{ type: 'checkbox', label: t.check, checked: !!P.checked }];
      desc.popups.push({ sel: 'ion-alert >>> .alert-wrapper', kind: 'dialog' });
      desc.closes.push({ sel: 'ion-alert >>> .alert-wrapper', text: t.no, kind: 'text' });
      if (sc === 'privacy') desc.checks.push({ sel: 'ion-alert >>> .alert-checkbox-icon', checked: P.checked, kind: 'checkbox', label: t.check });
    } else if (sc === 'promo_inside') {
      overlay = el('ion-modal', { className: 'promo' }, `<div style="position:relative">${card}</div>
        <ion-button class="promo-x" fill="clear" size="small" style="position:absolute;top:4px;right:4px">${XSVG('#fff')}</ion-button></div>`);
      desc.popups.push({ sel: 'ion-modal >>> .modal-wrapper', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-x', kind: 'x_icon' });
    } else if (sc === 'promo_below') {
      overlay = el('ion-modal', { className: 'promo promo-below' }, `<div style="display:flex;flex-direction:column;align-items:center">${card}</div>
        <ion-button class="promo-close" fill="clear" style="margin-top:12px;height:48px">${CSVG}</ion-button></div>`);
      desc.popups.push({ sel: '.promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-close', kind: 'x_icon' });
      desc.notes = 'circled close icon below the card, outside the pop-up box';
    } else if (sc === 'sheet') {
      overlay = el('ion-action-sheet', { header: T.sheet.title || undefined, buttons: [...T.sheet.items.map((text) => ({ text })), { text: T.sheet.cancel, role: 'cancel' }] });
      desc.popups.push({ sel: 'ion-action-sheet >>> .action-sheet-container', kind: 'bottom_sheet' });
      desc.closes.push({ sel: 'ion-action-sheet >>> .action-sheet-cancel', kind: 'text', text: T.sheet.cancel });
    } else if (sc === 'coupon' || sc === 'renew') {
      const closeBtn = `<ion-buttons slot="end"><ion-button class="sheet-x">${XSVG('currentColor')}</ion-button></ion-buttons>`;
      const body = sc === 'coupon'
        ? `<ion-list>${T.coupon.items.map((t) => `<ion-item button detail="true"><ion-label>${t}</ion-label></ion-item>`).join('')}</ion-list>`
        : `<div class="price">${T.renew.price}</div><ion-list><ion-item><ion-toggle ${P.on ? 'checked' : ''}>${T.renew.sw}</ion-toggle></ion-item></ion-list>
           <div class="sheet-body"><ion-button expand="block" shape="round" color="danger">${T.renew.btn}</ion-button></div>`;
      overlay = el('ion-modal', { breakpoints: [0, 0.55], initialBreakpoint: 0.55 },
        `<ion-header><ion-toolbar><ion-title>${sc === 'coupon' ? T.coupon.title : T.renew.title}</ion-title>${closeBtn}</ion-toolbar></ion-header>
         <ion-content>${body}</ion-content>`);
      desc.popups.push({ sel: 'ion-modal >>> .modal-wrapper', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.sheet-x', kind: 'x_icon' });
      if (sc === 'renew') desc.checks.push({ sel: 'ion-toggle >>> .toggle-icon', checked: P.on, kind: 'switch', label: T.renew.sw });
    } else if (sc === 'splash') {
      const pos = { tr: 'top:calc(4% + 16px);right:16px', br: 'bottom:calc(16% + 16px);right:16px', bc: 'bottom:calc(16% + 14px);left:50%;transform:translateX(-50%)' }[P.skipPos];
      overlay = el('ion-modal', {}, `<div class="ad-creative" style="background:${grad()}"><h1>${T.splash.title}</h1><p>${T.splash.sub}</p>
        <div class="ad-brand">${T.splash.brand}</div></div>
        <ion-button class="skip-pill" shape="round" size="small" style="${pos};--background:rgba(0,0,0,.45);--color:#fff;margin:0">${T.skip}</ion-button>`);
      desc.popups.push({ sel: 'ion-modal >>> .modal-wrapper', kind: 'fullscreen' });
      desc.closes.push({ sel: '.skip-pill', kind: 'text', text: T.skip });
    } else if (sc === 'toast') {
      overlay = el('ion-toast', { message: T.toast, position: P.seed % 2 ? 'bottom' : 'middle', duration: 0 });
      desc.tags = ['toast'];
      desc.cover = [{ sel: 'ion-toast >>> .toast-wrapper' }];
      desc.notes = 'a toast is not a pop-up';
    } else if (sc === 'tabbar') {
      const paths = ['M12 3l9 8h-3v9h-5v-6h-2v6H6v-9H3z', 'M4 4h7v7H4zm9 0h7v7h-7zM4 13h7v7H4zm9 0h7v7h-7z', 'M7 18a2 2 0 100 4 2 2 0 000-4zm10 0a2 2 0 100 4 2 2 0 000-4zM3 3h3l3 11h10l2-8H7', 'M12 12a5 5 0 100-10 5 5 0 000 10zm-9 10c0-5 4-8 9-8s9 3 9 8z'];
      app.innerHTML = `<ion-tab-bar style="position:fixed;left:0;right:0;bottom:0;z-index:10">${T.tabs.map((t, i) => `<ion-tab-button tab="t${i}" ${i ? '' : 'selected'}>
        <svg viewBox="0 0 24 24" width="24" height="24"><path d="${paths[i]}" fill="currentColor"/></svg><ion-label>${t}</ion-label></ion-tab-button>`).join('')}</ion-tab-bar>`;
      desc.tags = ['bottom_tabs'];
      desc.cover = [{ sel: 'ion-tab-bar' }];
      desc.notes = 'a bottom tab bar is not a pop-up';
    } else if (sc === 'navbar') {
      app.innerHTML = `<ion-header style="position:fixed;left:0;right:0;top:0;z-index:10"><ion-toolbar><ion-buttons slot="start"><ion-button>
        <svg viewBox="0 0 24 24" width="24" height="24"><path d="M15 5l-7 7 7 7" stroke="currentColor" stroke-width="2" fill="none"/></svg>${zh ? '返回' : 'Back'}</ion-button></ion-buttons>
        <ion-title>${T.nav}</ion-title></ion-toolbar></ion-header>`;
      desc.tags = ['nav_bar'];
      desc.cover = [{ sel: 'ion-header' }];
      desc.notes = 'a navigation bar is not a pop-up';
    } else throw new Error('ionic: unknown scenario ' + sc);
    if (overlay) {
      document.body.appendChild(overlay);
      await customElements.whenDefined(overlay.tagName.toLowerCase());
      await overlay.componentOnReady();
      await overlay.present();
    }
    return desc;
  },
};
