-- Game dir of the end-to-end tests: the cross-SDK smoke mode, a runaway script, and the Java arena.
return {
  demo = "demo.lua",
  runaway = "runaway.lua",
  short = "short.lua",
  gated = "gated.lua",
  arena = "java:io.asobi.examples.arena.ArenaMode",
}
