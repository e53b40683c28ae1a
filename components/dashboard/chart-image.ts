/**
 * 导出图片: the chart's recharts SVG, serialized and drawn on a canvas under the chart's title (and
 * its legend, which recharts renders as HTML beside the SVG), on white, then downloaded as .png.
 * No dependency: XMLSerializer → Blob URL → Image → canvas.toBlob.
 */

const FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif';
const SCALE = 2;
const PAD = 16;
const TITLE_H = 36;
const LEGEND_H = 24;

interface LegendEntry {
  text: string;
  color: string;
}

function legendOf(container: HTMLElement): LegendEntry[] {
  return [...container.querySelectorAll<HTMLElement>('.recharts-legend-item')].map((item) => {
    const shape = item.querySelector<SVGElement>('path, rect, line, circle');
    const color =
      shape?.getAttribute('fill') && shape.getAttribute('fill') !== 'none'
        ? shape.getAttribute('fill')!
        : (shape?.getAttribute('stroke') ?? '#333');
    return { text: item.textContent?.trim() ?? '', color };
  });
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('图表图片生成失败'));
    img.src = url;
  });
}

function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function drawLegend(ctx: CanvasRenderingContext2D, legend: LegendEntry[], y: number) {
  ctx.font = `13px ${FONT}`;
  ctx.textBaseline = 'middle';
  let x = PAD;
  for (const entry of legend) {
    ctx.fillStyle = entry.color;
    ctx.fillRect(x, y - 5, 14, 10);
    ctx.fillStyle = '#333';
    ctx.fillText(entry.text, x + 20, y);
    x += 20 + ctx.measureText(entry.text).width + 20;
  }
}

/** Serializes the SVG with its size and a CJK-capable font, so it renders the same outside the page. */
function svgBlob(svg: SVGSVGElement, width: number, height: number): Blob {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('font-family', FONT);
  clone.style.fontFamily = FONT;
  clone.style.fontSize = '14px'; // the page's size (antd), which the ticks inherit there
  const xml = new XMLSerializer().serializeToString(clone);
  return new Blob([xml], { type: 'image/svg+xml;charset=utf-8' });
}

/** Draws the chart in `container` with its title (and the filters, `caption`) on white and downloads it as `fileName` (.png). */
export async function exportChartPng(
  container: HTMLElement,
  title: string,
  fileName: string,
  caption = '',
): Promise<void> {
  const svg = container.querySelector<SVGSVGElement>('svg.recharts-surface');
  if (!svg) throw new Error('没有可导出的图表');
  const box = svg.getBoundingClientRect();
  const width = Math.ceil(box.width);
  const height = Math.ceil(box.height);
  const legend = legendOf(container);
  const top = PAD + TITLE_H + (legend.length ? LEGEND_H : 0);

  const url = URL.createObjectURL(svgBlob(svg, width, height));
  try {
    const img = await loadImage(url);
    const canvas = document.createElement('canvas');
    canvas.width = (width + PAD * 2) * SCALE;
    canvas.height = (top + height + PAD) * SCALE;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('浏览器不支持图片导出');
    ctx.scale(SCALE, SCALE);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width + PAD * 2, top + height + PAD);
    ctx.fillStyle = '#1f1f1f';
    ctx.font = `bold 16px ${FONT}`;
    ctx.textBaseline = 'middle';
    ctx.fillText(title, PAD, PAD + TITLE_H / 2);
    if (caption) {
      const titleWidth = ctx.measureText(title).width;
      ctx.fillStyle = '#8c8c8c';
      ctx.font = `13px ${FONT}`;
      ctx.fillText(caption, PAD + titleWidth + 16, PAD + TITLE_H / 2);
    }
    if (legend.length) drawLegend(ctx, legend, PAD + TITLE_H + LEGEND_H / 2);
    ctx.drawImage(img, PAD, top, width, height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!png) throw new Error('图表图片生成失败');
    download(png, fileName);
  } finally {
    URL.revokeObjectURL(url);
  }
}
