// WeUI 2 (WeChat's CSS library): each scenario is the markup of WeUI's own examples; returns what to label.
window.LIB = {
  async mount(sc, P) {
    const { T, grad, zh } = window.H;
    if (P.dark) document.body.setAttribute('data-weui-theme', 'dark');
    const desc = { popups: [], closes: [], checks: [] };
    const dialogText = { confirm: T.confirm, install: T.install, rating: T.rating }[sc];
    const card = `<div class="promo-card" style="background:${grad()}"><h2>${T.promo.title}</h2><div class="amount">${T.promo.amount}</div>
      <a role="button" class="weui-btn weui-btn_mini" style="background:#ffd21e;color:#a33;border-radius:20px">${T.promo.btn}</a>`;
    const dialog = (title, body, no, yes) => `<div class="weui-mask"></div><div class="weui-dialog" role="dialog">
      <div class="weui-dialog__hd"><strong class="weui-dialog__title">${title}</strong></div><div class="weui-dialog__bd">${body}</div>
      <div class="weui-dialog__ft"><a role="button" class="weui-dialog__btn weui-dialog__btn_default">${no}</a>
      <a role="button" class="weui-dialog__btn weui-dialog__btn_primary">${yes}</a></div></div>`;
    const half = (title, body, ft) => `<div class="weui-mask"></div><div class="weui-half-screen-dialog" role="dialog">
      <div class="weui-half-screen-dialog__hd"><div class="weui-half-screen-dialog__hd__side">
      <button class="weui-btn_icon weui-wa-hotarea close-btn"><i class="weui-icon-close-thin"></i></button></div>
      <div class="weui-half-screen-dialog__hd__main"><strong class="weui-half-screen-dialog__title">${title}</strong></div></div>
      <div class="weui-half-screen-dialog__bd">${body}</div>${ft ? `<div class="weui-half-screen-dialog__ft">${ft}</div>` : ''}</div>`;
    let html;
    if (dialogText) {
      html = dialog(dialogText.title, dialogText.msg, dialogText.no, dialogText.yes);
      desc.popups.push({ sel: '.weui-dialog', kind: 'dialog' });
      desc.closes.push({ sel: '.weui-dialog', text: dialogText.no, kind: 'text' });
    } else if (sc === 'promo_inside') {
      html = `<div class="weui-mask"></div><div style="position:fixed;inset:0;z-index:5000;display:flex;align-items:center;justify-content:center">
        ${card}<button class="weui-btn_icon promo-x" style="position:absolute;top:10px;right:10px"><i class="weui-icon-close" style="color:#fff"></i></button></div></div>`;
      desc.popups.push({ sel: '.promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-x', kind: 'x_icon' });
    } else if (sc === 'promo_below') {
      html = `<div class="weui-mask"></div><div style="position:fixed;inset:0;z-index:5000;display:flex;flex-direction:column;align-items:center;justify-content:center">
        ${card}</div><button class="weui-btn_icon promo-close" style="margin-top:20px"><i class="weui-icon-cancel" style="color:#fff;width:36px;height:36px"></i></button></div>`;
      desc.popups.push({ sel: '.promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-close', kind: 'x_icon' });
      desc.notes = 'circled close icon below the card, outside the pop-up box';
    } else if (sc === 'sheet') {
      html = `<div class="weui-mask"></div><div class="weui-actionsheet weui-actionsheet_toggle" role="dialog">
        ${T.sheet.title ? `<div class="weui-actionsheet__title"><p class="weui-actionsheet__title-text">${T.sheet.title}</p></div>` : ''}
        <div class="weui-actionsheet__menu">${T.sheet.items.map((t) => `<div role="button" class="weui-actionsheet__cell">${t}</div>`).join('')}</div>
        <div class="weui-actionsheet__action"><div role="button" class="weui-actionsheet__cell">${T.sheet.cancel}</div></div></div>`;
      desc.popups.push({ sel: '.weui-actionsheet', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.weui-actionsheet__action', text: T.sheet.cancel, kind: 'text' });
    } else if (sc === 'coupon') {
      html = half(T.coupon.title, `<div class="weui-cells">${T.coupon.items.map((t) => `<a class="weui-cell weui-cell_access"><div class="weui-cell__bd">${t}</div><div class="weui-cell__ft"></div></a>`).join('')}</div>`);
      desc.popups.push({ sel: '.weui-half-screen-dialog', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.close-btn', kind: 'x_icon' });
    } else if (sc === 'splash') {
      const pos = { tr: 'top:calc(4% + 16px);right:16px', br: 'bottom:calc(16% + 16px);right:16px', bc: 'bottom:calc(16% + 14px);left:50%;transform:translateX(-50%)' }[P.skipPos];
      html = `<div class="splash" style="position:fixed;inset:0;z-index:5000"><div class="ad-creative" style="background:${grad()}"><h1>${T.splash.title}</h1><p>${T.splash.sub}</p>
        <div class="ad-brand">${T.splash.brand}</div></div>
        <a role="button" class="weui-btn weui-btn_mini weui-btn_default skip-pill" style="${pos};border-radius:16px;background:rgba(0,0,0,.45);color:#fff;margin:0">${T.skip}</a></div>`;
      desc.popups.push({ sel: '.splash', kind: 'fullscreen' });
      desc.closes.push({ sel: '.splash', text: T.skip, kind: 'text' });
    } else if (sc === 'privacy') {
      const body = `<div style="text-align:left">${T.privacy.msg}</div><label class="weui-agree" style="padding:12px 0 0;text-align:left">
        <input type="checkbox" class="weui-agree__checkbox" ${P.checked ? 'checked' : ''}><span class="weui-agree__text">${T.privacy.check}</span></label>`;
      html = dialog(T.privacy.title, body, T.privacy.no, T.privacy.yes);
      desc.popups.push({ sel: '.weui-dialog', kind: 'dialog' });
      desc.closes.push({ sel: '.weui-dialog', text: T.privacy.no, kind: 'text' });
      desc.checks.push({ sel: '.weui-agree__checkbox', checked: P.checked, kind: 'checkbox', label: T.privacy.check });
    } else if (sc === 'renew') {
      const body = `<div class="price">${T.renew.price}</div><div class="weui-cells weui-cells_form"><div class="weui-cell weui-cell_switch">
        <div class="weui-cell__bd">${T.renew.sw}</div><div class="weui-cell__ft"><input class="weui-switch" type="checkbox" ${P.on ? 'checked' : ''}></div></div></div>`;
      html = half(T.renew.title, body, `<a role="button" class="weui-btn weui-btn_primary">${T.renew.btn}</a>`);
      desc.popups.push({ sel: '.weui-half-screen-dialog', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.close-btn', kind: 'x_icon' });
      desc.checks.push({ sel: '.weui-switch', checked: P.on, kind: 'switch', label: T.renew.sw });
    } else if (sc === 'toast') {
      html = P.seed % 2 ? `<div class="weui-toast weui-toast_text"><p class="weui-toast__content">${T.toast}</p></div>`
        : `<div class="weui-toast"><i class="weui-icon-success-no-circle weui-icon_toast"></i><p class="weui-toast__content">${T.toast}</p></div>`;
      desc.tags = ['toast'];
      desc.cover = [{ sel: '.weui-toast' }];
      desc.notes = 'a toast is not a pop-up';
    } else if (sc === 'notice') {
      html = `<div class="weui-toptips ${P.seed % 2 ? 'weui-toptips_warn' : ''}" style="display:block;top:${P.top}%">${T.notice}</div>`;
      desc.tags = ['notice_bar'];
      desc.cover = [{ sel: '.weui-toptips' }];
      desc.notes = 'top tips inside the layout are not a pop-up';
    } else if (sc === 'tabbar') {
      const icons = ['weui-icon-info-circle', 'weui-icon-search', 'weui-icon-download', 'weui-icon-more'];
      html = `<div class="weui-tabbar" style="position:fixed;left:0;right:0;bottom:0;z-index:10">${T.tabs.map((t, i) => `<div class="weui-tabbar__item ${i ? '' : 'weui-bar__item_on'}">
        <i class="${icons[i]} weui-tabbar__icon" style="display:block;margin:0 auto"></i><p class="weui-tabbar__label">${t}</p></div>`).join('')}</div>`;
      desc.tags = ['bottom_tabs'];
      desc.cover = [{ sel: '.weui-tabbar' }];
      desc.notes = 'a bottom tab bar is not a pop-up';
    } else if (sc === 'navbar') {
      const items = zh ? ['推荐', '关注', '热榜'] : ['For you', 'Following', 'Trending'];
      html = `<div class="weui-navbar" style="position:fixed;left:0;right:0;top:${P.top}%;z-index:10">${items.map((t, i) => `<div role="tab" class="weui-navbar__item ${i ? '' : 'weui-bar__item_on'}">${t}</div>`).join('')}</div>`;
      desc.tags = ['nav_bar'];
      desc.cover = [{ sel: '.weui-navbar' }];
      desc.notes = 'a navigation bar is not a pop-up';
    } else throw new Error('weui: unknown scenario ' + sc);
    document.getElementById('app').innerHTML = html;
    return desc;
  },
};
