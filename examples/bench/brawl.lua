-- A small but real 10-player Lua game for the tick benchmark: players move, push each other apart, collect coins.
match_size = 10
max_players = 10
tick_rate = 30
strategy = "fill"

local W, H, SPEED, RADIUS = 800, 600, 6, 16

function init(config)
  local coins = {}
  for i = 1, 20 do
    coins[i] = { x = math.random(0, W), y = math.random(0, H) }
  end
  return { players = {}, coins = coins, tick = 0 }
end

function join(player_id, state)
  state.players[player_id] = { x = math.random(0, W), y = math.random(0, H), dx = 0, dy = 0, score = 0 }
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
  for id, p in pairs(state.players) do
    for other, q in pairs(state.players) do
      if id < other then
        local dx, dy = q.x - p.x, q.y - p.y
        local d2 = dx * dx + dy * dy
        if d2 > 0 and d2 < (2 * RADIUS) ^ 2 then
          local d = math.sqrt(d2)
          local push = (2 * RADIUS - d) / 2
          p.x, p.y = p.x - dx / d * push, p.y - dy / d * push
          q.x, q.y = q.x + dx / d * push, q.y + dy / d * push
        end
      end
    end
    for _, c in ipairs(state.coins) do
      if (c.x - p.x) ^ 2 + (c.y - p.y) ^ 2 < RADIUS * RADIUS then
        p.score = p.score + 1
        c.x, c.y = math.random(0, W), math.random(0, H)
      end
    end
  end
  return state
end

function get_state(player_id, state)
  local players = {}
  for id, p in pairs(state.players) do
    players[id] = { x = math.floor(p.x), y = math.floor(p.y), score = p.score }
  end
  return { players = players, coins = state.coins, tick = state.tick, you = player_id }
end
