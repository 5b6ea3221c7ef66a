-- The brawl game for eight players: issue 4's replay benchmark is a 10-minute 8-player match.
require("brawl")

match_size = 8
max_players = 8
