// MUI (Material UI) 5 on React 18, from its UMD build: each scenario is real MUI components in a
// ThemeProvider (light or its dark palette; the spec's mode picks the default Material theme (md) or
// an iOS-leaning theme (ios): radius 14, buttons not upper-cased, iOS blue, centred dialog text).
// Returns what to label.
//
// MUI's icons live in @mui/icons-material (not installed): SvgIcon draws the Material icon paths.
// close, cancel (circled X), person and chevron are the paths MUI's own bundle carries (its Alert and
// Chip icons); the others are the public Material Design icon paths.
const PATHS = {
  close: 'M19 6.41L17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z',
  cancel: 'M12 2C6.47 2 2 6.47 2 12s4.47 10 10 10 10-4.47 10-10S17.53 2 12 2zm5 13.59L15.59 17 12 13.41 8.41 17 7 15.59 10.59 12 7 8.41 8.41 7 12 10.59 15.59 7 17 8.41 13.41 12 17 15.59z',
  person: 'M12 12c2.21 0 4-1.79 4-4s-1.79-4-4-4-4 1.79-4 4 1.79 4 4 4zm0 2c-2.67 0-8 1.34-8 4v2h16v-2c0-2.66-5.33-4-8-4z',
  chevron: 'M10 6L8.59 7.41 13.17 12l-4.58 4.59L10 18l6-6z',
  home: 'M10 20v-6h4v6h5v-8h3L12 3 2 12h3v8z',
  search: 'M15.5 14h-.79l-.28-.27C15.41 12.59 16 11.11 16 9.5 16 5.91 13.09 3 9.5 3S3 5.91 3 9.5 5.91 16 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19l-4.99-5zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14z',
  cart: 'M7 18c-1.1 0-1.99.9-1.99 2S5.9 22 7 22s2-.9 2-2-.9-2-2-2zM1 2v2h2l3.6 7.59-1.35 2.45c-.16.28-.25.61-.25.96 0 1.1.9 2 2 2h12v-2H7.42c-.14 0-.25-.11-.25-.25l.03-.12.9-1.63h7.45c.75 0 1.41-.41 1.75-1.03l3.58-6.49c.08-.14.12-.31.12-.48 0-.55-.45-1-1-1H5.21l-.94-2H1zm16 16c-1.1 0-1.99.9-1.99 2s.89 2 1.99 2 2-.9 2-2-.9-2-2-2z',
  back: 'M20 11H7.83l5.59-5.59L12 4l-8 8 8 8 1.41-1.41L7.83 13H20v-2z',
  more: 'M12 8c1.1 0 2-.9 2-2s-.9-2-2-2-2 .9-2 2 .9 2 2 2zm0 2c-1.1 0-2 .9-2 2s.9 2 2 2 2-.9 2-2-.9-2-2-2zm0 6c-1.1 0-2 .9-2 2s.9 2 2 2 2-.9 2-2-.9-2-2-2z',
};
window.LIB = {
  async mount(sc, P) {
    const { T, grad } = window.H;
    const M = MaterialUI, h = React.createElement;
    const ios = P.mode === 'ios';
    const icon = (name, props) => h(M.SvgIcon, props || {}, h('path', { d: PATHS[name] }));
    const theme = M.createTheme({
      palette: Object.assign({ mode: P.dark ? 'dark' : 'light' }, ios ? { primary: { main: '#007aff' } } : {}),
      shape: { borderRadius: ios ? 14 : 4 },
      typography: Object.assign({ fontFamily: 'Roboto, "Noto Sans SC", sans-serif' }, ios ? { button: { textTransform: 'none', fontSize: '1rem' } } : {}),
      components: ios ? {
        MuiDialogTitle: { styleOverrides: { root: { textAlign: 'center' } } },
        MuiDialogContentText: { styleOverrides: { root: { textAlign: 'center' } } },
        MuiDialogActions: { styleOverrides: { root: { justifyContent: 'space-evenly' } } },
      } : {},
    });
    const desc = { popups: [], closes: [], checks: [], notes: ios ? 'iOS-leaning MUI theme' : 'default Material theme' };
    const note = (s) => { desc.notes += '; ' + s; };
    const dialogText = { confirm: T.confirm, install: T.install, rating: T.rating }[sc];
    // Bottom drawers are square in Material 2; the iOS-leaning theme rounds their top corners.
    const sheetPaper = { sx: ios ? { borderTopLeftRadius: 14, borderTopRightRadius: 14 } : {} };
    const sheetHead = (title) => [
      h(M.Typography, { key: 't', variant: 'h6', sx: { textAlign: 'center', py: 1.5, px: 7 } }, title),
      h(M.IconButton, { key: 'x', className: 'sheet-x', 'aria-label': 'close', sx: { position: 'absolute', top: 8, right: 8 } }, icon('close')),
    ];
    const card = (extra) => h(M.Card, { className: 'promo-card', elevation: 8, sx: { background: grad(), color: '#fff', borderRadius: '16px', position: 'relative' } },
      h('h2', null, T.promo.title), h('div', { className: 'amount' }, T.promo.amount),
      h(M.Button, { variant: 'contained', sx: { bgcolor: '#ffd21e', color: '#a33', width: 180, borderRadius: '22px', '&:hover': { bgcolor: '#ffd21e' } } }, T.promo.btn), extra);
    // The promotion dialogs: MUI's Dialog with a transparent paper, the Card is the visible window.
    const promoPaper = { sx: { background: 'transparent', backgroundImage: 'none', boxShadow: 'none', overflow: 'visible', alignItems: 'center' } };
    const dialog = (t, body) => h(M.Dialog, { open: true, maxWidth: 'xs', fullWidth: !ios && P.seed % 2 === 0 },
      h(M.DialogTitle, null, t.title), h(M.DialogContent, null, body),
      h(M.DialogActions, null, h(M.Button, null, t.no), h(M.Button, { variant: !ios && P.seed % 3 === 0 ? 'contained' : 'text' }, t.yes)));
    let view;
    if (dialogText) {
      view = dialog(dialogText, h(M.DialogContentText, null, dialogText.msg));
      desc.popups.push({ sel: '.MuiDialog-paper', kind: 'dialog' });
      desc.closes.push({ sel: '.MuiDialogActions-root', text: dialogText.no, kind: 'text' });
      note('MUI Dialog');
    } else if (sc === 'privacy') {
      view = dialog(T.privacy, [
        h(M.DialogContentText, { key: 'm', sx: { textAlign: 'left' } }, T.privacy.msg),
        h(M.FormControlLabel, { key: 'c', sx: { mt: 1, alignItems: 'center', '& .MuiFormControlLabel-label': { fontSize: 14 } },
          control: h(M.Checkbox, { defaultChecked: !!P.checked }), label: T.privacy.check }),
      ]);
      desc.popups.push({ sel: '.MuiDialog-paper', kind: 'dialog' });
      desc.closes.push({ sel: '.MuiDialogActions-root', text: T.privacy.no, kind: 'text' });
      // The check box's visual square: the drawn path inside the Checkbox's 42 px touch area.
      desc.checks.push({ sel: '.MuiDialog-paper .MuiCheckbox-root path', checked: P.checked, kind: 'checkbox', label: T.privacy.check });
      note('MUI Dialog with a Checkbox in a FormControlLabel');
    } else if (sc === 'promo_inside') {
      view = h(M.Dialog, { open: true, PaperProps: promoPaper },
        card(h(M.IconButton, { className: 'promo-x', 'aria-label': 'close', sx: { position: 'absolute', top: 4, right: 4, color: '#fff' } }, icon('close'))));
      desc.popups.push({ sel: '.promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-x', kind: 'x_icon' });
      note('MUI Dialog holding a promotion Card, IconButton X in the card');
    } else if (sc === 'promo_below') {
      view = h(M.Dialog, { open: true, PaperProps: promoPaper }, card(),
        h(M.IconButton, { className: 'promo-close', 'aria-label': 'close', sx: { mt: 2, color: 'rgba(255,255,255,.92)' } }, icon('cancel', { sx: { fontSize: 40 } })));
      desc.popups.push({ sel: '.promo-card', kind: 'dialog' });
      desc.closes.push({ sel: '.promo-close', kind: 'x_icon' });
      note('circled close IconButton below the card, outside the pop-up box');
    } else if (sc === 'sheet') {
      const center = ios ? { textAlign: 'center' } : {};
      view = h(M.Drawer, { anchor: 'bottom', open: true, PaperProps: sheetPaper },
        h(M.List, { subheader: T.sheet.title ? h(M.ListSubheader, { sx: center }, T.sheet.title) : undefined },
          T.sheet.items.map((t, i) => h(M.ListItemButton, { key: i }, h(M.ListItemText, { primary: t, sx: center })))),
        h(M.Divider, { sx: { borderBottomWidth: ios ? 8 : 1 } }),
        h(M.List, null, h(M.ListItemButton, { className: 'sheet-cancel' }, h(M.ListItemText, { primary: T.sheet.cancel, sx: center }))));
      desc.popups.push({ sel: '.MuiDrawer-paper', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.sheet-cancel', kind: 'text' });
      note('bottom Drawer with a List, Cancel as its last item');
    } else if (sc === 'coupon') {
      view = h(M.Drawer, { anchor: 'bottom', open: true, PaperProps: sheetPaper },
        h(M.Box, { sx: { position: 'relative', minHeight: '40vh' } }, sheetHead(T.coupon.title), h(M.Divider),
          h(M.List, null, T.coupon.items.map((t, i) => h(M.ListItemButton, { key: i }, h(M.ListItemText, { primary: t }), icon('chevron', { color: 'action' }))))));
      desc.popups.push({ sel: '.MuiDrawer-paper', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.sheet-x', kind: 'x_icon' });
      note('bottom Drawer holding a List, IconButton X in its header');
    } else if (sc === 'renew') {
      view = h(M.Drawer, { anchor: 'bottom', open: true, PaperProps: sheetPaper },
        h(M.Box, { sx: { position: 'relative' } }, sheetHead(T.renew.title),
          h('div', { className: 'price' }, T.renew.price),
          h(M.List, null, h(M.ListItem, { secondaryAction: h(MeasuredSwitch, { defaultChecked: !!P.on }) }, h(M.ListItemText, { primary: T.renew.sw }))),
          h('div', { className: 'sheet-body' }, h(M.Button, { variant: 'contained', fullWidth: true, size: 'large', sx: { borderRadius: '24px' } }, T.renew.btn))));
      desc.popups.push({ sel: '.MuiDrawer-paper', kind: 'bottom_sheet' });
      desc.closes.push({ sel: '.sheet-x', kind: 'x_icon' });
      desc.checks.push({ sel: '.switch-visual', checked: P.on, kind: 'switch', label: T.renew.sw });
      note('bottom Drawer holding the plan with a Switch, IconButton X in its header');
    } else if (sc === 'splash') {
      const pos = { tr: { top: 'calc(4% + 16px)', right: 16 }, br: { bottom: 'calc(16% + 16px)', right: 16 }, bc: { bottom: 'calc(16% + 14px)', left: '50%', transform: 'translateX(-50%)' } }[P.skipPos];
      const sx = Object.assign({ position: 'absolute', zIndex: 5, bgcolor: 'rgba(0,0,0,.45)', color: '#fff', '&:hover': { bgcolor: 'rgba(0,0,0,.45)' } }, pos);
      // The skip pill: MUI's Chip (clickable) or a small contained Button, by the spec's seed.
      const chip = P.seed % 2 === 0;
      const skip = chip ? h(M.Chip, { className: 'skip-pill', label: T.skip, clickable: true, onClick: () => {}, sx })
        : h(M.Button, { className: 'skip-pill', variant: 'contained', size: 'small', disableElevation: true, sx: Object.assign({ borderRadius: 999, minWidth: 0, px: 1.75 }, sx) }, T.skip);
      view = h(M.Dialog, { open: true, fullScreen: true },
        h('div', { className: 'ad-creative', style: { background: grad() } }, h('h1', null, T.splash.title), h('p', null, T.splash.sub),
          h('div', { className: 'ad-brand' }, T.splash.brand)), skip);
      desc.popups.push({ sel: '.MuiDialog-paperFullScreen', kind: 'fullscreen' });
      desc.closes.push({ sel: '.MuiDialog-paperFullScreen', text: T.skip, kind: 'text' });
      note(`full-screen Dialog, skip ${chip ? 'Chip' : 'Button'}`);
    } else if (sc === 'toast' || sc === 'snackbar') {
      const action = sc === 'snackbar' ? h(M.Button, { color: 'secondary', size: 'small' }, T.snack.action) : undefined;
      // Lifted off the bottom edge (the background's navigation bar) by the spec's top offset.
      view = h(M.Snackbar, { open: true, message: sc === 'toast' ? T.toast : T.snack.msg, action,
        anchorOrigin: { vertical: 'bottom', horizontal: 'center' }, sx: { bottom: `${P.top}% !important` } });
      desc.tags = [sc];
      desc.cover = [{ sel: '.MuiSnackbarContent-root' }];
      note(sc === 'toast' ? 'a Snackbar with a message only (toast) is not a pop-up' : 'a Snackbar with an action is not a pop-up');
    } else if (sc === 'banner') {
      const actions = h(React.Fragment, null, h(M.Button, { color: 'inherit', size: 'small' }, T.banner.a), h(M.Button, { color: 'inherit', size: 'small' }, T.banner.b));
      view = h('div', { style: { position: 'fixed', left: 8, right: 8, top: P.top + '%', zIndex: 10 } },
        h(M.Alert, { severity: P.seed % 2 ? 'info' : 'warning', variant: P.seed % 3 === 0 ? 'filled' : 'standard', action: actions }, T.banner.msg));
      desc.tags = ['banner'];
      desc.cover = [{ sel: '.MuiAlert-root' }];
      note('an in-layout Alert banner is not a pop-up');
    } else if (sc === 'tabbar') {
      const icons = ['home', 'search', 'cart', 'person'];
      view = h(M.Paper, { className: 'mui-tabbar', elevation: 3, square: true, sx: { position: 'fixed', left: 0, right: 0, bottom: 0, zIndex: 10 } },
        h(M.BottomNavigation, { showLabels: true, value: 0 },
          T.tabs.map((t, i) => h(M.BottomNavigationAction, { key: i, label: t, icon: i === 2 ? h(M.Badge, { badgeContent: 3, color: 'error' }, icon(icons[i])) : icon(icons[i]) }))));
      desc.tags = ['bottom_tabs'];
      desc.cover = [{ sel: '.mui-tabbar' }];
      note('a BottomNavigation tab bar is not a pop-up');
    } else if (sc === 'navbar') {
      view = h(M.AppBar, { position: 'fixed', color: P.seed % 2 ? 'primary' : 'default', enableColorOnDark: true },
        h(M.Toolbar, null, h(M.IconButton, { edge: 'start', color: 'inherit', 'aria-label': 'back' }, icon('back')),
          h(M.Typography, { variant: 'h6', sx: { flexGrow: 1, ml: 1 } }, T.nav),
          h(M.IconButton, { edge: 'end', color: 'inherit', 'aria-label': 'more' }, icon('more'))));
      desc.tags = ['nav_bar'];
      desc.cover = [{ sel: '.MuiAppBar-root' }];
      note('an AppBar is not a pop-up');
    } else throw new Error('mui: unknown scenario ' + sc);
    ReactDOM.createRoot(document.getElementById('app')).render(h(M.ThemeProvider, { theme }, view));
    return desc;
  },
};

// MUI's Switch root is a 58x38 touch area around a 34x14 track and a 20 px thumb: a marker over the
// union of track and thumb (measured, not assumed) is what the label's box is read from.
function MeasuredSwitch(props) {
  const h = React.createElement, wrap = React.useRef(null), mark = React.useRef(null);
  React.useLayoutEffect(() => {
    const w = wrap.current.getBoundingClientRect();
    const rs = ['.MuiSwitch-track', '.MuiSwitch-thumb'].map((s) => wrap.current.querySelector(s).getBoundingClientRect());
    const x0 = Math.min(...rs.map((r) => r.left)), y0 = Math.min(...rs.map((r) => r.top));
    const x1 = Math.max(...rs.map((r) => r.right)), y1 = Math.max(...rs.map((r) => r.bottom));
    Object.assign(mark.current.style, { left: x0 - w.left + 'px', top: y0 - w.top + 'px', width: x1 - x0 + 'px', height: y1 - y0 + 'px' });
  }, []);
  return h('span', { ref: wrap, style: { position: 'relative', display: 'inline-flex' } },
    h(MaterialUI.Switch, props), h('span', { ref: mark, className: 'switch-visual', style: { position: 'absolute', pointerEvents: 'none' } }));
}
