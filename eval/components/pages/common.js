// Shared by every library page: query parameters, texts, the background, and the DOM labeller.
(function () {
  const Q = new URLSearchParams(location.search);
  const P = JSON.parse(Q.get('spec') || '{}');
  const zh = P.lang !== 'en';
  const pick = (a) => a[(P.seed || 0) % a.length];
  // Texts of each scenario, Chinese and English (several wordings, chosen by the spec's seed).
  const T = zh ? {
    confirm: { title: pick(['提示', '删除确认', '退出登录']), msg: pick(['确定要删除这条记录吗？', '删除后将无法恢复。', '确定要退出当前账号吗？']), no: '取消', yes: '确定' },
    install: { title: pick(['下载App，体验更流畅', '打开App查看更多内容', '安装客户端领取新人礼包']), msg: '在App中浏览更快、更省流量', no: pick(['取消', '暂不下载', '继续浏览网页']), yes: pick(['立即下载', '打开App']) },
    rating: { title: pick(['喜欢我们的应用吗？', '给个好评吧']), msg: '您的评价是我们前进的动力', no: '以后再说', yes: pick(['去评分', '五星好评']) },
    promo: { title: pick(['新人专享', '限时福利', '618 年中大促']), amount: pick(['¥100 红包', '满199减50', '免费领会员']), btn: pick(['立即领取', '马上抢', '去看看']) },
    sheet: { title: pick(['', '更换头像', '分享到']), items: pick([['拍照', '从相册选择'], ['微信好友', '朋友圈', '复制链接'], ['举报', '不感兴趣']]), cancel: '取消' },
    coupon: { title: pick(['选择优惠券', '选择收货地址', '商品规格']), items: pick([['满100减10', '满200减30', '无门槛5元'], ['北京市朝阳区', '上海市浦东新区'], ['黑色 128GB', '白色 256GB', '蓝色 256GB']]) },
    splash: { title: pick(['618 狂欢节', '新品首发', '限时秒杀']), sub: pick(['全场低至5折', '点击查看详情', '爆款直降']), brand: pick(['某某商城', '好物优选', '极速浏览器']) },
    skip: P.skipText || '跳过 3',
    privacy: { title: pick(['用户协议与隐私政策', '温馨提示', '个人信息保护指引']), msg: '欢迎使用本应用！我们将依据《用户协议》和《隐私政策》来帮助您了解我们如何收集、使用和保护您的个人信息。', check: pick(['我已阅读并同意《隐私政策》', '我已阅读并同意《用户协议》和《隐私政策》']), no: pick(['不同意', '暂不使用', '不同意并退出']), yes: pick(['同意', '同意并继续']) },
    renew: { title: pick(['开通会员', '连续包月', 'VIP 会员']), price: pick(['¥15/月', '¥25/月', '¥168/年']), sw: '自动续费', btn: pick(['立即开通', '确认支付']) },
    toast: pick(['已复制', '加载中...', '网络不给力，请稍后重试', '收藏成功']),
    notice: pick(['系统将于今晚 23:00-24:00 进行维护，请提前做好准备。', '【公告】新版本已上线，欢迎体验！', '温馨提示：请勿向陌生人透露验证码']),
    snack: { msg: pick(['已删除 1 条消息', '已加入购物车', '网络已断开']), action: pick(['撤销', '查看', '重试']) },
    banner: { msg: pick(['开启通知，第一时间获取订单状态', '您的账号尚未绑定手机号']), a: '以后', b: pick(['去开启', '去绑定']) },
    tabs: ['首页', '分类', '购物车', '我的'],
    nav: pick(['商品详情', '消息', '设置', '我的订单']),
  } : {
    confirm: { title: pick(['Delete this item?', 'Sign out?', 'Discard draft?']), msg: pick(['This cannot be undone.', 'You will need to sign in again.', 'Your changes will be lost.']), no: 'Cancel', yes: pick(['OK', 'Delete', 'Confirm']) },
    install: { title: pick(['Install our app?', 'Get the app', 'Open in the app?']), msg: 'Enjoy a faster experience in the app.', no: pick(['No', 'No thanks', 'Not now']), yes: pick(['Yes', 'Install', 'Open']) },
    rating: { title: pick(['Enjoying the app?', 'Rate us']), msg: 'Tell us what you think on the store.', no: pick(['Not now', 'Later', 'No thanks']), yes: pick(['Rate now', 'Rate']) },
    promo: { title: pick(['Welcome gift', 'Limited offer', 'Summer sale']), amount: pick(['$10 OFF', '50% OFF', '1 month free']), btn: pick(['Claim now', 'Shop now', 'Get it']) },
    sheet: { title: pick(['', 'Change photo', 'Share to']), items: pick([['Take photo', 'Choose from library'], ['Messages', 'Email', 'Copy link'], ['Report', 'Not interested']]), cancel: 'Cancel' },
    coupon: { title: pick(['Choose a coupon', 'Delivery address', 'Select size']), items: pick([['$5 off $50', '$15 off $100', 'Free shipping'], ['Home', 'Office'], ['S', 'M', 'L']]) },
    splash: { title: pick(['Black Friday', 'New arrivals', 'Flash sale']), sub: pick(['Up to 50% off', 'Tap to learn more', 'Today only']), brand: pick(['ShopMall', 'Daily Deals', 'Fast Browser']) },
    skip: P.skipText || 'Skip 5s',
    privacy: { title: pick(['Privacy Policy', 'Terms and privacy', 'Before you start']), msg: 'We use your data as described in our Terms of Service and Privacy Policy to provide and improve the service.', check: pick(['I have read and agree to the Privacy Policy', 'I agree to the Terms and Privacy Policy']), no: pick(['Disagree', 'Decline', 'Exit']), yes: pick(['Agree', 'Accept']) },
    renew: { title: pick(['Go Premium', 'Monthly plan', 'VIP membership']), price: pick(['$4.99/mo', '$9.99/mo', '$49.99/yr']), sw: 'Auto-renew', btn: pick(['Subscribe', 'Pay now']) },
    toast: pick(['Copied', 'Loading...', 'Network error, try again', 'Saved']),
    notice: pick(['Scheduled maintenance tonight 23:00-24:00.', 'A new version is available.', 'Never share your verification code.']),
    snack: { msg: pick(['Message archived', 'Added to cart', 'You are offline']), action: pick(['Undo', 'View', 'Retry']) },
    banner: { msg: pick(['Turn on notifications to track your orders', 'Your phone number is not verified']), a: 'Dismiss', b: pick(['Turn on', 'Verify']) },
    tabs: ['Home', 'Explore', 'Cart', 'Me'],
    nav: pick(['Details', 'Messages', 'Settings', 'My orders']),
  };
  const HUES = [['#ff6034', '#ee0a24'], ['#7232dd', '#3f51b5'], ['#00b578', '#0a7c59'], ['#ff8f1f', '#e65100'], ['#1989fa', '#0052d9']];
  const grad = () => { const h = pick(HUES); return `linear-gradient(160deg, ${h[0]}, ${h[1]})`; };

  // 'a >>> b' steps into a's shadow root; {text} finds the clickable element whose own text is exactly that.
  function find(sel, text) {
    let root = document, el = null;
    for (const part of sel.split('>>>')) {
      el = root.querySelector(part.trim());
      if (!el) return null;
      root = el.shadowRoot || el;
    }
    if (text === undefined) return el;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.textContent.trim() !== text) continue;
      let hit = n.parentElement;
      const clickable = hit.closest('button, a, [role=button], ion-button, .adm-button, .van-button, .weui-btn, .weui-dialog__btn, .weui-actionsheet__cell, .van-action-sheet__cancel, .mdc-button, .skip-pill');
      return clickable && el.contains(clickable) ? clickable : hit;
    }
    return null;
  }
  function element(d) {
    const el = find(d.sel, d.text);
    if (!el) throw new Error('selector matched nothing: ' + d.sel + (d.text ? ' text=' + d.text : ''));
    return el;
  }
  function box(d) {
    const el = element(d), r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) throw new Error('empty box: ' + d.sel);
    return [r.left, r.top, r.width, r.height];
  }
  // The text as rendered (innerText applies text-transform: an md button shows SKIP 5S).
  const shown = (d) => (element(d).innerText || '').replace(/\s+/g, ' ').trim() || d.text;
  function collect(desc) {
    return {
      dpr: window.devicePixelRatio, vw: window.innerWidth, vh: window.innerHeight,
      popups: (desc.popups || []).map((p) => ({ bbox: box(p), kind: p.kind })),
      close_controls: (desc.closes || []).map((c) => ({ bbox: box(c), kind: c.kind, text: c.kind === 'text' ? shown(c) : null, popup: c.popup || 0 })),
      checkboxes: (desc.checks || []).map((c) => ({ bbox: box(c), checked: !!c.checked, kind: c.kind, text: c.label || null })),
      // What a negative component hides of the screen (the screen's own check boxes there are gone).
      covers: (desc.cover || []).map(box),
      tags: desc.tags || [],
      notes: desc.notes || '',
    };
  }
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  // Mounted = transitions over and every labelled box unchanged across two samples.
  async function settle(desc) {
    await sleep(P.settleMs || 700);
    let last = '';
    for (let i = 0; i < 30; i++) {
      const running = document.getAnimations().some((a) => a.playState === 'running');
      let now;
      try { now = JSON.stringify(collect(desc)); } catch (e) { if (i === 29) throw e; await sleep(120); continue; }
      if (!running && now === last) return JSON.parse(now);
      last = now;
      await sleep(120);
    }
    return JSON.parse(last);
  }
  const bgReady = new Promise((res) => {
    const img = document.getElementById('bg');
    if (!P.bg) return res();
    img.onload = () => img.decode().then(res, res);
    img.onerror = () => res();
    img.src = P.bg;
  });
  // The renderer calls this (execute_async_script): mount the scenario, then return the labels.
  window.__render = async function (done) {
    try {
      const desc = await window.LIB.mount(P.scenario, P);
      done({ ok: await settle(desc) });
    } catch (e) { done({ error: String(e && e.stack || e) }); }
  };
  window.__ready = async function (done) { await bgReady; if (window.LIB.ready) await window.LIB.ready(); done(true); };
  window.H = { P, T, zh, pick, grad, sleep, find };
})();
