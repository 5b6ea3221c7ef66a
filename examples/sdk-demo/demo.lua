-- The `demo` mode every Asobi SDK smoke test runs against (sdk_demo_backend): two players, an 800x600 arena,
-- inputs {move_x, move_y} set a direction, each tick (10 Hz) moves by SPEED; the match ends after 60 s.
-- party.lua reuses this file with other sizes.
match_size = 2
max_players = 2
strategy = "fill"

SPEED = 4
W, H = 800, 600
DURATION_TICKS = 600

function init(config)
  return { players = {}, tick = 0 }
end

function join(player_id, state)
  state.players[player_id] = { x = 100 + math.random(0, 200), y = 100 + math.random(0, 200), dx = 0, dy = 0 }
  return state
end

function leave(player_id, state)
  state.players[player_id] = nil
  return state
end

local function clamp(v, lo, hi)
  if v < lo then return lo elseif v > hi then return hi else return v end
end

function handle_input(player_id, input, state)
  local p = state.players[player_id]
  if p then
    p.dx = clamp(tonumber(input.move_x) or 0, -1, 1)
    p.dy = clamp(tonumber(input.move_y) or 0, -1, 1)
  end
  return state
end

function tick(state)
  state.tick = state.tick + 1
  for _, p in pairs(state.players) do
    p.x = clamp(p.x + p.dx * SPEED, 0, W)
    p.y = clamp(p.y + p.dy * SPEED, 0, H)
  end
  if state.tick >= DURATION_TICKS then
    state._finished = true
    state._result = { status = "time_up", ticks = state.tick }
  end
  return state
end

function get_state(player_id, state)
  local players = {}
  for id, p in pairs(state.players) do
    players[id] = { x = p.x, y = p.y }
  end
  return { players = players, tick = state.tick }
end
