// <sw2-playground>: the whole playground as one custom element, so any page can embed it
// (several per page). It assembles the panels and views around the public client API and
// exposes that same API on the element.

import { PUBLIC_OPERATIONS } from './api.js';
import { PlaygroundClient, whileShown } from './client.js';
import { h } from './dom.js';
import { BoundaryView } from './views/boundary-view.js';
import { Brush } from './views/brush.js';
import { dataPanel } from './panels/data-panel.js';
import { networkPanel } from './panels/network-panel.js';
import { metricsPanel } from './panels/metrics-panel.js';
import { programPanel } from './panels/program-panel.js';
import { promptPanel } from './panels/prompt-panel.js';
import { csvControls } from './panels/csv-controls.js';
import { versionsPanel } from './panels/versions-panel.js';
import { imageEditor } from './panels/image-editor.js';
import { wordEditor } from './panels/word-editor.js';
import { debugPanel } from './panels/debug-panel.js';
import { layerColour, paintValues } from './views/heatmap.js';
import { CLASS_RGB } from './palette.js';
import { Persistence } from './persistence.js';
import { applyEmbedding } from './embedding.js';
import { projectControls } from './panels/project-controls.js';
import { enginePanel } from './panels/engine-panel.js';
import { OriginOverlay } from './views/origin-overlay.js';
import { RuleOverlay } from './views/rule-overlay.js';
import { rulePanel } from './panels/rule-panel.js';
import { workbench } from './panels/workbench.js';

const STYLE_URL = new URL('./style.css', import.meta.url);

/**
 * The playground element. Attributes: `src` (a project file's URL, a `#project=` link, or a preset
 * to start from), `preset` (the dataset when nothing else is given, default `circle`),
 * `autosave-key` (where its work is kept; default the element's id) and `autosave="off"`.
 */
export class Sw2Playground extends HTMLElement {
  constructor() {
    super();
    this.client = new PlaygroundClient();
    for (const name of PUBLIC_OPERATIONS) this[name] = (...args) => this.client[name](...args);
    this.loadPreset = async (name, options = {}) => {
      await this.client.loadPreset(name, options);
      this.data.showPreset(name, options);
    };
    this.exportProject = () => this.client.exportProject({ page: this.pageState() });
    this.importProject = async (bytes) => this.applyPage(await this.client.importProject(bytes));
    this.exportLink = async () => `${location.href.split('#')[0]}${await this.client.exportLink({ page: this.pageState() })}`;
    this.importLink = async (link) => this.applyPage(await this.client.importLink(link));
    this.points = [];
    this.running = false;
    this.attachShadow({ mode: 'open' });
    this.build();
    this.embed();
    this.listen();
    this.persistence = new Persistence(this, this.client);
    /** Resolves when the worker and wasm are up and the first dataset is loaded. */
    this.ready = this.client.ready.then(() => this.start());
    this.ready.catch((e) => this.showMessage(e.message, 'error'));
  }

  /** `'webgpu'` or `'cpu'`: the backend running now. */
  get backend() {
    return this.client.backend;
  }

  /** What the page keeps beside the core, saved in project files: the class names and the rule. */
  pageState() {
    return { names: this.data.names(), rule: this.ruleText ?? null };
  }

  /** Takes the page's part of an opened project. */
  applyPage(page) {
    if (page && Array.isArray(page.names)) this.data.setNames(page.names.map(String));
    if (page && typeof page.rule === 'string') this.client.setRule(page.rule);
    return page;
  }

  /**
   * The client for a tool that works on every training call (`program`, `debug`): while the
   * embedding leaves that panel out, its events wait (see `whileShown`), so a lesson's script does
   * not pay for neuron maps and diagnoses nobody sees. The tools that draw on the canvas without
   * their panel (rule, engine) hear everything.
   */
  panelClient(name) {
    const { client, catchUp } = whileShown(this.client, () => !this.embedding || this.embedding.shown.has(name));
    (this.catchUps ||= []).push(catchUp);
    return client;
  }

