// Material Components for the web 14 (MDC): the markup of MDC's own docs, attached with mdc.*; returns what to label.
const XSVG = '<svg viewBox="0 0 24 24" width="24" height="24"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" fill="none"/></svg>';
const btn = (cls, action, label) => `<button type="button" class="mdc-button ${cls}" ${action ? `data-mdc-dialog-action="${action}"` : ''} ${action === 'accept' ? 'data-mdc-dialog-initial-focus' : ''}><div class="mdc-button__ripple"></div><span class="mdc-button__label">${label}</span></button>`;
const dialog = (cls, inner) => `<div class="mdc-dialog ${cls}"><div class="mdc-dialog__container"><div class="mdc-dialog__surface" role="alertdialog" aria-modal="true">${inner}</div></div><div class="mdc-dialog__scrim"></div></div>`;
window.LIB = {
  async mount(sc, P) {
    const { T, grad, zh, sleep } = window.H;
    if (P.dark) document.documentElement.classList.add('dark');
    const app = document.getElementById('app');
    const desc = { popups: [], closes: [], checks: [] };
    const dialogText = { confirm: T.confirm, install: T.install, rating: T.rating }[sc];
    const actions = (no, yes) => `<div class="mdc-dialog__actions">${btn('mdc-dialog__button', 'cancel', no)}${btn('mdc-dialog__button', 'accept', yes)}</div>`;
    let open = null;
    if (dialogText) {
      app.innerHTML = dialog('', `<h2 class="mdc-dialog__title">${dialogText.title}</h2><div class="mdc-dialog__content">${dialogText.msg}</div>${actions(dialogText.no, dialogText.yes)}`);
      desc.popups.push({ sel: '.mdc-dialog__surface', kind: 'dialog' });
      desc.closes.push({ sel: '.mdc-dialog__surface', text: dialogText.no, kind: 'text' });
      open = () => mdc.dialog.MDCDialog.attachTo(app.querySelector('.mdc-dialog')).open();
    } else if (sc === 'promo_inside') {
      app.innerHTML = dialog('', `<div class="promo-card" style="background:${grad()}"><h2>${T.promo.title}</h2><div class="amount">${T.promo.amount}</div>
        <button class="mdc-button mdc-button--unelevated" style="background:#ffd21e;color:#a33;border-radius:18px"><span class="mdc-button__label">${T.promo.btn}</span></button>
        <button class="mdc-icon-button promo-x" data-mdc-dialog-action="close" style="position:absolute;top:0;right:0;color:#fff">${XSVG}</button></div>`);
      desc.popups.push({ sel: '.mdc-dialog__surface', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-x', kind: 'x_icon' });
      open = () => mdc.dialog.MDCDialog.attachTo(app.querySelector('.mdc-dialog')).open();
    } else if (sc === 'sheet') {
      // MDC has no action sheet: its "simple dialog" (a list of choices) with Cancel is the nearest.
      app.innerHTML = dialog('', `${T.sheet.title ? `<h2 class="mdc-dialog__title">${T.sheet.title}</h2>` : ''}<div class="mdc-dialog__content"><ul class="mdc-deprecated-list">
        ${T.sheet.items.map((t) => `<li class="mdc-deprecated-list-item" tabindex="0"><span class="mdc-deprecated-list-item__ripple"></span><span class="mdc-deprecated-list-item__text">${t}</span></li>`).join('')}
        </ul></div><div class="mdc-dialog__actions">${btn('mdc-dialog__button', 'cancel', T.sheet.cancel)}</div>`);
      desc.popups.push({ sel: '.mdc-dialog__surface', kind: 'dialog' });
      desc.closes.push({ sel: '.mdc-dialog__surface', text: T.sheet.cancel, kind: 'text' });
      open = () => mdc.dialog.MDCDialog.attachTo(app.querySelector('.mdc-dialog')).open();
    } else if (sc === 'splash') {
      const pos = { tr: 'top:calc(4% + 16px);right:16px', br: 'bottom:calc(16% + 16px);right:16px', bc: 'bottom:calc(16% + 14px);left:50%;transform:translateX(-50%)' }[P.skipPos];
      app.innerHTML = dialog('mdc-dialog--fullscreen splash', `<div class="ad-creative" style="background:${grad()}"><h1>${T.splash.title}</h1><p>${T.splash.sub}</p>
        <div class="ad-brand">${T.splash.brand}</div></div>
        <button class="mdc-button mdc-button--unelevated skip-pill" data-mdc-dialog-action="close" style="${pos};background:rgba(0,0,0,.45);border-radius:16px;height:32px">
        <span class="mdc-button__label" style="color:#fff">${T.skip}</span></button>`);
      app.querySelector('.mdc-dialog__surface').style.cssText = 'width:100vw;height:100vh;max-width:100vw;max-height:100vh;border-radius:0';
      desc.popups.push({ sel: '.mdc-dialog__surface', kind: 'fullscreen' });
      desc.closes.push({ sel: '.skip-pill', kind: 'text', text: T.skip });
      open = () => mdc.dialog.MDCDialog.attachTo(app.querySelector('.mdc-dialog')).open();
    } else if (sc === 'privacy') {
      app.innerHTML = dialog('', `<h2 class="mdc-dialog__title">${T.privacy.title}</h2><div class="mdc-dialog__content">${T.privacy.msg}
        <div class="mdc-form-field" style="margin-top:8px"><div class="mdc-checkbox"><input type="checkbox" class="mdc-checkbox__native-control" id="agree" ${P.checked ? 'checked' : ''}/>
        <div class="mdc-checkbox__background"><svg class="mdc-checkbox__checkmark" viewBox="0 0 24 24"><path class="mdc-checkbox__checkmark-path" fill="none" d="M1.73,12.91 8.1,19.28 22.79,4.59"/></svg>
        <div class="mdc-checkbox__mixedmark"></div></div><div class="mdc-checkbox__ripple"></div></div><label for="agree">${T.privacy.check}</label></div></div>
        ${actions(T.privacy.no, T.privacy.yes)}`);
      desc.popups.push({ sel: '.mdc-dialog__surface', kind: 'dialog' });
      desc.closes.push({ sel: '.mdc-dialog__surface', text: T.privacy.no, kind: 'text' });
      desc.checks.push({ sel: '.mdc-checkbox__background', checked: P.checked, kind: 'checkbox', label: T.privacy.check });
      open = () => { mdc.checkbox.MDCCheckbox.attachTo(app.querySelector('.mdc-checkbox')); mdc.dialog.MDCDialog.attachTo(app.querySelector('.mdc-dialog')).open(); };
    } else if (sc === 'renew') {
      const on = !!P.on;
      app.innerHTML = dialog('', `<h2 class="mdc-dialog__title">${T.renew.title}</h2><div class="mdc-dialog__content"><div class="price">${T.renew.price}</div>
        <div style="display:flex;align-items:center;justify-content:space-between"><label for="renew">${T.renew.sw}</label>
        <button id="renew" class="mdc-switch ${on ? 'mdc-switch--selected' : 'mdc-switch--unselected'}" type="button" role="switch" aria-checked="${on}">
        <div class="mdc-switch__track"></div><div class="mdc-switch__handle-track"><div class="mdc-switch__handle"><div class="mdc-switch__shadow"><div class="mdc-elevation-overlay"></div></div>
        <div class="mdc-switch__ripple"></div><div class="mdc-switch__icons"><svg class="mdc-switch__icon mdc-switch__icon--on" viewBox="0 0 24 24"><path d="M19.69,5.23L8.96,15.96l-4.23-4.23L2.96,13.5l6,6L21.46,7L19.69,5.23z"/></svg>
        <svg class="mdc-switch__icon mdc-switch__icon--off" viewBox="0 0 24 24"><path d="M20 13H4v-2h16v2z"/></svg></div></div></div></button></div></div>
        ${actions(zh ? '取消' : 'Cancel', T.renew.btn)}`);
      desc.popups.push({ sel: '.mdc-dialog__surface', kind: 'dialog' });
      desc.closes.push({ sel: '.mdc-dialog__surface', text: zh ? '取消' : 'Cancel', kind: 'text' });
      desc.checks.push({ sel: '.mdc-switch', checked: P.on, kind: 'switch', label: T.renew.sw });
      open = () => { mdc.switchControl.MDCSwitch.attachTo(app.querySelector('.mdc-switch')); mdc.dialog.MDCDialog.attachTo(app.querySelector('.mdc-dialog')).open(); };
    } else if (sc === 'snackbar') {
      app.innerHTML = `<aside class="mdc-snackbar"><div class="mdc-snackbar__surface" role="status" aria-relevant="additions"><div class="mdc-snackbar__label" aria-atomic="false">${T.snack.msg}</div>
        <div class="mdc-snackbar__actions" aria-atomic="true">${btn('mdc-snackbar__action', '', T.snack.action)}</div></div></aside>`;
      open = () => { const s = mdc.snackbar.MDCSnackbar.attachTo(app.querySelector('.mdc-snackbar')); s.timeoutMs = -1; s.open(); };
      desc.tags = ['snackbar'];
      desc.cover = [{ sel: '.mdc-snackbar__surface' }];
      desc.notes = 'a snackbar is not a pop-up';
    } else if (sc === 'banner') {
      app.innerHTML = `<div class="mdc-banner fixed" role="banner" style="top:${P.top}%"><div class="mdc-banner__content" role="alertdialog" aria-live="assertive">
        <div class="mdc-banner__graphic-text-wrapper"><div class="mdc-banner__text">${T.banner.msg}</div></div><div class="mdc-banner__actions">
        ${btn('mdc-banner__secondary-action', '', T.banner.a)}${btn('mdc-banner__primary-action', '', T.banner.b)}</div></div></div>`;
      open = () => mdc.banner.MDCBanner.attachTo(app.querySelector('.mdc-banner')).open();
      desc.tags = ['banner'];
      desc.cover = [{ sel: '.mdc-banner' }];
      desc.notes = 'an in-layout banner is not a pop-up';
    } else if (sc === 'tabbar') {
      const paths = ['M12 3l9 8h-3v9h-5v-6h-2v6H6v-9H3z', 'M4 4h7v7H4zm9 0h7v7h-7zM4 13h7v7H4zm9 0h7v7h-7z', 'M7 18a2 2 0 100 4 2 2 0 000-4zm10 0a2 2 0 100 4 2 2 0 000-4zM3 3h3l3 11h10l2-8H7', 'M12 12a5 5 0 100-10 5 5 0 000 10zm-9 10c0-5 4-8 9-8s9 3 9 8z'];
      app.innerHTML = `<div class="mdc-tab-bar fixed" role="tablist"><div class="mdc-tab-scroller"><div class="mdc-tab-scroller__scroll-area"><div class="mdc-tab-scroller__scroll-content">
        ${T.tabs.map((t, i) => `<button class="mdc-tab mdc-tab--stacked ${i ? '' : 'mdc-tab--active'}" role="tab"><span class="mdc-tab__content"><span class="mdc-tab__icon"><svg viewBox="0 0 24 24"><path d="${paths[i]}"/></svg></span>
        <span class="mdc-tab__text-label">${t}</span></span><span class="mdc-tab-indicator ${i ? '' : 'mdc-tab-indicator--active'}"><span class="mdc-tab-indicator__content mdc-tab-indicator__content--underline"></span></span>
        <span class="mdc-tab__ripple"></span></button>`).join('')}</div></div></div></div>`;
      open = () => mdc.tabBar.MDCTabBar.attachTo(app.querySelector('.mdc-tab-bar'));
      desc.tags = ['bottom_tabs'];
      desc.cover = [{ sel: '.mdc-tab-bar' }];
      desc.notes = 'a bottom tab bar is not a pop-up';
    } else if (sc === 'navbar') {
      app.innerHTML = `<header class="mdc-top-app-bar"><div class="mdc-top-app-bar__row"><section class="mdc-top-app-bar__section mdc-top-app-bar__section--align-start">
        <button class="mdc-icon-button mdc-top-app-bar__navigation-icon"><svg viewBox="0 0 24 24" width="24" height="24"><path d="M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z" fill="currentColor"/></svg></button>
        <span class="mdc-top-app-bar__title">${T.nav}</span></section></div></header>`;
      open = () => mdc.topAppBar.MDCTopAppBar.attachTo(app.querySelector('.mdc-top-app-bar'));
      desc.tags = ['nav_bar'];
      desc.cover = [{ sel: '.mdc-top-app-bar' }];
      desc.notes = 'a top app bar is not a pop-up';
    } else throw new Error('mdc: unknown scenario ' + sc);
    await sleep(30);
    open();
    return desc;
  },
};
