-- Join rules from the script: players of team "red" are refused with a reason; after two players the match locks
-- itself with game.match.set_joinable(false).
match_size = 1
max_players = 3

function init(config)
  return { count = 0 }
end

function join(player_id, state, ctx)
  if ctx ~= nil and ctx.team == "red" then
    return nil, "no_red_team"
  end
  state.count = state.count + 1
  if state.count >= 2 then
    game.match.set_joinable(false)
  end
  return state
end

function leave(player_id, state)
  return state
end

function handle_input(player_id, input, state)
  return state
end

function tick(state)
  return state
end

function get_state(player_id, state)
  return { count = state.count }
end
