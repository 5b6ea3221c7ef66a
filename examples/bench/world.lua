-- The world of the 2,000-bot load run (bin/bench-world, `asobi load world`): one listed quick-play world of
-- 10 x 10 zones of 200 units at 20 Hz; bots send {dx, dy} (each in -1..1) and move SPEED units per input, so a
-- random walk carries them across zones. Two wandering NPCs per zone.
game_type = "world"
match_size = 1
max_players = 2500
grid_size = 10
zone_size = 200
view_radius = 1
tick_rate = 20
broadcast_interval = 3
listed = true
quick_play = true
wire_fields = { hp = "int" }

local SIZE = grid_size * zone_size
local SPEED = 10
local NPCS_PER_ZONE = 2

local function clamp(v, lo, hi)
  if v < lo then return lo elseif v > hi then return hi else return v end
end

function init(config)
  return { joined = 0 }
end

function spawn_templates(config)
  return { wanderer = { type = "npc", base_state = { hp = 10, vx = 1, vy = 0 } } }
end

function join(player_id, state)
  state.joined = state.joined + 1
  return state
end

function leave(player_id, state)
  return state
end

function spawn_position(player_id, state)
  return { x = math.random(0, SIZE - 1), y = math.random(0, SIZE - 1) }
end

function on_zone_loaded(cx, cy, state)
  return { cx = cx, cy = cy, spawned = false }, state
end

function zone_tick(entities, zs)
  if not zs.spawned then
    for i = 1, NPCS_PER_ZONE do
      local x = zs.cx * zone_size + math.random(20, zone_size - 20)
      local y = zs.cy * zone_size + math.random(20, zone_size - 20)
      game.zone.spawn("wanderer", x, y, { vx = math.random(-1, 1), vy = math.random(-1, 1) })
    end
    zs.spawned = true
  end
  for id, e in pairs(entities) do
    if e.type == "npc" then
      if math.random(1, 40) == 1 then
        e.vx, e.vy = math.random(-1, 1), math.random(-1, 1)
      end
      e.x = clamp(e.x + e.vx, 0, SIZE - 1)
      e.y = clamp(e.y + e.vy, 0, SIZE - 1)
    end
  end
  return entities, zs
end

function handle_input(player_id, input, entities)
  local p = entities[player_id]
  if p then
    local dx = clamp(tonumber(input.dx) or 0, -1, 1)
    local dy = clamp(tonumber(input.dy) or 0, -1, 1)
    p.x = clamp(p.x + dx * SPEED, 0, SIZE - 1)
    p.y = clamp(p.y + dy * SPEED, 0, SIZE - 1)
  end
  return entities
end
