-- A one-player mode that talks to its player and ends: game.broadcast at tick 3, game.send at tick 4, finished at
-- tick 6 with a result.
match_size = 1
max_players = 1
tick_rate = 20

function init(config)
  return { ticks = 0, match_id = config.match_id }
end

function join(player_id, state)
  state.player = player_id
  return state
end

function leave(player_id, state)
  return state
end

function handle_input(player_id, input, state)
  return state
end

function tick(state)
  state.ticks = state.ticks + 1
  if state.ticks == 3 then
    game.broadcast("ping", { n = 3, match_id = state.match_id })
  elseif state.ticks == 4 then
    game.send(state.player, { hello = "you" })
  elseif state.ticks == 6 then
    state._finished = true
    state._result = { winner = state.player, ticks = state.ticks }
  end
  return state
end

function get_state(player_id, state)
  return { ticks = state.ticks }
end
