// Quasar 2 (Vue 3, Material Design; its UMD build): dialogs through its Dialog plugin, the action sheet
// through its BottomSheet plugin, toasts and snackbars through Notify; the rest is its own components
// (QDialog with a QCard, QBtn, QToggle, QBanner, QLayout/QHeader/QToolbar, QFooter/QTabs). Dark is
// Quasar's Dark plugin (config.dark). P.mode picks a variant: 'md' = Quasar's defaults (4 px corners, flat
// upper-case buttons), 'ios' = its square dialogs with rounded unelevated buttons. Returns what to label.
let SVG = {};  // @quasar/extras Material Icons as SVG paths (an SVG icon has no ligature text to leak into innerText)
window.LIB = {
  async ready() {
    await document.fonts.load('24px "Material Icons"');
    SVG = await import('../node_modules/@quasar/extras/exports/material-icons/index.js');
  },
  async mount(sc, P) {
    const { T, grad, zh, sleep } = window.H;
    const md = P.mode === 'md';
    const portrait = window.innerWidth < window.innerHeight;
    const desc = { popups: [], closes: [], checks: [], notes: md ? 'default variant' : 'square variant' };
    const state = Vue.reactive({ show: false, on: !!P.on, tab: 'tab0' });
    const sq = md ? '' : 'square';
    const btn = md ? '' : 'rounded unelevated no-caps';
    // The plugin dialogs' buttons: flat (Quasar's default) or, in the square variant, a filled pill and an outlined one.
    const buttons = (no, yes) => md
      ? { cancel: { label: no, flat: true }, ok: { label: yes, flat: true } }
      : { cancel: { label: no, outline: true, rounded: true, noCaps: true }, ok: { label: yes, unelevated: true, rounded: true, noCaps: true }, square: true };
    const sheetCard = 'width:100vw;max-width:560px';
    const header = (title) => `<q-card-section class="row items-center no-wrap q-pb-none"><div class="text-h6 col text-center" style="padding:0 36px">${title}</div>
      <q-btn class="qs-close" icon="close" flat round dense v-close-popup /></q-card-section>`;
    let tpl = '<div></div>', after = null;
    const dialogText = { confirm: T.confirm, install: T.install, rating: T.rating }[sc];
    if (dialogText) {
      after = () => Quasar.Dialog.create({ title: dialogText.title, message: dialogText.msg, focus: 'none', persistent: true, ...buttons(dialogText.no, dialogText.yes) });
      desc.popups.push({ sel: '.q-dialog-plugin', kind: 'dialog' });
      desc.closes.push({ sel: '.q-dialog-plugin', text: dialogText.no, kind: 'text' });
      desc.notes += '; Dialog plugin';
    } else if (sc === 'privacy') {
      // The Dialog plugin's own form: options of type checkbox render a QOptionGroup of QCheckbox.
      after = () => Quasar.Dialog.create({ title: T.privacy.title, message: T.privacy.msg, focus: 'none', persistent: true,
        options: { type: 'checkbox', model: P.checked ? ['agree'] : [], items: [{ label: T.privacy.check, value: 'agree' }] },
        ...buttons(T.privacy.no, T.privacy.yes) });
      desc.popups.push({ sel: '.q-dialog-plugin', kind: 'dialog' });
      desc.closes.push({ sel: '.q-dialog-plugin', text: T.privacy.no, kind: 'text' });
      desc.checks.push({ sel: '.q-dialog-plugin .q-checkbox__bg', checked: P.checked, kind: 'checkbox', label: T.privacy.check });
      desc.notes += '; Dialog plugin with a QCheckbox option';
    } else if (sc === 'promo_inside' || sc === 'promo_below') {
      const inside = sc === 'promo_inside';
      const card = `<q-card class="promo-card" style="background:${grad()}">
        ${inside ? '<q-btn class="qs-close" icon="close" flat round dense text-color="white" v-close-popup />' : ''}
        <h2>${T.promo.title}</h2><div class="amount">${T.promo.amount}</div>
        <q-btn unelevated rounded no-caps style="background:#ffd21e;color:#a33;width:180px" label="${T.promo.btn}" /></q-card>`;
      tpl = inside ? `<q-dialog v-model="s.show" ${sq}>${card}</q-dialog>`
        : `<q-dialog v-model="s.show" ${sq}><div class="qs-promo column no-wrap items-center">${card}
            <q-btn class="qs-below-x ${portrait ? 'q-mt-lg' : 'q-mt-xs'}" icon="${P.seed % 2 ? 'highlight_off' : 'cancel'}" flat round size="${portrait ? 'lg' : 'md'}" text-color="white" v-close-popup /></div></q-dialog>`;
      desc.popups.push({ sel: '.q-dialog .promo-card', kind: 'dialog' });
      desc.closes.push({ sel: inside ? '.promo-card .qs-close' : '.qs-below-x', kind: 'x_icon' });
      desc.notes += inside ? '; QDialog holding a promotion QCard, round flat close QBtn in the card' : '; circled close QBtn below the card, outside the pop-up box';
    } else if (sc === 'sheet') {
      const icons = { 拍照: SVG.matPhotoCamera, 从相册选择: SVG.matPhotoLibrary, 微信好友: SVG.matChat, 朋友圈: SVG.matShare, 复制链接: SVG.matLink,
        举报: SVG.matReport, 不感兴趣: SVG.matNotInterested, 'Take photo': SVG.matPhotoCamera, 'Choose from library': SVG.matPhotoLibrary,
        Messages: SVG.matSms, Email: SVG.matEmail, 'Copy link': SVG.matLink, Report: SVG.matReport, 'Not interested': SVG.matNotInterested };
      // Quasar's bottom sheet has no cancel row of its own: Cancel is its last action, after a separator ({}).
      after = () => Quasar.BottomSheet.create({ title: T.sheet.title || undefined,
        actions: [...T.sheet.items.map((label) => ({ label, icon: icons[label] })), {}, { label: T.sheet.cancel, icon: SVG.matClose }] });
      desc.popups.push({ sel: '.q-bottom-sheet', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.q-bottom-sheet [role=list] > .q-bottom-sheet__item:last-child', kind: 'text' });
      desc.notes += '; BottomSheet plugin, Cancel is its last action';
    } else if (sc === 'coupon') {
      const items = T.coupon.items.map((t) => `<q-item clickable v-ripple><q-item-section avatar><q-icon name="local_offer" color="negative" /></q-item-section>
        <q-item-section>${t}</q-item-section><q-item-section side><q-icon name="chevron_right" /></q-item-section></q-item>`).join('');
      tpl = `<q-dialog v-model="s.show" position="bottom" ${sq}><q-card class="qs-sheet" style="${sheetCard}">${header(T.coupon.title)}
        <q-list class="q-pa-sm q-pb-lg">${items}</q-list></q-card></q-dialog>`;
      desc.popups.push({ sel: '.qs-sheet', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.qs-sheet .qs-close', kind: 'x_icon' });
      desc.notes += '; QDialog position=bottom holding a QCard list, close QBtn in its header';
    } else if (sc === 'renew') {
      tpl = `<q-dialog v-model="s.show" position="bottom" ${sq}><q-card class="qs-sheet" style="${sheetCard}">${header(T.renew.title)}
        <div class="price">${T.renew.price}</div>
        <q-item tag="label"><q-item-section>${T.renew.sw}</q-item-section><q-item-section side><q-toggle class="qs-toggle" v-model="s.on" dense color="negative" /></q-item-section></q-item>
        <q-card-section class="q-pb-lg"><q-btn class="full-width" color="negative" size="lg" ${btn} label="${T.renew.btn}" /></q-card-section></q-card></q-dialog>`;
      desc.popups.push({ sel: '.qs-sheet', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.qs-sheet .qs-close', kind: 'x_icon' });
      desc.checks.push({ sel: '.qs-toggle .q-toggle__inner', checked: P.on, kind: 'switch', label: T.renew.sw });  // dense: its inner box is the track and thumb, no padding
      desc.notes += '; QDialog position=bottom holding the plan, close QBtn in its header, QToggle';
    } else if (sc === 'splash') {
      const pos = { tr: 'top:calc(4% + 16px);right:16px', br: 'bottom:calc(16% + 16px);right:16px', bc: 'bottom:calc(16% + 14px);left:50%;transform:translateX(-50%)' }[P.skipPos];
      tpl = `<q-dialog v-model="s.show" maximized persistent transition-show="fade"><div class="qs-splash">
        <div class="ad-creative" style="background:${grad()}"><h1>${T.splash.title}</h1><p>${T.splash.sub}</p><div class="ad-brand">${T.splash.brand}</div></div>
        <q-btn class="skip-pill" rounded unelevated dense ${md ? '' : 'no-caps'} padding="2px 14px" style="${pos};background:rgba(0,0,0,.45);color:#fff" label="${T.skip}" v-close-popup /></div></q-dialog>`;
      desc.popups.push({ sel: '.q-dialog__inner--maximized', kind: 'fullscreen' });
      desc.closes.push({ sel: '.qs-splash', text: T.skip, kind: 'text' });
      desc.notes += '; maximized QDialog with a rounded QBtn skip pill';
    } else if (sc === 'toast' || sc === 'snackbar') {
      const toast = sc === 'toast';
      after = () => Quasar.Notify.create(Object.assign({ timeout: 0, group: false },
        toast ? { message: T.toast, position: ['bottom', 'center', 'top'][P.seed % 3] }
          : { message: T.snack.msg, position: 'bottom', multiLine: P.seed % 4 === 0, actions: [{ label: T.snack.action, color: 'yellow' }] }));
      desc.tags = [sc];
      desc.cover = [{ sel: '.q-notification' }];
      desc.notes += toast ? '; a Notify toast is not a pop-up' : '; a Notify with an action (snackbar) is not a pop-up';
    } else if (sc === 'banner') {
      // In the layout under the status bar, or under an app bar.
      tpl = `<div style="position:fixed;left:0;right:0;top:${P.seed % 3 ? 24 : 80}px;z-index:10"><q-banner class="qs-banner ${P.dark ? 'bg-grey-9 text-white' : 'bg-white'}" ${P.seed % 2 ? 'inline-actions' : ''}>
        <template #avatar><q-icon name="${zh ? 'notifications' : 'info'}" color="primary" /></template>${T.banner.msg}
        <template #action><q-btn flat color="primary" label="${T.banner.a}" /><q-btn flat color="primary" label="${T.banner.b}" /></template></q-banner></div>`;
      desc.tags = ['banner'];
      desc.cover = [{ sel: '.qs-banner' }];
      desc.notes += '; an in-layout QBanner is not a pop-up';
    } else if (sc === 'tabbar') {
      const icons = ['home', 'explore', 'shopping_cart', 'person'];
      const look = P.seed % 2 ? 'class="bg-primary text-white"' : `class="${P.dark ? 'bg-grey-10 text-grey-5' : 'bg-white text-grey-7'}" active-color="primary" indicator-color="transparent"`;
      tpl = `<q-layout view="hHh lpR fFf"><q-footer bordered class="qs-footer"><q-tabs v-model="s.tab" ${look} no-caps>
        ${T.tabs.map((t, i) => `<q-tab name="tab${i}" icon="${icons[i]}" label="${t}" />`).join('')}</q-tabs></q-footer></q-layout>`;
      desc.tags = ['bottom_tabs'];
      desc.cover = [{ sel: '.qs-footer' }];
      desc.notes += '; a QFooter with QTabs is not a pop-up';
    } else if (sc === 'navbar') {
      tpl = `<q-layout view="hHh lpR fFf"><q-header elevated class="qs-header"><q-toolbar>
        <q-btn flat round dense icon="arrow_back" /><q-toolbar-title ${P.seed % 2 ? 'class="text-center"' : ''}>${T.nav}</q-toolbar-title>
        <q-btn flat round dense icon="more_vert" /></q-toolbar></q-header></q-layout>`;
      desc.tags = ['nav_bar'];
      desc.cover = [{ sel: '.qs-header' }];
      desc.notes += '; a QHeader with a QToolbar is not a pop-up';
    } else throw new Error('quasar: unknown scenario ' + sc);
    const app = Vue.createApp({ setup: () => ({ s: state }), template: tpl });
    app.use(Quasar, { config: { dark: !!P.dark } });
    if (zh) Quasar.lang.set(Quasar.Lang.zhCN);
    app.mount('#app');
    await Vue.nextTick();
    if (after) after();
    else state.show = true;
    await sleep(30);
    return desc;
  },
};
