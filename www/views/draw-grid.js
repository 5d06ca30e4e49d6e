// A grid canvas to draw one image on (ink = 1, paper = 0, like the built-in digits), and the
// scaling of image files onto that grid.

/** Draws pixels as ink (dark) on paper (white), one square per pixel, with faint grid lines. */
export function paintImage(canvas, pixels, side, height = side) {
  const ctx = canvas.getContext('2d');
  const w = canvas.width;
  const cw = w / side;
  const ch = canvas.height / height;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, canvas.height);
  for (let i = 0; i < side * height; i++) {
    const v = pixels[i];
    if (v <= 0) continue;
    const shade = Math.round(255 * (1 - Math.min(1, v)));
    ctx.fillStyle = `rgb(${shade} ${shade} ${shade})`;
    ctx.fillRect((i % side) * cw, Math.floor(i / side) * ch, Math.ceil(cw), Math.ceil(ch));
  }
}

/** The drawing surface: `onChange(pixels)` after every stroke segment. */
export class DrawGrid {
  constructor(canvas, { side = 8, onChange }) {
    this.canvas = canvas;
    this.onChange = onChange;
    this.drawing = false;
    this.erasing = false;
    this.setSide(side);
    canvas.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      this.drawing = true;
      this.erasing = e.button === 2 || e.shiftKey;
      canvas.setPointerCapture?.(e.pointerId);
      this.stroke(e);
    });
    canvas.addEventListener('pointermove', (e) => this.drawing && this.stroke(e));
    const stop = () => { this.drawing = false; };
    canvas.addEventListener('pointerup', stop);
    canvas.addEventListener('pointercancel', stop);
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  }

  /** Starts an empty `side × side` image. */
  setSide(side) {
    this.side = side;
    this.pixels = new Float32Array(side * side);
    this.canvas.width = 280;
    this.canvas.height = 280;
    this.draw();
  }

  /** Shows `pixels` (same side) for further drawing. */
  setPixels(pixels) {
    this.pixels = Float32Array.from(pixels);
    this.draw();
  }

  clear() {
    this.pixels.fill(0);
    this.draw();
    this.onChange(this.pixels);
  }

  /** Inks (or erases) a soft round brush about a sixth of the image wide at the pointer. */
  stroke(e) {
    const r = this.canvas.getBoundingClientRect();
    const cx = ((e.clientX - r.left) / r.width) * this.side;
    const cy = ((e.clientY - r.top) / r.height) * this.side;
    const radius = Math.max(0.75, this.side / 7);
    for (let y = Math.floor(cy - radius - 1); y <= cy + radius + 1; y++) {
      for (let x = Math.floor(cx - radius - 1); x <= cx + radius + 1; x++) {
        if (x < 0 || y < 0 || x >= this.side || y >= this.side) continue;
        const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
        const amount = Math.max(0, 1 - d / radius);
        if (amount <= 0) continue;
        const i = y * this.side + x;
        this.pixels[i] = this.erasing ? Math.max(0, this.pixels[i] - amount) : Math.min(1, this.pixels[i] + amount * 0.6);
      }
    }
    this.draw();
    this.onChange(this.pixels);
  }

  draw() {
    paintImage(this.canvas, this.pixels, this.side);
    const ctx = this.canvas.getContext('2d');
    ctx.strokeStyle = 'rgb(0 0 0 / 0.06)';
    ctx.lineWidth = 1;
    const step = this.canvas.width / this.side;
    ctx.beginPath();
    for (let k = 1; k < this.side; k++) {
      ctx.moveTo(k * step, 0); ctx.lineTo(k * step, this.canvas.height);
      ctx.moveTo(0, k * step); ctx.lineTo(this.canvas.width, k * step);
    }
    ctx.stroke();
  }
}

/**
 * An image file decoded by the browser and fitted (aspect kept, centred, on white) onto a
 * `side × side` canvas: its RGBA bytes, for the core to turn into pixels (`pixelsFromRgba`).
 */
export async function imageFileToRgba(file, side) {
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, side, side);
  const scale = Math.min(side / bitmap.width, side / bitmap.height);
  const w = bitmap.width * scale;
  const h = bitmap.height * scale;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, (side - w) / 2, (side - h) / 2, w, h);
  return new Uint8Array(ctx.getImageData(0, 0, side, side).data.buffer);
}
