// Frame player for Hopfield Explorer (mounted by hopfield_app/player.py).
//
// Python sends the whole trajectory once (see player_payload); everything
// below runs in the page: frames are decoded from packed bits on demand and
// drawn on a canvas, playback is driven by requestAnimationFrame. The frame on
// screen goes back to Python (state "view" = {id, frame}) only when playback
// stops, because each report reruns the Streamlit script.
//
// Streamlit calls the default export again whenever the data changes, on the
// same DOM, and calls the returned cleanup only on unmount; so one Player
// lives on the root element and is re-fed with new data.

// Pixel colours as little-endian RGBA words for a Uint32Array view of ImageData.
const rgba = (r, g, b) => ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
const INK = rgba(0, 0, 0); // +1
const PAPER = rgba(255, 255, 255); // -1
const TURNED_ON = rgba(194, 65, 12); // changed to +1 (dark orange)
const TURNED_OFF = rgba(253, 186, 116); // changed to -1 (light orange)
const GREY = Array.from({ length: 256 }, (_, g) => rgba(g, g, g));

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
  "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
const ENERGY_COLOUR = "#1d4ed8";
const BACKGROUND_CURVE = "#b8bcc4"; // memories beyond the palette: thin grey lines
const MARKER_COLOUR = "#dc2626";
const SPEEDS = [1, 2, 5, 10, 15, 20, 30, 60];
const REPORT_DELAY_MS = 150; // steps in quick succession are reported once
const MAX_DT_MS = 250; // after a hidden tab, do not jump ahead by seconds

function decodeBase64(text) {
  const bin = atob(text || "");
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// Short numbers with a real minus sign (legible from the back row).
function fmt(v) {
  if (v === null || v === undefined || !isFinite(v)) return "\u2013";
  const a = Math.abs(v);
  const s = a >= 1000 ? v.toFixed(0) : a >= 100 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toFixed(3);
  return s.replace("-", "\u2212");
}

const fmtSweep = (v) => (v === null || v === undefined ? "\u2013" : String(+v.toFixed(4)));

// About n "nice" tick values (1, 2 or 5 times a power of ten) covering [lo, hi].
function niceTicks(lo, hi, n) {
  const raw = (hi - lo) / n;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(+v.toFixed(10));
  }
  out.decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return out;
}

// A tick label: as many decimals as the tick step needs, a real minus sign.
const fmtTick = (v, decimals) => v.toFixed(decimals).replace("-", "\u2212");

