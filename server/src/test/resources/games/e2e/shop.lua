-- A one-player mode whose game code uses the metagame: an input {reward = n} grants n coins through
-- game.economy.grant, {score = n} submits to the "shop" leaderboard, {save = v} stores v in the player's
-- "progress" storage; the state shows the last answers.
match_size = 1
max_players = 1
tick_rate = 20

function init(config)
  return { coins = 0, submitted = false, saved = false }
end

function join(player_id, state)
  return state
end

function leave(player_id, state)
  return state
end

function handle_input(player_id, input, state)
  if input.reward then
    local r = game.economy.grant(player_id, "coins", input.reward, "shop_reward")
    if r.ok then state.coins = r.ok else state.error = r.error end
  end
  if input.score then
    state.submitted = game.leaderboard.submit("shop", player_id, input.score)
  end
  if input.save then
    local r = game.storage.player_set(player_id, "progress", "level", { level = input.save })
    state.saved = r.ok ~= nil
    if r.error then state.error = r.error end
  end
  return state
end

function get_state(player_id, state)
  return { coins = state.coins, submitted = state.submitted, saved = state.saved, error = state.error }
end
