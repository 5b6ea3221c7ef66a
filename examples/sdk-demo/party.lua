-- sdk_demo_backend's `party` mode: the demo game for four players in a 1200x900 arena, 90 s.
require("demo")

match_size = 4
max_players = 4
W, H = 1200, 900
DURATION_TICKS = 900
