// Browser test of the demo page's world view (/world.html): Playwright (playwright-core) driving Debian's Chromium.
//   node world.test.mjs <server-url> [world-mode]
// The server serves examples/world-terrain. Registers through the form, joins a world, and checks that terrain
// chunks arrive, inflate and are drawn, that NPCs and the own entity appear, that pressing D walks right, that a
// click walks towards the clicked tile, and that the canvas shows terrain (not a blank fill). Bounded waits only.
// WORLD_SCREENSHOT=<file.png> saves a screenshot of the page at the end.
import { check, run } from "./harness.mjs";

const [url, mode] = process.argv.slice(2);
if (!url) {
  console.error("usage: node world.test.mjs <server-url> [world-mode]");
  process.exit(2);
}
await run(async ({ page, sockets }) => {

  await page.goto(url + "/");
  check(await page.locator("a[href='/world.html']").count() === 1, "the match demo links to the world view");
  await page.goto(url + "/world.html" + (mode ? "?mode=" + encodeURIComponent(mode) : ""));
  check(await page.title() === "Asobi JVM — world view", "world view served at /world.html");

  const username = "pw_" + Math.random().toString(16).slice(2, 10);
  await page.fill("#username", username);
  await page.fill("#password", "browser-test-password");
  await page.click("#register");
  await page.waitForFunction(() => document.getElementById("status").dataset.state === "playing");
  check(await page.evaluate(() => window.asobiWorld.info.mode) === (mode || "world_terrain"),
    "registered through the form and joined a world of the mode");

  const state = () => page.evaluate(() => {
    const w = window.asobiWorld;
    return { position: w.position, zonesHeld: w.zonesHeld, entityCount: w.entityCount, npcCount: w.npcCount,
             types: w.types, chunksHeld: w.chunksHeld, chunksDrawn: w.chunksDrawn, terrainFrames: w.terrainFrames,
             terrainErrors: w.terrainErrors, violations: w.violations, keyframes: w.keyframes,
             socketOpens: w.socketOpens, lastInput: w.lastInput };
  });

  await page.waitForFunction(() => window.asobiWorld.position !== null && window.asobiWorld.npcCount > 0);
  let s = await state();
  check(s.position !== null, `own entity received at (${s.position.x.toFixed(1)}, ${s.position.y.toFixed(1)})`);
  check(s.npcCount > 0 && ((s.types.deer || 0) + (s.types.wolf || 0)) > 0,
    `NPCs received: ${JSON.stringify(s.types)} in ${s.zonesHeld} zones`);

  // 1024 × 1024 tiles (16 × 16 chunks), radius 3 around the player's chunk: at least a 4 × 4 block near the middle.
  await page.waitForFunction(() => window.asobiWorld.chunksHeld >= 16 && window.asobiWorld.chunksDrawn >= 9);
  s = await state();
  check(s.terrainErrors === 0 && s.chunksHeld >= 16,
    `terrain chunks inflated: ${s.chunksHeld} held of ${s.terrainFrames} frames, none bad`);
  check(s.chunksDrawn >= 9, `terrain chunks drawn: ${s.chunksDrawn}`);

  // The canvas shows terrain: many distinct colours, most pixels not the background, the own marker in the middle.
  const pixels = await page.evaluate(() => {
    const c = document.getElementById("world");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    let background = 0, samples = 0;
    for (let i = 0; i < d.length; i += 4 * 7, samples++) {
      colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      if (d[i] === 5 && d[i + 1] === 7 && d[i + 2] === 10) background++;
    }
    const mid = c.getContext("2d").getImageData(c.width / 2, c.height / 2, 1, 1).data;
    return { colours: colours.size, samples, background,
             centre: "#" + [mid[0], mid[1], mid[2]].map((v) => v.toString(16).padStart(2, "0")).join("") };
  });
  check(pixels.colours >= 20, `canvas is not blank: ${pixels.colours} distinct colours sampled`);
  check(pixels.background < pixels.samples * 0.5, `terrain covers the view (${pixels.background} of ${pixels.samples} samples background)`);
  check(pixels.centre === "#ff3366", "own entity drawn at the centre of the view");

  // Keyboard: hold D, the own entity walks right; release, it stops.
  const x0 = s.position.x;
  await page.focus("#world");
  await page.keyboard.down("KeyD");
  await page.waitForFunction((x) => window.asobiWorld.position.x > x + 10 ||
    window.asobiWorld.position.x >= window.asobiWorld.info.grid_size * window.asobiWorld.info.zone_size - 1, x0);
  await page.keyboard.up("KeyD");
  s = await state();
  check(s.position.x > x0, `pressing D moved the own entity right (x ${x0.toFixed(1)} -> ${s.position.x.toFixed(1)})`);
  check(s.lastInput && s.lastInput.dx === 0 && s.lastInput.dy === 0, "releasing D sent {dx: 0, dy: 0}");
  await page.waitForTimeout(500);
  const xStopped = (await state()).position.x;
  await page.waitForTimeout(500);
  check((await state()).position.x === xStopped, "the own entity stopped after the key was released");

  // Click 60 pixels above the centre: 30 tiles north at 2 pixels a tile.
  const y0 = (await state()).position.y;
  await page.click("#world", { position: { x: 320, y: 260 } });
  await page.waitForFunction((y) => window.asobiWorld.position.y < y - 20, y0);
  s = await state();
  check(s.lastInput && typeof s.lastInput.ty === "number",
    `a click walks towards the tile (y ${y0.toFixed(1)} -> ${s.position.y.toFixed(1)})`);

  if (process.env.WORLD_SCREENSHOT) await page.screenshot({ path: process.env.WORLD_SCREENSHOT });
  check(s.violations.length === 0, "every delta was contiguous (no frame_seq gaps, no unknown updates)");
  check(sockets.length === 1 && !sockets[0].isClosed() && s.socketOpens === 1, "one WebSocket, still open");
});
