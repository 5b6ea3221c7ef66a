-- Modes for the tick-time benchmark (bin/bench-ticks): a 10-player Lua match at 30 Hz and the Java arena at 60 Hz.
return {
  brawl = "brawl.lua",
  arena = "java:io.asobi.examples.arena.EndlessArenaMode",
}
