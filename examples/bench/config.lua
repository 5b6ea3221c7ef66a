-- Modes for the tick-time benchmark (bin/bench-ticks): a 10-player Lua match at 30 Hz (brawl8: the same for eight players, for the replay benchmark) and the Java arena at 60 Hz; "world" is the 10 x 10-zone Lua world of the 2,000-bot load run (bin/bench-world).
return {
  brawl = "brawl.lua",
  brawl8 = "brawl8.lua",
  arena = "java:io.asobi.examples.arena.EndlessArenaMode",
  world = "world.lua",
}
