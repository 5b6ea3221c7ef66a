-- Asobi hot-reload demo: one square per player in an 800 x 600 arena.
--
-- Try it: with a match running, change a value in the "edit me" block below and save the file. Every running
-- match re-runs this file within about 200 ms and the next match.state shows the change. Nobody is disconnected
-- and the players' positions are kept: they live in the match state, which a reload does not touch.
-- If you save a mistake (a syntax error, say), the server logs "lua hot reload failed" with the file and line and
-- keeps running the last good version until you fix it.

-- Mode shape: read when the server loads the mode. Changing these affects new matches only.
match_size = 1        -- one player is enough to start a match
max_players = 8       -- up to eight players can join it
strategy = "fill"     -- matchmaker: first come, first served

-- ---- edit me: these are read on every tick, so changes show up live ------------------------------------------
cube_color = "#e94560"                  -- colour of every player's square (any CSS colour)
cube_size = 40                          -- side of the square, in pixels
move_speed = 8                          -- pixels moved per input
bg_color = "#16213e"                    -- arena background (any CSS colour)
message = "Edit lua/match.lua and save!" -- text shown above the arena
-- --------------------------------------------------------------------------------------------------------------

local ARENA_W = 800
local ARENA_H = 600

local function clamp(value, low, high)
    if value < low then
        return low
    end
    if value > high then
        return high
    end
    return value
end

-- A new match: the state is a table the server keeps between calls (and across reloads).
function init(config)
    return { players = {}, ticks = 0 }
end

-- A player joins: put their square somewhere random. math.random is seeded per match, so replays match.
function join(player_id, state)
    state.players[player_id] = { x = math.random(100, 700), y = math.random(100, 500) }
    return state
end

function leave(player_id, state)
    state.players[player_id] = nil
    return state
end

-- Inputs come from the client as {left = true, right = false, up = false, down = true}.
function handle_input(player_id, input, state)
    local player = state.players[player_id]
    if player == nil then
        return state
    end
    if input.left == true then
        player.x = player.x - move_speed
    end
    if input.right == true then
        player.x = player.x + move_speed
    end
    if input.up == true then
        player.y = player.y - move_speed
    end
    if input.down == true then
        player.y = player.y + move_speed
    end
    player.x = clamp(player.x, 0, ARENA_W - cube_size)
    player.y = clamp(player.y, 0, ARENA_H - cube_size)
    return state
end

-- Ten times a second. Nothing to simulate here; just count.
function tick(state)
    state.ticks = state.ticks + 1
    return state
end

-- What every player receives as match.state, ten times a second. It reads the globals above on every call, which
-- is why an edit shows up on the next tick.
function get_state(player_id, state)
    return {
        players = state.players,
        cube_color = cube_color,
        cube_size = cube_size,
        bg_color = bg_color,
        message = message,
        arena_w = ARENA_W,
        arena_h = ARENA_H,
    }
end