  build() {
    const canvas = h('canvas', { class: 'boundary', tabindex: 0, 'aria-label': 'Dataset and decision boundary: click to add a point, drag to paint' });
    this.view = new BoundaryView(canvas);
    this.origins = new OriginOverlay(this.view);
    this.ruleOverlay = new RuleOverlay(this.view);
    this.brush = new Brush(this.view, { commit: (points) => this.edit(points), target: () => this.data.paintTarget() });
    const say = (text, kind) => this.showMessage(text, kind);
    this.csv = csvControls(this.client, say);
    this.images = imageEditor(this.client, say, { onDraw: () => this.program?.drawn(), onLabel: (c) => this.data.showClass(c) });
    this.images.element.hidden = true;
    this.wordList = wordEditor(this.client);
    this.wordList.element.hidden = true;
    this.canvasWrap = h('div', { class: 'canvas-wrap' }, canvas);
    this.project = projectControls(this, say);
    this.versionsPanel = versionsPanel(this.client, { showDiff: (d) => this.view.setDiff(d), message: say, originToggle: this.origins.toggle('colour points by author') });
    this.data = dataPanel({
      undo: () => this.act(() => this.client.undo()),
      redo: () => this.act(() => this.client.redo()),
      extra: [this.csv.element],
      loadPreset: (name, opts) => this.act(() => this.startDataset(name, opts)),
      setTestFraction: (f) => this.act(() => this.client.setTestFraction(f)),
      clear: () => this.act(async () => { await this.client.pause(); await this.client.clearData(); }),
      onTool: (t) => { this.brush.tool = t; canvas.dataset.tool = t; this.debug?.release(); },
      onTask: (task) => this.act(() => this.switchTask(task)),
      onNames: () => { this.persistence.changed(); this.rulePanel?.names(); },
      onClass: (c) => this.images.setLabel(c),
      originToggle: this.origins.toggle(),
      onBrush: ({ radius, density }) => { this.brush.radius = radius; this.brush.density = density; },
    });
    this.network = networkPanel((patch, error) => {
      if (error) return this.showMessage(error.message, 'error');
      this.act(async () => {
        this.metrics.clear();
        await this.client.configure(patch);
      }, () => this.client.config && this.network.show(this.client.config));
    });
    this.metrics = metricsPanel();
    this.rulePanel = rulePanel(this.client, { overlay: this.ruleOverlay, nameOf: (label) => this.data.nameOf(label), message: say });
    this.debug = debugPanel(this.panelClient('debug'), {
      view: this.view,
      brush: this.brush,
      wrap: this.canvasWrap,
      message: say,
      nameOf: (label) => this.data.nameOf(label),
      drawnPixels: () => this.images.drawnPixels(),
      originToggle: this.origins.toggle('colour points by author'),
      revealWord: (word) => this.wordList.reveal(word),
    });
    this.engine = enginePanel(this.client, {
      view: this.view, wrap: this.canvasWrap, message: say, nameOf: (label) => this.data.nameOf(label),
      imageData: () => Boolean(this.imageData), regression: () => this.data.task() === 'regression',
      presetName: () => this.data.presetName(),
    });
    const debugIntercept = this.brush.intercept;
    this.brush.intercept = (e, phase) => this.engine.intercept(e, phase) || Boolean(debugIntercept?.(e, phase));
    this.program = programPanel(this.panelClient('program'), {
      showUnit: (u) => this.view.setOverlay(u ? this.unitCanvas(u) : null),
      showStep: (step) => this.showStep(step),
      message: (text, kind) => this.showMessage(text, kind),
      images: { imageAt: (i) => this.images.imageAt(i), drawnPixels: () => this.images.drawnPixels(), nameOf: (l) => this.data.nameOf(l) },
    });
    this.prompt = promptPanel(this.panelClient('prompt'), { loadPrompts: () => this.act(() => this.client.loadPreset('prompts')) });
    this.trainButton = h('button', { type: 'button', class: 'primary', onclick: () => this.toggleTraining() }, '▶ Train');
    this.backendBadge = h('span', { class: 'badge', title: 'Where the tensor math runs' }, 'loading…');
    this.message = h('div', { class: 'message', role: 'alert', hidden: true });
    const transport = h('div', { class: 'transport' },
      this.trainButton,
      h('button', { type: 'button', onclick: () => this.act(() => this.client.train({ steps: 1 })) }, 'Step'),
      h('button', { type: 'button', onclick: () => this.act(async () => { this.metrics.clear(); this.metrics.show(await this.client.reset()); }) }, '↺ Reset'),
      this.backendBadge,
    );
    this.transport = transport;
    transport.insertBefore(this.metrics.readout, this.backendBadge);
    this.header = h('header', {},
      h('h1', {}, 'Software 2.0 Playground'),
      h('p', {}, 'Paint a dataset, press Train, and watch it compile into weights. To fix a mistake, add data — not code.'));
    this.projectPanel = h('section', { class: 'panel project-panel' }, this.project.element);
    this.leftColumn = h('div', { class: 'left-column' });
    this.stage = h('section', { class: 'stage' });
    this.layout = h('div', { class: 'layout' });
    this.workbench = workbench({
      parts: {
        data: this.data.element, network: this.network.element, program: this.program.element, prompt: this.prompt.element,
        debug: this.debug.element, engine: this.engine.element, rule: this.rulePanel.element, versions: this.versionsPanel.element, project: this.projectPanel,
      },
      key: () => this.persistence?.key ?? (this.getAttribute('autosave-key') || this.id || 'default'),
      remember: () => this.getAttribute('autosave') !== 'off',
      // A click on the canvas should not answer a closed tab's tool (why?, a slice being drawn).
      onLeave: (id) => { if (id === 'debug') this.debug.release(); },
    });
    this.app = h('div', { class: 'app' });
    this.shadowRoot.append(h('link', { rel: 'stylesheet', href: STYLE_URL.href }), this.app);
  }

