/*
 * OrderTower web console: the review wall, the order search and detail, and the stock page (with the stock board
 * and its presale switches).
 * Each page is a function (main, ctx, ...path groups) that renders into main and may return
 * {onStats, onReview, dispose}; ctx.alive() is false once the user has gone elsewhere. They use the
 * helpers of app.js (window.OrderTower): every piece of HTML is built with its html`` tag, which
 * escapes every interpolated value with esc().
 */
(() => {
  'use strict';

  const {
    state, pages, STATUSES, CHANNELS, t, html, setHtml, mount, fromHtml, $, $$, fmtTime, fmtNum, fmtDuration,
    fmtAge, fmtMoney, label, statusName, channelName, statusChip, hasRole, toast, dl, table, notice, api,
  } = window.OrderTower;

  // ---------------------------------------------------------------- page: review wall

  /**
   * The rules' findings of a review item. The order JSON carries none of its own, so they come from
   * `reason`, which the pipeline writes as "rule: evidence; rule: evidence" (an order's `findings`
   * array, [{rule, level, evidence}], is used when the server sends one).
   */
  function findingsOf(item) {
    const o = item.order || {};
    if (Array.isArray(o.findings)) return o.findings;
    if (!item.reason) return [];
    return item.reason.split('; ').map((part) => {
      const m = /^([\w.:-]{1,80}): ([\s\S]*)$/.exec(part);
      return m ? { rule: m[1], evidence: m[2] } : { rule: '', evidence: part };
    });
  }

  function claimedText(item) {
    if (!item.claimedBy) return t('review.unclaimed');
    return t('review.claimedBy', { user: item.claimedBy, age: fmtAge(item.claimedAt) });
  }

  function reviewCard(item) {
    const o = item.order || {};
    const frozen = o.status === 'FROZEN';
    const lines = o.lines || [];
    const a = o.address || {};
    const address = [a.province, a.city, a.district, a.street, a.detail].filter(Boolean).join(' ');
    return html`<article class="review-card" data-order-id="${o.id}" data-status="${o.status}">
      <header class="rc-head">
        <span class="rc-channel">${channelName(o.channel)}</span>
        <a class="rc-id" href="#/orders/${o.id}">${o.platformOrderId}</a>
        ${statusChip(o.status)}
      </header>
      <div class="rc-meta">
        <strong class="rc-amount">${fmtMoney(o.amounts && o.amounts.paid, o.amounts && o.amounts.currency)}</strong>
        <span class="rc-age" data-since="${item.since || o.updatedAt}">${t('review.age', { age: fmtAge(item.since || o.updatedAt) })}</span>
      </div>
      <p class="rc-claimed">${claimedText(item)}</p>
      <ul class="findings">${findingsOf(item).map((f) => html`<li>${f.rule ? html`<code>${f.rule}</code> ` : ''}${f.level ? html`<span class="muted">${label('risk.', f.level)}</span> ` : ''}${f.evidence}</li>`)}</ul>
      <details class="rc-more"><summary>${t('review.details', { n: lines.length })}</summary>
        <ul class="rc-lines">${lines.map((l) => html`<li>${l.parentLineNo ? '↳ ' : ''}#${l.lineNo} ${l.title || ''} × ${l.quantity}
          <span class="muted">${l.channelSku} → ${l.masterSku || t('review.unmapped')}</span></li>`)}</ul>
        <p class="muted">${address || t('review.noAddress')}</p>
      </details>
      <label class="field"><span>${t('review.reason')}</span>
        <input class="reason" type="text" maxlength="500" autocomplete="off" placeholder="${t('review.reasonHint')}"></label>
      ${frozen ? html`<p class="muted small">${t('review.frozenHint')}</p>` : ''}
      <div class="rc-actions">
        <button type="button" class="btn btn-claim">${t('review.claim')}</button>
        <button type="button" class="btn primary btn-approve">${t('review.approve')}</button>
        <button type="button" class="btn danger btn-reject">${t('review.reject')}</button>
        <button type="button" class="btn btn-edit" aria-expanded="false">${t('review.edit')}</button>
        ${frozen ? html`<button type="button" class="btn warn btn-unfreeze" ${hasRole('supervisor') ? '' : html`disabled title="${t('review.needsSupervisor')}"`}>${t('review.unfreeze')}</button>` : ''}
      </div>
      <form class="rc-edit" hidden>
        <fieldset><legend>${t('review.newAddress')}</legend>
          <label class="field"><span>${t('addr.street')}</span><input class="edit-street" name="street" placeholder="${a.street || ''}"></label>
          <label class="field"><span>${t('addr.detail')}</span><input class="edit-detail" name="detail" placeholder="${a.detail || ''}"></label>
        </fieldset>
        <fieldset><legend>${t('review.skuMapping')}</legend>
          ${lines.map((l) => html`<label class="field"><span>#${l.lineNo} ${l.title || l.channelSku || ''}</span>
            <input class="edit-sku" data-line-no="${l.lineNo}" data-was="${l.masterSku || ''}" value="${l.masterSku || ''}" placeholder="${t('review.masterSku')}"></label>`)}
        </fieldset>
        <button type="submit" class="btn primary btn-edit-submit">${t('review.editSubmit')}</button>
      </form>
      <p class="card-error" role="alert" hidden></p>
    </article>`;
  }

  function pageReview(main, ctx) {
    const root = mount(main, html`<div class="page review">
      <div class="page-head"><h1>${t('nav.review')}</h1><span class="muted" id="review-count"></span>
        <button type="button" class="btn ghost" id="review-refresh">${t('action.refresh')}</button></div>
      <p class="notice error" id="review-notice" hidden></p>
      <p class="empty" id="review-empty" hidden>${t('review.empty')}</p>
      <div class="wall" id="review-wall"></div>
    </div>`);
    const wall = $('#review-wall', root);
    // order id -> {at, status}: decided here, kept off the wall while a list from before the decision
    // still shows it in that status (an unfrozen order comes back at once, as IN_REVIEW)
    const decided = new Map();
    let waitingKey = null;
    let loading = false;
    let again = false;

    async function load() {
      if (loading) { again = true; return; }
      loading = true;
      try {
        const r = await api('/api/v1/review?limit=100');
        if (!ctx.alive()) return;
        notice($('#review-notice', root), '');
        sync((r && r.items) || []);
      } catch (e) {
        if (ctx.alive()) notice($('#review-notice', root), e.message);
      } finally {
        loading = false;
        if (again && ctx.alive()) { again = false; load(); }
      }
    }

    /** Brings the wall in line with the queue, keeping cards (and what was typed in them) that stay. */
    function sync(items) {
      const now = Date.now();
      decided.forEach((d, id) => { if (now - d.at > 15000) decided.delete(id); });
      const stale = (o) => decided.has(String(o.id)) && decided.get(String(o.id)).status === o.status;
      const shown = items.filter((i) => i.order && !stale(i.order));
      const existing = new Map($$('.review-card', wall).map((c) => [c.dataset.orderId, c]));
      shown.forEach((item, index) => {
        const id = String(item.order.id);
        let card = existing.get(id);
        existing.delete(id);
        if (!card || card.dataset.status !== item.order.status) {
          const fresh = fromHtml(reviewCard(item));
          if (card) {
            $('.reason', fresh).value = $('.reason', card).value;
            card.replaceWith(fresh);
          }
          card = fresh;
        } else {
          $('.rc-claimed', card).textContent = claimedText(item);
          $('.rc-age', card).dataset.since = item.since || item.order.updatedAt;
        }
        if (wall.children[index] !== card) wall.insertBefore(card, wall.children[index] || null);
      });
      existing.forEach((c) => c.remove());
      $('#review-empty', root).hidden = shown.length > 0;
      $('#review-count', root).textContent = t('review.count', { n: shown.length });
    }

    function cardError(card, text) { notice($('.card-error', card), text); }

    function setBusy(card, busy) {
      card.classList.toggle('busy', busy);
      card.setAttribute('aria-busy', String(busy));
    }

    async function claim(card, id) {
      setBusy(card, true);
      try {
        const item = await api(`/api/v1/review/${encodeURIComponent(id)}/claim`, { method: 'POST' });
        cardError(card, '');
        $('.rc-claimed', card).textContent = claimedText(item || {});
      } catch (e) {
        cardError(card, e.message);
      } finally {
        setBusy(card, false);
      }
    }

    /** approve, reject, unfreeze or edit: each needs the reason typed into the card. */
    async function decide(card, id, action, extra) {
      const input = $('.reason', card);
      const reason = input.value.trim();
      if (!reason) {
        cardError(card, t('review.reasonRequired'));
        input.classList.add('invalid');
        input.focus();
        return;
      }
      input.classList.remove('invalid');
      setBusy(card, true);
      try {
        await api(`/api/v1/review/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: { reason, ...extra } });
        decided.set(String(id), { at: Date.now(), status: card.dataset.status });
        card.classList.add('gone');
        setTimeout(() => { card.remove(); $('#review-empty', root).hidden = !!wall.children.length; }, 250);
        toast(t('review.done.' + action, { id: card.querySelector('.rc-id').textContent }));
      } catch (e) {
        cardError(card, e.message);
        setBusy(card, false);
      }
    }

    function editBody(form) {
      const address = {};
      ['street', 'detail'].forEach((f) => {
        const v = $('.edit-' + f, form).value.trim();
        if (v) address[f] = v;
      });
      const skus = {};
      $$('.edit-sku', form).forEach((el) => {
        const v = el.value.trim();
        if (v && v !== el.dataset.was) skus[el.dataset.lineNo] = v;
      });
      const body = {};
      if (Object.keys(address).length) body.address = address;
      if (Object.keys(skus).length) body.skus = skus;
      return body;
    }

    wall.addEventListener('click', (ev) => {
      const btn = ev.target.closest('button');
      const card = btn && btn.closest('.review-card');
      if (!card || btn.disabled || card.classList.contains('busy')) return;
      const id = card.dataset.orderId;
      const has = (cls) => btn.classList.contains(cls);
      if (has('btn-edit')) {
        const form = $('.rc-edit', card);
        form.hidden = !form.hidden;
        btn.setAttribute('aria-expanded', String(!form.hidden));
        if (!form.hidden) $('.edit-street', form).focus();
      } else if (has('btn-claim')) {
        claim(card, id);
      } else if (has('btn-approve')) {
        decide(card, id, 'approve', {});
      } else if (has('btn-reject')) {
        decide(card, id, 'reject', {});
      } else if (has('btn-unfreeze')) {
        decide(card, id, 'unfreeze', {});
      }
    });
    wall.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const card = ev.target.closest('.review-card');
      if (!card || card.classList.contains('busy')) return;
      const body = editBody(ev.target);
      if (!body.address && !body.skus) {
        cardError(card, t('review.editNothing'));
        return;
      }
      decide(card, card.dataset.orderId, 'edit', body);
    });
    wall.addEventListener('input', (ev) => {
      if (ev.target.classList.contains('reason')) ev.target.classList.remove('invalid');
    });
    $('#review-refresh', root).addEventListener('click', load);

    const ticker = setInterval(() => {
      $$('.rc-age', wall).forEach((el) => { el.textContent = t('review.age', { age: fmtAge(el.dataset.since) }); });
    }, 30000);
    load();
    return {
      onReview: load,
      // an unfreeze moves an order from FROZEN to IN_REVIEW without changing the review event's count
      onStats(s) {
        const by = (s.total && s.total.byStatus) || {};
        const key = (by.IN_REVIEW || 0) + '/' + (by.FROZEN || 0);
        if (waitingKey !== null && key !== waitingKey) load();
        waitingKey = key;
      },
      dispose() { clearInterval(ticker); },
    };
  }

  // ---------------------------------------------------------------- page: orders

  function knownChannels(extra) {
    const set = new Set(CHANNELS);
    ((state.stats && state.stats.channels) || []).forEach((c) => { if (c.channel && c.channel !== '*') set.add(c.channel); });
    if (extra) set.add(extra);
    return Array.from(set);
  }

  function ordersHash(params) {
    const q = new URLSearchParams();
    Object.entries(params).forEach(([k, v]) => { if (v) q.set(k, v); });
    const s = q.toString();
    return '#/orders' + (s ? '?' + s : '');
  }

  function pageOrders(main, ctx) {
    const q = ctx.query;
    const status = q.get('status') || '';
    const channel = q.get('channel') || '';
    const pageNo = Math.max(1, parseInt(q.get('page'), 10) || 1);
    const option = (value, text, selected) => html`<option value="${value}" ${selected ? 'selected' : ''}>${text}</option>`;
    const root = mount(main, html`<div class="page orders">
      <div class="page-head"><h1>${t('nav.orders')}</h1><span class="muted" id="orders-total"></span></div>
      <form class="filters" id="orders-search">
        <label class="field"><span>${t('col.status')}</span><select name="status" id="orders-status">
          ${option('', t('orders.any'), !status)}${STATUSES.map((s) => option(s, statusName(s), s === status))}</select></label>
        <label class="field"><span>${t('col.channel')}</span><select name="channel" id="orders-channel">
          ${option('', t('orders.any'), !channel)}${knownChannels(channel).map((c) => option(c, channelName(c), c === channel))}</select></label>
        <label class="field narrow"><span>${t('orders.page')}</span><input type="number" min="1" name="page" id="orders-page" value="${pageNo}"></label>
        <button type="submit" class="btn primary">${t('action.search')}</button>
      </form>
      <p class="notice error" id="orders-notice" hidden></p>
      <div id="orders-result"><p class="muted">${t('common.loading')}</p></div>
    </div>`);
    const form = $('#orders-search', root);
    form.addEventListener('change', (ev) => { if (ev.target.tagName === 'SELECT') form.elements.page.value = 1; });
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      location.hash = ordersHash({ status: form.elements.status.value, channel: form.elements.channel.value,
        page: String(Math.max(1, parseInt(form.elements.page.value, 10) || 1)) });
    });
    $('#orders-result', root).addEventListener('click', (ev) => {
      const row = ev.target.closest('tr[data-href]');
      if (row && !ev.target.closest('a')) location.hash = row.dataset.href;
    });

    (async () => {
      const params = new URLSearchParams({ page: String(pageNo), size: '50' });
      if (status) params.set('status', status);
      if (channel) params.set('channel', channel);
      try {
        const r = await api('/api/v1/orders?' + params);
        if (!ctx.alive()) return;
        $('#orders-total', root).textContent = t('orders.total', { n: fmtNum(r.total) });
        setHtml($('#orders-result', root), html`${ordersTable(r.items || [])}${pager(r, status, channel)}`);
      } catch (e) {
        if (!ctx.alive()) return;
        notice($('#orders-notice', root), e.message);
        setHtml($('#orders-result', root), '');
      }
    })();
  }

  function ordersTable(items) {
    return table('orders-table', [
      { label: t('col.id'), cell: (o) => html`<a href="#/orders/${o.id}">${o.id}</a>` },
      { label: t('col.channel'), cell: (o) => html`${channelName(o.channel)} <span class="muted">${o.shop}</span>` },
      { label: t('col.platformOrderId'), cell: (o) => o.platformOrderId },
      { label: t('col.status'), cell: (o) => statusChip(o.status) },
      { label: t('col.paid'), cls: 'num', cell: (o) => fmtMoney(o.amounts && o.amounts.paid, o.amounts && o.amounts.currency) },
      { label: t('col.created'), cell: (o) => fmtTime(o.createdAt) },
    ], items, { stack: true, empty: t('orders.none'), rowAttrs: (o) => html`class="clickable" data-href="#/orders/${o.id}"` });
  }

  function pager(r, status, channel) {
    const pages = Math.max(1, r.pages || 1);
    const at = r.page || 1;
    const link = (p, text, cls) => html`<a class="btn ghost ${cls}" href="${ordersHash({ status, channel, page: String(p) })}">${text}</a>`;
    return html`<nav class="pager" aria-label="${t('orders.page')}">
      ${at > 1 ? link(at - 1, t('orders.prev'), 'pager-prev') : ''}
      <span class="muted">${t('orders.pageOf', { page: at, pages })}</span>
      ${at < pages ? link(at + 1, t('orders.next'), 'pager-next') : ''}</nav>`;
  }

  // ---------------------------------------------------------------- page: order detail

  const ORDER_FIELDS = new Set(['id', 'status', 'riskLevel', 'revision', 'receivedAt', 'updatedAt', 'channel', 'shop',
    'platformOrderId', 'platformVersion', 'platformStatus', 'paymentStatus', 'buyer', 'address', 'lines', 'amounts',
    'createdAt', 'paidAt', 'platformChangedAt', 'buyerNote', 'sellerNote', 'tags', 'channelFacts', 'timeline']);

  function pageOrder(main, ctx, id) {
    let unmasked = false;
    const root = mount(main, html`<div class="page order"><p class="muted">${t('common.loading')}</p></div>`);
    root.addEventListener('change', (ev) => {
      if (ev.target.id === 'toggle-unmask') {
        unmasked = ev.target.checked;
        load();
      }
    });

    async function load() {
      try {
        const [o, parcels] = await Promise.all([
          api(`/api/v1/orders/${encodeURIComponent(id)}${unmasked ? '?unmasked=true' : ''}`),
          // fulfilment may not be installed, or the user may not read it: the order shows without its parcels
          api(`/api/v1/fulfilment/parcels?order=${encodeURIComponent(id)}`).then((r) => r.items || []).catch(() => null),
        ]);
        if (ctx.alive()) setHtml(root, orderView(o, unmasked, parcels));
      } catch (e) {
        if (ctx.alive()) {
          setHtml(root, html`<div class="page-head"><a class="back" href="#/orders">${t('order.back')}</a></div>
            <p class="notice error">${e.message}</p>`);
        }
      }
    }
    load();
  }

  function orderView(o, unmasked, parcels) {
    const amounts = o.amounts || {};
    const buyer = o.buyer || {};
    const addr = o.address || {};
    const facts = o.channelFacts || {};
    const time = (v) => (v ? html`<time datetime="${v}">${fmtTime(v)}</time>` : '');
    const extra = Object.keys(o).filter((k) => !ORDER_FIELDS.has(k));
    return html`<div class="page-head">
        <a class="back" href="#/orders">${t('order.back')}</a>
        <h1>${t('order.title', { id: o.id })}</h1>${statusChip(o.status, 'order-status')}
        ${state.session && state.session.maySeeBuyerData ? html`<label class="toggle"><input type="checkbox" id="toggle-unmask" ${unmasked ? 'checked' : ''}>
          <span>${t('order.unmask')}</span></label>` : ''}
      </div>
      <div class="panels detail">
        <section class="panel"><h2>${t('order.summary')}</h2>${dl([
          [t('col.channel'), channelName(o.channel)], [t('order.shop'), o.shop],
          [t('col.platformOrderId'), o.platformOrderId], [t('order.platformStatus'), o.platformStatus],
          [t('order.payment'), label('pay.', o.paymentStatus)], [t('order.risk'), label('risk.', o.riskLevel)],
          [t('order.revision'), o.revision], [t('order.platformVersion'), o.platformVersion],
          [t('col.created'), time(o.createdAt)], [t('order.paidAt'), time(o.paidAt)],
          [t('order.receivedAt'), time(o.receivedAt)], [t('order.updatedAt'), time(o.updatedAt)],
          [t('order.platformChangedAt'), time(o.platformChangedAt)]])}</section>
        <section class="panel" id="order-buyer"><h2>${t('order.buyer')}</h2>${dl([
          [t('buyer.name'), buyer.name], [t('buyer.phone'), buyer.phone], [t('buyer.platformId'), buyer.platformBuyerId],
          [t('order.buyerNote'), o.buyerNote], [t('order.sellerNote'), o.sellerNote]])}
          <p class="muted small">${unmasked ? t('order.clear') : t('order.masked')}</p></section>
        <section class="panel" id="order-address"><h2>${t('order.address')}</h2>${dl(
          ['country', 'province', 'city', 'district', 'street', 'detail', 'postcode'].map((f) => [t('addr.' + f), addr[f]]))}</section>
        <section class="panel"><h2>${t('order.amounts')}</h2>${dl([
          [t('amount.currency'), amounts.currency], [t('amount.goods'), amounts.goods], [t('amount.discount'), amounts.discount],
          [t('amount.shipping'), amounts.shipping], [t('amount.paid'), amounts.paid]])}
          <h3>${t('order.tags')}</h3><p class="tags">${(o.tags || []).length ? o.tags.map((x) => html`<span class="tag">${x}</span>`) : '–'}</p></section>
        <section class="panel"><h2>${t('order.facts')}</h2>${dl([
          [t('facts.state'), label('chstate.', facts.state)], [t('facts.promisedShipBy'), time(facts.promisedShipBy)],
          [t('facts.deviceId'), facts.deviceId], [t('facts.buyerIp'), facts.buyerIp],
          [t('facts.refunds'), (facts.refunds || []).map((r) => html`<div>${r.refundId} · ${r.state} · ${t('facts.lines')} ${(r.lineNos || []).join(', ')} ${r.platformStatus ? html`<span class="muted">(${r.platformStatus})</span>` : ''}</div>`)]])}</section>
        ${extra.length ? html`<section class="panel"><h2>${t('order.other')}</h2>${dl(extra.map((k) => [k, html`<code class="json">${JSON.stringify(o[k])}</code>`]))}</section>` : ''}
      </div>
      <section class="panel"><h2>${t('order.lines')}</h2>${linesTable(o.lines || [])}</section>
      <section class="panel" id="order-parcels"><h2>${t('order.parcels')}</h2>${parcelsTable(parcels)}</section>
      <section class="panel"><h2>${t('order.timeline')}</h2>${timeline(o.timeline || [])}</section>`;
  }

  /** The order's parcels: where each left from, with which carrier and tracking number, and where it is. */
  function parcelsTable(parcels) {
    if (parcels == null) return html`<p class="muted">${t('order.parcelsUnavailable')}</p>`;
    return table('order-parcels-table', [
      { label: t('parcel.code'), cell: (p) => p.code },
      { label: t('parcel.warehouse'), cell: (p) => p.warehouse },
      { label: t('parcel.carrier'), cell: (p) => p.carrier || '–' },
      { label: t('parcel.trackingNo'), cell: (p) => p.trackingNo || '–' },
      { label: t('parcel.status'), cell: (p) => p.status },
      { label: t('parcel.lastState'), cell: (p) => (p.lastState ? label('track.', p.lastState) : '–') },
      { label: t('parcel.shippedAt'), cell: (p) => (p.shippedAt ? fmtTime(p.shippedAt) : '–') },
      { label: t('parcel.lines'), cell: (p) => (p.lines || []).map((l) => `${l.sku} × ${l.quantity}`).join(', ') },
    ], parcels, { stack: true, empty: t('order.noParcels') });
  }

  /** Lines in order, each kit followed by its parts. */
  function linesTable(lines) {
    const ordered = [];
    lines.filter((l) => !l.parentLineNo).forEach((l) => {
      ordered.push(l);
      lines.filter((p) => p.parentLineNo === l.lineNo).forEach((p) => ordered.push(p));
    });
    lines.forEach((l) => { if (!ordered.includes(l)) ordered.push(l); });
    const isKit = (l) => lines.some((p) => p.parentLineNo === l.lineNo);
    const kind = (l) => [
      l.gift ? html`<span class="tag gift">${t('line.gift')}</span>` : '',
      isKit(l) ? html`<span class="tag">${t('line.kit')}</span>` : '',
      l.parentLineNo ? html`<span class="tag part">${t('line.partOf', { line: l.parentLineNo })}</span>` : '',
    ];
    return table('order-lines', [
      { label: '#', cell: (l) => (l.parentLineNo ? html`<span class="indent">↳ ${l.lineNo}</span>` : l.lineNo) },
      { label: t('line.title'), cell: (l) => html`${l.title || '–'} ${kind(l)}` },
      { label: t('line.channelSku'), cell: (l) => l.channelSku },
      { label: t('line.masterSku'), cell: (l) => l.masterSku || html`<span class="warn-text">${t('review.unmapped')}</span>` },
      { label: t('line.quantity'), cls: 'num', cell: (l) => l.quantity },
      { label: t('line.unitPrice'), cls: 'num', cell: (l) => fmtMoney(l.unitPrice) },
      { label: t('line.paid'), cls: 'num', cell: (l) => fmtMoney(l.paidAmount) },
    ], ordered, { stack: true, rowAttrs: (l) => html`class="${l.parentLineNo ? 'kit-part' : ''}" data-line-no="${l.lineNo}"` });
  }

  function actorLabel(actor) {
    const m = /^(system|channel|rule|user):(.*)$/.exec(actor || '');
    if (!m) return actor || '–';
    return m[1] === 'system' ? t('actor.system') : t('actor.' + m[1], { name: m[2] });
  }

  function timelineValue(entry, value) {
    if (value == null || value === '') return '∅';
    if (entry.field === 'status') return statusName(value);
    if (entry.field === 'risk') return label('risk.', value);
    return value;
  }

  function timeline(entries) {
    return html`<ol id="order-timeline" class="timeline">${entries.length ? entries.map((e) => html`<li class="tl-entry" data-action="${e.action}">
      <time class="tl-when" datetime="${e.at}">${fmtTime(e.at)}</time>
      <div class="tl-body">
        <div><span class="tl-actor">${actorLabel(e.actor)}</span>
          <span class="tl-action" title="${e.action}">${label('tl.', e.action)}</span>
          ${e.field ? html`<code class="tl-field">${e.field}</code>` : ''}</div>
        ${e.from != null || e.to != null ? html`<div class="tl-change"><span class="tl-from">${timelineValue(e, e.from)}</span>
          → <span class="tl-to">${timelineValue(e, e.to)}</span></div>` : ''}
        ${e.reason ? html`<div class="tl-why">${e.reason}</div>` : ''}
      </div></li>`) : html`<li class="empty">${t('common.none')}</li>`}</ol>`;
  }

  // ---------------------------------------------------------------- page: stock

  function pageStock(main, ctx) {
    const root = mount(main, html`<div class="page stock">
      <div class="page-head"><h1>${t('nav.stock')}</h1>
        <button type="button" class="btn ghost" id="stock-refresh">${t('action.refresh')}</button></div>
      <section class="panel"><h2>${t('stock.lookup')}</h2>
        <form class="filters" id="stock-lookup">
          <label class="field grow"><span>SKU</span><input id="stock-sku" name="sku" autocomplete="off" autocapitalize="characters" placeholder="${t('stock.skuHint')}"></label>
          <button type="submit" class="btn primary">${t('action.lookup')}</button>
        </form>
        <div id="stock-result"></div></section>
      <section class="panel" id="stock-board-section" aria-busy="false">
        <div class="section-head"><h2>${t('stock.board')}</h2><span class="muted small" id="stock-board-page"></span></div>
        <p class="muted small section-hint">${t('stock.board.hint')}</p>
        <p class="notice error" id="stock-board-notice" role="alert" hidden></p>
        <div id="stock-board-box"><p class="muted">${t('common.loading')}</p></div>
        <nav class="pager board-pager" aria-label="${t('stock.board')}">
          <button type="button" class="btn ghost" id="stock-board-first" disabled>${t('stock.board.first')}</button>
          <button type="button" class="btn ghost" id="stock-board-next" disabled>${t('stock.board.next')}</button>
        </nav></section>
      <section class="panel"><h2>${t('stock.alerts')}</h2><div id="stock-alerts-box"><p class="muted">${t('common.loading')}</p></div></section>
      <section class="panel"><h2>${t('stock.failed')}</h2><div id="stock-failed-box"><p class="muted">${t('common.loading')}</p></div></section>
      <section class="panel"><h2>${t('stock.pushes')}</h2><div id="stock-pushes-box"><p class="muted">${t('common.loading')}</p></div></section>
    </div>`);

    async function fill(boxId, path, render) {
      const box = $('#' + boxId, root);
      try {
        const r = await api(path);
        if (ctx.alive()) setHtml(box, render((r && r.items) || []));
      } catch (e) {
        if (ctx.alive()) setHtml(box, html`<p class="notice error">${e.message}</p>`);
      }
    }

    function loadLists() {
      fill('stock-alerts-box', '/api/v1/stock/alerts?limit=50', alertsTable);
      fill('stock-failed-box', '/api/v1/stock/pushes?limit=50&failed=true', (items) => pushesTable('stock-pushes-failed', items));
      fill('stock-pushes-box', '/api/v1/stock/pushes?limit=50', (items) => pushesTable('stock-pushes', items));
    }

    // ---- the stock board: one page of SKUs in code order; `after` is the code the page starts after (null: first)
    const board = { after: null, next: null, pageNo: 1, items: [], loading: false, again: false };
    const mayPresale = hasRole('admin') || hasRole('operator');
    const boardBox = $('#stock-board-box', root);

    async function loadBoard() {
      if (board.loading) { board.again = true; return; }
      board.loading = true;
      const sec = $('#stock-board-section', root);
      sec.setAttribute('aria-busy', 'true');
      const q = new URLSearchParams({ limit: String(BOARD_LIMIT) });
      if (board.after) q.set('after', board.after);
      try {
        const r = (await api('/api/v1/stock?' + q)) || {};
        if (!ctx.alive()) return;
        notice($('#stock-board-notice', root), '');
        board.items = r.items || [];
        board.next = r.next || null;
        drawBoard();
      } catch (e) {
        if (!ctx.alive()) return;
        notice($('#stock-board-notice', root), e.message);
        if (!board.items.length) setHtml(boardBox, '');
      } finally {
        board.loading = false;
        sec.setAttribute('aria-busy', 'false');
        $('#stock-board-first', root).disabled = !board.after;
        $('#stock-board-next', root).disabled = !board.next;
        if (board.again && ctx.alive()) { board.again = false; loadBoard(); }
      }
    }

    /** Draws the board again; an open presale form (and what was typed into it) stays under its SKU's row. */
    function drawBoard() {
      const open = $('tr.presale-row', boardBox);
      if (open) open.remove();
      setHtml(boardBox, boardTable(board.items, mayPresale));
      $('#stock-board-page', root).textContent = t('stock.board.page', { n: board.pageNo });
      if (open) {
        const row = boardRow(open.dataset.sku);
        if (row) {
          row.after(open);
          $('.btn-presale', row).setAttribute('aria-expanded', 'true');
        }
      }
    }

    const boardRow = (sku) => Array.from(boardBox.querySelectorAll('tr.board-row')).find((r) => r.dataset.sku === sku) || null;

    function closePresale(focus) {
      const open = $('tr.presale-row', boardBox);
      if (!open) return;
      const row = boardRow(open.dataset.sku);
      open.remove();
      if (row) {
        const btn = $('.btn-presale', row);
        btn.setAttribute('aria-expanded', 'false');
        if (focus) btn.focus({ preventScroll: true });
      }
    }

    function openPresale(sku) {
      const item = board.items.find((i) => i.sku === sku);
      const row = boardRow(sku);
      if (!item || !row) return;
      const already = $('tr.presale-row', boardBox);
      if (already && already.dataset.sku === sku) { closePresale(true); return; }
      closePresale(false);
      const form = fromHtml(presaleRow(item, BOARD_COLUMNS));
      row.after(form);
      $('.btn-presale', row).setAttribute('aria-expanded', 'true');
      $('.presale-threshold', form).focus();
    }

    /** The form's values, or null (with the fields marked) when one is not acceptable here. */
    function presaleBody(form) {
      const field = (cls) => $('.' + cls, form);
      const whole = (el, min) => {
        const text = el.value.trim();
        const ok = /^-?\d+$/.test(text) && Number(text) >= min && Number.isSafeInteger(Number(text));
        el.classList.toggle('invalid', !ok);
        return ok ? Number(text) : null;
      };
      const threshold = whole(field('presale-threshold'), 0);
      const quota = whole(field('presale-quota'), -Infinity); // the server judges the quota against the threshold
      const reason = field('presale-reason').value.trim();
      field('presale-reason').classList.toggle('invalid', !reason);
      const problems = [];
      if (threshold == null) problems.push(t('stock.presale.thresholdInvalid'));
      if (quota == null) problems.push(t('stock.presale.quotaInvalid'));
      if (!reason) problems.push(t('stock.presale.reasonRequired'));
      return problems.length ? { problems } : { body: { threshold, quota, reason } };
    }

    function presaleProblems(form, problems, message) {
      const box = $('.presale-problems', form);
      setHtml(box, problems && problems.length
        ? html`${message ? html`<p class="presale-error-head">${message}</p>` : ''}<ul>${problems.map((p) => html`<li>${p}</li>`)}</ul>`
        : message || '');
      box.hidden = !(problems && problems.length) && !message;
    }

    async function savePresale(form) {
      const sku = form.dataset.sku;
      const checked = presaleBody(form);
      if (checked.problems) {
        presaleProblems(form, checked.problems, '');
        const bad = $('.invalid', form);
        if (bad) bad.focus();
        return;
      }
      presaleProblems(form, null, '');
      form.classList.add('busy');
      form.setAttribute('aria-busy', 'true');
      $$('button', form).forEach((b) => { b.disabled = true; });
      try {
        const v = await api('/api/v1/stock/' + encodeURIComponent(sku) + '/presale', { method: 'PUT', body: checked.body });
        if (!ctx.alive()) return;
        if (form.isConnected) closePresale(false);
        toast(checked.body.threshold > 0
          ? t('stock.presale.savedOn', { sku, threshold: checked.body.threshold, quota: checked.body.quota })
          : t('stock.presale.savedOff', { sku }));
        if (v && $('#stock-sku', root).value.trim() === sku && $('#stock-result .stock-head', root)) {
          setHtml($('#stock-result', root), stockView(v)); // the SKU looked up above: its new view
        }
        loadBoard();
      } catch (e) {
        if (!ctx.alive() || !form.isConnected) return;
        // 422 or 400: the server's problems, one a line; 403, 404 …: its words. The form stays open.
        const lead = e.problems && e.serverError ? e.serverError.split(': ')[0] : '';
        presaleProblems(form, e.problems, e.problems ? lead : e.message);
      } finally {
        if (form.isConnected) {
          form.classList.remove('busy');
          form.setAttribute('aria-busy', 'false');
          $$('button', form).forEach((b) => { b.disabled = false; });
        }
      }
    }

    boardBox.addEventListener('click', (ev) => {
      const btn = ev.target.closest('button');
      if (!btn || btn.disabled) return;
      if (btn.classList.contains('btn-presale')) openPresale(btn.dataset.sku);
      else if (btn.classList.contains('btn-presale-cancel')) closePresale(true);
    });
    boardBox.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const form = ev.target.closest('tr.presale-row');
      if (form && !form.classList.contains('busy')) savePresale(form);
    });
    boardBox.addEventListener('input', (ev) => { ev.target.classList.remove('invalid'); });
    boardBox.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && ev.target.closest('tr.presale-row')) closePresale(true);
    });
    $('#stock-board-next', root).addEventListener('click', () => {
      if (!board.next) return;
      board.after = board.next;
      board.pageNo += 1;
      closePresale(false);
      loadBoard();
    });
    $('#stock-board-first', root).addEventListener('click', () => {
      board.after = null;
      board.pageNo = 1;
      closePresale(false);
      loadBoard();
    });

    async function lookup(sku) {
      const box = $('#stock-result', root);
      $('#stock-sku', root).value = sku;
      history.replaceState(null, '', '#/stock?sku=' + encodeURIComponent(sku));
      setHtml(box, html`<p class="muted">${t('common.loading')}</p>`);
      try {
        const v = await api('/api/v1/stock/' + encodeURIComponent(sku));
        if (ctx.alive()) setHtml(box, stockView(v));
      } catch (e) {
        if (ctx.alive()) setHtml(box, html`<p class="notice error">${e.message}</p>`);
      }
    }

    $('#stock-lookup', root).addEventListener('submit', (ev) => {
      ev.preventDefault();
      const sku = $('#stock-sku', root).value.trim();
      if (sku) lookup(sku);
    });
    root.addEventListener('click', (ev) => {
      const b = ev.target.closest('button.sku-link');
      if (b) { lookup(b.dataset.sku); $('#stock-lookup', root).scrollIntoView({ behavior: 'smooth' }); }
    });
    $('#stock-refresh', root).addEventListener('click', () => {
      loadBoard();
      loadLists();
      const sku = $('#stock-sku', root).value.trim();
      if (sku) lookup(sku);
    });
    loadBoard();
    loadLists();
    if (ctx.query.get('sku')) lookup(ctx.query.get('sku'));
  }

  const skuLink = (sku) => html`<button type="button" class="link sku-link" data-sku="${sku}">${sku}</button>`;

  const BOARD_LIMIT = 50;
  const BOARD_COLUMNS = 7;

  /** A SKU's channels in short: "京东 4 · 淘宝 4". */
  function perChannelText(perChannel) {
    const entries = Object.entries(perChannel || {});
    return entries.length ? entries.map(([c, n]) => channelName(c) + ' ' + fmtNum(n)).join(' · ') : '–';
  }

  /** Low: at or under its low-stock threshold; short: the last 24-hour forecast is above what is sellable. */
  const boardShort = (i) => i.forecast24h != null && Number(i.forecast24h) > Number(i.sellable);

  function presaleCell(i, mayPresale) {
    const on = Number(i.presaleThreshold) > 0;
    return html`<div class="presale-box"><span class="presale-state">${on
      ? html`<span>${t('stock.presale.on', { threshold: fmtNum(i.presaleThreshold), quota: fmtNum(i.presaleQuota) })}</span>`
      : html`<span class="muted">${t('stock.presale.off')}</span>`}
      ${i.presale ? html` <span class="tag presale-active">${t('stock.presale.active')}</span>` : ''}</span>
      <button type="button" class="btn small btn-presale" data-sku="${i.sku}" aria-expanded="false"
        ${mayPresale ? '' : html`disabled title="${t('stock.presale.needsRole')}"`}>${t('stock.presale.edit')}</button></div>`;
  }

  function boardTable(items, mayPresale) {
    const columns = [
      { label: 'SKU', cell: (i) => skuLink(i.sku) },
      { label: t('stock.board.name'), cls: 'wrap', cell: (i) => html`${i.name || '–'}${i.kit ? html` <span class="tag">${t('line.kit')}</span>` : ''}` },
      { label: t('stock.sellable'), cls: 'num', cell: (i) => html`<strong class="${i.low ? 'warn-text' : ''}"
        title="${t('stock.board.counts', { onHand: fmtNum(i.onHand), reserved: fmtNum(i.reserved) })}">${fmtNum(i.sellable)}</strong>` },
      { label: t('stock.perChannel'), cell: (i) => html`<span class="per-channel">${perChannelText(i.perChannel)}</span>` },
      { label: t('stock.board.lowThreshold'), cls: 'num', cell: (i) => (Number(i.lowStockThreshold) > 0 ? fmtNum(i.lowStockThreshold) : html`<span class="muted">–</span>`) },
      { label: t('stock.forecast'), cls: 'num', cell: (i) => (i.forecast24h == null ? html`<span class="muted">–</span>`
        : html`<span class="${boardShort(i) ? 'bad-text' : ''}" title="${i.alertAt ? t('stock.board.alertAt', { time: fmtTime(i.alertAt) }) : ''}">${fmtNum(Math.round(Number(i.forecast24h) * 10) / 10)}</span>`) },
      { label: t('stock.presale'), cls: 'presale-cell', cell: (i) => presaleCell(i, mayPresale) },
    ];
    return table('stock-board', columns, items, { stack: true, empty: t('stock.board.none'),
      rowAttrs: (i) => html`class="board-row ${i.low || boardShort(i) ? 'hot' : ''}" data-sku="${i.sku}"
        data-low="${i.low ? 'true' : 'false'}" ${i.low || boardShort(i) ? html`title="${boardShort(i) ? t('stock.short') : t('stock.board.low')}"` : ''}` });
  }

  /** The presale form of a SKU: a row under its row, spanning the table. */
  function presaleRow(i, columns) {
    const id = (name) => 'presale-' + name + '-' + i.sku.replace(/[^A-Za-z0-9_-]/g, '_');
    return html`<tr class="presale-row" data-sku="${i.sku}"><td colspan="${columns}">
      <form class="presale-form" data-sku="${i.sku}" novalidate>
        <p class="presale-title"><strong>${t('stock.presale.title', { sku: i.sku })}</strong>
          <span class="muted small">${t('stock.presale.hint')}</span></p>
        <div class="presale-fields">
          <label class="field" for="${id('threshold')}"><span>${t('stock.presale.threshold')}</span>
            <input class="presale-threshold" id="${id('threshold')}" name="threshold" type="number" inputmode="numeric" min="0" step="1" required value="${i.presaleThreshold != null ? i.presaleThreshold : 0}"></label>
          <label class="field" for="${id('quota')}"><span>${t('stock.presale.quota')}</span>
            <input class="presale-quota" id="${id('quota')}" name="quota" type="number" inputmode="numeric" min="0" step="1" required value="${i.presaleQuota != null ? i.presaleQuota : 0}"></label>
          <label class="field grow" for="${id('reason')}"><span>${t('stock.presale.reason')}</span>
            <input class="presale-reason" id="${id('reason')}" name="reason" type="text" maxlength="500" required autocomplete="off" placeholder="${t('review.reasonHint')}"></label>
        </div>
        <div class="presale-problems card-error" role="alert" hidden></div>
        <div class="presale-actions">
          <button type="submit" class="btn primary btn-presale-save">${t('stock.presale.save')}</button>
          <button type="button" class="btn ghost btn-presale-cancel">${t('stock.presale.cancel')}</button>
        </div>
      </form></td></tr>`;
  }

  function alertsTable(items) {
    return table('stock-alerts', [
      { label: t('col.at'), cell: (a) => fmtTime(a.at) },
      { label: 'SKU', cell: (a) => skuLink(a.sku) },
      { label: t('stock.sellable'), cls: 'num', cell: (a) => fmtNum(a.sellable) },
      { label: t('stock.threshold'), cls: 'num', cell: (a) => fmtNum(a.threshold) },
      { label: t('stock.forecast'), cls: 'num', cell: (a) => fmtNum(a.forecast24h) },
    ], items, { stack: true, empty: t('stock.noAlerts'),
      rowAttrs: (a) => (Number(a.forecast24h) > Number(a.sellable) ? html`class="hot" title="${t('stock.short')}"` : '') });
  }

  function pushesTable(id, items) {
    return table(id, [
      { label: t('col.at'), cell: (p) => fmtTime(p.at) },
      { label: t('col.channel'), cell: (p) => html`${channelName(p.channel)} <span class="muted">${p.shop}</span>` },
      { label: t('line.channelSku'), cell: (p) => p.channelSku },
      { label: t('line.quantity'), cls: 'num', cell: (p) => html`${fmtNum(p.quantity)}${p.presale ? html` <span class="tag">${t('stock.presale')}</span>` : ''}` },
      { label: t('stock.result'), cell: (p) => (p.ok ? html`<span class="ok-text">✓ ${t('stock.ok')}</span>`
        : html`<span class="bad-text">✗ ${p.error || t('stock.failedOne')}</span>`) },
      { label: t('stock.attempt'), cls: 'num', cell: (p) => p.attempt },
      { label: t('stock.lag'), cls: 'num', cell: (p) => fmtDuration(p.lagMillis) },
    ], items, { stack: true, rowAttrs: (p) => (p.ok ? '' : html`class="bad"`) });
  }

  function stockView(v) {
    const perChannel = Object.entries(v.perChannel || {});
    return html`<div class="stock-head"><strong class="sku">${v.sku}</strong>
        <span>${t('stock.sellable')} <strong id="stock-sellable">${fmtNum(v.sellable)}</strong></span>
        ${v.presale ? html`<span class="tag">${t('stock.presale')}</span>` : ''}</div>
      ${table('stock-rows', [
        { label: t('stock.warehouse'), cell: (r) => r.warehouse },
        { label: t('stock.onHand'), cls: 'num', cell: (r) => fmtNum(r.onHand) },
        { label: t('stock.reserved'), cls: 'num', cell: (r) => fmtNum(r.reserved) },
        { label: t('stock.safety'), cls: 'num', cell: (r) => fmtNum(r.safety) },
        { label: t('stock.quarantine'), cls: 'num', cell: (r) => fmtNum(r.quarantine) },
        { label: t('stock.sellable'), cls: 'num', cell: (r) => fmtNum(r.sellable) },
      ], v.rows || [], { empty: t('stock.noRows') })}
      <h3>${t('stock.perChannel')}</h3>
      <p class="tags" id="stock-per-channel">${perChannel.length ? perChannel.map(([c, n]) => html`<span class="tag">${channelName(c)} <strong>${fmtNum(n)}</strong></span>`) : '–'}</p>
      ${(v.inTransit || []).length ? html`<h3>${t('stock.inTransit')}</h3>${table('stock-transit', [
        { label: t('stock.warehouse'), cell: (r) => r.warehouse },
        { label: t('line.quantity'), cls: 'num', cell: (r) => fmtNum(r.quantity) },
        { label: t('stock.kind'), cell: (r) => r.kind },
        { label: t('stock.expected'), cell: (r) => fmtTime(r.expected) || r.expected },
        { label: t('stock.reference'), cell: (r) => r.reference },
      ], v.inTransit, { stack: true })}` : ''}`;
  }

  Object.assign(pages, { review: pageReview, orders: pageOrders, order: pageOrder, stock: pageStock });
})();
