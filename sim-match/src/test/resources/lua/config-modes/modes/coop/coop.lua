local util = require("lib.util")

match_size = 4
max_players = 6
min_players = 0   -- clamped to 1
strategy = "something else"   -- anything but skill_based means fill

function init(config)
    return { greeting = util.greet(config.match_id), members = 0 }
end

function join(player_id, state)
    state.members = state.members + 1
    return state
end

function leave(player_id, state)
    state.members = state.members - 1
    return state
end

function handle_input(player_id, input, state)
    return state
end

function get_state(player_id, state)
    return { greeting = state.greeting, members = state.members, twice = util.twice(state.members) }
end