  /**
   * Lays the panels out: the workbench (the stage beside the tools in tabs) for an element without
   * `panels`, else the panels one under the other, as an embedding page names them.
   */
  arrange(bench) {
    if (this.app.classList.contains('workbench') === bench && this.app.firstChild) return;
    this.app.classList.toggle('workbench', bench);
    this.layout.classList.toggle('workbench', bench);
    if (bench) {
      this.stage.replaceChildren(this.canvasWrap, this.images.element, this.wordList.element, this.transport, this.metrics.element);
      this.workbench.place();
      this.layout.replaceChildren(this.stage, this.workbench.element);
      this.app.replaceChildren(this.header, this.message, this.layout);
      this.workbench.restore();
    } else {
      this.leftColumn.replaceChildren(this.data.element, this.versionsPanel.element, this.projectPanel);
      this.stage.replaceChildren(this.canvasWrap, this.images.element, this.wordList.element, this.transport, this.metrics.element, this.rulePanel.element);
      this.layout.replaceChildren(this.leftColumn, this.stage, this.network.element);
      this.app.replaceChildren(this.header, this.message, this.layout, this.debug.element, this.engine.element, this.program.element, this.prompt.element);
    }
  }

  /** One unit's heatmap as a canvas, for the main view. */
  unitCanvas({ layer, unit, size }) {
    const name = layer.units[unit];
    const label = layer.kind === 'output' && name.startsWith('class ') ? Number(name.slice(6)) : null;
    const colour = layerColour(layer, label === null ? null : CLASS_RGB[label % CLASS_RGB.length]);
    return paintValues(document.createElement('canvas'), layer.values, unit * size * size, size, size, colour);
  }

  /** Shows the boundary as it was at a past `step` of the timeline (null: live again). */
  async showStep(step) {
    try {
      if (step === null) await this.client.call('refreshGrid');
      else this.view.setGrid(await this.client.boundary(48, { step }));
    } catch (e) {
      this.showMessage(e.message, 'error');
    }
  }

