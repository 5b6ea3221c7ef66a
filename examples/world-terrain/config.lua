-- A persistent world with streamed noise terrain, wandering deer and stalking wolves. Serve it with
--   bin/asobi serve --game-dir examples/world-terrain
-- and open http://127.0.0.1:8080/world.html (the demo page's world view; ?mode=world_terrain is the default).
return {
  world_terrain = "world_terrain.lua",
}
