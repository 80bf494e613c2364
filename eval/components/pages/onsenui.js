// Onsen UI 2 (its iOS or Material look, forced in onsenui.html from the spec's mode): dialogs through
// ons.notification.confirm, the action sheet through ons.openActionSheet, toasts through
// ons.notification.toast; the rest is its own elements (ons-dialog, ons-action-sheet, ons-modal,
// ons-switch, ons-checkbox, ons-tabbar, ons-toolbar). Returns what to label.
window.LIB = {
  ready: () => new Promise((res) => ons.ready(res)),
  async mount(sc, P) {
    const { T, grad, zh, sleep } = window.H;
    const md = P.mode === 'md';
    const desc = { popups: [], closes: [], checks: [], notes: md ? 'Material look' : 'iOS look' };
    const add = (html) => { const t = document.createElement('template'); t.innerHTML = html.trim(); const e = t.content.firstElementChild; document.body.appendChild(e); return e; };
    const X = md ? 'md-close' : 'ion-ios-close';
    const dialogText = { confirm: T.confirm, install: T.install, rating: T.rating }[sc];
    const card = () => `<div class="promo-card" style="background:${grad()}"><h2>${T.promo.title}</h2><div class="amount">${T.promo.amount}</div>
      <ons-button modifier="large--cta" style="background:#ffd21e;color:#a33;width:180px;margin:0 auto;border-radius:22px">${T.promo.btn}</ons-button>`;
    // A bottom sheet: Onsen has no sheet component, its action sheet holds the content (its own mask and slide-up).
    const bottom = async (title, body) => {
      // The sheet takes the theme's list colour (Onsen's dark theme keeps its action-sheet buttons light).
      const bg = `var(--${md ? 'material-' : ''}list-background-color)`;
      const s = add(`<ons-action-sheet class="ons-bottom" cancelable><div class="action-sheet" style="background-color:${bg};${md ? '' : 'border-radius:12px;overflow:hidden'}">
        <div class="action-sheet-title${md ? ' action-sheet-title--material' : ''}" style="font-size:17px;position:relative;background-color:${bg}">${title}</div>
        <ons-toolbar-button class="sheet-x" style="position:absolute;top:8px;right:6px;z-index:3;height:auto;line-height:1;padding:6px"><ons-icon icon="${X}" size="26px"></ons-icon></ons-toolbar-button>
        ${body}</div></ons-action-sheet>`);
      await s.show();
      return s;
    };
    // The Material look floats the footer buttons right (the first label ends up rightmost): half the md
    // dialogs pass [yes, no] so the dismiss button sits on the left, as Material apps put it.
    const confirm = (title, msg, no, yes) => {
      const flip = md && P.seed % 2;
      ons.notification.confirm(Object.assign({ title, buttonLabels: flip ? [yes, no] : [no, yes], primaryButtonIndex: flip ? 0 : 1, cancelable: true }, msg));
      desc.closes.push({ sel: `ons-alert-dialog ons-alert-dialog-button:${flip ? 'last' : 'first'}-of-type`, kind: 'text' });
      desc.popups.push({ sel: 'ons-alert-dialog .alert-dialog', kind: 'dialog' });
    };
    if (dialogText) {
      confirm(dialogText.title, { message: dialogText.msg }, dialogText.no, dialogText.yes);
    } else if (sc === 'privacy') {
      const messageHTML = `<div style="text-align:left">${T.privacy.msg}</div>
        <label style="display:flex;align-items:center;gap:8px;margin-top:12px;text-align:left;font-size:13px">
        <ons-checkbox class="consent-box" ${P.checked ? 'checked' : ''}></ons-checkbox><span>${T.privacy.check}</span></label>`;
      confirm(T.privacy.title, { messageHTML }, T.privacy.no, T.privacy.yes);
      desc.checks.push({ sel: '.consent-box .checkbox__checkmark', checked: P.checked, kind: 'checkbox', label: T.privacy.check });
    } else if (sc === 'promo_inside') {
      const d = add(`<ons-dialog class="ons-promo" cancelable><div style="position:relative">${card()}
        <ons-toolbar-button class="promo-x" style="position:absolute;top:4px;right:2px;color:#fff;height:40px;line-height:40px"><ons-icon icon="${X}" size="24px"></ons-icon></ons-toolbar-button></div></div></ons-dialog>`);
      await d.show();
      desc.popups.push({ sel: 'ons-dialog .promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-x', kind: 'x_icon' });
      desc.notes += '; promotion card in an ons-dialog, close button in the card';
    } else if (sc === 'promo_below') {
      const d = add(`<ons-dialog class="ons-promo" cancelable><div style="display:flex;flex-direction:column;align-items:center">${card()}</div>
        <ons-icon class="promo-close" icon="${md ? 'md-close-circle-o' : 'ion-ios-close-circle-outline'}" size="40px" style="color:#fff;margin-top:20px"></ons-icon></div></ons-dialog>`);
      await d.show();
      desc.popups.push({ sel: 'ons-dialog .promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-close', kind: 'x_icon' });
      desc.notes += '; circled close icon below the card, outside the pop-up box';
    } else if (sc === 'sheet') {
      // Onsen's action sheet has no cancel row of its own: Cancel is its last button (the iOS look sets it apart).
      ons.openActionSheet({ title: T.sheet.title || undefined, cancelable: true,
        buttons: [...T.sheet.items, md ? { label: T.sheet.cancel, icon: 'md-close' } : T.sheet.cancel] });
      desc.popups.push({ sel: 'ons-action-sheet .action-sheet', kind: 'bottom_sheet' });
      desc.closes.push({ sel: 'ons-action-sheet ons-action-sheet-button:last-of-type', kind: 'text' });
      desc.notes += '; Cancel is the action sheet\'s last button';
    } else if (sc === 'coupon') {
      await bottom(T.coupon.title, `<ons-list>${T.coupon.items.map((t) => `<ons-list-item modifier="chevron" tappable>${t}</ons-list-item>`).join('')}</ons-list><div style="height:24px"></div>`);
      desc.popups.push({ sel: 'ons-action-sheet .action-sheet', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.sheet-x', kind: 'x_icon' });
      desc.notes += '; ons-action-sheet holding a list, close button in its header';
    } else if (sc === 'renew') {
      await bottom(T.renew.title, `<div class="price">${T.renew.price}</div><ons-list><ons-list-item><div class="center">${T.renew.sw}</div>
        <div class="right"><ons-switch class="renew-sw" ${P.on ? 'checked' : ''}></ons-switch></div></ons-list-item></ons-list>
        <div class="sheet-body"><ons-button modifier="large" style="border-radius:24px;background:#ee0a24">${T.renew.btn}</ons-button></div>`);
      desc.popups.push({ sel: 'ons-action-sheet .action-sheet', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.sheet-x', kind: 'x_icon' });
      desc.checks.push({ sel: 'ons-switch.renew-sw', checked: P.on, kind: 'switch', label: T.renew.sw });
      desc.notes += '; ons-action-sheet holding the plan, close button in its header';
    } else if (sc === 'splash') {
      const pos = { tr: 'top:calc(4% + 16px);right:16px', br: 'bottom:calc(16% + 16px);right:16px', bc: 'bottom:calc(16% + 14px);left:50%;transform:translateX(-50%)' }[P.skipPos];
      const m = add(`<ons-modal class="ons-splash"><div class="ad-creative" style="background:${grad()}"><h1>${T.splash.title}</h1><p>${T.splash.sub}</p>
        <div class="ad-brand">${T.splash.brand}</div></div>
        <ons-button class="skip-pill" modifier="quiet" style="${pos};border-radius:999px;background:rgba(0,0,0,.45);color:#fff;padding:0 14px;line-height:30px;min-height:30px;font-size:14px">${T.skip}</ons-button></ons-modal>`);
      await m.show();
      desc.popups.push({ sel: 'ons-modal.ons-splash', kind: 'fullscreen' });
      desc.closes.push({ sel: '.skip-pill', kind: 'text' });
    } else if (sc === 'toast' || sc === 'snackbar') {
      const opts = sc === 'toast' ? { message: T.toast } : { message: T.snack.msg, buttonLabel: T.snack.action };
      ons.notification.toast(Object.assign(opts, { timeout: 0, animation: P.seed % 3 ? 'ascend' : 'fall' }));
      desc.tags = [sc];
      desc.cover = [{ sel: 'ons-toast .toast' }];
      desc.notes += sc === 'toast' ? '; a toast is not a pop-up' : '; a toast with an action (snackbar) is not a pop-up';
    } else if (sc === 'tabbar') {
      const icons = md ? ['md-home', 'md-apps', 'md-shopping-cart', 'md-account'] : ['ion-ios-home', 'ion-ios-apps', 'ion-ios-cart', 'ion-ios-person'];
      add(`<ons-tabbar position="bottom" style="z-index:10">${T.tabs.map((t, i) => `<ons-tab label="${t}" icon="${icons[i]}" ${i ? '' : 'active'}></ons-tab>`).join('')}</ons-tabbar>`);
      desc.tags = ['bottom_tabs'];
      desc.cover = [{ sel: 'ons-tabbar .tabbar' }];
      desc.notes += '; a bottom tab bar is not a pop-up';
    } else if (sc === 'navbar') {
      add(`<ons-toolbar style="position:fixed;top:0;left:0;right:0;z-index:10"><div class="left"><ons-back-button>${zh ? '返回' : 'Back'}</ons-back-button></div>
        <div class="center">${T.nav}</div></ons-toolbar>`);
      desc.tags = ['nav_bar'];
      desc.cover = [{ sel: 'ons-toolbar' }];
      desc.notes += '; a navigation bar is not a pop-up';
    } else throw new Error('onsenui: unknown scenario ' + sc);
    await sleep(30);
    return desc;
  },
};
