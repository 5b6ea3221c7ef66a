-- world_terrain: a persistent 8 x 8 zone world (1024 x 1024 tiles, one world unit = one tile) over seeded noise
-- terrain. Deer wander and flee players, wolves wander and stalk the nearest player of their zone (alert = true
-- while they do). Players steer with world.input {dx, dy} (a direction in -1..1 held until the next input; {0, 0}
-- stops) or {tx, ty} (walk to that tile). The terrain is streamed by the server as world.terrain, nearest chunk
-- first; this script only decides who stands where.
game_type = "world"
match_size = 64
max_players = 64

grid_size = 8
zone_size = 128
view_radius = 1
tick_rate = 10
broadcast_interval = 1
persistent = true        -- the world outlives its last player
player_ttl_ms = 30000    -- a dropped connection keeps its walker for 30 s
listed = true
quick_play = true

terrain = { kind = "noise", seed = 24, chunks_per_tick = 8 }   -- seed 24: grassland in the middle, lakes around

wire_fields = { hp = "int", alert = "boolean" }

WORLD_TILES = grid_size * zone_size
PLAYER_SPEED = 2.5       -- tiles per tick
DEER_SPEED = 0.6
WOLF_SPEED = 0.9
WOLF_SIGHT = 60
DEER_FEAR = 24

local function clamp(v, lo, hi)
  if v < lo then return lo elseif v > hi then return hi else return v end
end

local function inside(v)
  return clamp(v, 0, WORLD_TILES - 0.001)
end

function init(config)
  return { players = 0, joined = 0 }
end

function spawn_templates(config)
  return {
    deer = { type = "deer", base_state = { hp = 3, heading = 0, turn_in = 0 } },
    wolf = { type = "wolf", base_state = { hp = 8, heading = 0, turn_in = 0, alert = false } },
  }
end

-- Herd sizes per zone, decided once per world from its seed (math.random is the world's seeded generator).
function generate_world(seed, config)
  local zones = {}
  for zx = 0, config.grid_size - 1 do
    for zy = 0, config.grid_size - 1 do
      zones[zx .. "," .. zy] = { zx = zx, zy = zy, deer = math.random(2, 5), wolves = math.random(0, 2) }
    end
  end
  return zones
end

-- A zone without a generated state (none here unless generate_world is edited out): a small herd.
function on_zone_loaded(cx, cy, state)
  return { zx = cx, zy = cy, deer = 2, wolves = 0 }, state
end

function join(player_id, state)
  state.players = state.players + 1
  state.joined = state.joined + 1
  return state
end

function leave(player_id, state)
  state.players = math.max(0, state.players - 1)
  return state
end

-- Around the middle of the world, a little apart from each other.
function spawn_position(player_id, state)
  local mid = WORLD_TILES / 2
  return { x = mid + math.random(-24, 24), y = mid + math.random(-24, 24) }
end

local function populate(zs)
  local x0, y0 = zs.zx * zone_size, zs.zy * zone_size
  for i = 1, zs.deer or 0 do
    game.zone.spawn("deer", x0 + math.random(8, zone_size - 8), y0 + math.random(8, zone_size - 8),
      { heading = math.random() * 2 * math.pi })
  end
  for i = 1, zs.wolves or 0 do
    game.zone.spawn("wolf", x0 + math.random(8, zone_size - 8), y0 + math.random(8, zone_size - 8),
      { heading = math.random() * 2 * math.pi })
  end
  zs.spawned = true
end

local function wander(e, speed)
  e.turn_in = (e.turn_in or 0) - 1
  if e.turn_in <= 0 then
    e.heading = (e.heading or 0) + (math.random() - 0.5) * 2.0
    e.turn_in = math.random(10, 40)
  end
  local nx, ny = e.x + math.cos(e.heading) * speed, e.y + math.sin(e.heading) * speed
  if nx < 0 or nx >= WORLD_TILES or ny < 0 or ny >= WORLD_TILES then
    e.heading = e.heading + math.pi     -- turn back at the world's edge
    nx, ny = inside(nx), inside(ny)
  end
  e.x, e.y = nx, ny
end

local function step_towards(e, tx, ty, speed)
  local ddx, ddy = tx - e.x, ty - e.y
  local d = math.sqrt(ddx * ddx + ddy * ddy)
  if d <= speed then
    e.x, e.y = inside(tx), inside(ty)
    return true
  end
  e.x, e.y = inside(e.x + ddx / d * speed), inside(e.y + ddy / d * speed)
  return false
end

local function move_player(p)
  if p.tx then
    if step_towards(p, p.tx, p.ty, PLAYER_SPEED) then p.tx, p.ty = nil, nil end
  elseif (p.vx or 0) ~= 0 or (p.vy or 0) ~= 0 then
    local len = math.sqrt(p.vx * p.vx + p.vy * p.vy)
    p.x = inside(p.x + p.vx / len * PLAYER_SPEED)
    p.y = inside(p.y + p.vy / len * PLAYER_SPEED)
  end
end

function zone_tick(entities, zs)
  if not zs.spawned then populate(zs) end
  for id, e in pairs(entities) do
    if e.type == "player" then
      if e.hp == nil then e.hp = 10 end
      move_player(e)
    elseif e.type == "deer" then
      local near = game.spatial.nearest(entities, e.x, e.y, 1, { type = "player" })
      if near[1] and near[1].distance < DEER_FEAR then
        local p = near[1].entity
        e.heading = math.atan2(e.y - p.y, e.x - p.x)   -- flee
        e.turn_in = 10
        wander(e, DEER_SPEED * 2)
      else
        wander(e, DEER_SPEED)
      end
    elseif e.type == "wolf" then
      local near = game.spatial.nearest(entities, e.x, e.y, 1, { type = "player" })
      if near[1] and near[1].distance < WOLF_SIGHT then
        e.alert = true
        if near[1].distance > 6 then step_towards(e, near[1].entity.x, near[1].entity.y, WOLF_SPEED) end
      else
        e.alert = false
        wander(e, WOLF_SPEED * 0.5)
      end
    end
  end
  return entities, zs
end

function handle_input(player_id, input, entities)
  local p = entities[player_id]
  if not p then return entities end
  if tonumber(input.tx) and tonumber(input.ty) then
    p.tx, p.ty = inside(tonumber(input.tx)), inside(tonumber(input.ty))
    p.vx, p.vy = 0, 0
  elseif input.dx ~= nil or input.dy ~= nil then
    p.vx = clamp(tonumber(input.dx) or 0, -1, 1)
    p.vy = clamp(tonumber(input.dy) or 0, -1, 1)
    p.tx, p.ty = nil, nil
  end
  return entities
end
