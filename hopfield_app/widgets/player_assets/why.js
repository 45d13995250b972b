// Why a unit flips: the local field of the clicked unit, split per memory.
//
// window.HopfieldWhy.render(panelEl, why, frame, unit, state) draws into panelEl the
// field h_i - theta_i of unit `unit` at frame `frame` from the `why` payload built by
// hopfield_app/playground/why.py (see its docstring for the encoding): one bar for the
// memory being recalled (the signal), one for the sum of all the others (the crosstalk),
// the largest single crosstalk terms, the self term, the threshold, the total and the
// decision (or a tie). `state` holds the units' values at that frame (+1 / -1, or the
// continuous values of the modern rule), indexable by unit. O(R) per call: the arrays
// are decoded once per payload and kept in a WeakMap.
(function () {
  "use strict";
  if (window.HopfieldWhy) return;

  const decoded = new WeakMap();
  const SHOWN_OTHERS = 5; // crosstalk terms listed one by one (the largest)

  function bytes(b64) {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let k = 0; k < bin.length; k++) out[k] = bin.charCodeAt(k);
    return out;
  }

  function typed(spec) {
    if (!spec) return null;
    const raw = bytes(spec.b64);
    if (spec.dtype === "int8") return new Int8Array(raw.buffer);
    if (spec.dtype === "float32") return new Float32Array(raw.buffer);
    return new Float64Array(raw.buffer);
  }

  function perUnit(spec) {
    if (!spec) return () => 0;
    if (spec.const !== undefined) return () => spec.const;
    const arr = typed(spec);
    return (i) => arr[i];
  }

  function prepare(why) {
    let d = decoded.get(why);
    if (!d) {
      d = {
        L: typed(why.loadings),
        A: typed(why.coef),
        B: typed(why.self_coef),
        diag: why.diag ? perUnit(why.diag) : null,
        theta: perUnit(why.theta),
      };
      decoded.set(why, d);
    }
    return d;
  }

  // Every term of unit i at frame t (Float64Array of R), the self term and the field.
  function compute(why, frame, unit, s) {
    const d = prepare(why);
    const R = why.r;
    const t = Math.max(0, Math.min(why.count - 1, frame | 0));
    const row = unit * R;
    const col = t * R;
    const terms = new Float64Array(R);
    if (why.kind === "softmax") {
      let D = 0;
      for (let r = 0; r < R; r++) {
        const x = s * d.L[row + r];
        terms[r] = d.A[col + r] * -Math.expm1(-2 * x);
        D += terms[r];
      }
      const ratio = D === 0 ? 1 : -Math.log1p(-Math.min(D, 1 - 1e-300)) / D;
      for (let r = 0; r < R; r++) terms[r] *= 0.5 * s * ratio;
    } else {
      for (let r = 0; r < R; r++) {
        terms[r] = d.L[row + r] * d.A[col + r] - (d.B ? s * d.B[col + r] : 0);
      }
    }
    const self = d.diag ? -d.diag(unit) * s : 0;
    const theta = d.theta(unit);
    let field = self;
    let scale = Math.abs(self) + Math.abs(theta);
    for (let r = 0; r < R; r++) {
      field += terms[r];
      scale += Math.abs(terms[r]);
    }
    const drive = field - theta;
    const tie = !why.value_update && Math.abs(drive) <= why.tie_rtol * scale;
    return { frame: t, unit, s, terms, self, theta, field, drive, tie };
  }

  // Terms summed per memory; terms of no single memory stay as their own entries.
  function groups(why, res) {
    const byMemory = new Float64Array(why.p);
    const loose = [];
    for (let r = 0; r < why.r; r++) {
      const m = why.term_memory[r];
      if (m >= 0) byMemory[m] += res.terms[r];
      else loose.push({ label: why.term_labels[r], value: res.terms[r] });
    }
    return { byMemory, loose };
  }

  function fmt(v) {
    if (!isFinite(v)) return "–";
    const a = Math.abs(v);
    const digits = a >= 100 ? 1 : a >= 1 ? 2 : a >= 0.01 ? 3 : 4;
    let text = v.toFixed(digits);
    if (Number(text) === 0) text = (0).toFixed(digits);
    else if (v > 0) text = "+" + text;
    return text.replace("-", "\u2212");
  }

  function esc(text) {
    return String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
  }

  function bar(label, value, scale, cls, testid) {
    const w = scale > 0 ? Math.min(50, (50 * Math.abs(value)) / scale) : 0;
    const left = value < 0 ? 50 - w : 50;
    return (
      `<div class="hw-row ${cls}" data-testid="${testid}" data-value="${value}">` +
      `<span class="hw-label" title="${esc(label)}">${esc(label)}</span>` +
      `<span class="hw-track"><i class="hw-zero"></i>` +
      `<i class="hw-bar" style="left:${left.toFixed(2)}%;width:${w.toFixed(2)}%"></i></span>` +
      `<span class="hw-num">${fmt(value)}</span></div>`
    );
  }

  function sign(v) {
    return v > 0 ? "+1" : v < 0 ? "\u22121" : "0";
  }

  function decisionText(why, res) {
    const now = why.value_update ? fmt(res.s) : sign(res.s);
    if (why.value_update) {
      return `Next value: <b>${fmt(res.drive)}</b> (now ${now}): the modern rule moves each unit to its field.`;
    }
    if (why.temperature > 0) {
      const p = 0.5 * (1 + Math.tanh(res.drive / why.temperature));
      return `At temperature T = ${why.temperature}, the unit becomes <b>+1 with probability ${(100 * p).toFixed(0)}%</b> (now ${now}).`;
    }
    if (res.tie) {
      return `<b>A tie:</b> h \u2212 \u03b8 = 0, so the unit keeps its value ${now}.`;
    }
    const next = res.drive > 0 ? 1 : -1;
    const verb = next === res.s ? "stays" : "flips to";
    const cmp = res.drive > 0 ? "> 0" : "< 0";
    const when = why.mode === "sync" ? "at the next step" : "when it is next updated";
    return `h \u2212 \u03b8 ${cmp}: the unit (now ${now}) <b>${verb} ${sign(next)}</b> ${when}.`;
  }

  const CSS = `
.hw-panel{font:13px/1.35 system-ui,sans-serif;color:var(--hp-fg,#222);min-width:0}
.hw-head{font-weight:600;margin:0 0 4px}
.hw-row{display:grid;grid-template-columns:minmax(0,165px) 1fr 62px;gap:6px;align-items:center;margin:1px 0}
.hw-label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.hw-track{position:relative;height:12px;background:rgba(128,128,128,.12);border-radius:2px}
.hw-zero{position:absolute;left:50%;top:-2px;bottom:-2px;width:1px;background:#888}
.hw-bar{position:absolute;top:1px;bottom:1px;background:#8a8f98;border-radius:1px}
.hw-signal .hw-bar{background:#1f6fd1}.hw-cross .hw-bar{background:#d9534f}
.hw-total .hw-bar{background:#222}.hw-total{font-weight:600;border-top:1px solid #ccc;padding-top:2px}
.hw-minor{font-size:12px;color:#555}
.hw-num{text-align:right;font-variant-numeric:tabular-nums}
.hw-say{margin:5px 0 0}.hw-warn{color:#b3261e}
.hw-hint{color:#555}`;

  function ensureStyle(el) {
    const root = el.getRootNode ? el.getRootNode() : document;
    const host = root === document ? document.head : root;
    if (!host.querySelector || host.querySelector("style[data-hw-style]")) return;
    const st = document.createElement("style");
    st.setAttribute("data-hw-style", "");
    st.textContent = CSS;
    host.appendChild(st);
  }

  function value(state, unit) {
    if (!state) return NaN;
    const v = typeof state === "function" ? state(unit) : state[unit];
    return Number(v);
  }

  function render(panelEl, why, frame, unit, state) {
    if (!panelEl) return null;
    ensureStyle(panelEl);
    panelEl.classList.add("hw-panel");
    // the host's own test id (the player's "player-why") is kept; data-why marks the panel
    if (!panelEl.hasAttribute("data-testid")) panelEl.setAttribute("data-testid", "why-panel");
    panelEl.setAttribute("data-why", "panel");
    panelEl.setAttribute("aria-live", "polite");
    // Decode the payload on the first call (a frame change), so the first click is quick.
    if (why) prepare(why);
    if (!why || unit === null || unit === undefined || unit < 0 || unit >= why.n) {
      panelEl.removeAttribute("data-unit");
      panelEl.innerHTML =
        '<p class="hw-hint">Click a unit (or arrows, then Enter) to see why it flips, memory by memory.</p>';
      return null;
    }
    let s = value(state, unit);
    if (!isFinite(s)) s = 0;
    if (!why.value_update) s = s > 0 ? 1 : s < 0 ? -1 : 0;
    const res = compute(why, frame, unit, s);
    const g = groups(why, res);
    const rec = why.recalled;
    const parts = [];
    let signal = 0;
    let cross = 0;
    const others = [];
    for (let m = 0; m < why.p; m++) {
      if (m === rec) signal = g.byMemory[m];
      else {
        cross += g.byMemory[m];
        others.push(m);
      }
    }
    others.sort((x, y) => Math.abs(g.byMemory[y]) - Math.abs(g.byMemory[x]));
    let scale = Math.abs(res.drive);
    for (const v of [signal, cross, res.self, res.theta]) scale = Math.max(scale, Math.abs(v));
    for (const item of g.loose) scale = Math.max(scale, Math.abs(item.value));

    const cols = why.n_cols || 0;
    const where = cols ? ` (row ${Math.floor(unit / cols) + 1}, column ${(unit % cols) + 1})` : "";
    parts.push(`<p class="hw-head">Unit ${unit}${where} at frame ${res.frame}: its field, memory by memory</p>`);
    if (why.p > 0 && g.loose.length < why.r) {
      if (rec !== null && rec !== undefined) {
        parts.push(bar(`signal: ${why.memory_labels[rec]}`, signal, scale, "hw-signal", "why-signal"));
        parts.push(bar(`crosstalk: ${others.length} other${others.length === 1 ? "" : "s"}`, cross, scale, "hw-cross", "why-crosstalk"));
      } else {
        parts.push(bar("all memories", cross, scale, "hw-cross", "why-crosstalk"));
      }
      const shown = others.slice(0, SHOWN_OTHERS);
      for (const m of shown) {
        parts.push(bar(`\u2003${why.memory_labels[m]}`, g.byMemory[m], scale, "hw-minor", "why-term"));
      }
      if (others.length > shown.length) {
        parts.push(`<div class="hw-minor">\u2003\u2026 and ${others.length - shown.length} smaller</div>`);
      }
    }
    for (const item of g.loose.slice(0, 8)) {
      parts.push(bar(item.label, item.value, scale, "hw-minor", "why-term"));
    }
    if (res.self !== 0) parts.push(bar("self-coupling removed", res.self, scale, "hw-minor", "why-self"));
    if (res.theta !== 0) parts.push(bar("threshold \u2212\u03b8", -res.theta, scale, "hw-minor", "why-theta"));
    parts.push(bar(why.value_update ? "next value" : "field h \u2212 \u03b8", res.drive, scale, "hw-total", "why-total"));
    parts.push(`<p class="hw-say" data-testid="why-decision">${decisionText(why, res)}</p>`);
    if (rec !== null && rec !== undefined && !why.value_update && Math.abs(cross) > Math.abs(signal) && cross * signal < 0) {
      parts.push('<p class="hw-say hw-warn" data-testid="why-outweighs">The crosstalk outweighs the signal here: the other memories pull this unit away from the recalled one.</p>');
    }
    if (why.kind === "polynomial") {
      parts.push('<p class="hw-say hw-minor">Each bar is a memory\u2019s exact share of the energy change of flipping this unit (leading term \u03be m<sup>n\u22121</sup>).</p>');
    } else if (why.kind === "softmax") {
      parts.push('<p class="hw-say hw-minor">Each bar is a memory\u2019s share of the energy change of flipping this unit, in proportion to its softmax weight.</p>');
    } else if (g.loose.length) {
      parts.push('<p class="hw-say hw-minor">This rule\u2019s weights are shown factor by factor (U<sub>ir</sub> (V<sup>T</sup>s)<sub>r</sub>), not memory by memory.</p>');
    }
    panelEl.innerHTML = parts.join("");
    panelEl.setAttribute("data-unit", String(unit));
    panelEl.setAttribute("data-frame", String(res.frame));
    panelEl.setAttribute("data-field", String(res.field));
    panelEl.setAttribute("data-drive", String(res.drive));
    panelEl.setAttribute("data-tie", String(res.tie));
    panelEl.setAttribute("data-signal", String(signal));
    panelEl.setAttribute("data-crosstalk", String(cross));
    return res;
  }

  window.HopfieldWhy = { render, compute };
})();
