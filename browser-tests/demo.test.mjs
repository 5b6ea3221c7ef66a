// Browser test of the hot-reload demo: Playwright (playwright-core) driving Debian's Chromium.
//   node demo.test.mjs <server-url> <path-of-the-running-match.lua>
// Playwright gives Chromium a fresh temporary profile. Opens the page, registers through the form, presses D and sees the player's cube move (in the state and on the
// canvas), edits cube_color in the Lua file and sees the new colour on the canvas, with one WebSocket throughout.
import { check, run } from "./harness.mjs";
import { readFileSync, writeFileSync } from "node:fs";

const [url, luaPath] = process.argv.slice(2);
if (!url || !luaPath) {
  console.error("usage: node demo.test.mjs <server-url> <match.lua>");
  process.exit(2);
}
await run(async ({ page, sockets }) => {

  await page.goto(url + "/");
  check(await page.title() === "Asobi JVM — hot-reload demo", "demo page served at /");

  const username = "pw_" + Math.random().toString(16).slice(2, 10);
  await page.fill("#username", username);
  await page.fill("#password", "browser-test-password");
  await page.click("#register");
  await page.waitForFunction(() => document.getElementById("status").dataset.state === "playing");
  await page.waitForFunction(() => window.asobiDemo.state && window.asobiDemo.state.players
      && window.asobiDemo.state.players[window.asobiDemo.playerId]);
  check(true, "registered through the form, matched, receiving match.state");

  const me = () => page.evaluate(() => {
    const s = window.asobiDemo.state;
    return { ...s.players[window.asobiDemo.playerId], color: s.cube_color, size: s.cube_size };
  });
  // The colour of the canvas pixel at the centre of the player's cube ((x, y) is its top-left corner), as "#rrggbb".
  const pixelAtCube = () => page.evaluate(() => {
    const s = window.asobiDemo.state, p = s.players[window.asobiDemo.playerId];
    const d = document.getElementById("arena").getContext("2d").getImageData(Math.round(p.x + s.cube_size / 2), Math.round(p.y + s.cube_size / 2), 1, 1).data;
    return "#" + [d[0], d[1], d[2]].map((v) => v.toString(16).padStart(2, "0")).join("");
  });

  const before = await me();
  await page.focus("#arena");
  await page.keyboard.down("KeyD");
  await page.waitForFunction((x0) => {
    const s = window.asobiDemo.state;
    const x = s.players[window.asobiDemo.playerId].x;
    return x > x0 + 10 || x >= s.arena_w - s.cube_size;
  }, before.x);
  await page.keyboard.up("KeyD");
  const after = await me();
  check(after.x > before.x, `pressing D moved the cube right (x ${before.x} -> ${after.x})`);
  check((await pixelAtCube()) === String(after.color).toLowerCase(), "the cube is drawn where the state says");

  const source = readFileSync(luaPath, "utf8");
  const colorLine = /^cube_color\s*=\s*"[^"]*"/m;
  check(colorLine.test(source), "match.lua has an editable cube_color global");
  const newColor = before.color.toLowerCase() === "#ff3366" ? "#33ff66" : "#ff3366";
  writeFileSync(luaPath, source.replace(colorLine, `cube_color = "${newColor}"`));
  await page.waitForFunction((c) => String(window.asobiDemo.state.cube_color).toLowerCase() === c, newColor);
  await page.waitForFunction((c) => {
    const s = window.asobiDemo.state, p = s.players[window.asobiDemo.playerId];
    const d = document.getElementById("arena").getContext("2d").getImageData(Math.round(p.x + s.cube_size / 2), Math.round(p.y + s.cube_size / 2), 1, 1).data;
    return "#" + [d[0], d[1], d[2]].map((v) => v.toString(16).padStart(2, "0")).join("") === c;
  }, newColor);
  check(true, `edited cube_color to ${newColor}: the canvas shows it`);
  const moved = await me();
  check(Math.abs(moved.x - after.x) < 1e-9 || moved.x >= after.x, "the cube kept its position across the reload");
  check(sockets.length === 1 && !sockets[0].isClosed(), "no reconnect: one WebSocket, still open");
  check(await page.evaluate(() => window.asobiDemo.socketOpens) === 1, "the page opened its socket once");
});