  /** Loads a preset from the data panel: a 2D one, the digits (all of them), or a blank image dataset. */
  async startDataset(name, opts) {
    this.drawingImages = name === 'draw-images';
    if (name === 'draw-images') {
      await this.client.pause();
      await this.client.clearData();
      this.showMessage('Draw an example, pick its class and press Add: each one becomes a line of the source code.', 'info');
    } else {
      await this.client.loadPreset(name, name === 'digits' ? { seed: opts.seed } : opts);
    }
    if (name === 'prompts' && this.layout.classList.contains('workbench') && this.workbench.selected !== 'prompt') {
      this.showMessage('The prompt model is loaded, trained: the same weights run eight string programs, and the prompt picks which.', 'info',
        { actions: [['Write a prompt', () => this.workbench.select('prompt')]] });
    }
    if (name === 'names' && this.layout.classList.contains('workbench') && this.workbench.selected !== 'program') {
      this.showMessage('The names are loaded: the list is the source code. Press Train and watch the program learn to write names.', 'info',
        { actions: [['See what it writes', () => this.workbench.select('program')]] });
    }
  }

  /**
   * Switches the 2D editor between classes and values (regression). Points of the other kind
   * cannot be mixed in, so the canvas starts empty, as one undoable step.
   */
  async switchTask(task) {
    this.metrics.setTask(task);
    const kept = this.points.length > 0 && (this.points[0].value !== undefined) === (task === 'regression');
    if (this.imageData || !this.points.length || kept) return;
    await this.client.pause();
    await this.client.clearData();
    const what = task === 'regression' ? 'Paint points that carry a value (pick it with the slider), or load the wave or hill preset.' : 'Paint points of a class.';
    this.showMessage(`${what} Your previous points are one undo (Ctrl+Z) away.`, 'info');
  }

  /** Swaps the 2D canvas for the image editor or the word editor (and back), unless the embedding hides them. */
  showImageEditor(on) {
    this.imageEditorOn = on;
    const canvas = !this.embedding || this.embedding.shown.has('canvas');
    this.canvasWrap.hidden = on || Boolean(this.wordData) || !canvas;
    this.images.element.hidden = !on || !canvas;
    this.wordList.element.hidden = !this.wordData || !canvas;
  }

  static get observedAttributes() {
    return ['panels', 'locked'];
  }

  attributeChangedCallback() {
    this.embed();
  }

  /** Applies the `panels` and `locked` attributes (see `embedding.js`). */
  embed() {
    this.arrange(!this.hasAttribute('panels'));
    this.embedding = applyEmbedding(this, {
      parts: {
        data: [this.data.element], versions: [this.versionsPanel.element], project: [this.projectPanel],
        title: [this.header], canvas: [], train: [this.transport], metrics: [this.metrics.element], rule: [this.rulePanel.element],
        network: [this.network.element],
        debug: [this.debug.element], engine: [this.engine.element], program: [this.program.element], prompt: [this.prompt.element],
      },
      columns: { layout: this.layout, left: this.leftColumn },
      network: this.network,
      data: this.data,
      warn: (text) => this.showMessage(text, 'warning'),
    });
    for (const catchUp of this.catchUps) catchUp(); // a panel shown now hears what it missed
    this.rulePanel.lock(this.embedding.locked.has('data'), 'Locked on this page: the data stays as it is here.');
    this.wordList.lock(this.embedding.locked.has('data'), 'Locked on this page: the data stays as it is here.');
    this.showImageEditor(Boolean(this.imageEditorOn));
  }

  /** Editor shortcuts while focus is inside this playground (several may share a page). */
  shortcut(e) {
    const target = e.composedPath()[0];
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (this.data.locked) return;
    if (mod && key === 'z') this.act(() => (e.shiftKey ? this.client.redo() : this.client.undo()));
    else if (mod && key === 'y') this.act(() => this.client.redo());
    else if (!mod && key === 'a') this.data.setTool('add');
    else if (!mod && key === 'e') this.data.setTool('erase');
    else if (!mod && key === 'r') this.data.setTool('relabel');
    else if (!mod && /^[0-9]$/.test(key)) this.data.pickClass(Number(key));
    else return;
    e.preventDefault();
  }

