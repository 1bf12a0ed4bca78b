/*
 * OrderTower web console: the rules page (#/rules). What each rule did (statistics), and per rule pack a form
 * of its rules (act / shadow / off) and its parameters, with Replay (what these settings would have decided on
 * the stored orders of the last days, against what the rules decide now) and Save (enabled only once the very
 * same settings were replayed, so that people look before they switch). The server decides who may save: a
 * refusal (403) is shown as it comes.
 *
 * Uses the helpers of app.js (window.OrderTower) like pages.js: every piece of HTML is built with its html``
 * tag, which escapes every interpolated value with esc().
 */
(() => {
  'use strict';

  const I18N = window.I18N;
  const {
    pages, t, html, setHtml, mount, fromHtml, $, $$, fmtTime, fmtNum, label, channelName, toast, table, notice, api,
  } = window.OrderTower;

  const MODES = ['act', 'shadow', 'off'];
  const MAX_DAYS = 90;
  const own = (obj, key) => !!obj && Object.prototype.hasOwnProperty.call(obj, key);
  const unique = (list) => Array.from(new Set(list));
  const packPath = (name) => '/api/v1/rules/' + encodeURIComponent(name);

  // ---------------------------------------------------------------- a pack's settings

  /** Every rule of a pack: its rules, and any named only in shadow or disabled (so none is dropped on save). */
  function rulesOf(p) {
    return unique([...(p.rules || []), ...(p.shadow || []), ...(p.disabled || [])]);
  }

  function modeOf(p, rule) {
    if ((p.disabled || []).includes(rule)) return 'off';
    if ((p.shadow || []).includes(rule)) return 'shadow';
    return 'act';
  }

  /** Parameter names, sorted (the JSON object has no meaningful order), so related ones stand together. */
  function paramKeys(p) {
    return unique([...Object.keys(p.parameters || {}), ...Object.keys(p.defaults || {})]).sort();
  }

  function runningValue(p, key) {
    if (own(p.parameters, key) && p.parameters[key] != null) return String(p.parameters[key]);
    return own(p.defaults, key) && p.defaults[key] != null ? String(p.defaults[key]) : '';
  }

  /** The settings the pack runs with now, in the shape of the PUT body. */
  function runningConfig(p) {
    const parameters = {};
    paramKeys(p).forEach((k) => { parameters[k] = runningValue(p, k); });
    const rules = rulesOf(p);
    return {
      parameters,
      shadow: rules.filter((r) => modeOf(p, r) === 'shadow').sort(),
      disabled: rules.filter((r) => modeOf(p, r) === 'off').sort(),
    };
  }

  /** What an input stands for: an empty field means the default (when the pack has one). */
  function effectiveValue(input) {
    const v = input.value.trim();
    return v === '' && input.dataset.hasDefault === '1' ? input.dataset.default : v;
  }

  /** The settings in a card's form, in the shape of the PUT body (every parameter, as a string). */
  function formConfig(card) {
    const parameters = {};
    $$('.rule-param', card).sort((a, b) => (a.dataset.key < b.dataset.key ? -1 : 1)).forEach((el) => {
      parameters[el.dataset.key] = effectiveValue(el);
    });
    const shadow = [];
    const disabled = [];
    $$('.rule-mode', card).forEach((el) => {
      if (el.value === 'shadow') shadow.push(el.dataset.rule);
      else if (el.value === 'off') disabled.push(el.dataset.rule);
    });
    return { parameters, shadow: shadow.sort(), disabled: disabled.sort() };
  }

  /** Equal settings give equal keys (parameter names and rule lists are sorted by the builders above). */
  function configKey(cfg) {
    return JSON.stringify([Object.keys(cfg.parameters).sort().map((k) => [k, cfg.parameters[k]]), cfg.shadow, cfg.disabled]);
  }

  // ---------------------------------------------------------------- rendering

  const levelName = (level) => label('risk.', level);
  const levelChip = (level) => html`<span class="level" data-level="${level}">${levelName(level)}</span>`;

  function fmtMicros(x) {
    if (x == null || isNaN(x)) return '–';
    return fmtNum(Math.round(Number(x) * 10) / 10);
  }

  function statsTable(stats) {
    const rows = (stats || []).slice().sort((a, b) => String(a.rule).localeCompare(String(b.rule)));
    return table('rules-stats', [
      { label: t('rules.col.rule'), cell: (s) => html`<code>${s.rule}</code>` },
      { label: t('rules.col.shadow'), cell: (s) => (s.shadow ? html`<span class="tag shadow">${t('rules.yes')}</span>` : t('rules.no')) },
      { label: t('rules.col.evaluations'), cls: 'num', cell: (s) => fmtNum(s.evaluations) },
      { label: t('rules.col.hits'), cls: 'num', cell: (s) => fmtNum(s.hits) },
      { label: t('rules.col.actions'), cls: 'num', cell: (s) => fmtNum(s.actions) },
      { label: t('rules.col.shadowHits'), cls: 'num', cell: (s) => fmtNum(s.shadowHits) },
      { label: t('rules.col.failures'), cls: 'num', cell: (s) => (Number(s.failures) > 0
        ? html`<span class="bad-text">${fmtNum(s.failures)}</span>` : fmtNum(s.failures)) },
      { label: t('rules.col.mean'), cls: 'num', cell: (s) => fmtMicros(s.meanMicros) },
    ], rows, { empty: t('rules.noStats'), rowAttrs: (s) => html`data-rule="${s.rule}"` }); // scrolls sideways on a phone
  }

  function ruleStatText(s) {
    return s ? t('rules.ruleStats', { hits: fmtNum(s.hits), shadowHits: fmtNum(s.shadowHits), failures: fmtNum(s.failures) }) : '';
  }

  function packCard(p, statsByRule) {
    const rules = rulesOf(p);
    const keys = paramKeys(p);
    const option = (mode, selected) => html`<option value="${mode}" ${selected ? 'selected' : ''}>${t('rules.mode.' + mode)}</option>`;
    return html`<article class="rule-pack panel" data-pack="${p.name}">
      <header class="rp-head"><h2>${p.name}</h2>
        <span class="muted small">${t('rules.ruleCount', { n: rules.length })}</span>
        <span class="tag warn rp-dirty" hidden>${t('rules.dirty')}</span></header>
      ${p.lastError != null ? html`<p class="pack-last-error notice error" role="status">${t('rules.lastError', { error: p.lastError })}</p>` : ''}
      <form class="rp-form" novalidate>
        <fieldset class="rp-rules"><legend>${t('rules.rules')}</legend>
          ${rules.length ? html`<p class="muted small">${t('rules.modesHint')}</p>` : ''}
          ${rules.length ? rules.map((r) => html`<label class="rule-row" data-rule="${r}">
            <span class="rule-name"><code>${r}</code>
              <span class="rule-stat muted small" data-stat="${p.name + '/' + r}">${ruleStatText(statsByRule.get(p.name + '/' + r))}</span></span>
            <select class="rule-mode" data-rule="${r}" data-running="${modeOf(p, r)}">
              ${MODES.map((m) => option(m, m === modeOf(p, r)))}</select></label>`) : html`<p class="muted">${t('common.none')}</p>`}
        </fieldset>
        <fieldset class="rp-params"><legend>${t('rules.params')}</legend>
          ${keys.length ? html`<p class="muted small">${t('rules.paramsHint')}</p>` : html`<p class="muted">${t('rules.noParams')}</p>`}
          ${keys.map((k) => {
            const hasDefault = own(p.defaults, k) && p.defaults[k] != null;
            const def = hasDefault ? String(p.defaults[k]) : '';
            return html`<label class="field rule-field" data-key="${k}">
              <span class="param-label"><code>${k}</code>
                <span class="tag param-changed" hidden>${t('rules.nonDefault')}</span>
                <span class="tag warn param-edited" hidden>${t('rules.edited')}</span></span>
              <input class="rule-param" type="text" data-key="${k}" value="${runningValue(p, k)}"
                data-running="${runningValue(p, k)}" data-default="${def}" data-has-default="${hasDefault ? '1' : '0'}"
                placeholder="${def}" autocomplete="off" autocapitalize="none" spellcheck="false">
              <span class="param-hint muted small"></span></label>`;
          })}
        </fieldset>
        <div class="rp-actions">
          <label class="field replay-days-field"><span>${t('rules.days')}</span>
            <input class="replay-days" type="number" inputmode="numeric" min="1" max="${MAX_DAYS}" step="1" value="7"></label>
          <button type="submit" class="btn btn-replay">${t('rules.replay')}</button>
          <button type="button" class="btn primary btn-save" disabled>${t('rules.save')}</button>
        </div>
        <p class="save-hint muted small"></p>
      </form>
      <p class="pack-error card-error" role="alert" hidden></p>
      <div class="replay-result" aria-live="polite"></div>
    </article>`;
  }

  function changeLabel(key) {
    const parts = String(key).split(/\s*(?:→|->)\s*/);
    return parts.length === 2 ? html`${levelChip(parts[0])} → ${levelChip(parts[1])}` : key;
  }

  function hitsList(hits) {
    if (!hits || !hits.length) return html`<span class="muted">${t('rules.noHits')}</span>`;
    return html`<ul class="hits">${hits.map((h) => html`<li class="${h.shadow ? 'shadow' : ''}">
      <code>${h.rule}</code> ${h.level ? levelChip(h.level) : ''}
      ${h.shadow ? html`<span class="tag shadow">${t('rules.shadowTag')}</span>` : ''}
      ${h.evidence ? html`<div class="hit-evidence">${h.evidence}</div>` : ''}</li>`)}</ul>`;
  }

  function replayView(r) {
    const items = r.items || [];
    const changes = Object.entries(r.byChange || {}).sort((a, b) => Number(b[1]) - Number(a[1]));
    const changed = Number(r.changed) || 0;
    return html`<h3>${t('rules.replay.title')}</h3>
      <p class="replay-stale notice" hidden>${t('rules.replay.stale')}</p>
      <div class="replay-totals">
        <div><span class="muted">${t('rules.replay.orders')}</span> <strong class="replay-orders">${fmtNum(r.orders)}</strong></div>
        <div><span class="muted">${t('rules.replay.changed')}</span> <strong class="replay-changed">${fmtNum(changed)}</strong></div>
        <div class="muted small replay-window">${r.from ? t('rules.replay.window', { days: r.days, from: fmtTime(r.from) })
          : t('rules.replay.days', { days: r.days })}</div>
      </div>
      ${changes.length ? html`<ul class="replay-bychange">${changes.map(([k, n]) => html`<li data-change="${k}">${changeLabel(k)}
        <strong>${fmtNum(n)}</strong></li>`)}</ul>` : html`<p class="muted replay-none">${t('rules.replay.none')}</p>`}
      ${items.length ? html`<div class="replay-items">${table(null, [
        { label: t('rules.col.order'), cell: (o) => html`<a class="replay-order" href="#/orders/${o.orderId}">#${o.orderId}</a>
          ${o.platformOrderId ? html`<div class="muted small">${o.platformOrderId}</div>` : ''}
          ${o.createdAt ? html`<div class="muted small">${fmtTime(o.createdAt)}</div>` : ''}` },
        { label: t('col.channel'), cell: (o) => channelName(o.channel) },
        { label: t('rules.col.change'), cell: (o) => html`<span class="replay-change">${levelChip(o.before)} → ${levelChip(o.after)}</span>` },
        { label: t('rules.col.hitsBefore'), cell: (o) => hitsList(o.hitsBefore) },
        { label: t('rules.col.hitsAfter'), cell: (o) => hitsList(o.hitsAfter) },
      ], items, { stack: true, rowAttrs: (o) => html`data-order-id="${o.orderId}"` })}</div>` : ''}
      ${changed > items.length ? html`<p class="muted small replay-truncated">${t('rules.replay.truncated', {
        shown: fmtNum(items.length), changed: fmtNum(changed) })}</p>` : ''}`;
  }

  // ---------------------------------------------------------------- page

  function pageRules(main, ctx) {
    const root = mount(main, html`<div class="page rules">
      <div class="page-head"><h1>${t('nav.rules')}</h1><span class="muted" id="rules-updated"></span>
        <button type="button" class="btn ghost" id="rules-refresh">${t('action.refresh')}</button></div>
      <p class="notice error" id="rules-notice" hidden></p>
      <section class="panel"><h2>${t('rules.stats')}</h2><div id="rules-stats-box"><p class="muted">${t('common.loading')}</p></div></section>
      <div id="rules-packs" class="rule-packs"></div>
      <p class="empty" id="rules-empty" hidden>${t('rules.noPacks')}</p>
    </div>`);
    const box = $('#rules-packs', root);
    /** pack name -> {status: the pack as the server last sent it, replayed: configKey of the last good replay} */
    const packs = new Map();
    let statsByRule = new Map();
    let loading = false;
    let again = false;

    const cardOf = (name) => $$('.rule-pack', box).find((c) => c.dataset.pack === name);
    const isDirty = (card) => {
      const entry = packs.get(card.dataset.pack);
      return !!entry && configKey(formConfig(card)) !== configKey(runningConfig(entry.status));
    };

    async function load() {
      if (loading) { again = true; return; }
      loading = true;
      try {
        const r = await api('/api/v1/rules');
        if (!ctx.alive()) return;
        notice($('#rules-notice', root), '');
        statsByRule = new Map(((r && r.statistics) || []).map((s) => [s.rule, s]));
        setHtml($('#rules-stats-box', root), statsTable((r && r.statistics) || []));
        sync((r && r.packs) || []);
        $('#rules-updated', root).textContent = t('ov.updated', { time: new Date().toLocaleTimeString(
          I18N.lang() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false }) });
      } catch (e) {
        if (ctx.alive()) notice($('#rules-notice', root), e.message);
      } finally {
        loading = false;
        if (again && ctx.alive()) { again = false; load(); }
      }
    }

    /**
     * Brings the cards in line with the server. A card keeps what was typed into it (and its replay) while the
     * pack runs with the same settings as before, or while it has edits; a pack whose settings changed elsewhere
     * and that has no edits here is drawn anew.
     */
    function sync(list) {
      const existing = new Map($$('.rule-pack', box).map((c) => [c.dataset.pack, c]));
      list.forEach((p, index) => {
        let card = existing.get(p.name);
        existing.delete(p.name);
        const entry = packs.get(p.name);
        if (card && entry) {
          const sameRunning = configKey(runningConfig(p)) === configKey(runningConfig(entry.status));
          if (!sameRunning && !isDirty(card) && !card.classList.contains('busy')) {
            card = replaceCard(card, p);
          } else {
            if (!sameRunning) entry.replayed = null; // a replay compared with settings that no longer run
            entry.status = p;
            refreshCard(card);
          }
        } else {
          packs.set(p.name, { status: p, replayed: null });
          card = fromHtml(packCard(p, statsByRule));
          refreshCard(card);
        }
        if (box.children[index] !== card) box.insertBefore(card, box.children[index] || null);
      });
      existing.forEach((c, name) => { packs.delete(name); c.remove(); });
      $('#rules-empty', root).hidden = list.length > 0;
    }

    function replaceCard(card, p) {
      packs.set(p.name, { status: p, replayed: null });
      const fresh = fromHtml(packCard(p, statsByRule));
      $('.replay-days', fresh).value = $('.replay-days', card).value;
      card.replaceWith(fresh);
      refreshCard(fresh);
      return fresh;
    }

    /** Last error, per-rule statistics, the marks on changed fields, and whether Save may be pressed. */
    function refreshCard(card) {
      const entry = packs.get(card.dataset.pack);
      if (!entry) return;
      const p = entry.status;
      let lastError = $('.pack-last-error', card);
      if (p.lastError == null) {
        if (lastError) lastError.remove();
      } else {
        if (!lastError) {
          lastError = fromHtml(html`<p class="pack-last-error notice error" role="status"></p>`);
          $('.rp-head', card).after(lastError);
        }
        lastError.textContent = t('rules.lastError', { error: p.lastError });
      }
      $$('.rule-stat', card).forEach((el) => { el.textContent = ruleStatText(statsByRule.get(el.dataset.stat)); });
      $$('.rule-param', card).forEach((input) => {
        const key = input.dataset.key;
        input.dataset.running = runningValue(p, key);
        markParam(input);
      });
      $$('.rule-mode', card).forEach((select) => {
        select.dataset.running = modeOf(p, select.dataset.rule);
        select.classList.toggle('edited', select.value !== select.dataset.running);
        select.closest('.rule-row').classList.toggle('edited', select.value !== select.dataset.running);
      });
      updateGate(card);
    }

    function markParam(input) {
      const field = input.closest('.rule-field');
      const value = effectiveValue(input);
      const hasDefault = input.dataset.hasDefault === '1';
      const changed = hasDefault && value !== input.dataset.default;
      const edited = value !== input.dataset.running;
      input.classList.toggle('changed', changed);
      input.classList.toggle('edited', edited);
      field.classList.toggle('changed', changed);
      field.classList.toggle('edited', edited);
      $('.param-changed', field).hidden = !changed;
      $('.param-edited', field).hidden = !edited;
      const parts = [];
      if (hasDefault) {
        parts.push(input.dataset.default === '' ? t('rules.defaultEmpty') : t('rules.default', { value: input.dataset.default }));
      }
      if (edited) {
        parts.push(input.dataset.running === '' ? t('rules.runningEmpty') : t('rules.running', { value: input.dataset.running }));
      }
      $('.param-hint', field).textContent = parts.join(' · ');
    }

    /** Save only for settings that were replayed as they are now in the form. */
    function updateGate(card) {
      const entry = packs.get(card.dataset.pack);
      const key = configKey(formConfig(card));
      const ready = !!entry && entry.replayed === key;
      const busy = card.classList.contains('busy');
      $('.btn-save', card).disabled = !ready || busy;
      $('.btn-replay', card).disabled = busy;
      const hint = $('.save-hint', card);
      hint.textContent = ready ? t('rules.saveReady') : t('rules.saveHint');
      hint.classList.toggle('ready', ready);
      const dirty = !!entry && key !== configKey(runningConfig(entry.status));
      card.classList.toggle('dirty', dirty);
      $('.rp-dirty', card).hidden = !dirty;
      const stale = $('.replay-stale', card);
      if (stale) stale.hidden = !entry || entry.replayedShown === key;
    }

    function setBusy(card, busy) {
      card.classList.toggle('busy', busy);
      card.setAttribute('aria-busy', String(busy));
      updateGate(card);
    }

    function cardError(card, text) { notice($('.pack-error', card), text); }

    function readDays(card) {
      const input = $('.replay-days', card);
      const text = input.value.trim();
      const days = Number(text);
      const ok = /^\d+$/.test(text) && days >= 1 && days <= MAX_DAYS;
      input.classList.toggle('invalid', !ok);
      return ok ? days : null;
    }

    async function replay(card) {
      const name = card.dataset.pack;
      const days = readDays(card);
      if (days == null) {
        cardError(card, t('rules.daysInvalid', { max: MAX_DAYS }));
        $('.replay-days', card).focus();
        return;
      }
      const cfg = formConfig(card);
      const key = configKey(cfg);
      const result = $('.replay-result', card);
      cardError(card, '');
      setBusy(card, true);
      result.classList.add('loading');
      try {
        const r = await api(packPath(name) + '/replay', { method: 'POST', body: { ...cfg, days } });
        if (!ctx.alive() || !card.isConnected) return;
        const entry = packs.get(name);
        if (entry) { entry.replayed = key; entry.replayedShown = key; }
        setHtml(result, replayView(r || {}));
      } catch (e) {
        if (ctx.alive() && card.isConnected) cardError(card, e.message);
      } finally {
        result.classList.remove('loading');
        if (card.isConnected) setBusy(card, false);
      }
    }

    async function save(card) {
      const name = card.dataset.pack;
      const entry = packs.get(name);
      const cfg = formConfig(card);
      if (!entry || entry.replayed !== configKey(cfg)) { updateGate(card); return; }
      cardError(card, '');
      setBusy(card, true);
      try {
        const status = await api(packPath(name), { method: 'PUT', body: cfg });
        if (!ctx.alive()) return;
        toast(t('rules.saved', { pack: name }));
        if (card.isConnected) {
          const fresh = replaceCard(card, status && status.name === name ? { ...entry.status, ...status } : entry.status);
          $('.btn-replay', fresh).focus({ preventScroll: true });
        }
        load();
      } catch (e) {
        // 400 (a bad value: nothing changed) or 403 (not allowed): the edits stay in the form
        if (ctx.alive() && card.isConnected) cardError(card, e.message);
      } finally {
        if (card.isConnected) setBusy(card, false);
      }
    }

    box.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const card = ev.target.closest('.rule-pack');
      if (card && !card.classList.contains('busy')) replay(card);
    });
    box.addEventListener('click', (ev) => {
      const btn = ev.target.closest('button.btn-save');
      const card = btn && btn.closest('.rule-pack');
      if (card && !btn.disabled && !card.classList.contains('busy')) save(card);
    });
    const onEdit = (ev) => {
      const card = ev.target.closest('.rule-pack');
      if (!card) return;
      if (ev.target.classList.contains('rule-param')) markParam(ev.target);
      if (ev.target.classList.contains('rule-mode')) {
        const edited = ev.target.value !== ev.target.dataset.running;
        ev.target.classList.toggle('edited', edited);
        ev.target.closest('.rule-row').classList.toggle('edited', edited);
      }
      if (ev.target.classList.contains('replay-days')) ev.target.classList.remove('invalid');
      updateGate(card);
    };
    box.addEventListener('input', onEdit);
    box.addEventListener('change', onEdit);
    $('#rules-refresh', root).addEventListener('click', load);

    load();
    const timer = setInterval(load, 30000); // the statistics move on; cards with edits stay as they are
    return { dispose() { clearInterval(timer); } };
  }

  Object.assign(pages, { rules: pageRules });
})();
