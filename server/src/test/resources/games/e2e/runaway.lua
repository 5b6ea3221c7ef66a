-- A mode whose input handler can be made to loop forever: the budget must cut it off while the match ticks on.
match_size = 1
max_players = 4

function init(config)
  return { ticks = 0, inputs = 0 }
end

function join(player_id, state)
  return state
end

function leave(player_id, state)
  return state
end

function handle_input(player_id, input, state)
  state.inputs = state.inputs + 1
  if input.loop then
    while true do end
  end
  if input.pcall_loop then
    while true do pcall(function() while true do end end) end
  end
  return state
end

function tick(state)
  state.ticks = state.ticks + 1
  return state
end

function get_state(player_id, state)
  return { ticks = state.ticks, inputs = state.inputs }
end