function finiteRange(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || !isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [-1, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.06;
  return [lo - pad, hi + pad];
}

class Player {
  constructor(root) {
    this.root = root;
    const q = (id) => root.querySelector(`[data-testid="${id}"]`);
    this.canvas = q("player-canvas");
    this.energyCanvas = q("player-energy");
    this.overlapCanvas = q("player-overlap");
    this.overlapBlock = root.querySelector(".hp-overlap-block");
    this.legend = q("player-legend");
    this.energyValue = q("player-energy-value");
    this.counter = q("player-frame-label");
    this.unit = q("player-frame-unit");
    this.scrub = q("player-scrub");
    this.speed = q("player-speed");
    this.playButton = q("player-play");
    this.loopButton = q("player-loop");
    this.changesButton = q("player-changes");
    this.stepButtons = root.querySelectorAll(".hp-btn");

    this.data = null;
    this.frame = 0;
    this.playing = false;
    this.loop = false;
    this.showChanges = true;
    this.fps = 30;
    this.raf = 0;
    this.lastTime = null;
    this.acc = 0;
    this.reported = null;
    this.reportTimer = 0;
    this.setStateValue = null;
    this.charts = null;

    this.onClick = this.onClick.bind(this);
    this.onKey = this.onKey.bind(this);
    this.tick = this.tick.bind(this);
    this.layout = this.layout.bind(this);
    root.addEventListener("click", this.onClick);
    root.addEventListener("keydown", this.onKey);
    this.scrub.addEventListener("input", () => {
      this.pause(false); // dragging the slider takes over from playback
      this.setFrame(Number(this.scrub.value));
    });
    this.scrub.addEventListener("change", () => {
      this.report();
      this.root.focus({ preventScroll: true });
    });
    this.speed.addEventListener("change", () => {
      this.setFps(Number(this.speed.value));
      this.root.focus({ preventScroll: true });
    });
    // Click or drag on a chart to go to that moment of the run.
    for (const chart of [this.energyCanvas, this.overlapCanvas]) {
      chart.addEventListener("pointerdown", (event) => {
        chart.setPointerCapture(event.pointerId);
        this.seekFromChart(event);
      });
      chart.addEventListener("pointermove", (event) => {
        if (chart.hasPointerCapture(event.pointerId)) this.seekFromChart(event);
      });
      chart.addEventListener("pointerup", () => {
        this.report();
        this.root.focus({ preventScroll: true });
      });
    }
    // Re-layout when the column width changes; small changes (a page scrollbar
    // coming and going) are ignored so a layout cannot toggle that scrollbar forever.
    this.lastWidth = 0;
    this.resizeObserver = new ResizeObserver(() => {
      if (Math.abs(this.root.clientWidth - this.lastWidth) > 24) this.layout();
    });
    this.resizeObserver.observe(root);
    window.addEventListener("resize", this.layout);
    root.dataset.loop = "off";
    root.dataset.changes = "on";
  }

  destroy() {
    this.stopLoop();
    clearTimeout(this.reportTimer);
    this.resizeObserver.disconnect();
    window.removeEventListener("resize", this.layout);
  }

  // ---- data ------------------------------------------------------------

  load(data) {
    if (this.data && this.data.id === data.id) return; // same run: keep the view
    this.stopLoop();
    this.playing = false;
    const d = { ...data, frames: decodeBase64(data.frames) };
    d.last = d.count - 1;
    d.n = d.rows * d.cols;
    d.hasOverlaps = d.overlaps.length > 0;
    // With more memories than colours, colour (and list) those that come closest
    // to the state during the run, the largest |m|; the rest are grey lines.
    const peak = d.overlaps.map((v) => v.reduce((a, m) => Math.max(a, Math.abs(m ?? 0)), 0));
    const order = peak.map((_, j) => j).sort((a, b) => peak[b] - peak[a] || a - b);
    d.featured = order.slice(0, PALETTE.length).sort((a, b) => a - b);
    d.colours = d.overlaps.map(() => null);
    d.featured.forEach((j, rank) => { d.colours[j] = PALETTE[rank]; });
    this.data = d;

    this.canvas.width = d.cols;
    this.canvas.height = d.rows;
    this.ctx = this.canvas.getContext("2d");
    this.image = this.ctx.createImageData(d.cols, d.rows);
    this.pixels = new Uint32Array(this.image.data.buffer);

    this.scrub.max = String(d.last);
    this.scrub.disabled = d.last === 0;
    for (const b of this.stepButtons) b.disabled = d.last === 0;
    this.unit.textContent = d.frame_unit ? `1 frame = ${d.frame_unit}` : "";
    this.root.dataset.count = String(d.count);
    this.overlapBlock.hidden = !d.hasOverlaps;
    this.buildSpeeds(d.fps);
    this.buildLegend();

    // Python assumes the last frame (or frame 0 when autoplaying) until told otherwise.
    const start = d.autoplay && d.last > 0 ? 0 : d.last;
    this.reported = start;
    this.frame = start;
    this.charts = null;
    this.layout();
    this.setFrame(start);
    if (d.autoplay && d.last > 0) this.play();
    else this.showPlaying();
  }

  buildSpeeds(initial) {
    const speeds = SPEEDS.includes(initial) ? SPEEDS : [...SPEEDS, initial].sort((a, b) => a - b);
    this.speed.replaceChildren(
      ...speeds.map((s) => {
        const o = document.createElement("option");
        o.value = String(s);
        o.textContent = `${s} fps`;
        return o;
      }),
    );
    this.setFps(initial);
  }

  buildLegend() {
    const d = this.data;
    this.legendValues = d.featured.map((j) => {
      const item = document.createElement("span");
      const swatch = document.createElement("i");
      swatch.style.background = d.colours[j];
      const value = document.createElement("b");
      item.append(swatch, `${d.labels[j]}\u00a0`, value);
      item.dataset.testid = "player-legend-item";
      return { item, value, j };
    });
    const items = this.legendValues.map((x) => x.item);
    const others = d.labels.length - d.featured.length;
    if (others > 0) {
      const more = document.createElement("span");
      more.textContent = `+ ${others} more (grey)`;
      items.push(more);
    }
    this.legend.replaceChildren(...items);
  }

  // ---- layout and drawing ---------------------------------------------

  layout() {
    const d = this.data;
    const width = this.root.clientWidth;
    if (!d || !width) return;
    this.lastWidth = width;
    // Side by side down to ~480 px (a 1280-px screen's Playground column), so the
    // transport controls stay on an 800-px-high screen.
    const narrow = width < 480;
    this.root.classList.toggle("hp-narrow", narrow);
    const dpr = window.devicePixelRatio || 1;
    // The picture: at most half the width beside the charts and about half the
    // screen height, scaled by a whole number of device pixels per unit.
    // When narrow, the charts go under the picture, so the picture gets less height.
    const heightShare = narrow ? 0.45 : 0.56;
    const box = Math.min(narrow ? width : Math.floor(width * 0.5),
      Math.max(220, Math.min(640, Math.round(window.innerHeight * heightShare))));
    const side = Math.max(d.rows, d.cols);
    const scale = Math.floor((box * dpr) / side);
    const unitCss = scale >= 1 ? scale / dpr : box / side;
    const cssW = d.cols * unitCss;
    const cssH = d.rows * unitCss;
    this.canvas.style.width = `${cssW}px`;
    this.canvas.style.height = `${cssH}px`;

    // The picture's key wraps under the picture; the charts take the rest.
    this.canvas.parentElement.style.width = narrow ? "" : `${cssW}px`;
    const sideW = this.energyCanvas.parentElement.clientWidth
      || (narrow ? width : Math.max(240, width - cssW - 24));
    // Beside the picture the charts take about its height; under it, a fixed height.
    const room = narrow ? 430 : Math.max(cssH + 40, 360);
    const energyH = d.hasOverlaps ? Math.round((room - 90) * 0.42) : room - 40;
    const overlapH = Math.round((room - 90) * 0.58);
    this.sizeChart(this.energyCanvas, sideW, Math.max(150, energyH), dpr);
    if (d.hasOverlaps) this.sizeChart(this.overlapCanvas, sideW, Math.max(190, overlapH), dpr);
    // Both charts share one left margin so their markers line up.
    const energyAxis = this.yAxis(d.energies, null);
    const overlapAxis = d.hasOverlaps ? this.yAxis(d.overlaps.flat(), [-1, 1]) : null;
    const left = 14 + Math.max(energyAxis.width, overlapAxis ? overlapAxis.width : 0);
    this.charts = {
      energy: this.drawStaticChart(this.energyCanvas, [d.energies], [ENERGY_COLOUR], energyAxis, left),
      overlap: d.hasOverlaps
        ? this.drawStaticChart(this.overlapCanvas, d.overlaps,
          d.colours, overlapAxis, left)
        : null,
    };
    this.render();
  }

  sizeChart(canvas, w, h, dpr) {
    canvas.style.height = `${h}px`;
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    canvas.cssW = w;
    canvas.cssH = h;
    canvas.dpr = dpr;
  }

  chartFont() {
    return `16px ${getComputedStyle(this.root).fontFamily}`;
  }

  // The y range, its ticks and labels, and the width of the widest label.
  yAxis(values, domain) {
    const [y0, y1] = domain || finiteRange(values);
    // At most five labelled ticks: more crowd a short chart.
    let ticks = niceTicks(y0, y1, 4);
    for (let n = 3; ticks.length > 5 && n >= 1; n--) ticks = niceTicks(y0, y1, n);
    const labels = ticks.map((t) => fmtTick(t, ticks.decimals));
    const g = this.energyCanvas.getContext("2d");
    g.font = this.chartFont();
    const width = Math.max(...labels.map((t) => g.measureText(t).width));
    return { y0, y1, ticks, labels, width, zeroLine: Boolean(domain) };
  }

  // The curves, axes and ticks go to an offscreen canvas once per layout; each
  // frame then copies it and draws only the marker.
  drawStaticChart(canvas, series, colours, axis, left) {
    const d = this.data;
    const w = canvas.cssW;
    const h = canvas.cssH;
    const layer = document.createElement("canvas");
    layer.width = canvas.width;
    layer.height = canvas.height;
    const g = layer.getContext("2d");
    g.setTransform(canvas.dpr, 0, 0, canvas.dpr, 0, 0);
    const style = getComputedStyle(this.root);
    const text = style.color;
    const grid = style.getPropertyValue("--hp-border").trim() || "#d5d8de";
    g.font = this.chartFont();

    const xs = d.sweeps.map((s, i) => (s === null ? i : s));
    let [x0, x1] = [xs[0], xs[xs.length - 1]];
    if (!(x1 > x0)) [x0, x1] = [x0 - 0.5, x0 + 0.5];
    const { y0, y1, ticks: yTicks, labels: yLabels } = axis;
    const box = { left, right: w - 14, top: 10, bottom: h - 50 };
    const X = (x) => box.left + ((x - x0) / (x1 - x0)) * (box.right - box.left);
    const Y = (y) => box.bottom - ((y - y0) / (y1 - y0)) * (box.bottom - box.top);

    g.lineWidth = 1;
    g.strokeStyle = grid;
    g.fillStyle = text;
    g.textBaseline = "middle";
    g.textAlign = "right";
    yTicks.forEach((t, k) => {
      g.beginPath();
      g.moveTo(box.left, Y(t));
      g.lineTo(box.right, Y(t));
      g.stroke();
      g.fillText(yLabels[k], box.left - 8, Y(t));
    });
    g.textBaseline = "top";
    g.textAlign = "center";
    let xTicks = niceTicks(x0, x1, Math.max(2, Math.min(8, Math.floor((box.right - box.left) / 90))));
    if (d.time_unit === "step") { // whole steps only: there is no step 0.4
      const whole = xTicks.filter((t) => Number.isInteger(t));
      whole.decimals = 0;
      xTicks = whole;
    }
    for (const t of xTicks) g.fillText(fmtTick(t, xTicks.decimals), X(t), box.bottom + 6);
    g.fillText(`${d.time_unit || "sweep"}s`, (box.left + box.right) / 2, box.bottom + 27);
    if (axis.zeroLine) { // overlap 0: the state is unrelated to the memory
      g.strokeStyle = text;
      g.globalAlpha = 0.5;
      g.beginPath();
      g.moveTo(box.left, Y(0));
      g.lineTo(box.right, Y(0));
      g.stroke();
      g.globalAlpha = 1;
    }

    g.lineJoin = "round";
    // grey background curves first, coloured ones on top
    const coloured = (j) => (colours[j] ? 1 : 0);
    const drawOrder = series.map((_, j) => j).sort((a, b) => coloured(a) - coloured(b));
    drawOrder.forEach((j) => {
      const values = series[j];
      g.lineWidth = colours[j] ? 2.5 : 1;
      g.strokeStyle = colours[j] || BACKGROUND_CURVE;
      g.fillStyle = colours[j] || BACKGROUND_CURVE;
      if (values.length === 1) {
        g.beginPath();
        g.arc(X(xs[0]), Y(values[0] ?? 0), 4, 0, 2 * Math.PI);
        g.fill();
        return;
      }
      g.beginPath();
      let pen = false;
      values.forEach((v, i) => {
        if (v === null) { pen = false; return; }
        if (pen) g.lineTo(X(xs[i]), Y(v));
        else g.moveTo(X(xs[i]), Y(v));
        pen = true;
      });
      g.stroke();
    });
    return { canvas, layer, X, Y, xs, box, series, colours };
  }

  drawMarker(chart) {
    const { canvas, layer, X, Y, xs, box, series, colours } = chart;
    const g = canvas.getContext("2d");
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, canvas.width, canvas.height);
    g.drawImage(layer, 0, 0);
    g.setTransform(canvas.dpr, 0, 0, canvas.dpr, 0, 0);
    const x = X(xs[this.frame]);
    g.strokeStyle = MARKER_COLOUR;
    g.lineWidth = 2;
    g.beginPath();
    g.moveTo(x, box.top);
    g.lineTo(x, box.bottom);
    g.stroke();
    series.forEach((values, j) => {
      const v = values[this.frame];
      if (v === null || !colours[j]) return;
      g.fillStyle = colours[j];
      g.strokeStyle = "#ffffff";
      g.beginPath();
      g.arc(x, Y(v), 5, 0, 2 * Math.PI);
      g.fill();
      g.stroke();
    });
  }

  drawState() {
    const d = this.data;
    const f = this.frame;
    const px = this.pixels;
    const frames = d.frames;
    const changes = this.showChanges && f > 0;
    if (d.kind === "bits") {
      const off = f * d.stride;
      const prev = off - d.stride;
      for (let i = 0; i < d.n; i++) {
        const byte = i >> 3;
        const shift = 7 - (i & 7);
        const on = (frames[off + byte] >> shift) & 1;
        if (changes && ((frames[prev + byte] >> shift) & 1) !== on) {
          px[i] = on ? TURNED_ON : TURNED_OFF;
        } else {
          px[i] = on ? INK : PAPER;
        }
      }
    } else {
      // grey frames: a unit "flipped" when it crossed the middle grey
      const off = f * d.n;
      const prev = off - d.n;
      for (let i = 0; i < d.n; i++) {
        const grey = frames[off + i];
        const ink = grey < 128;
        if (changes && (frames[prev + i] < 128) !== ink) {
          px[i] = ink ? TURNED_ON : TURNED_OFF;
        } else {
          px[i] = GREY[grey];
        }
      }
    }
    this.ctx.putImageData(this.image, 0, 0);
  }

  render() {
    const d = this.data;
    if (!d) return;
    const f = this.frame;
    this.drawState();
    if (this.charts) {
      this.drawMarker(this.charts.energy);
      if (this.charts.overlap) this.drawMarker(this.charts.overlap);
    }
    let text = `frame ${f} / ${d.last} \u00b7 ${d.time_unit || "sweep"} ${fmtSweep(d.sweeps[f])}`;
    if (f === d.last && d.stopped) text += ` \u00b7 ${d.stopped}`;
    this.counter.textContent = text;
    this.energyValue.textContent = `E = ${fmt(d.energies[f])}`;
    if (d.hasOverlaps) {
      let best = -1;
      let bestValue = -Infinity;
      this.legendValues.forEach(({ item, value, j }, k) => {
        const m = d.overlaps[j][f];
        value.textContent = m === null ? "\u2013" : fmtTick(m, 2);
        item.classList.remove("hp-best");
        if (m !== null && Math.abs(m) > bestValue) { bestValue = Math.abs(m); best = k; }
      });
      if (best >= 0) this.legendValues[best].item.classList.add("hp-best");
    }
  }

  // ---- transport -------------------------------------------------------

  // The frame whose sweep count is closest to the pointer's x on a chart.
  seekFromChart(event) {
    const d = this.data;
    const chart = this.charts && this.charts.energy;
    if (!d || !chart) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - rect.left;
    let best = 0;
    for (let i = 1; i < chart.xs.length; i++) {
      if (Math.abs(chart.X(chart.xs[i]) - x) < Math.abs(chart.X(chart.xs[best]) - x)) best = i;
    }
    this.pause(false);
    this.setFrame(best);
  }

  setFrame(f) {
    const d = this.data;
    this.frame = Math.min(Math.max(Math.round(f) || 0, 0), d.last);
    this.root.dataset.frame = String(this.frame);
    this.scrub.value = String(this.frame);
    this.render();
  }

  setFps(fps) {
    this.fps = fps;
    this.speed.value = String(fps);
    this.root.dataset.fps = String(fps);
    this.acc = 0;
  }

  showPlaying() {
    this.root.dataset.playing = String(this.playing);
    this.playButton.setAttribute("aria-label", this.playing ? "pause" : "play");
  }

  play() {
    const d = this.data;
    if (!d || d.last === 0 || this.playing) return;
    if (this.frame >= d.last) this.setFrame(0); // play again from the start
    this.playing = true;
    this.lastTime = null;
    this.acc = 0;
    this.showPlaying();
    this.raf = requestAnimationFrame(this.tick);
  }

  stopLoop() {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
  }

  pause(report = true) {
    if (this.playing) {
      this.playing = false;
      this.stopLoop();
      this.showPlaying();
    }
    if (report) this.report();
  }

  tick(now) {
    if (!this.playing) return;
    const d = this.data;
    if (this.lastTime !== null) {
      this.acc += (Math.min(now - this.lastTime, MAX_DT_MS) * this.fps) / 1000;
    }
    this.lastTime = now;
    const steps = Math.floor(this.acc);
    if (steps > 0) {
      this.acc -= steps;
      let next = this.frame + steps;
      if (next > d.last) {
        if (!this.loop) {
          this.setFrame(d.last);
          this.pause(true); // playback ended: tell Python
          return;
        }
        next %= d.count;
      }
      this.setFrame(next);
    }
    this.raf = requestAnimationFrame(this.tick);
  }

  step(delta) {
    this.pause(false);
    this.setFrame(this.frame + delta);
    this.report();
  }

  goTo(f) {
    this.pause(false);
    this.setFrame(f);
    this.report();
  }

  // Tell Python which frame is on screen (debounced; only when it changed).
  report() {
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => {
      const d = this.data;
      if (!d || !this.setStateValue || this.frame === this.reported) return;
      this.reported = this.frame;
      this.setStateValue("view", { id: d.id, frame: this.frame });
    }, REPORT_DELAY_MS);
  }

  onClick(event) {
    const button = event.target.closest("button");
    if (!button || button.disabled || !this.data) return;
    switch (button.dataset.act) {
      case "first": this.goTo(0); break;
      case "back": this.step(-1); break;
      case "play": if (this.playing) this.pause(); else this.play(); break;
      case "forward": this.step(1); break;
      case "last": this.goTo(this.data.last); break;
      case "loop":
        this.loop = !this.loop;
        button.setAttribute("aria-pressed", String(this.loop));
        this.root.dataset.loop = this.loop ? "on" : "off";
        break;
      case "changes":
        this.showChanges = !this.showChanges;
        button.setAttribute("aria-pressed", String(this.showChanges));
        this.root.dataset.changes = this.showChanges ? "on" : "off";
        this.render();
        break;
      default: return;
    }
    // Keep keyboard focus on the player so space and arrows keep working.
    this.root.focus({ preventScroll: true });
  }

  onKey(event) {
    const t = event.target;
    if (!this.data || t.tagName === "SELECT") return;
    if (t.tagName === "BUTTON" && (event.key === " " || event.key === "Enter")) return;
    if (t === this.scrub && event.key !== " ") return; // the slider handles its own keys
    switch (event.key) {
      case " ": if (this.playing) this.pause(); else this.play(); break;
      case "ArrowRight": this.step(1); break;
      case "ArrowLeft": this.step(-1); break;
      case "Home": this.goTo(0); break;
      case "End": this.goTo(this.data.last); break;
      default: return;
    }
    event.preventDefault();
  }
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const root = parentElement.querySelector(".hp-root");
  if (!root || !data) return undefined;
  if (!root.hpPlayer) root.hpPlayer = new Player(root);
  const player = root.hpPlayer;
  player.setStateValue = setStateValue;
  player.load(data);
  return () => {
    player.destroy();
    delete root.hpPlayer;
  };
}
