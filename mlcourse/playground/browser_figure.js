// The browser half of mlcourse.playground.browser_figure.BrowserFigure: a still picture from the
// kernel, and the marks the kernel sends on every move, drawn over it. Every number comes from
// the kernel; this file only maps data coordinates to pixels (linear or log, as each panel's
// axes) and draws. When the kernel has sent frames for every value of a slider, a move of that
// slider draws its frame at once, without waiting for the kernel. After each drawing the
// element dispatches a bubbling "mlcourse-frame" event from the next animation frame (the one
// that shows it).

const SVG = "http://www.w3.org/2000/svg";
const FAR = 1e5; // pixels: coordinates beyond this are clamped (SVG numbers stay sane)

function typed(view, Type) {
  // A copy: the buffer's offset inside its message need not be a multiple of the item size.
  if (view instanceof Type) return view;
  const start = view.byteOffset;
  return new Type(view.buffer.slice(start, start + view.byteLength));
}

const floats = (view) => typed(view, Float32Array);

function bytes(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function axisMap(limits, scale, origin, length, flip) {
  const log = scale === "log";
  const f = log ? Math.log10 : (v) => v;
  const low = f(limits[0]);
  const span = f(limits[1]) - low;
  return (value) => {
    if (!Number.isFinite(value) || (log && value <= 0)) return NaN;
    const t = (f(value) - low) / span;
    const px = flip ? origin + length * (1 - t) : origin + length * t;
    return Math.max(-FAR, Math.min(FAR, px));
  };
}

function panelMaps(panel) {
  const [left, top, width, height] = panel.box;
  return {
    x: axisMap(panel.x, panel.xscale, left, width, false),
    y: axisMap(panel.y, panel.yscale, top, height, true),
  };
}

function svgNode(name, attributes) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

function pathData(xs, ys, map, dotsOnly) {
  // "M x y L x y …", a new sub-path after every point that cannot be drawn; for dots, one
  // zero-length segment per point (drawn with round caps).
  const parts = [];
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const px = map.x(xs[i]);
    const py = map.y(ys[i]);
    if (Number.isNaN(px) || Number.isNaN(py)) {
      pen = false;
      continue;
    }
    const point = `${px.toFixed(2)} ${py.toFixed(2)}`;
    if (dotsOnly) parts.push(`M${point}h0`);
    else {
      parts.push(pen ? `L${point}` : `M${point}`);
      pen = true;
    }
  }
  return parts.join("");
}

function drawLine(layer, mark, map, clip) {
  const xs = floats(mark.x);
  const ys = floats(mark.y);
  const group = svgNode("g", { "clip-path": `url(#${clip})`, "data-mark": mark.name });
  if (mark.width > 0) {
    group.appendChild(
      svgNode("path", {
        class: "mlcourse-mark-line",
        d: pathData(xs, ys, map, false),
        fill: "none",
        stroke: mark.color,
        "stroke-width": mark.width,
        "stroke-linejoin": "round",
      }),
    );
  }
  if (mark.dots > 0) {
    group.appendChild(
      svgNode("path", {
        class: "mlcourse-mark-dots",
        d: pathData(xs, ys, map, true),
        stroke: mark.color,
        "stroke-width": mark.dots,
        "stroke-linecap": "round",
      }),
    );
  }
  layer.appendChild(group);
}

function drawPoints(layer, mark, map, clip) {
  const xs = floats(mark.x);
  const ys = floats(mark.y);
  const groups = bytes(mark.groups);
  const group = svgNode("g", { "clip-path": `url(#${clip})`, "data-mark": mark.name });
  mark.colors.forEach((color, index) => {
    const selected = [];
    const selectedY = [];
    for (let i = 0; i < groups.length; i++) {
      if (groups[i] === index) {
        selected.push(xs[i]);
        selectedY.push(ys[i]);
      }
    }
    const d = pathData(selected, selectedY, map, true);
    // A dark disc under a smaller coloured one: an edge that shows on any background.
    group.appendChild(
      svgNode("path", { d, stroke: "#222", "stroke-width": mark.size, "stroke-linecap": "round" }),
    );
    group.appendChild(
      svgNode("path", {
        d,
        class: "mlcourse-mark-points",
        "data-group": index,
        stroke: mark.hollow ? "white" : color,
        "stroke-width": mark.size - 2,
        "stroke-linecap": "round",
      }),
    );
  });
  layer.appendChild(group);
}

