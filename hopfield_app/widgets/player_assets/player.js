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
const ENERGY_B_COLOUR = "#b45309"; // the second run's energy when comparing
const DASH_B = [7, 5]; // the second run's curves are dashed
const SPEEDS = [1, 2, 5, 10, 15, 20, 30, 60];
// Default speed: the whole run in about this many seconds (a lecturer can talk
// over it), within these frame rates.
const WHOLE_RUN_S = 4;
const AUTO_FPS = [2, 60];
const SPEED_STORE = "hopfield-player.speed"; // the user's choice, kept for this tab
const REPORT_DELAY_MS = 150; // steps in quick succession are reported once
const MAX_DT_MS = 250; // after a hidden tab, do not jump ahead by seconds

function decodeBase64(text) {
  const bin = atob(text || "");
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// The packed frames of a run sent as its first frame plus the units that flip
// (hopfield_app/widgets/frame_coding.py): records of varint(1) + a packed
// frame, or varint(2k) + k varint gaps between flipped unit indices.
function decodeFlips(bytes, count, stride) {
  const frames = new Uint8Array(count * stride);
  let p = 0;
  const varint = () => {
    let value = 0;
    let scale = 1;
    let byte;
    do {
      byte = bytes[p++];
      value += (byte & 127) * scale;
      scale *= 128;
    } while (byte & 128);
    return value;
  };
  for (let f = 0; f < count; f++) {
    const off = f * stride;
    const head = varint();
    if (head === 1) {
      frames.set(bytes.subarray(p, p + stride), off);
      p += stride;
      continue;
    }
    frames.copyWithin(off, off - stride, off);
    let unit = -1;
    for (let k = head / 2; k > 0; k--) {
      unit += varint() + 1;
      frames[off + (unit >> 3)] ^= 128 >> (unit & 7);
    }
  }
  return frames;
}

// A run's frames as sent (see player.py): flips-coded bits or raw grey bytes.
function decodeRun(run, count) {
  const bytes = decodeBase64(run.frames);
  return run.kind === "bits" ? decodeFlips(bytes, count, run.stride) : bytes;
}

// why.js, if the page has it: run once, in its own scope, so an error in it
// leaves the player working.
function loadWhy() {
  if (window.HopfieldWhy || !WHY_SOURCE) return;
  try {
    new Function(WHY_SOURCE)(); // eslint-disable-line no-new-func
  } catch (err) {
    console.error("why.js failed to load", err);
  }
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
    this.help = q("player-help-panel");
    this.canvasB = q("player-canvas-b");
    this.picB = root.querySelector(".hp-pic-b");
    this.titleA = q("player-title-a");
    this.titleB = q("player-title-b");
    this.cells = root.querySelectorAll(".hp-cell");
    this.planeCanvas = q("player-plane");
    this.planeBlock = root.querySelector(".hp-plane-block");
    this.whyPanel = q("player-why");
    this.tabs = root.querySelectorAll(".hp-tab");
    this.second = "plane"; // with a plane: show it (else the overlap curves)
    this.selected = null; // the unit the user selected in the picture
    this.helpButton = q("player-help");
    this.stepButtons = root.querySelectorAll(".hp-btn");

    this.data = null;
    this.frame = 0;
    this.playing = false;
    this.loop = false;
    this.showChanges = true;
    this.fps = 10;
    this.raf = 0;
    this.lastTime = null;
    this.acc = 0;
    this.reported = null;
    this.reportTimer = 0;
    this.setStateValue = null;
    this.charts = null;

    this.onClick = this.onClick.bind(this);
    this.tick = this.tick.bind(this);
    this.layout = this.layout.bind(this);
    root.addEventListener("click", this.onClick);
    const claim = () => { KEYS.active = this; };
    root.addEventListener("pointerdown", claim, true);
    root.addEventListener("focusin", claim);
    // A click on a picture selects a unit; arrows and Enter do it from the keyboard.
    for (const c of [this.canvas, this.canvasB]) {
      c.addEventListener("pointerdown", (event) => this.selectAt(c, event));
    }
    this.canvas.addEventListener("keydown", (event) => this.onCanvasKey(event));
    KEYS.players.add(this);
    this.scrub.addEventListener("input", () => {
      this.pause(false); // dragging the slider takes over from playback
      this.setFrame(Number(this.scrub.value));
    });
    this.scrub.addEventListener("change", () => {
      this.report();
      this.root.focus({ preventScroll: true });
    });
    this.speed.addEventListener("change", () => {
      this.chooseSpeed(this.speed.value);
      try { window.sessionStorage.setItem(SPEED_STORE, this.speed.value); } catch (e) { /* off */ }
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
    KEYS.players.delete(this);
    if (KEYS.active === this) KEYS.active = null;
  }

  // ---- data ------------------------------------------------------------

  load(data) {
    if (this.data && this.data.id === data.id) { // same run: keep the view
      const planeChanged = JSON.stringify(data.plane) !== JSON.stringify(this.data.plane);
      this.data.why = data.why;
      this.data.plane = data.plane;
      if (planeChanged) this.layout();
      else this.render();
      return;
    }
    this.stopLoop();
    this.playing = false;
    clearTimeout(this.reportTimer); // a report pending for the run this one replaces
    const t0 = performance.now();
    const d = { ...data, frames: decodeRun(data, data.frames_count ?? data.count) };
    if (data.compare) d.b = { ...data.compare, frames: decodeRun(data.compare, data.compare.count) };
    this.root.dataset.decodeMs = (performance.now() - t0).toFixed(1);
    // what this run cost on the wire (read by the browser tests)
    this.root.dataset.payloadBytes = String(JSON.stringify(data).length);
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
    this.picB.hidden = !d.b;
    this.titleA.hidden = !d.b;
    if (d.b) {
      this.canvasB.width = d.cols;
      this.canvasB.height = d.rows;
      this.ctxB = this.canvasB.getContext("2d");
      this.imageB = this.ctxB.createImageData(d.cols, d.rows);
      this.pixelsB = new Uint32Array(this.imageB.data.buffer);
      [this.titleA.textContent, this.titleB.textContent] = d.titles;
    }
    this.selected = null;
    this.root.dataset.unit = "";
    if (d.why) loadWhy();
    this.whyPanel.hidden = !d.why;
    this.planeImage = null;

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
    this.reported = `${start}:null`;
    this.frame = start;
    this.charts = null;
    this.layout();
    this.setFrame(start);
    if (d.autoplay && d.last > 0) this.play();
    else this.showPlaying();
    // A new run takes the keyboard: Space now plays or pauses it (and does not
    // press the Run button again), wherever the focus was, unless in a field.
    KEYS.active = this;
    let focused = document.activeElement;
    while (focused && focused.shadowRoot && focused.shadowRoot.activeElement) {
      focused = focused.shadowRoot.activeElement;
    }
    if (!usesKeys(focused)) this.root.focus({ preventScroll: true });
  }

  // Speeds: the whole run in ~4 s (default), one sweep (or step) per second, or a
  // frame rate. The user's choice is kept for the tab, so it survives new runs.
  buildSpeeds(initial) {
    const d = this.data;
    const unit = d.time_unit || "sweep";
    const fixed = SPEEDS.includes(initial) ? SPEEDS : [...SPEEDS, initial].filter(Number.isFinite)
      .sort((a, b) => a - b);
    const options = [["run", `run in ${WHOLE_RUN_S} s`], ["sweep", `1 ${unit}/s`],
      ...fixed.map((s) => [String(s), `${s} fps`])];
    this.speed.replaceChildren(
      ...options.map(([value, label]) => {
        const o = document.createElement("option");
        o.value = value;
        o.textContent = label;
        return o;
      }),
    );
    let stored = null;
    try { stored = window.sessionStorage.getItem(SPEED_STORE); } catch (e) { /* storage off */ }
    const known = (v) => options.some(([value]) => value === v);
    this.chooseSpeed(known(stored) ? stored : known(String(initial)) ? String(initial) : "run");
  }

  // Frames per second for a speed option on this run.
  fpsFor(choice) {
    const d = this.data;
    const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi);
    if (choice === "run") return Math.round(clamp(d.last / WHOLE_RUN_S, AUTO_FPS[0], AUTO_FPS[1]));
    if (choice === "sweep") {
      const span = (d.sweeps[d.last] ?? d.last) - (d.sweeps[0] ?? 0);
      return clamp(span > 0 ? d.last / span : 1, 0.25, 120);
    }
    return Number(choice) || 30;
  }

  chooseSpeed(choice) {
    this.speed.value = choice;
    this.root.dataset.speed = choice;
    this.setFps(this.fpsFor(choice));
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

  // The product of the CSS zoom of the player and its ancestors (presenter mode).
  cssZoom() {
    let zoom = 1;
    // up through the shadow root the component lives in, to the page's element
    for (let el = this.root; el; el = el.parentElement || el.getRootNode().host) {
      zoom *= parseFloat(getComputedStyle(el).zoom) || 1;
    }
    return zoom;
  }

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
    // A short window (a 720-px projector zoomed to 125 %) leaves less height per part.
    // Presenter mode zooms the player: its own CSS pixels are then fewer than the
    // window's, and the window is "short" in them (the notes shrink, the picture keeps
    // its share of the screen).
    const zoom = this.cssZoom();
    const viewH = window.innerHeight / zoom;
    const short = viewH < 650;
    this.root.classList.toggle("hp-short", short);
    const heightShare = narrow ? 0.45 : short && zoom === 1 ? 0.4 : 0.56;
    const pics = d.b ? 2 : 1; // two pictures side by side when comparing
    const box = Math.min(Math.floor((narrow ? width : width * (d.b ? 0.58 : 0.5)) / pics) - 12,
      Math.max(d.b ? 160 : 220, Math.min(640, Math.round(viewH * heightShare))));
    const side = Math.max(d.rows, d.cols);
    const scale = Math.floor((box * dpr) / side);
    const unitCss = scale >= 1 ? scale / dpr : box / side;
    this.unitCss = unitCss;
    const cssW = d.cols * unitCss;
    const cssH = d.rows * unitCss;
    for (const c of [this.canvas, this.canvasB]) {
      c.style.width = `${cssW}px`;
      c.style.height = `${cssH}px`;
    }
    this.placeCell();

    // The picture's key wraps under the picture(s); the charts take the rest.
    const stageW = pics * cssW + (pics - 1) * 12;
    this.canvas.closest(".hp-stage").style.width = narrow ? "" : `${stageW}px`;
    const sideW = this.energyCanvas.parentElement.clientWidth
      || (narrow ? width : Math.max(240, width - stageW - 24));
    // Beside the picture the charts take about its height; under it, a fixed height.
    // The overlap plane shares the overlap chart's place: "m(t)" or "plane" tabs.
    const plane = d.plane && d.hasOverlaps;
    const showPlane = plane && this.second === "plane";
    this.planeBlock.hidden = !showPlane;
    this.overlapCanvas.hidden = showPlane;
    this.legend.hidden = showPlane; // the plane names its two memories itself
    this.root.classList.toggle("hp-has-plane", Boolean(plane));
    for (const tab of this.tabs) {
      tab.hidden = !plane;
      tab.setAttribute("aria-pressed", String(tab.dataset.act === `show-${this.second}`));
    }
    const room = narrow ? 430 : Math.max(cssH + 40, short ? 300 : 360);
    const share = d.hasOverlaps ? [0.42, 0.58] : [1, 0];
    const usable = room - (d.hasOverlaps ? 90 : 40);
    this.sizeChart(this.energyCanvas, sideW, Math.max(plane ? 100 : short ? 110 : 150, Math.round(usable * share[0]) - (plane ? 20 : 0)), dpr);
    if (d.hasOverlaps) {
      this.sizeChart(this.overlapCanvas, sideW, Math.max(plane ? 130 : short ? 140 : 190, Math.round(usable * share[1])), dpr);
    }
    // Both charts share one left margin so their markers line up.
    const energies = d.b ? [d.energies, d.b.energies] : [d.energies];
    const overlaps = d.b ? [...d.overlaps, ...d.b.overlaps] : d.overlaps;
    const fewTicks = (c) => (c.cssH < 170 ? 3 : 5);
    const energyAxis = this.yAxis(energies.flat(), null, fewTicks(this.energyCanvas));
    const overlapAxis = d.hasOverlaps
      ? this.yAxis(overlaps.flat(), [-1, 1], fewTicks(this.overlapCanvas)) : null;
    const left = 14 + Math.max(energyAxis.width, overlapAxis ? overlapAxis.width : 0);
    const p = d.overlaps.length;
    const dashes = (count) => Array.from({ length: count }, (_, j) => (j >= count / 2 ? DASH_B : null));
    this.charts = {
      energy: this.drawStaticChart(this.energyCanvas, energies,
        d.b ? [ENERGY_COLOUR, ENERGY_B_COLOUR] : [ENERGY_COLOUR], energyAxis, left,
        d.b ? [null, DASH_B] : null),
      overlap: d.hasOverlaps
        ? this.drawStaticChart(this.overlapCanvas, overlaps,
          d.b ? [...d.colours, ...d.colours] : d.colours, overlapAxis, left,
          d.b ? dashes(2 * p) : null)
        : null,
      plane: null,
    };
    if (plane) {
      // its title and note take the room of the curves' axis title
      this.sizeChart(this.planeCanvas, sideW, Math.max(140, Math.round(usable * share[1]) - 40), dpr);
      this.charts.plane = this.drawPlane(left);
    }
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
  yAxis(values, domain, most = 5) {
    const [y0, y1] = domain || finiteRange(values);
    // At most five labelled ticks (three on a short chart): more crowd it.
    let ticks = niceTicks(y0, y1, most - 1);
    for (let n = most - 2; ticks.length > most && n >= 1; n--) ticks = niceTicks(y0, y1, n);
    const labels = ticks.map((t) => fmtTick(t, ticks.decimals));
    const g = this.energyCanvas.getContext("2d");
    g.font = this.chartFont();
    const width = Math.max(...labels.map((t) => g.measureText(t).width));
    return { y0, y1, ticks, labels, width, zeroLine: Boolean(domain) };
  }

  // An offscreen canvas the size of ``canvas``, drawn in CSS pixels.
  offscreenLayer(canvas) {
    const layer = document.createElement("canvas");
    layer.width = canvas.width;
    layer.height = canvas.height;
    const g = layer.getContext("2d");
    g.setTransform(canvas.dpr, 0, 0, canvas.dpr, 0, 0);
    return { layer, g };
  }

  // The curves, axes and ticks go to an offscreen canvas once per layout; each
  // frame then copies it and draws only the marker.
  drawStaticChart(canvas, series, colours, axis, left, dashes = null) {
    const d = this.data;
    const w = canvas.cssW;
    const h = canvas.cssH;
    const { layer, g } = this.offscreenLayer(canvas);
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
      g.setLineDash((dashes && dashes[j]) || []);
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
    g.setLineDash([]);
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

  // The picture of one run at timeline frame f: its own frame run.index[f].
  drawState(run, f, px, ctx, image) {
    const n = this.data.n;
    const own = (k) => (run.index ? run.index[k] : k);
    const fa = own(f);
    const fp = f > 0 ? own(f - 1) : fa;
    const frames = run.frames;
    // The last frame is the punchline: the recalled picture is shown clean.
    const changes = this.showChanges && fp !== fa && f < this.data.last;
    if (run.kind === "bits") {
      const off = fa * run.stride;
      const prev = fp * run.stride;
      for (let i = 0; i < n; i++) {
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
      const off = fa * n;
      const prev = fp * n;
      for (let i = 0; i < n; i++) {
        const grey = frames[off + i];
        const ink = grey < 128;
        if (changes && (frames[prev + i] < 128) !== ink) {
          px[i] = ink ? TURNED_ON : TURNED_OFF;
        } else {
          px[i] = GREY[grey];
        }
      }
    }
    ctx.putImageData(image, 0, 0);
  }

  render() {
    const d = this.data;
    if (!d) return;
    const f = this.frame;
    this.drawState(d, f, this.pixels, this.ctx, this.image);
    if (d.b) this.drawState(d.b, f, this.pixelsB, this.ctxB, this.imageB);
    if (this.charts) {
      this.drawMarker(this.charts.energy);
      if (this.charts.overlap) this.drawMarker(this.charts.overlap);
      if (this.charts.plane) this.drawPlaneMarker(this.charts.plane);
    }
    let text = `frame ${f} / ${d.last} \u00b7 ${d.time_unit || "sweep"} ${fmtSweep(d.sweeps[f])}`;
    if (f === d.last && d.stopped) {
      text += d.b ? ` \u00b7 ${d.stopped} / ${d.b.stopped} (dashed)` : ` \u00b7 ${d.stopped}`;
    }
    this.counter.textContent = text;
    this.energyValue.textContent = d.b
      ? `E = ${fmt(d.energies[f])} / ${fmt(d.b.energies[f])} (dashed)`
      : `E = ${fmt(d.energies[f])}`;
    if (d.hasOverlaps) {
      let best = -1;
      let bestValue = -Infinity;
      this.legendValues.forEach(({ item, value, j }, k) => {
        const m = d.overlaps[j][f];
        const mb = d.b ? d.b.overlaps[j][f] : null;
        value.textContent = (m === null ? "\u2013" : fmtTick(m, 2))
          + (d.b ? ` / ${mb === null ? "\u2013" : fmtTick(mb, 2)}` : "");
        item.classList.remove("hp-best");
        if (m !== null && Math.abs(m) > bestValue) { bestValue = Math.abs(m); best = k; }
      });
      if (best >= 0) this.legendValues[best].item.classList.add("hp-best");
    }
    this.renderWhy();
  }

  // ---- the overlap plane -------------------------------------------------

  // Background image over the extent, the path (m_a, m_b) of each run, axes.
  drawPlane(left) {
    const d = this.data;
    const pl = d.plane;
    const canvas = this.planeCanvas;
    const w = canvas.cssW;
    const h = canvas.cssH;
    const { layer, g } = this.offscreenLayer(canvas);
    const style = getComputedStyle(this.root);
    g.font = this.chartFont();
    const [x0, x1, y0, y1] = pl.extent;
    const box = { left, right: w - 14, top: 10, bottom: h - 26 };
    const X = (x) => box.left + ((x - x0) / (x1 - x0)) * (box.right - box.left);
    const Y = (y) => box.bottom - ((y - y0) / (y1 - y0)) * (box.bottom - box.top);
    if (pl.surface_png) {
      if (!this.planeImage || this.planeImage.src !== pl.surface_png) {
        this.planeImage = new Image();
        this.planeImage.onload = () => this.layout();
        this.planeImage.src = pl.surface_png;
      } else if (this.planeImage.complete) {
        g.imageSmoothingEnabled = false;
        g.drawImage(this.planeImage, box.left, box.top, box.right - box.left, box.bottom - box.top);
      }
    }
    g.strokeStyle = style.getPropertyValue("--hp-border").trim() || "#d5d8de";
    g.strokeRect(box.left, box.top, box.right - box.left, box.bottom - box.top);
    g.fillStyle = style.color;
    g.textAlign = "right";
    g.textBaseline = "middle";
    for (const t of niceTicks(y0, y1, 2)) g.fillText(fmtTick(t, 1), box.left - 8, Y(t));
    g.textAlign = "center";
    g.textBaseline = "top";
    for (const t of niceTicks(x0, x1, 4)) g.fillText(fmtTick(t, 1), X(t), box.bottom + 4);
    const paths = [[d.overlaps[pl.a], d.overlaps[pl.b]]];
    if (d.b) paths.push([d.b.overlaps[pl.a], d.b.overlaps[pl.b]]);
    g.lineWidth = 2.5;
    g.lineJoin = "round";
    paths.forEach(([xs, ys], k) => {
      g.strokeStyle = k ? ENERGY_B_COLOUR : ENERGY_COLOUR;
      g.setLineDash(k ? DASH_B : []);
      g.beginPath();
      xs.forEach((x, i) => {
        if (x === null || ys[i] === null) return;
        if (i === 0) g.moveTo(X(x), Y(ys[i])); else g.lineTo(X(x), Y(ys[i]));
      });
      g.stroke();
    });
    g.setLineDash([]);
    this.root.querySelector('[data-testid="player-plane-title"]').textContent =
      `The run in the plane of ${pl.x_label} (across) and ${pl.y_label} (up)`;
    this.root.querySelector('[data-testid="player-plane-note"]').textContent = pl.note || "";
    // A short window hides the note (see player.css); the plane keeps it as a tooltip.
    this.planeBlock.title = pl.note || "";
    return { canvas, layer, X, Y, paths };
  }

  drawPlaneMarker(chart) {
    const { canvas, layer, X, Y, paths } = chart;
    const g = canvas.getContext("2d");
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, canvas.width, canvas.height);
    g.drawImage(layer, 0, 0);
    g.setTransform(canvas.dpr, 0, 0, canvas.dpr, 0, 0);
    paths.forEach(([xs, ys], k) => {
      const x = xs[this.frame];
      const y = ys[this.frame];
      if (x === null || y === null) return;
      g.fillStyle = k ? ENERGY_B_COLOUR : MARKER_COLOUR;
      g.strokeStyle = "#ffffff";
      g.lineWidth = 2;
      g.beginPath();
      g.arc(X(x), Y(y), 7, 0, 2 * Math.PI);
      g.fill();
      g.stroke();
    });
  }

  // ---- the selected unit and the "why" panel ------------------------------

  selectAt(canvas, event) {
    const d = this.data;
    if (!d) return;
    const rect = canvas.getBoundingClientRect();
    const col = Math.floor(((event.clientX - rect.left) / rect.width) * d.cols);
    const row = Math.floor(((event.clientY - rect.top) / rect.height) * d.rows);
    if (col < 0 || row < 0 || col >= d.cols || row >= d.rows) return;
    const unit = row * d.cols + col;
    this.select(unit === this.selected ? null : unit); // a second click lets go
    this.report();
  }

  select(unit) {
    this.selected = unit;
    this.root.dataset.unit = unit === null ? "" : String(unit);
    this.placeCell();
    this.renderWhy();
  }

  // The outline of the selected unit over each picture.
  placeCell() {
    const d = this.data;
    for (const cell of this.cells) {
      cell.hidden = !d || this.selected === null;
      if (cell.hidden) continue;
      const u = this.unitCss;
      cell.style.left = `${(this.selected % d.cols) * u - 2}px`;
      cell.style.top = `${Math.floor(this.selected / d.cols) * u - 2}px`;
      cell.style.width = `${u + 4}px`;
      cell.style.height = `${u + 4}px`;
    }
  }

  // Arrows move the selection over the focused picture; Enter reports it.
  onCanvasKey(event) {
    const d = this.data;
    if (!d || event.ctrlKey || event.metaKey || event.altKey) return;
    const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    const unit = this.selected ?? Math.floor(d.rows / 2) * d.cols + Math.floor(d.cols / 2);
    if (moves[event.key]) {
      const [dr, dc] = moves[event.key];
      const row = Math.min(Math.max(Math.floor(unit / d.cols) + dr, 0), d.rows - 1);
      const col = Math.min(Math.max((unit % d.cols) + dc, 0), d.cols - 1);
      this.select(row * d.cols + col);
    } else if (event.key === "Enter") {
      this.select(unit);
      this.report();
    } else if (event.key === "Escape" && this.selected !== null) {
      this.select(null);
      this.report();
    } else if (!this.handleKey(event.key)) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  // The states of run A's frame on screen: +-1 (bits) or the grey values in [-1, 1].
  unitStates() {
    const d = this.data;
    const fa = d.index ? d.index[this.frame] : this.frame;
    if (d.kind === "bits") {
      const out = new Int8Array(d.n);
      const off = fa * d.stride;
      for (let i = 0; i < d.n; i++) out[i] = (d.frames[off + (i >> 3)] >> (7 - (i & 7))) & 1 ? 1 : -1;
      return out;
    }
    const out = new Float32Array(d.n);
    for (let i = 0; i < d.n; i++) out[i] = 1 - d.frames[fa * d.n + i] / 127.5;
    return out;
  }

  renderWhy() {
    const d = this.data;
    if (!d || !d.why || !window.HopfieldWhy) return;
    const fa = d.index ? d.index[this.frame] : this.frame;
    try {
      window.HopfieldWhy.render(this.whyPanel, d.why, fa, this.selected, this.unitStates());
    } catch (err) {
      console.error("HopfieldWhy.render failed", err);
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
    this.root.dataset.fps = String(+fps.toFixed(2));
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
      const said = `${this.frame}:${this.selected}`;
      if (!d || !this.setStateValue || said === this.reported) return;
      this.reported = said;
      this.setStateValue("view", { id: d.id, frame: this.frame, unit: this.selected });
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
      case "help": this.toggleHelp(); break;
      case "show-plane": case "show-overlap":
        this.second = button.dataset.act.slice(5);
        this.layout();
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

  // A key pressed anywhere on the page (see onPageKey); true when it was used.
  // Clickers send PageDown / PageUp (and B for "blank"): next plays or pauses,
  // previous steps back. R, N, P and F are for the page: reported as an action.
  handleKey(key) {
    const d = this.data;
    switch (key) {
      case " ": case "PageDown": case "b": case "B": case ".":
        if (this.playing) this.pause(); else this.play();
        break;
      case "ArrowRight": this.step(1); break;
      case "ArrowLeft": case "PageUp": this.step(-1); break;
      case "Home": this.goTo(0); break;
      case "End": this.goTo(d.last); break;
      case "r": case "R": this.act("run"); break;
      case "n": case "N": this.act("next"); break;
      case "p": case "P": this.act("previous"); break;
      case "f": case "F": this.act("presenter"); break;
      case "?": this.toggleHelp(); break;
      case "Escape":
        if (this.help.hidden) return false;
        this.toggleHelp(false);
        break;
      default: return false;
    }
    return true;
  }

  // Something the page does (run again, next or previous demo, presenter mode).
  act(name) {
    this.pause(false);
    this.root.dataset.action = name;
    if (this.setTriggerValue) this.setTriggerValue("action", name);
  }

  toggleHelp(show = this.help.hidden) {
    this.help.hidden = !show;
    this.helpButton.setAttribute("aria-expanded", String(show));
  }
}

// ---- keys on the whole page ---------------------------------------------
// One listener for the page (installed once, even if this module is loaded
// again), acting on the player used last: the one that got a new run or was
// clicked or focused most recently.
const KEYS = (window.hopfieldPlayerKeys = window.hopfieldPlayerKeys || {
  players: new Set(), active: null, swallowKeyUp: false, installed: false,
});

// Elements that use keys themselves: text fields, selects, sliders, tabs...
const OWN_KEY_ROLES = new Set(["textbox", "searchbox", "combobox", "spinbutton", "listbox",
  "option", "menu", "menuitem", "slider", "tab", "radio", "checkbox", "switch", "grid"]);
function usesKeys(el) {
  if (!el || !el.tagName) return false;
  if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
  if (el.tagName === "INPUT") return !["button", "submit", "reset", "image"].includes(el.type);
  return OWN_KEY_ROLES.has(el.getAttribute("role"));
}

function currentPlayer() {
  const live = (pl) => pl && pl.root.isConnected && pl.data;
  if (live(KEYS.active)) return KEYS.active;
  let found = null;
  for (const pl of KEYS.players) if (live(pl)) found = pl;
  return found;
}

function onPageKey(event) {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  const player = currentPlayer();
  if (!player) return;
  const target = event.composedPath()[0];
  const inPlayer = player.root.contains(target);
  // The player's own slider keeps its arrows; its own buttons keep Space and Enter.
  if (usesKeys(target) && !(target === player.scrub && event.key === " ")) return;
  if (inPlayer && target.tagName === "BUTTON" && (event.key === " " || event.key === "Enter")) return;
  if (!player.handleKey(event.key)) return;
  event.preventDefault();
  event.stopPropagation();
  // A focused button elsewhere (Run) would take Space's key-up as a click.
  KEYS.swallowKeyUp = event.key === " ";
}

function onPageKeyUp(event) {
  if (event.key === " " && KEYS.swallowKeyUp) {
    KEYS.swallowKeyUp = false;
    event.preventDefault();
    event.stopPropagation();
  }
}

if (!KEYS.installed) {
  KEYS.installed = true;
  // Capture on window: before the page's own shortcuts (Streamlit's R reruns).
  window.addEventListener("keydown", (e) => onPageKey(e), true);
  window.addEventListener("keyup", (e) => onPageKeyUp(e), true);
}

export default function (component) {
  const { data, parentElement, setStateValue, setTriggerValue } = component;
  const root = parentElement.querySelector(".hp-root");
  if (!root || !data) return undefined;
  if (!root.hpPlayer) root.hpPlayer = new Player(root);
  const player = root.hpPlayer;
  player.setStateValue = setStateValue;
  player.setTriggerValue = setTriggerValue;
  player.load(data);
  return () => {
    player.destroy();
    delete root.hpPlayer;
  };
}
