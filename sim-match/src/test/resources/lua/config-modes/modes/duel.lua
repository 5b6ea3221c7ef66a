match_size = 2
max_players = 2
strategy = "skill_based"
skill_window = 50
skill_expand_rate = 5
tick_rate = 20
state_strategy = "shared"
listed = false
quick_play = false

-- Further scalar globals reach init(config) through ModeConfig.extra.
arena_name = "pit"
gravity = 9.5
rounds = 3
hardcore = true
_private = "not config"
loadout = { "sword" }   -- not a scalar: not config

local secret = "locals are not globals"

function init(config)
    return { config = config, scores = {} }
end

function join(player_id, state)
    state.scores[player_id] = 0
    return state
end

function leave(player_id, state)
    state.scores[player_id] = nil
    return state
end

function handle_input(player_id, input, state)
    state.scores[player_id] = state.scores[player_id] + (input.points or 0)
    return state
end

function get_state(state)
    return { scores = state.scores, arena = state.config.arena_name, rounds = state.config.rounds }
end