  listen() {
    const c = this.client;
    this.addEventListener('keydown', (e) => this.shortcut(e));
    // A project file dropped anywhere on the playground opens it.
    const projectFile = (e) => [...(e.dataTransfer?.files || [])].find((f) => f.name.endsWith('.sw2'));
    this.addEventListener('dragover', (e) => { if ([...(e.dataTransfer?.items || [])].some((i) => i.kind === 'file')) e.preventDefault(); });
    this.addEventListener('drop', (e) => {
      const file = projectFile(e);
      if (!file) return;
      e.preventDefault();
      this.project.open(file);
    });
    c.addEventListener('data', (e) => {
      const { data, testMask } = e.detail;
      this.wordData = Boolean(data.words || data.lines);
      this.imageData = !this.wordData && (Boolean(data.images) || (this.drawingImages && !(data.points || []).length));
      this.showImageEditor(this.imageData);
      if (this.imageData) this.images.show(data.images || [], testMask);
      this.program.setTwoD(!this.imageData);
      const kind = this.wordData ? 'words' : this.imageData ? 'images' : 'points';
      this.program.setWords(this.wordData);
      this.workbench.hideTools(this.wordData ? ['engine', 'rule'] : []); // they read points or images
      this.prompt.setActive(this.wordData);
      this.prompt.setKind(data.lines ? 'lines' : 'words');
      this.data.setKind(kind);
      this.network.setKind(kind);
      this.data.showUndo(e.detail);
      this.points = data.points || [];
      if (this.points.length) this.data.setTask(e.detail.task);
      this.metrics.setTask(this.data.task());
      this.view.setPoints(this.points, testMask, e.detail.valueRange);
      this.data.showData(data.points || data.images || data.words || data.lines, e.detail.classCounts || [], data.testFraction, e.detail.valueRange, testMask, e.detail.balance);
      if (!this.points.length) this.drawGrid(null);
      this.refreshMetrics();
      this.client.blame().then((b) => { this.data.showBlame(b); this.origins.setOrigins(b.origins); }, () => this.data.showBlame(null));
    });
    c.addEventListener('boundary', (e) => this.drawGrid(e.detail));
    c.addEventListener('progress', (e) => {
      if (this.imageData && performance.now() - (this.lastAccuracy || 0) > 1000) {
        this.lastAccuracy = performance.now();
        this.images.refreshAccuracy();
        this.images.predictLive();
      }
      this.metrics.show(e.detail);
      this.showBackend(e.detail.backend);
      this.dispatchEvent(new CustomEvent('progress', { detail: e.detail }));
    });
    c.addEventListener('training', (e) => {
      this.running = e.detail.running;
      this.trainButton.textContent = this.running ? '❚❚ Pause' : '▶ Train';
      this.trainButton.setAttribute('aria-pressed', String(this.running));
      if (!this.running && this.imageData) {
        this.images.refreshAccuracy();
        this.images.predictLive();
      }
      // A new run answers the divergence advice (if it diverges again, the advice comes back at once).
      if (this.running) this.hideMessage(this.divergedAdvice);
    });
    c.addEventListener('diverged', (e) => {
      this.divergedAdvice = e.detail.message;
      this.showMessage(e.detail.message, 'warning');
      this.dispatchEvent(new CustomEvent('diverged', { detail: e.detail }));
    });
    c.addEventListener('config', (e) => {
      this.hideMessage(this.divergedAdvice); // new flags, fresh weights: the advice was followed
      this.network.show(e.detail.config);
      this.showBackend(e.detail.backend);
    });
    c.addEventListener('weights', () => this.refreshMetrics());
    c.addEventListener('rule', (e) => { this.ruleText = e.detail.rule ? e.detail.rule.text : null; this.persistence.changed(); });
    for (const type of ['job', 'engine', 'weights', 'versions', 'rule', 'data']) c.addEventListener(type, (e) => this.dispatchEvent(new CustomEvent(type, { detail: e.detail })));
    c.addEventListener('restarted', () => this.showMessage('The engine hit an internal error and restarted; your data is kept.', 'warning'));
  }