function drawText(layer, mark, panel) {
  const [left, top, width, height] = panel.box;
  const x = left + mark.at[0] * width;
  const y = top + (1 - mark.at[1]) * height;
  const group = svgNode("g", { "data-mark": mark.name });
  const box = svgNode("rect", { fill: "white", "fill-opacity": 0.8, stroke: "black" });
  const text = svgNode("text", {
    x: x + 4,
    y: y + 4,
    "font-size": "11px",
    "font-family": "DejaVu Sans, Verdana, sans-serif",
    "dominant-baseline": "hanging",
  });
  mark.text.split("\n").forEach((line, index) => {
    const span = svgNode("tspan", { x: x + 4, dy: index === 0 ? 0 : "1.25em" });
    span.textContent = line;
    text.appendChild(span);
  });
  group.appendChild(box);
  group.appendChild(text);
  layer.appendChild(group);
  const bounds = text.getBBox();
  box.setAttribute("x", bounds.x - 4);
  box.setAttribute("y", bounds.y - 3);
  box.setAttribute("width", bounds.width + 8);
  box.setAttribute("height", bounds.height + 6);
}

function drawImage(context, mark, map) {
  const image = new ImageData(
    new Uint8ClampedArray(bytes(mark.rgba)),
    mark.columns,
    mark.rows,
  );
  const grid = document.createElement("canvas");
  grid.width = mark.columns;
  grid.height = mark.rows;
  grid.getContext("2d").putImageData(image, 0, 0);
  const [x0, x1, y0, y1] = mark.extent;
  const left = map.x(x0);
  const top = map.y(y1);
  context.imageSmoothingEnabled = false;
  context.drawImage(grid, left, top, map.x(x1) - left, map.y(y0) - top);
}

function frameAt(frames, value) {
  // The marks of the frame whose slider value matches `value` to within a millionth, or null.
  if (!frames.values || typeof value !== "number") return null;
  const values = typed(frames.values, Float64Array);
  let index = -1;
  for (let i = 0; i < values.length; i++) {
    if (Math.abs(values[i] - value) <= 1e-6 * Math.abs(value)) index = i;
  }
  if (index < 0) return null;
  const marks = {};
  for (const [name, mark] of Object.entries(frames.marks)) {
    if (mark.kind === "text") {
      marks[name] = { ...mark, text: mark.texts[index] };
    } else {
      const offsets = typed(mark.offsets, Int32Array);
      const xs = floats(mark.x);
      const ys = floats(mark.y);
      const part = [offsets[index], offsets[index + 1]];
      marks[name] = { ...mark, x: xs.subarray(...part), y: ys.subarray(...part) };
    }
  }
  return marks;
}

