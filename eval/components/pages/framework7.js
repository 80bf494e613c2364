// Framework7 9 (ios or md theme, from the spec's mode): each scenario is opened through Framework7's
// own API (app.dialog / actions / sheet / popup / toast / notification) or its toolbar/navbar markup.
const X_SVG = (size, color) => `<svg width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" stroke="${color}" stroke-width="2.2" stroke-linecap="round"><path d="M6 6l12 12M18 6L6 18"/></svg>`;
const CIRCLE_X_SVG = (size) => `<svg width="${size}" height="${size}" viewBox="0 0 36 36" fill="none" stroke="#fff" stroke-width="2"><circle cx="18" cy="18" r="16"/><path d="M12 12l12 12M24 12L12 24" stroke-linecap="round"/></svg>`;
const TAB_SVG = ['M4 11l8-7 8 7v9h-5v-6H9v6H4z', 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z', 'M3 5h3l2 10h10l2-7H7', 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6'];
window.LIB = {
  async mount(sc, P) {
    const { T, grad, zh, sleep } = window.H;
    const app = new Framework7({ el: '#app', theme: P.mode === 'md' ? 'md' : 'ios', darkMode: !!P.dark, touch: { tapHold: false } });
    await sleep(50);
    const desc = { popups: [], closes: [], checks: [], notes: `${app.theme} theme` };
    const dialogText = { confirm: T.confirm, install: T.install, rating: T.rating }[sc];
    const card = () => `<div class="promo-card" style="background:${grad()}"><h2>${T.promo.title}</h2><div class="amount">${T.promo.amount}</div>
      <a class="button button-fill button-round" style="background:#ffd21e;color:#a33;width:180px;margin:0 auto">${T.promo.btn}</a>`;
    const sheet = (title, body) => app.sheet.create({
      backdrop: true, swipeToClose: true,
      content: `<div class="sheet-modal" style="height:auto;--f7-sheet-border-radius:16px"><div class="sheet-modal-inner">
        <div class="sheet-title">${title}</div>
        <a class="link sheet-close f7-x" style="position:absolute;top:8px;right:8px;width:36px;height:36px;justify-content:center">${X_SVG(20, 'currentColor')}</a>
        ${body}</div></div>`,
    });
    if (dialogText) {
      app.dialog.create({ title: dialogText.title, text: dialogText.msg, buttons: [{ text: dialogText.no }, { text: dialogText.yes, strong: true }] }).open();
      desc.popups.push({ sel: '.dialog.modal-in', kind: 'dialog' });
      desc.closes.push({ sel: '.dialog.modal-in', text: dialogText.no, kind: 'text' });
    } else if (sc === 'promo_inside') {
      const d = app.dialog.create({ cssClass: 'f7-promo', content: `${card()}<a class="link promo-x f7-x" style="position:absolute;top:8px;right:8px;width:32px;height:32px;justify-content:center">${X_SVG(18, '#fff')}</a></div>` });
      d.open();
      d.el.querySelector('.promo-x').addEventListener('click', () => d.close());
      desc.popups.push({ sel: '.f7-promo .promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-x', kind: 'x_icon' });
    } else if (sc === 'promo_below') {
      const d = app.dialog.create({ cssClass: 'f7-promo', content: `<div style="display:flex;flex-direction:column;align-items:center">${card()}</div>
        <a class="link promo-close f7-circle-x" style="margin-top:22px;justify-content:center">${CIRCLE_X_SVG(36)}</a></div>` });
      d.open();
      d.el.querySelector('.promo-close').addEventListener('click', () => d.close());
      desc.popups.push({ sel: '.f7-promo .promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-close', kind: 'x_icon' });
      desc.notes += '; circled close icon below the card, outside the pop-up box';
    } else if (sc === 'sheet') {
      const items = T.sheet.items.map((text) => ({ text }));
      if (T.sheet.title) items.unshift({ text: T.sheet.title, label: true });
      app.actions.create({ buttons: [items, [{ text: T.sheet.cancel, color: 'red' }]] }).open();
      desc.popups.push({ sel: '.actions-modal.modal-in', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.actions-modal .actions-group:last-child .actions-button', kind: 'text' });
    } else if (sc === 'coupon') {
      const list = `<div class="list list-strong-ios list-dividers-ios" style="margin:8px 0 24px"><ul>${T.coupon.items.map((t) => `<li><a class="item-link item-content"><div class="item-inner"><div class="item-title">${t}</div></div></a></li>`).join('')}</ul></div>`;
      sheet(T.coupon.title, list).open();
      desc.popups.push({ sel: '.sheet-modal.modal-in', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.sheet-modal .f7-x', kind: 'x_icon' });
    } else if (sc === 'splash') {
      const pos = { tr: 'top:calc(4% + 16px);right:16px', br: 'bottom:calc(16% + 16px);right:16px', bc: 'bottom:calc(16% + 14px);left:50%;transform:translateX(-50%)' }[P.skipPos];
      app.popup.create({ content: `<div class="popup splash"><div class="ad-creative" style="background:${grad()}"><h1>${T.splash.title}</h1><p>${T.splash.sub}</p>
        <div class="ad-brand">${T.splash.brand}</div></div>
        <a class="button button-round button-small popup-close skip-pill" style="${pos};width:auto;background:rgba(0,0,0,.45);color:#fff;padding:0 14px">${T.skip}</a></div>` }).open();
      desc.popups.push({ sel: '.popup.splash', kind: 'fullscreen' });
      desc.closes.push({ sel: '.popup.splash', text: T.skip, kind: 'text' });
    } else if (sc === 'privacy') {
      const content = `<div style="text-align:left;font-size:14px;line-height:1.55;margin-top:8px">${T.privacy.msg}</div>
        <label class="item-checkbox" style="display:flex;align-items:center;gap:8px;margin-top:12px;text-align:left;font-size:13px">
        <span class="checkbox"><input type="checkbox" ${P.checked ? 'checked' : ''}><i class="icon-checkbox"></i></span><span>${T.privacy.check}</span></label>`;
      app.dialog.create({ title: T.privacy.title, content, buttons: [{ text: T.privacy.no }, { text: T.privacy.yes, strong: true }] }).open();
      desc.popups.push({ sel: '.dialog.modal-in', kind: 'dialog' });
      desc.closes.push({ sel: '.dialog.modal-in', text: T.privacy.no, kind: 'text' });
      desc.checks.push({ sel: '.dialog .icon-checkbox', checked: P.checked, kind: 'checkbox', label: T.privacy.check });
    } else if (sc === 'renew') {
      const body = `<div class="price">${T.renew.price}</div><div class="list list-strong-ios" style="margin:0"><ul><li class="item-content"><div class="item-inner">
        <div class="item-title">${T.renew.sw}</div><div class="item-after"><label class="toggle"><input type="checkbox" ${P.on ? 'checked' : ''}><span class="toggle-icon"></span></label></div></div></li></ul></div>
        <div class="block" style="margin:16px 0 24px"><a class="button button-fill button-large button-round">${T.renew.btn}</a></div>`;
      sheet(T.renew.title, body).open();
      desc.popups.push({ sel: '.sheet-modal.modal-in', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.sheet-modal .f7-x', kind: 'x_icon' });
      desc.checks.push({ sel: '.sheet-modal .toggle', checked: P.on, kind: 'switch', label: T.renew.sw });
    } else if (sc === 'toast') {
      app.toast.create({ text: T.toast, position: P.seed % 2 ? 'center' : 'bottom' }).open();
      desc.tags = ['toast'];
      desc.cover = [{ sel: '.toast' }];
      desc.notes += '; a toast is not a pop-up';
    } else if (sc === 'snackbar') {
      app.toast.create({ text: T.snack.msg, closeButton: true, closeButtonText: T.snack.action, closeButtonColor: 'yellow', position: 'bottom' }).open();
      desc.tags = ['snackbar'];
      desc.cover = [{ sel: '.toast' }];
      desc.notes += '; a toast with an action (snackbar) is not a pop-up';
    } else if (sc === 'banner') {
      app.notification.create({ title: T.splash.brand, titleRightText: zh ? '刚刚' : 'now', subtitle: T.banner.b, text: T.banner.msg, closeButton: true }).open();
      desc.tags = ['banner'];
      desc.cover = [{ sel: '.notification' }];
      desc.notes += '; an in-app notification banner without a scrim is not a pop-up';
    } else if (sc === 'tabbar') {
      const icon = (d) => `<i class="icon"><svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8"><path d="${d}"/></svg></i>`;
      document.getElementById('app').insertAdjacentHTML('beforeend', `<div class="toolbar tabbar tabbar-icons toolbar-bottom" style="position:fixed">
        <div class="toolbar-inner">${T.tabs.map((t, i) => `<a class="tab-link ${i ? '' : 'tab-link-active'}">${icon(TAB_SVG[i])}<span class="tabbar-label">${t}</span></a>`).join('')}</div></div>`);
      desc.tags = ['bottom_tabs'];
      desc.cover = [{ sel: '.toolbar.tabbar' }];
      desc.notes += '; a bottom tab bar is not a pop-up';
    } else if (sc === 'navbar') {
      document.getElementById('app').insertAdjacentHTML('beforeend', `<div class="navbar" style="position:fixed;top:0"><div class="navbar-bg"></div><div class="navbar-inner">
        <div class="left"><a class="link back"><i class="icon icon-back"></i><span class="if-not-md">${zh ? '返回' : 'Back'}</span></a></div>
        <div class="title">${T.nav}</div><div class="right"></div></div></div>`);
      desc.tags = ['nav_bar'];
      desc.cover = [{ sel: '.navbar' }];
      desc.notes += '; a navigation bar is not a pop-up';
    } else throw new Error('framework7: unknown scenario ' + sc);
    return desc;
  },
};