  /**
   * Draws the latest boundary grid in the next animation frame, not in the worker's message: the
   * answer to a script's `train()` call, queued right behind it, is read at once, and a grid that a
   * newer one replaced before the frame is never drawn. `null` clears the grid now.
   */
  drawGrid(grid) {
    this.nextGrid = grid;
    if (!grid) this.view.setGrid(null);
    else this.gridFrame ||= requestAnimationFrame(() => {
      this.gridFrame = 0;
      if (this.nextGrid && this.program.viewStep === null) this.view.setGrid(this.nextGrid);
    });
  }

  async start() {
    this.network.show(this.client.config);
    this.showBackend(this.client.backend);
    await this.persistence.start();
  }

  /**
   * Sends an edited point list. The local copy changes at once, so quick clicks and eraser drags
   * build on each other; on rejection the view is redrawn from the core's dataset.
   */
  edit(points) {
    if (this.data.locked) {
      this.showMessage('The data is locked on this page.', 'info');
      this.view.setPoints(this.points, this.view.testMask, this.view.range);
      return;
    }
    if (this.imageData) {
      this.showMessage('This is an image dataset: load a 2D preset (or clear it) to paint points.', 'info');
      return;
    }
    this.points = points;
    const op = points.length
      ? () => this.client.setData({ points, origin: 'hand' })
      : async () => { await this.client.pause(); await this.client.clearData(); };
    this.act(op, async () => {
      const { data, testMask, valueRange } = await this.client.dataView();
      this.points = data.points || [];
      this.view.setPoints(this.points, testMask, valueRange);
    });
  }

  async refreshMetrics() {
    if (this.running || !(this.points.length || this.wordData)) return;
    try {
      this.metrics.show(await this.client.evaluate());
    } catch {
      // no training split yet
    }
  }

  toggleTraining() {
    if (this.running) this.client.pause();
    else this.act(() => this.client.train());
  }

  /** Runs a UI action; a rejection becomes a visible message (and `onError` restores the view). */
  async act(fn, onError) {
    try {
      await fn();
    } catch (e) {
      this.showMessage(e.message, 'error');
      if (onError) onError();
    }
  }

  showBackend(backend) {
    this.backendBadge.textContent = backend === 'webgpu' ? 'WebGPU' : 'CPU · wasm';
    this.backendBadge.dataset.backend = backend;
  }

  /**
   * Tells the person something; it fades after 10 s unless `sticky`. `actions` are
   * `[label, onclick]` buttons offered with it (each also dismisses the message).
   */
  showMessage(text, kind = 'info', { sticky = false, actions = [] } = {}) {
    const dismiss = () => { this.message.hidden = true; };
    this.message.hidden = false;
    this.message.dataset.kind = kind;
    this.message.replaceChildren(h('span', {}, text),
      ...actions.map(([label, run]) => h('button', { type: 'button', class: 'small', onclick: () => { dismiss(); run(); } }, label)),
      h('button', { type: 'button', class: 'close', 'aria-label': 'Dismiss', onclick: dismiss }, '×'));
    clearTimeout(this.messageTimer);
    if (!sticky) this.messageTimer = setTimeout(dismiss, 10000);
  }

  /** Hides the message if it still says `text` (a later message is left alone). */
  hideMessage(text) {
    if (text && !this.message.hidden && this.message.firstChild?.textContent === text) this.message.hidden = true;
  }

  connectedCallback() {
    clearTimeout(this.removal);
  }

  /**
   * A removed element stops its worker (its wasm heap and any training go with it). An element
   * moved in the DOM is disconnected and reconnected in the same task, so the check waits a turn.
   */
  disconnectedCallback() {
    clearTimeout(this.removal);
    this.removal = setTimeout(async () => {
      if (this.isConnected) return;
      await this.persistence.flush().catch(() => {}); // the work is kept for the next visit
      if (this.isConnected) return;
      this.persistence.autosave.stop();
      this.client.terminate();
    }, 0);
  }
}

customElements.define('sw2-playground', Sw2Playground);