function render({ model, el }) {
  el.classList.add("mlcourse-browser-figure");
  const root = document.createElement("div");
  root.style.position = "relative";
  const picture = document.createElement("img");
  picture.alt = "";
  const canvas = document.createElement("canvas");
  const svg = svgNode("svg", {});
  for (const layer of [picture, canvas, svg]) {
    layer.style.position = "absolute";
    layer.style.left = "0";
    layer.style.top = "0";
    layer.style.pointerEvents = "none";
    root.appendChild(layer);
  }
  // The picture carries the layout; the layers above it take its size.
  picture.style.position = "relative";
  el.appendChild(root);
  const id = `mlcourse-${Math.random().toString(36).slice(2)}`;
  let pictureUrl = null;
  let pending = false;
  let control = null;
  let controlRef = null;
  let unpacked = null; // the frames, decoded once per message

  function setBackground() {
    const width = model.get("width");
    const height = model.get("height");
    for (const layer of [picture, canvas, svg]) {
      layer.style.width = `${width}px`;
      layer.style.height = `${height}px`;
    }
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    const scale = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const png = model.get("background");
    if (pictureUrl) URL.revokeObjectURL(pictureUrl);
    pictureUrl = png.byteLength ? URL.createObjectURL(new Blob([png], { type: "image/png" })) : null;
    if (pictureUrl) picture.src = pictureUrl;
  }

  function currentFrame() {
    if (!control || unpacked.version !== model.get("version")) return null;
    return frameAt(unpacked, control.get("value"));
  }

  function draw() {
    const panels = model.get("panels");
    const frame = currentFrame();
    const marks = { ...model.get("marks"), ...frame };
    el.dataset.drawnFrom = frame ? "frames" : "marks";
    const scale = canvas.width / Math.max(model.get("width"), 1);
    const context = canvas.getContext("2d");
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.setTransform(scale, 0, 0, scale, 0, 0);
    svg.replaceChildren();
    const defs = svgNode("defs", {});
    svg.appendChild(defs);
    panels.forEach((panel, index) => {
      const [left, top, width, height] = panel.box;
      const clip = svgNode("clipPath", { id: `${id}-${index}` });
      clip.appendChild(svgNode("rect", { x: left, y: top, width, height }));
      defs.appendChild(clip);
      const layer = svgNode("g", {
        class: "mlcourse-panel",
        "data-panel": index,
        "data-box": panel.box.join(" "),
        "data-x": panel.x.join(" "),
        "data-y": panel.y.join(" "),
        "data-xscale": panel.xscale,
        "data-yscale": panel.yscale,
      });
      svg.appendChild(layer);
    });
    const layers = svg.querySelectorAll("g.mlcourse-panel");
    for (const [name, mark] of Object.entries(marks)) {
      const panel = panels[mark.panel];
      if (!panel) continue;
      const map = panelMaps(panel);
      const clip = `${id}-${mark.panel}`;
      const withName = { ...mark, name };
      if (mark.kind === "line") drawLine(layers[mark.panel], withName, map, clip);
      else if (mark.kind === "points") drawPoints(layers[mark.panel], withName, map, clip);
      else if (mark.kind === "text") drawText(layers[mark.panel], withName, panel);
      else if (mark.kind === "image") {
        context.save();
        const [left, top, width, height] = panel.box;
        context.beginPath();
        context.rect(left, top, width, height);
        context.clip();
        drawImage(context, mark, map);
        context.restore();
      }
    }
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        el.dispatchEvent(new CustomEvent("mlcourse-frame", { bubbles: true }));
      });
    }
  }

  function unpackFrames() {
    // Decode the frames' arrays once, not on every move of the slider.
    const frames = model.get("frames");
    unpacked = { ...frames };
    if (frames.values) {
      unpacked.values = typed(frames.values, Float64Array);
      unpacked.marks = {};
      for (const [name, mark] of Object.entries(frames.marks)) {
        unpacked.marks[name] =
          mark.kind === "text"
            ? mark
            : {
                ...mark,
                x: floats(mark.x),
                y: floats(mark.y),
                offsets: typed(mark.offsets, Int32Array),
              };
      }
    }
    const ref = frames.control || null;
    if (ref !== controlRef) {
      controlRef = ref;
      if (control) control.off("change:value", draw);
      control = null;
      if (ref && model.widget_manager) {
        model.widget_manager.get_model(ref.replace("IPY_MODEL_", "")).then((found) => {
          if (controlRef !== ref) return;
          control = found;
          control.on("change:value", draw);
          draw();
        });
      }
    }
  }

  setBackground();
  unpackFrames();
  draw();
  const redrawAll = () => {
    setBackground();
    draw();
  };
  const newFrames = () => {
    unpackFrames();
    draw();
  };
  model.on("change:background", redrawAll);
  model.on("change:panels", draw);
  model.on("change:marks", draw);
  model.on("change:version", draw);
  model.on("change:frames", newFrames);
  return () => {
    model.off("change:background", redrawAll);
    model.off("change:panels", draw);
    model.off("change:marks", draw);
    model.off("change:version", draw);
    model.off("change:frames", newFrames);
    if (control) control.off("change:value", draw);
    if (pictureUrl) URL.revokeObjectURL(pictureUrl);
  };
}

export default { render };
